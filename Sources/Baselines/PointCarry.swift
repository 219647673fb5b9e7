import PEMSCore

/// What one point-day's usable readings pass on to the next days' reading checks (SPEC §8,
/// §13.22): the last `Ept` reading (NEGATIVE and COUNTER_JUMP compare the next reading with
/// it) and the constant-value runs at the two ends of the day's power readings (a CONSTANT
/// run carries over midnight).
///
/// It is computed from the day alone, so it can be kept in the day cache and a look-back day
/// need not be decoded again. Times are absolute CST seconds (`Timestamp.seconds`).
public struct PointCarry: Sendable, Equatable {
    /// A maximal stretch of consecutive power readings with one identical value (kW).
    public struct Run: Sendable, Equatable {
        public var value: Double
        public var first: Int64
        public var last: Int64
        public init(value: Double, first: Int64, last: Int64) {
            self.value = value
            self.first = first
            self.last = last
        }
    }

    /// A reading at an absolute time.
    public struct Stamped: Sendable, Equatable {
        public var second: Int64
        public var value: Double
        public init(second: Int64, value: Double) {
            self.second = second
            self.value = value
        }
    }

    /// The day's last usable `Ept` reading (kWh); nil when it has none.
    public var lastEnergy: Stamped?
    /// The run the day's power readings start with (zero values included); nil when the day
    /// has no power readings.
    public var head: Run?
    /// The run they end with, when it is not the head run itself.
    public var tail: Run?

    public init(lastEnergy: Stamped? = nil, head: Run? = nil, tail: Run? = nil) {
        self.lastEnergy = lastEnergy
        self.head = head
        self.tail = tail
    }

    /// The carry of `readings` (one point on `day`). Power readings are those the checks
    /// look at (`PointDayReadings.powerReadings`); a reading of the next day appended to
    /// `energy` must not be present.
    public init(_ readings: PointDayReadings, day: Day) {
        let base = day.start.seconds
        if let e = readings.energy.last {
            lastEnergy = Stamped(second: base + Int64(e.second), value: e.value)
        }
        let power = readings.powerReadings
        guard let firstReading = power.first else { return }
        var h = Run(value: firstReading.value, first: base + Int64(firstReading.second), last: base + Int64(firstReading.second))
        var i = 1
        while i < power.count, power[i].value == h.value { h.last = base + Int64(power[i].second); i += 1 }
        head = h
        guard i < power.count, let lastReading = power.last else { return }
        var t = Run(value: lastReading.value, first: base + Int64(lastReading.second), last: base + Int64(lastReading.second))
        var j = power.count - 2
        while j >= i, power[j].value == t.value { t.first = base + Int64(power[j].second); j -= 1 }
        tail = t
    }
}
