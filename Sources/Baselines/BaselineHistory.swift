import PEMSCore

/// Each facility's most recent normal days (SPEC §6), enough to build its baseline for the
/// next day. Days are pushed in order; `baseline(facility:for:)` for day D must be asked
/// before D is pushed.
public struct BaselineHistory {
    struct NormalDay {
        var day: Day
        var runningPowerKW: Double?
        var runningEnergyKWh: Double
        var power: [Double]
    }
    var perFacility: [[NormalDay]]
    let settings: Settings

    public init(facilityCount: Int, settings: Settings) {
        perFacility = Array(repeating: [], count: facilityCount)
        self.settings = settings
    }

    /// SPEC §6 normal day: completeness ≥ 0.9, running ≥ 240 minutes, and no response
    /// applying to the enterprise overlaps the day (§13.11: heat days included).
    public static func isNormal(_ f: FacilityDay, responseOverlaps: Bool, clock: SlotClock, settings: Settings) -> Bool {
        !responseOverlaps
            && f.completeness >= settings.normalDayMinCompleteness
            && f.runningSlots * clock.minutes >= settings.normalDayMinRunningMinutes
    }

    /// Remembers a normal day of a facility (keeps the most recent `baseline_days`).
    public mutating func pushNormal(facility: Int, day: Day, _ f: FacilityDay) {
        pushNormal(facility: facility, day: day, DaySummary.NormalDay(f))
    }

    /// Remembers a normal day of a facility from its day summary.
    public mutating func pushNormal(facility: Int, day: Day, _ f: DaySummary.NormalDay) {
        // In place: a copy of the list would copy (and retain) every kept day.
        perFacility[facility].append(NormalDay(day: day, runningPowerKW: f.runningPowerKW,
                                               runningEnergyKWh: f.runningEnergyKWh, power: f.power))
        let extra = perFacility[facility].count - settings.baselineDays
        if extra > 0 { perFacility[facility].removeFirst(extra) }
    }

    /// The baseline of `facility` for `day`; nil when fewer than `baseline_min_days` normal
    /// days lie in `[day − 60, day − 1]` (BASELINE_UNAVAILABLE: never guessed).
    public func baseline(facility: Int, for day: Day) -> Baseline? {
        let days = perFacility[facility].filter {
            $0.day.index >= day.index - settings.baselineLookbackDays && $0.day.index < day.index
        }
        guard days.count >= settings.baselineMinDays, let first = days.first else { return nil }
        let powers = days.compactMap(\.runningPowerKW)
        let runningPower = powers.isEmpty ? 0 : powers.reduce(0, +) / Double(powers.count)
        let energy = days.map(\.runningEnergyKWh).reduce(0, +) / Double(days.count)
        let n = first.power.count
        var profile = [Double](repeating: .nan, count: n)
        for k in 0..<n {
            var sum = 0.0, c = 0
            for d in days where !d.power[k].isNaN { sum += d.power[k]; c += 1 }
            if c > 0 { profile[k] = sum / Double(c) }
        }
        return Baseline(days: days.map(\.day), runningPowerKW: runningPower, energyKWh: energy, profile: profile)
    }
}
