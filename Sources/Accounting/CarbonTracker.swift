import Baselines
import PEMSCore

/// Activated-carbon life since the last replacement (SPEC §9.4, §13.17) for the AC and AC+CO
/// treatment facilities that have a replacement record.
///
/// The status is taken at the end of each day from the latest replacement at or before it.
/// Running hours, energy (kWh, over all present slots) and air volume
/// (`design_airflow × q × S/60` m³ per running slot) count from the first slot starting at or
/// after `replaced_at`; days are fractional. Due when any reaches its limit (≥); a blank
/// limit is not checked. A due day violates over the whole day.
public struct CarbonTracker {
    public struct Life: Sendable, Equatable {
        public var replacedAt: Timestamp
        public var hours = 0.0
        public var kWh = 0.0
        public var m3 = 0.0
        public var days = 0.0
    }

    let facilityIndex: Int
    let facility: Facility
    let replacements: [Timestamp]
    public private(set) var life: Life?

    /// nil when the facility is not an activated-carbon one or has no replacement record.
    public init?(facility fi: Int, registry: Registry) {
        let f = registry.facilities[fi]
        guard f.usesActivatedCarbon else { return nil }
        let times = registry.carbonReplacements(ofFacility: f.id).map(\.replacedAt).sorted()
        guard !times.isEmpty else { return nil }
        facilityIndex = fi
        facility = f
        replacements = times
    }

    /// The earliest day the tracker needs to see to be exact from `day` on.
    public func firstDayNeeded(from day: Day) -> Day? {
        replacements.last(where: { $0 <= day.start })?.day
    }

    /// Accumulates `city`'s day and says whether the day ends due. `q` gives q of a slot.
    public mutating func step(city: CityDay, condition: [TreatmentCondition], q: (Int) -> Double) -> Bool {
        let dayEnd = city.day.adding(days: 1).start
        guard let latest = replacements.last(where: { $0 <= dayEnd }) else { life = nil; return false }
        if life?.replacedAt != latest { life = Life(replacedAt: latest) }
        guard var l = life else { return false }
        let clock = city.clock
        let f = city.facilities[facilityIndex]
        let airflow = facility.designAirflowM3h ?? 0
        for k in 0..<clock.slotsPerDay where clock.start(of: k, on: city.day) >= latest {
            if f.state[k] == .running {
                l.hours += clock.hours
                l.m3 += airflow * q(k) * clock.hours
            }
            if !f.power[k].isNaN { l.kWh += f.power[k] * clock.hours }
        }
        l.days = Double(dayEnd.seconds - latest.seconds) / 86_400
        life = l
        return !reachedLimits.isEmpty
    }

    /// The limits reached, with the value reached ("days", "hours", "kWh", "m3").
    public var reachedLimits: [String: Double] {
        guard let l = life else { return [:] }
        var out: [String: Double] = [:]
        if let m = facility.carbonCycleDays, l.days >= m { out["days"] = l.days }
        if let m = facility.carbonMaxHours, l.hours >= m { out["hours"] = l.hours }
        if let m = facility.carbonMaxKWh, l.kWh >= m { out["kWh"] = l.kWh }
        if let m = facility.carbonMaxM3, l.m3 >= m { out["m3"] = l.m3 }
        return out
    }

    /// `max(0, 1 − max(ratios))` over the limits set (SPEC §9.4); nil without limits.
    public var remainingCapacity: Double? {
        guard let l = life else { return nil }
        var ratios: [Double] = []
        if let m = facility.carbonCycleDays, m > 0 { ratios.append(l.days / m) }
        if let m = facility.carbonMaxHours, m > 0 { ratios.append(l.hours / m) }
        if let m = facility.carbonMaxKWh, m > 0 { ratios.append(l.kWh / m) }
        if let m = facility.carbonMaxM3, m > 0 { ratios.append(l.m3 / m) }
        guard let top = ratios.max() else { return nil }
        return max(0, 1 - top)
    }
}

extension CarbonTracker {
    /// The status at the end of the day last stepped (SPEC §9.4), as a result row; nil when no
    /// replacement governs the day.
    public func record(date: Day) -> CarbonDayRecord? {
        guard let l = life else { return nil }
        let reached = reachedLimits
        return CarbonDayRecord(date: date, facilityID: facility.id, enterpriseID: facility.enterpriseID,
                               replacedAt: l.replacedAt, runningHours: l.hours, energyKWh: l.kWh, airVolumeM3: l.m3,
                               days: l.days, remainingCapacity: remainingCapacity, due: !reached.isEmpty,
                               reached: ["days", "hours", "kWh", "m3"].filter { reached[$0] != nil })
    }
}
