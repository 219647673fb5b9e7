import PEMSCore

/// What a computed day passes on to the days after it, and nothing more (issue 20; docs/COMPUTE.md
/// "Day summaries"): each point's θ of the day (SPEC §5.2), each facility's §6 normal-day
/// figures when the day is a normal day for it, and each point's §8 reading carry.
///
/// Later days need a look-back day for three things: its present slot powers in their own
/// threshold windows (§5.2: 28 days), its normal days in their baseline windows (§6: 60 days)
/// and, in the event and activated-carbon look-back, the whole day. A day outside the
/// threshold window of every day being computed is needed only for the second, and a day
/// inside it needs its θ only to feed the §6 states of its events — so with a summary the
/// day is not computed again, and outside the threshold window not even read.
///
/// Every figure is kept bit for bit, so a computation using a summary gives exactly what
/// computing the day again would (`DayCache.loadSummary` says when one may be used).
public struct DaySummary: Sendable, Equatable {
    /// §6 figures of a normal day (`BaselineHistory.isNormal`), as a baseline averages them.
    public struct NormalDay: Sendable, Equatable {
        /// kW: mean power over the running slots with power present; nil when there is none.
        public var runningPowerKW: Double?
        /// kWh in running slots with power present.
        public var runningEnergyKWh: Double
        /// kW per slot (NaN = missing): the slot-of-day profile the baseline averages.
        public var power: [Double]

        public init(runningPowerKW: Double?, runningEnergyKWh: Double, power: [Double]) {
            self.runningPowerKW = runningPowerKW
            self.runningEnergyKWh = runningEnergyKWh
            self.power = power
        }

        init(_ f: FacilityDay) {
            self.init(runningPowerKW: f.runningPowerKW, runningEnergyKWh: f.runningEnergyKWh, power: f.power)
        }
    }

    /// Per registry point: θ of the day (`.unknown` for points that are not electrical).
    public var thresholds: [Threshold]
    /// Per registry facility: its normal-day figures, nil when the day is not normal for it.
    public var normal: [NormalDay?]
    /// Per registry point: what its readings pass on to the next day's checks (nil: nothing).
    public var carries: [PointCarry?]

    public init(thresholds: [Threshold], normal: [NormalDay?], carries: [PointCarry?]) {
        self.thresholds = thresholds
        self.normal = normal
        self.carries = carries
    }

    /// The summary of a computed day and its points' carries.
    public init(_ city: CityDay, carries: [PointCarry?]) {
        thresholds = city.thresholds
        normal = city.facilities.indices.map { city.normal[$0] ? NormalDay(city.facilities[$0]) : nil }
        self.carries = carries
    }
}
