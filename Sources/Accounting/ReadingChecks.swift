import Baselines
import PEMSCore

/// The reading-level data-quality checks of SPEC §8 (§13.22) for every electrical point,
/// fed day by day with the point's usable readings. Counter steps and constant runs carry
/// over midnight: a step is dated by its later reading, a constant run is reported on every
/// day it touches.
public struct ReadingChecks {
    struct Carry {
        /// Absolute CST seconds and value of the last usable `Ept` reading seen.
        var lastEnergy: (Int64, Double)?
        /// The current run of identical non-zero `Pt` readings (value, first, last seconds).
        var run: (Double, Int64, Int64)?
    }

    /// What one point-day's readings showed.
    public struct DayFacts: Sendable, Equatable {
        public var negative = false
        public var counterJump = false
        /// kWh, last − first usable `Ept` inside the day.
        public var deltaEnergyKWh: Double?
        /// kW, the day's max usable `Pt`; nil when the day has no `Pt`.
        public var maxPowerKW: Double?
        public init() {}
    }

    let settings: Settings
    let registry: Registry
    var carry: [Carry]
    /// point index → days (index) a constant run touched.
    public private(set) var constantDays: [Int: Set<Int>] = [:]

    public init(registry: Registry, settings: Settings) {
        self.registry = registry
        self.settings = settings
        carry = Array(repeating: Carry(), count: registry.points.count)
    }

    /// Checks a point's readings of `day`.
    public mutating func observe(point i: Int, day: Day, _ r: PointDayReadings) -> DayFacts {
        var facts = DayFacts()
        let p = registry.points[i]
        guard p.isElectrical else { return facts }
        let base = day.start.seconds
        var maxPt: Double?
        for x in r.fine { maxPt = max(maxPt ?? x.value, x.value); if x.value < 0 { facts.negative = true } }
        for x in r.hour { maxPt = max(maxPt ?? x.value, x.value); if x.value < 0 { facts.negative = true } }
        facts.maxPowerKW = maxPt
        // Counter: steps back (NEGATIVE) and jumps (COUNTER_JUMP), dated by the later reading.
        let jumpBase = max(p.ratedKWOrZero, maxPt ?? 0)
        var last = carry[i].lastEnergy
        for x in r.energy {
            let t = base + Int64(x.second)
            if let (t1, e1) = last {
                if x.value < e1 { facts.negative = true }
                let dt = Double(t - t1) / 3600
                if dt > 0, jumpBase > 0, (x.value - e1) / dt > settings.dqCounterJumpFactor * jumpBase {
                    facts.counterJump = true
                }
            }
            last = (t, x.value)
        }
        carry[i].lastEnergy = last
        if let first = r.energy.first, let lastE = r.energy.last { facts.deltaEnergyKWh = lastE.value - first.value }
        // CONSTANT: consecutive usable Pt readings with one identical non-zero value.
        var run = carry[i].run
        for x in r.powerReadings {
            let t = base + Int64(x.second)
            if let (v, first, _) = run, v == x.value {
                run = (v, first, t)
            } else {
                if let done = run { closeRun(point: i, done) }
                run = x.value != 0 ? (x.value, t, t) : nil
            }
        }
        carry[i].run = run
        return facts
    }

    /// Passes over a look-back day known only by its carry (the day cache): afterwards the
    /// state is what `observe` on the day's readings would have left. Runs closed inside the
    /// day touch only that day and earlier ones, which are before the period and never
    /// reported, so the runs between the day's head and tail need not be known.
    public mutating func skim(point i: Int, _ c: PointCarry) {
        guard registry.points[i].isElectrical else { return }
        if let e = c.lastEnergy { carry[i].lastEnergy = (e.second, e.value) }
        guard let head = c.head else { return }
        var run = carry[i].run
        if let (v, first, _) = run, v == head.value {
            run = (v, first, head.last)
        } else {
            if let done = run { closeRun(point: i, done) }
            run = head.value != 0 ? (head.value, head.first, head.last) : nil
        }
        if let tail = c.tail {
            if let done = run { closeRun(point: i, done) }
            run = tail.value != 0 ? (tail.value, tail.first, tail.last) : nil
        }
        carry[i].run = run
    }

    mutating func closeRun(point i: Int, _ run: (Double, Int64, Int64)) {
        let (_, first, last) = run
        guard last - first >= Int64(settings.dqConstantMinutes) * 60 else { return }
        let d0 = Timestamp(seconds: first).day.index, d1 = Timestamp(seconds: last).day.index
        constantDays[i, default: []].formUnion(d0...d1)
    }

    /// Ends the runs still open (the feed reached the period's end).
    public mutating func finish() {
        for i in carry.indices { if let run = carry[i].run { closeRun(point: i, run); carry[i].run = nil } }
    }
}
