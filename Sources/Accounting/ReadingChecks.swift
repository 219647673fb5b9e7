import Baselines
import PEMSCore

/// The reading-level data-quality checks of SPEC §8 (§13.22; SPEC 2 VOLTAGE_LOOP and
/// CURRENT_LOOP, §13.33) for every electrical point, fed day by day with the point's usable
/// readings (`Pt` includes `Pa + Pb + Pc` where the point has no `Pt`, SPEC 2 §4, §13.27). Counter steps and constant runs carry
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
        /// SPEC 2 VOLTAGE_LOOP: the day's slots with a lost phase voltage; nil without any.
        public var voltageLoop: PhaseFault?
        /// SPEC 2 CURRENT_LOOP: the day's slots with a reversed phase power; nil without any.
        public var currentLoop: PhaseFault?
        public init() {}
    }

    /// The slots of one day where a phase check fails (SPEC 2 §8, §13.33), and the numbers
    /// of the worst of them for the finding's detail.
    public struct PhaseFault: Sendable, Equatable {
        public var slots: Int
        /// VOLTAGE_LOOP: the lowest phase voltage (V); CURRENT_LOOP: the most negative phase
        /// power (kW) — in the worst slot.
        public var low: Double
        /// VOLTAGE_LOOP: the highest phase voltage (V); CURRENT_LOOP: the phase sum (kW) — in
        /// the same slot.
        public var high: Double
        public init(slots: Int, low: Double, high: Double) {
            self.slots = slots
            self.low = low
            self.high = high
        }
    }

    /// SPEC 2 §8 VOLTAGE_LOOP: a slot where the largest phase voltage is ≥ 100 V and the
    /// smallest < 0.2 × the largest (a lost phase, 缺相).
    static let voltageLoopMinHighV = 100.0
    static let voltageLoopLowRatio = 0.2
    /// SPEC 2 §8 CURRENT_LOOP: a slot whose phase sum is > 0 with one phase < −0.1 kW (a
    /// current transformer wired backwards, 反接).
    static let currentLoopNegativeKW = -0.1

    let settings: Settings
    let registry: Registry
    let clock: SlotClock
    var carry: [Carry]
    /// point index → days (index) a constant run touched.
    public private(set) var constantDays: [Int: Set<Int>] = [:]

    public init(registry: Registry, settings: Settings) {
        self.registry = registry
        self.settings = settings
        clock = SlotClock(minutes: settings.slotMinutes)
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
        if let phases = r.phases {
            facts.voltageLoop = Self.voltageLoop(phases, clock: clock)
            facts.currentLoop = Self.currentLoop(phases, clock: clock)
        }
        return facts
    }

    /// SPEC 2 §8 VOLTAGE_LOOP over the slot means of usable `Ua`, `Ub`, `Uc` (§13.33): slots
    /// where all three are present, the largest ≥ 100 V and the smallest < 0.2 × the largest.
    /// A point that does not report all three never has such a slot.
    static func voltageLoop(_ phases: PhaseReadings, clock: SlotClock) -> PhaseFault? {
        guard PhaseReadings.Param.voltages.allSatisfy(phases.has) else { return nil }
        let a = phases.slotMeans(.ua, clock: clock), b = phases.slotMeans(.ub, clock: clock)
        let c = phases.slotMeans(.uc, clock: clock)
        var fault: PhaseFault?
        var worstRatio = Double.infinity
        for k in 0..<clock.slotsPerDay where !a[k].isNaN && !b[k].isNaN && !c[k].isNaN {
            let high = max(a[k], b[k], c[k]), low = min(a[k], b[k], c[k])
            guard high >= voltageLoopMinHighV, low < voltageLoopLowRatio * high else { continue }
            let slots = (fault?.slots ?? 0) + 1
            if low / high < worstRatio {
                worstRatio = low / high
                fault = PhaseFault(slots: slots, low: low, high: high)
            } else {
                fault?.slots = slots
            }
        }
        return fault
    }

    /// SPEC 2 §8 CURRENT_LOOP over the slot means of usable `Pa`, `Pb`, `Pc` (§13.33): slots
    /// where all three are present, their sum (not the reported `Pt`) is > 0 and one is
    /// < −0.1 kW.
    static func currentLoop(_ phases: PhaseReadings, clock: SlotClock) -> PhaseFault? {
        guard PhaseReadings.Param.powers.allSatisfy(phases.has) else { return nil }
        let a = phases.slotMeans(.pa, clock: clock), b = phases.slotMeans(.pb, clock: clock)
        let c = phases.slotMeans(.pc, clock: clock)
        var fault: PhaseFault?
        for k in 0..<clock.slotsPerDay where !a[k].isNaN && !b[k].isNaN && !c[k].isNaN {
            let sum = a[k] + b[k] + c[k], low = min(a[k], b[k], c[k])
            guard sum > 0, low < currentLoopNegativeKW else { continue }
            let slots = (fault?.slots ?? 0) + 1
            if low < (fault?.low ?? .infinity) {
                fault = PhaseFault(slots: slots, low: low, high: sum)
            } else {
                fault?.slots = slots
            }
        }
        return fault
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

    /// Point `i`'s state as `other` holds it (a copy that observed the point on another
    /// thread: `DayObservation`).
    mutating func adopt(point i: Int, from other: ReadingChecks) {
        carry[i] = other.carry[i]
        constantDays[i] = other.constantDays[i]
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
