import Baselines
import PEMSCore

/// Turns violating slots into events (SPEC §7): violating slots separated by at most
/// `merge_gap_slots` other slots merge into one event, gap slots included (§13.13); an event
/// counts only when `end − start ≥ min_minutes` of its rule. Days are fed in order, so an
/// event runs across midnight naturally; whatever is open when the feed stops is cut there.
public struct EventTracker {
    /// What an event is about: a rule on a facility (or, for OFFLINE, an enterprise).
    public struct Key: Hashable, Sendable {
        public var rule: AnomalyRule
        public var enterprise: Int
        /// -1 for enterprise-level rules.
        public var facility: Int
    }

    /// What one violating slot contributes to the evidence.
    public struct SlotSample {
        /// kW, NaN when missing.
        public var powerKW: Double = .nan
        public var allowedKW: Double = .nan
        public var ratio: Double = .nan
        public var levels: [String] = []
        public var responseIDs: [String] = []
        public var sensors: [(String, Double)] = []
        public init() {}
    }

    struct Open {
        var startAbs: Int
        var lastAbs: Int
        var evidence: EventEvidence
        var powerSum = 0.0
        var powerCount = 0
    }

    /// A finished event in absolute slots (day index × slots per day + slot).
    public struct Closed: Sendable {
        public var key: Key
        public var startAbs: Int
        public var endAbs: Int  // exclusive
        public var evidence: EventEvidence
    }

    let settings: Settings
    let clock: SlotClock
    var open: [Key: Open] = [:]
    public private(set) var closed: [Closed] = []

    public init(settings: Settings) {
        self.settings = settings
        clock = SlotClock(minutes: settings.slotMinutes)
    }

    /// Feeds one day of a subject's violating slots. `marks[k]` must already be false where an
    /// approved exemption covers slot k. `context` is asked once when an event opens (the
    /// thresholds and baseline of that day); `sample` for each violating slot.
    public mutating func feed(_ key: Key, day: Day, marks: [Bool], context: () -> EventEvidence,
                              sample: (Int) -> SlotSample) {
        let base = day.index * clock.slotsPerDay
        for k in 0..<marks.count where marks[k] {
            let abs = base + k
            let s = sample(k)
            if var o = open[key], abs - o.lastAbs - 1 <= settings.mergeGapSlots {
                o.evidence.gapSlots += abs - o.lastAbs - 1
                o.lastAbs = abs
                Self.add(s, to: &o)
                open[key] = o
            } else {
                if let o = open[key] { close(key, o) }
                var o = Open(startAbs: abs, lastAbs: abs, evidence: context())
                Self.add(s, to: &o)
                open[key] = o
            }
        }
    }

    static func add(_ s: SlotSample, to o: inout Open) {
        o.evidence.violatingSlots += 1
        if !s.powerKW.isNaN {
            o.powerSum += s.powerKW
            o.powerCount += 1
            o.evidence.maxPowerKW = max(o.evidence.maxPowerKW ?? -.infinity, s.powerKW)
            o.evidence.meanPowerKW = o.powerSum / Double(o.powerCount)
        }
        if !s.allowedKW.isNaN { o.evidence.allowedPowerKW = s.allowedKW }
        if !s.ratio.isNaN { o.evidence.ratio = s.ratio }
        for l in s.levels where !(o.evidence.levels ?? []).contains(l) { o.evidence.levels = (o.evidence.levels ?? []) + [l] }
        for r in s.responseIDs where !(o.evidence.responseIDs ?? []).contains(r) {
            o.evidence.responseIDs = (o.evidence.responseIDs ?? []) + [r]
        }
        for (id, v) in s.sensors {
            var range = o.evidence.sensorRanges ?? [:]
            if let r = range[id] { range[id] = [min(r[0], v), max(r[1], v)] } else { range[id] = [v, v] }
            o.evidence.sensorRanges = range
        }
    }

    /// Replaces the evidence of an open event (CARBON_OVERDUE keeps its latest figures).
    public mutating func updateOpenEvidence(_ key: Key, _ update: (inout EventEvidence) -> Void) {
        guard var o = open[key] else { return }
        update(&o.evidence)
        open[key] = o
    }

    mutating func close(_ key: Key, _ o: Open) {
        open[key] = nil
        let minutes = (o.lastAbs + 1 - o.startAbs) * clock.minutes
        guard minutes >= (settings.minMinutes[key.rule.rawValue] ?? 0) else { return }
        closed.append(Closed(key: key, startAbs: o.startAbs, endAbs: o.lastAbs + 1, evidence: o.evidence))
    }

    /// Closes every open event (the feed has reached the period's end).
    public mutating func finish() {
        for key in open.keys.sorted(by: { ($0.rule, $0.enterprise, $0.facility) < ($1.rule, $1.enterprise, $1.facility) }) {
            if let o = open[key] { close(key, o) }
        }
    }
}
