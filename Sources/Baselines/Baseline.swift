import PEMSCore

/// A facility's five-day baseline as of a day D (SPEC §6): built from the `baseline_days`
/// (default 5) most recent normal days in `[D − 60, D − 1]`; never built from fewer than
/// `baseline_min_days` (default 3).
public struct Baseline: Sendable, Equatable {
    /// The normal days used, oldest first.
    public var days: [Day]
    /// kW: mean over those days of each day's mean power over running slots.
    public var runningPowerKW: Double
    /// kWh: mean over those days of the energy in running slots.
    public var energyKWh: Double
    /// kW per slot of day: mean present power over those days; NaN where none was present.
    public var profile: [Double]

    public init(days: [Day], runningPowerKW: Double, energyKWh: Double, profile: [Double]) {
        self.days = days
        self.runningPowerKW = runningPowerKW
        self.energyKWh = energyKWh
        self.profile = profile
    }

    /// kW: mean of the profile over the slots a window takes (SPEC §6, §13.15), skipping
    /// slots with no profile value; nil when none has one.
    public func windowMean(slots: [Int]) -> Double? {
        var sum = 0.0, n = 0
        for k in slots where !profile[k].isNaN { sum += profile[k]; n += 1 }
        return n > 0 ? sum / Double(n) : nil
    }
}
