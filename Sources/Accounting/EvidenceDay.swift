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
        try Reader(store: store, registry: registry, settings: settings).read(day: day, pointIDs: pointIDs)
    }

    /// Reads the days and points `wanted` (`EvidencePack.wanted`), one read of each day.
    public static func read(store: Store, registry: Registry, settings: Settings,
                            wanted: [Day: Set<String>]) throws -> [Day: EvidenceDay] {
        try Reader(store: store, registry: registry, settings: settings).read(wanted: wanted)
    }

    /// Reads evidence days for several callers through one `DayReadingSource` (its channel map
    /// built once): the enterprise files of a month each read a few points on a few days. A
    /// read of some points walks only their channels (runs of consecutive channel ids, one
    /// query each; more than `maxChannelRuns` runs walk the whole day), so an enterprise's
    /// evidence does not decode the city's day.
    public struct Reader {
        static let maxChannelRuns = 64
        let source: DayReadingSource
        /// point id → its channel id (built once: filtering the registry's points per read
        /// cost more than a month of enterprise files' reads at city scale).
        let channelOfPoint: [String: Int]
        let registry: Registry
        let clock: SlotClock
        let slotMinutes: Int

        public init(store: Store, registry: Registry, settings: Settings) throws {
            source = try DayReadingSource(store: store, registry: registry, maxAbsValue: settings.loadMaxAbsValue)
            let channels = try store.channelIDs()
            var channelOfPoint: [String: Int] = [:]
            for p in registry.points {
                if let c = channels[ChannelKey(mn: p.mn, code: p.code)] { channelOfPoint[p.id] = c }
            }
            self.channelOfPoint = channelOfPoint
            self.registry = registry
            clock = SlotClock(minutes: settings.slotMinutes)
            slotMinutes = settings.slotMinutes
        }

        /// Reads `day` for the points in `pointIDs` (all of the registry's points when nil).
        public func read(day: Day, pointIDs: Set<String>? = nil) throws -> EvidenceDay {
            var values: [String: [Double]] = [:]
            for range in channelRanges(pointIDs) {
                try source.readDay(day, channels: range) { index, readings in
                    let p = registry.points[index]
                    if let pointIDs, !pointIDs.contains(p.id) { return }
                    values[p.id] = SlotValues.compute(readings, clock: clock, useEnergy: p.isElectrical)
                }
            }
            return EvidenceDay(day: day, slotMinutes: slotMinutes, values: values)
        }

        /// Reads the days and points `wanted`, one read of each day.
        public func read(wanted: [Day: Set<String>]) throws -> [Day: EvidenceDay] {
            var days: [Day: EvidenceDay] = [:]
            for (d, ids) in wanted { days[d] = try read(day: d, pointIDs: ids) }
            return days
        }

        /// The channel id runs holding `pointIDs` (none when none of them has a channel); the
        /// whole day for nil or too many runs.
        func channelRanges(_ pointIDs: Set<String>?) -> [ClosedRange<Int>] {
            guard let pointIDs else { return [Int.min...Int.max] }
            let ids = pointIDs.compactMap { channelOfPoint[$0] }.sorted()
            var runs: [ClosedRange<Int>] = []
            for c in ids {
                if let last = runs.last, c <= last.upperBound + 1 {
                    runs[runs.count - 1] = last.lowerBound...max(last.upperBound, c)
                } else {
                    runs.append(c...c)
                }
            }
            return runs.count > Self.maxChannelRuns ? [Int.min...Int.max] : runs
        }
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
