import Baselines
import PEMSCore

/// One CST day of slot values (SPEC §4) for the points an evidence chart shows, read through
/// the Baselines read API (`DayReadingSource` + `SlotValues`), read-only. Read by the
/// computing side (a job, `pems evidence`, the demo) and handed to the evidence pack, which
/// draws them and computes nothing. Electrical points in
/// kW, sensors in their unit; NaN = missing slot. A counter-only point's last slot of the day
/// stays missing here (its pair with the next day's first reading is not read).
public struct EvidenceDay: Sendable {
    public let day: Day
    public let slotMinutes: Int
    /// point id → one value per slot.
    public let values: [String: [Double]]

    /// Reads `day` for the points in `pointIDs` (all of the registry's points when nil).
    public static func read(store: Store, registry: Registry, settings: Settings, day: Day,
                            pointIDs: Set<String>? = nil) throws -> EvidenceDay {
        let clock = SlotClock(minutes: settings.slotMinutes)
        let source = try DayReadingSource(store: store, registry: registry, maxAbsValue: settings.loadMaxAbsValue)
        var values: [String: [Double]] = [:]
        try source.readDay(day) { index, readings in
            let p = registry.points[index]
            if let pointIDs, !pointIDs.contains(p.id) { return }
            values[p.id] = SlotValues.compute(readings, clock: clock, useEnergy: p.isElectrical)
        }
        return EvidenceDay(day: day, slotMinutes: settings.slotMinutes, values: values)
    }

    /// Reads the days and points `wanted` (`EvidencePack.wanted`), one read of each day.
    public static func read(store: Store, registry: Registry, settings: Settings,
                            wanted: [Day: Set<String>]) throws -> [Day: EvidenceDay] {
        var days: [Day: EvidenceDay] = [:]
        for (d, ids) in wanted {
            days[d] = try read(store: store, registry: registry, settings: settings, day: d, pointIDs: ids)
        }
        return days
    }

    public init(day: Day, slotMinutes: Int, values: [String: [Double]]) {
        self.day = day
        self.slotMinutes = slotMinutes
        self.values = values
    }

    public var slotsPerDay: Int { 1440 / slotMinutes }

    /// A facility's power per slot (kW): the sum of its electrical points, NaN unless all are
    /// present (SPEC §4: a facility's slot is present when all its points are).
    public func facilityPower(_ points: [Point]) -> [Double] {
        let electrical = points.filter(\.isElectrical)
        guard !electrical.isEmpty else { return [] }
        return (0..<slotsPerDay).map { k in
            var sum = 0.0
            for p in electrical {
                guard let v = values[p.id]?[k], !v.isNaN else { return .nan }
                sum += v
            }
            return sum
        }
    }

    /// The summed power of several facilities per slot (kW): an enterprise-level limit event
    /// judges Σ power over its limited lines (SPEC 2 §7, §13.31), so its evidence draws that
    /// sum. NaN unless every point of every facility is present, as the rule judges only slots
    /// where every line has present power.
    public func sumPower(_ facilities: [[Point]]) -> [Double] {
        facilityPower(facilities.flatMap { $0 })
    }
}
