import Baselines
import PEMSCore

/// Turns violating slots into events (SPEC §7): violating slots separated by at most
/// `merge_gap_slots` other slots merge into one event, gap slots included (§13.13); an event
/// counts only when `end − start ≥ min_minutes` of its rule. Days are fed in order, so an
/// event runs across midnight naturally; whatever is open when the feed stops is cut there.
/// SPEC 2 STOP_VIOLATION is cumulative instead (`feedCumulativeDay`, §7, §13.30): one event
/// per subject and calendar day. Every event keeps its runs of consecutive violating slots,
/// which is what §12's `violating_minutes` counts.
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
        /// kW: the baseline the slot was judged against (SPEC 2 enterprise LIMIT: Σ over L).
        public var baselineKW: Double = .nan
        /// SPEC 2 enterprise LIMIT: the production facilities under a limit order (L), by id.
        public var facilities: [String] = []
        /// SPEC 2 EXEMPTION_BREACH: the exemption the slot was covered by.
        public var exemption: ExemptionNote?
        public init() {}
    }

    struct Open {
        var startAbs: Int
        var lastAbs: Int
        var evidence: EventEvidence
        var powerSum = 0.0
        var powerCount = 0
        /// Runs of consecutive violating slots, absolute `[start, end)`.
        var runs: [Range<Int>]

        init(startAbs: Int, evidence: EventEvidence) {
            self.startAbs = startAbs
            lastAbs = startAbs
            self.evidence = evidence
            runs = [startAbs..<startAbs + 1]
        }

        /// Adds violating slot `abs` (after `lastAbs`): the slots between are gap slots.
        mutating func extend(to abs: Int) {
            evidence.gapSlots += abs - lastAbs - 1
            if abs == lastAbs + 1 { runs[runs.count - 1] = runs[runs.count - 1].lowerBound..<abs + 1 } else {
                runs.append(abs..<abs + 1)
            }
            lastAbs = abs
        }
    }

    /// A finished event in absolute slots (day index × slots per day + slot).
    public struct Closed: Sendable {
        public var key: Key
        public var startAbs: Int
        public var endAbs: Int  // exclusive
        public var evidence: EventEvidence
        /// Its runs of consecutive violating slots, absolute `[start, end)`, in order: gap and
        /// exempted slots are outside them (SPEC 2 §12 `violating_minutes`).
        public var runs: [Range<Int>]
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
                o.extend(to: abs)
                Self.add(s, to: &o)
                open[key] = o
            } else {
                if let o = open[key] { close(key, o) }
                var o = Open(startAbs: abs, evidence: context())
                Self.add(s, to: &o)
                open[key] = o
            }
        }
    }

    /// SPEC 2 §7, §13.30 (STOP_VIOLATION, seed 001 §7.1 "累计时间 > 门限时间"): the day's violating
    /// slots of a subject form one event whatever the gaps between them (`merge_gap_slots`
    /// plays no part); it counts when violating slots × S ≥ `min_minutes` of the rule, and runs
    /// from the first violating slot's start to the last one's end, so it never crosses
    /// midnight. `marks` must already be false where an approved exemption covers a slot; the
    /// evidence lists each run of consecutive violating slots (`violatingRuns`).
    public mutating func feedCumulativeDay(_ key: Key, day: Day, marks: [Bool], context: () -> EventEvidence,
                                           sample: (Int) -> SlotSample) {
        let base = day.index * clock.slotsPerDay
        var event: Open?
        for k in 0..<marks.count where marks[k] {
            let abs = base + k
            if event == nil { event = Open(startAbs: abs, evidence: context()) } else { event!.extend(to: abs) }
            Self.add(sample(k), to: &event!)
        }
        guard var o = event, o.evidence.violatingSlots * clock.minutes >= (settings.minMinutes[key.rule.rawValue] ?? 0)
        else { return }
        let seconds = Int64(clock.seconds)
        o.evidence.violatingRuns = o.runs.map {
            EventSpan(start: Timestamp(seconds: Int64($0.lowerBound) * seconds), end: Timestamp(seconds: Int64($0.upperBound) * seconds))
        }
        closed.append(Closed(key: key, startAbs: o.startAbs, endAbs: o.lastAbs + 1, evidence: o.evidence, runs: o.runs))
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
        if !s.baselineKW.isNaN { o.evidence.baselinePowerKW = s.baselineKW }
        if !s.facilities.isEmpty {
            let known = o.evidence.limitedFacilities ?? []
            if s.facilities.contains(where: { !known.contains($0) }) {
                o.evidence.limitedFacilities = Set(known + s.facilities).sorted()
            }
        }
        if o.evidence.exemption == nil, let x = s.exemption { o.evidence.exemption = x }
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
        closed.append(Closed(key: key, startAbs: o.startAbs, endAbs: o.lastAbs + 1, evidence: o.evidence, runs: o.runs))
    }

    /// Closes every open event (the feed has reached the period's end).
    public mutating func finish() {
        for key in open.keys.sorted(by: { ($0.rule, $0.enterprise, $0.facility) < ($1.rule, $1.enterprise, $1.facility) }) {
            if let o = open[key] { close(key, o) }
        }
    }
}
