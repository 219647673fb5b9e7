import Baselines
import PEMSCore

/// SPEC §7 over the days a computation steps through from the event look-back on: marks each
/// day's violating slots of every rule (approved exemptions taken out, §13.14) and feeds
/// them to the `EventTracker`, which merges them into events across midnight; `events` then
/// lists those overlapping the period with their minutes inside it.
///
/// Issue 18: a second pass made with `ignoringExemptions` treats every exemption as not
/// approved (no slot exempted, no EXEMPTION_BREACH) and judges only the facilities and
/// enterprises of its `Scope`; `exemptedEvents` then lists what it found that an approved
/// exemption reaches.
struct EventPass {
    /// What an exemption-ignoring pass judges: facilities by index, and the enterprises (by
    /// index) whose enterprise-level rules (LIMIT_VIOLATION, OFFLINE) it judges.
    struct Scope {
        var facilities: Set<Int> = []
        var enterprises: Set<Int> = []
        var isEmpty: Bool { facilities.isEmpty && enterprises.isEmpty }
    }
    let registry: Registry
    let topology: CityTopology
    let settings: Settings
    let clock: SlotClock
    let enterpriseIndex: [String: Int]
    let facilityIndex: [String: Int]
    var tracker: EventTracker
    /// Set for the exemption-ignoring pass: only these are judged, and no exemption applies.
    let ignoring: Scope?

    init(registry: Registry, topology: CityTopology, settings: Settings, clock: SlotClock,
         ignoringExemptions: Scope? = nil) {
        ignoring = ignoringExemptions
        self.registry = registry
        self.topology = topology
        self.settings = settings
        self.clock = clock
        enterpriseIndex = Dictionary(uniqueKeysWithValues: registry.enterprises.enumerated().map { ($1.id, $0) })
        facilityIndex = Dictionary(uniqueKeysWithValues: registry.facilities.enumerated().map { ($1.id, $0) })
        tracker = EventTracker(settings: settings)
    }

    /// Feeds `city`'s day: the treatment rules from each treatment facility's §5.4 conditions
    /// (`treatment`), CARBON_OVERDUE for the facilities in `carbonDue` (§9.4, with the limits
    /// reached), the measure rules of the production facilities (STOP cumulative per day, SHIFT),
    /// LIMIT per enterprise, EXEMPTION_BREACH, then OFFLINE.
    mutating func feed(_ city: CityDay, treatment: [TreatmentDay?], carbonDue: [Int: [String: Double]]) {
        let n = clock.slotsPerDay
        let day = city.day
        let dayStart = day.start, dayEnd = day.adding(days: 1).start
        var responsesOfDistrict: [String: [ActiveResponse]] = [:]
        func responses(_ district: String) -> [ActiveResponse] {
            if let r = responsesOfDistrict[district] { return r }
            let r = registry.responses(covering: district, overlapping: dayStart, dayEnd, heatMinTempC: settings.heatShiftMinTempC)
            responsesOfDistrict[district] = r
            return r
        }
        func exemptMask(enterprise: String, facility: String?) -> [Bool]? {
            if ignoring != nil { return nil }
            var mask: [Bool]?
            for x in registry.exemptions(ofEnterprise: enterprise) where x.status == .approved {
                if let fid = x.facilityID, fid != facility { continue }
                guard x.start < dayEnd, x.end > dayStart else { continue }
                for k in 0..<n {
                    let t = clock.start(of: k, on: day)
                    if t >= x.start && t < x.end {
                        if mask == nil { mask = Array(repeating: false, count: n) }
                        mask![k] = true
                    }
                }
            }
            return mask
        }
        func context(_ fi: Int) -> EventEvidence {
            var e = EventEvidence()
            e.baselinePowerKW = city.baselines[fi]?.runningPowerKW
            var th: [String: Double] = [:]
            for pi in topology.electricalPoints[fi] { if let kw = city.thresholds[pi].kw { th[registry.points[pi].id] = kw } }
            e.thresholdsKW = th.isEmpty ? nil : th
            return e
        }

        // Per enterprise: its production facilities with a limit row in force today (SPEC 2 §13.31).
        var limitLines: [Int: [(facility: Int, measures: MeasureViolations)]] = [:]
        for (fi, f) in registry.facilities.enumerated() {
            if let ignoring, !ignoring.facilities.contains(fi) { continue }
            let ei = enterpriseIndex[f.enterpriseID] ?? -1
            let fd = city.facilities[fi]
            let exempt = exemptMask(enterprise: f.enterpriseID, facility: f.id)
            func marks(_ base: [Bool]) -> [Bool] {
                guard let exempt else { return base }
                return zip(base, exempt).map { $0 && !$1 }
            }
            if let t = treatment[fi] {
                if let reached = carbonDue[fi] {
                    let key = EventTracker.Key(rule: .carbonOverdue, enterprise: ei, facility: fi)
                    tracker.feed(key, day: day, marks: Array(repeating: true, count: n), context: { EventEvidence() }) { _ in .init() }
                    tracker.updateOpenEvidence(key) { $0.carbon = reached }
                }
                for (rule, cond) in [(AnomalyRule.treatmentStopped, TreatmentCondition.stopped),
                                     (.treatmentIneffective, .ineffective), (.treatmentLow, .low)] {
                    var m = [Bool](repeating: false, count: n)
                    var any = false
                    for k in 0..<n where t.inN[k] && t.condition[k] == cond { m[k] = true; any = true }
                    guard any else { continue }
                    let key = EventTracker.Key(rule: rule, enterprise: ei, facility: fi)
                    tracker.feed(key, day: day, marks: marks(m), context: { context(fi) }) { k in
                        var s = EventTracker.SlotSample()
                        s.powerKW = fd.power[k]
                        if rule == .treatmentLow, let b = city.baselines[fi] {
                            s.ratio = settings.lowRatio
                            s.allowedKW = settings.lowRatio * b.runningPowerKW
                        }
                        // SPEC 2 §5.4, §13.29: STOPPED while running is idling; the evidence shows
                        // the line it fell under (idle_ratio × baseline).
                        if rule == .treatmentStopped, fd.state[k] == .running, let b = city.baselines[fi] {
                            s.ratio = settings.idleRatio
                            s.allowedKW = settings.idleRatio * b.runningPowerKW
                        }
                        if rule == .treatmentIneffective {
                            s.sensors = t.outOfRange[k].compactMap { pi in
                                city.pointValues[pi].map { (registry.points[pi].id, $0[k]) }
                            }
                        }
                        return s
                    }
                }
            } else {
                // No measure is in force on a facility that is not production or whose district
                // no response covers today: nothing to judge (`MeasureViolations` would be empty).
                guard f.kind == .production else { continue }
                let district = registry.enterprise(id: f.enterpriseID)?.districtCode ?? ""
                let active = responses(district)
                guard !active.isEmpty else { continue }
                let v = MeasureViolations(facility: fi, city: city, registry: registry, responses: active)
                if ei >= 0, v.limitRatio.contains(where: { !$0.isNaN }) { limitLines[ei, default: []].append((fi, v)) }
                func sample(_ k: Int) -> EventTracker.SlotSample {
                    var s = EventTracker.SlotSample()
                    s.powerKW = fd.power[k]
                    s.allowedKW = v.allowedKW[k]
                    s.ratio = v.ratio[k]
                    s.levels = v.levels[k]
                    s.responseIDs = v.responseIDs[k]
                    return s
                }
                // SPEC 2 §7, §13.30: STOP_VIOLATION adds up the day's running slots under a stop order.
                if v.stop.contains(true) {
                    tracker.feedCumulativeDay(EventTracker.Key(rule: .stopViolation, enterprise: ei, facility: fi), day: day,
                                              marks: marks(v.stop), context: { context(fi) }, sample: sample)
                }
                if v.shift.contains(true) {
                    tracker.feed(EventTracker.Key(rule: .shiftViolation, enterprise: ei, facility: fi), day: day,
                                 marks: marks(v.shift), context: { context(fi) }, sample: sample)
                }
            }
        }

        // LIMIT_VIOLATION per enterprise (SPEC 2 §7, §13.31): facility_id empty; only approved
        // whole-enterprise exemptions cover it.
        for ei in limitLines.keys.sorted() {
            if let ignoring, !ignoring.enterprises.contains(ei) { continue }
            let lines = limitLines[ei]!
            let judged = EnterpriseLimit(lines: lines, city: city)
            guard judged.violating.contains(true) else { continue }
            var m = judged.violating
            if let exempt = exemptMask(enterprise: registry.enterprises[ei].id, facility: nil) {
                for k in 0..<n where exempt[k] { m[k] = false }
            }
            tracker.feed(EventTracker.Key(rule: .limitViolation, enterprise: ei, facility: -1), day: day, marks: m,
                         context: {
                             var e = EventEvidence()
                             var th: [String: Double] = [:]
                             for (fi, _) in lines {
                                 for pi in topology.electricalPoints[fi] {
                                     if let kw = city.thresholds[pi].kw { th[registry.points[pi].id] = kw }
                                 }
                             }
                             e.thresholdsKW = th.isEmpty ? nil : th
                             return e
                         }) { k in
                var s = EventTracker.SlotSample()
                s.powerKW = judged.powerKW[k]
                s.baselineKW = judged.baselineKW[k]
                s.allowedKW = judged.allowedKW[k]
                if judged.baselineKW[k] > 0 { s.ratio = judged.allowedKW[k] / judged.baselineKW[k] }
                s.facilities = judged.limited[k].map { registry.facilities[$0].id }
                s.levels = judged.levels[k]
                s.responseIDs = judged.responseIDs[k]
                return s
            }
        }

        // EXEMPTION_BREACH (SPEC 2 §7, §13.32; seed 003 附件4 "对应的生产设施必须同步停运"): an
        // approved exemption naming a treatment facility of its enterprise covers the slot
        // (§13.14) while that facility's production side runs. Never itself exempted; an
        // unknown production side does not violate.
        var breaches: [Int: (marks: [Bool], notes: [ExemptionNote?])] = [:]
        for x in registry.exemptions where x.status == .approved && ignoring == nil {
            guard let fid = x.facilityID, let ti = facilityIndex[fid], registry.facilities[ti].kind == .treatment,
                  registry.facilities[ti].enterpriseID == x.enterpriseID, x.start < dayEnd, x.end > dayStart,
                  let side = city.productionSide[ti] else { continue }
            var b = breaches[ti] ?? (Array(repeating: false, count: n), Array(repeating: nil, count: n))
            for k in 0..<n where side[k] == .running && !b.marks[k] {
                let t = clock.start(of: k, on: day)
                guard t >= x.start && t < x.end else { continue }
                b.marks[k] = true
                b.notes[k] = ExemptionNote(start: x.start, end: x.end, reason: x.reason ?? "")
            }
            breaches[ti] = b
        }
        for ti in breaches.keys.sorted() {
            let b = breaches[ti]!
            guard b.marks.contains(true) else { continue }
            let fd = city.facilities[ti]
            let ei = enterpriseIndex[registry.facilities[ti].enterpriseID] ?? -1
            tracker.feed(EventTracker.Key(rule: .exemptionBreach, enterprise: ei, facility: ti), day: day, marks: b.marks,
                         context: { context(ti) }) { k in
                var s = EventTracker.SlotSample()
                s.powerKW = fd.power[k]
                s.exemption = b.notes[k]
                return s
            }
        }

        // OFFLINE (§7, §13.16): every point of the enterprise missing.
        for (ei, e) in registry.enterprises.enumerated() {
            if let ignoring, !ignoring.enterprises.contains(ei) { continue }
            let pts = topology.pointsOfEnterprise[ei]
            guard !pts.isEmpty else { continue }
            var m = [Bool](repeating: true, count: n)
            for pi in pts {
                guard let v = city.pointValues[pi] else { continue }
                for k in 0..<n where !v[k].isNaN { m[k] = false }
            }
            guard m.contains(true) else { continue }
            if let exempt = exemptMask(enterprise: e.id, facility: nil) {
                for k in 0..<n where exempt[k] { m[k] = false }
            }
            tracker.feed(EventTracker.Key(rule: .offline, enterprise: ei, facility: -1), day: day, marks: m,
                         context: { EventEvidence() }) { _ in .init() }
        }
    }

    /// Closes what is still open and returns the events overlapping `[from, to]`, with their
    /// minutes and violating minutes inside it (§7, §12), in `EventRecord.exportOrder`.
    mutating func events(from: Day, to: Day) -> [EventRecord] {
        var events = closedEvents(from: from, to: to).map(\.record)
        events.sort(by: EventRecord.exportOrder)
        return events
    }

    /// Issue 18, for the exemption-ignoring pass: closes what is still open and returns each
    /// event overlapping `[from, to]` that an approved exemption reaches (`ExemptionReach`),
    /// once per such exemption, with the minutes of its violating slots inside the period that
    /// the exemption covers (§13.14: a slot whose start lies in `[start, end)`), in
    /// `ExemptedEventRecord.exportOrder`. Evidence is left out.
    mutating func exemptedEvents(from: Day, to: Day) -> [ExemptedEventRecord] {
        let periodStart = from.start.seconds, periodEnd = to.adding(days: 1).start.seconds
        let slotSeconds = Int64(clock.seconds)
        var out: [ExemptedEventRecord] = []
        for (closed, event) in closedEvents(from: from, to: to) {
            var bare = event
            bare.evidence = EventEvidence()
            for (number, x) in registry.exemptions.enumerated()
            where ExemptionReach.reaches(x, rule: event.rule, enterpriseID: event.enterpriseID, facilityID: event.facilityID,
                                         start: event.start, end: event.end, settings: settings) {
                // Slots whose start lies in [x.start, x.end) and inside the period: absolute
                // indices [ceil(a / S), ceil(b / S)).
                let a = max(x.start.seconds, periodStart), b = min(x.end.seconds, periodEnd)
                var covered: Int64 = 0
                if a < b {
                    let first = (a + slotSeconds - 1).floorDiv(slotSeconds), last = (b + slotSeconds - 1).floorDiv(slotSeconds)
                    for run in closed.runs {
                        covered += max(0, min(Int64(run.upperBound), last) - max(Int64(run.lowerBound), first))
                    }
                }
                out.append(ExemptedEventRecord(event: bare, exemptionNumber: number + 1, exemption: x,
                                               suppressedMinutes: Int(covered * slotSeconds / 60)))
            }
        }
        out.sort(by: ExemptedEventRecord.exportOrder)
        return out
    }

    /// Closes what is still open and returns the closed events overlapping `[from, to]`, each
    /// with its record (minutes and violating minutes inside the period), unsorted.
    private mutating func closedEvents(from: Day, to: Day) -> [(closed: EventTracker.Closed, record: EventRecord)] {
        tracker.finish()
        let periodStart = from.start.seconds, periodEnd = to.adding(days: 1).start.seconds
        let slotSeconds = Int64(clock.seconds)
        var events: [(closed: EventTracker.Closed, record: EventRecord)] = []
        for c in tracker.closed {
            let s = Int64(c.startAbs) * slotSeconds, e = Int64(c.endAbs) * slotSeconds
            let inside = min(e, periodEnd) - max(s, periodStart)
            guard inside > 0 else { continue }
            // SPEC 2 §12: the violating slots inside the period × S, gap slots left out.
            var violating: Int64 = 0
            for run in c.runs {
                let a = Int64(run.lowerBound) * slotSeconds, b = Int64(run.upperBound) * slotSeconds
                violating += max(0, min(b, periodEnd) - max(a, periodStart))
            }
            let f = c.key.facility >= 0 ? registry.facilities[c.key.facility] : nil
            let enterprise = f?.enterpriseID ?? registry.enterprises[c.key.enterprise].id
            events.append((c, EventRecord(rule: c.key.rule, enterpriseID: enterprise, facilityID: f?.id,
                                          start: Timestamp(seconds: s), end: Timestamp(seconds: e),
                                          minutes: Int(inside / 60), violatingMinutes: Int(violating / 60),
                                          evidence: c.evidence)))
        }
        return events
    }

    /// Issue 18: the scope of the exemption-ignoring pass over days `[from, to]` — the
    /// facilities and enterprises an approved exemption overlapping those days could have
    /// changed an event of. A whole-enterprise exemption brings every facility of its
    /// enterprise and the enterprise-level rules; a named one only its facility. Everything
    /// else gives the same events in both passes and is not judged twice.
    static func exemptionScope(registry: Registry, from: Day, to: Day) -> Scope {
        let start = from.start, end = to.adding(days: 1).start
        var scope = Scope()
        let approved = registry.exemptions.filter { $0.status == .approved && $0.start < end && $0.end > start }
        guard !approved.isEmpty else { return scope }
        var enterpriseIndex: [String: Int] = [:]
        for (i, e) in registry.enterprises.enumerated() { enterpriseIndex[e.id] = i }
        var facilitiesOf: [String: [Int]] = [:]
        for (fi, f) in registry.facilities.enumerated() { facilitiesOf[f.enterpriseID, default: []].append(fi) }
        for x in approved {
            let own = facilitiesOf[x.enterpriseID] ?? []
            if let fid = x.facilityID {
                for fi in own where registry.facilities[fi].id == fid { scope.facilities.insert(fi) }
            } else if let ei = enterpriseIndex[x.enterpriseID] {
                scope.enterprises.insert(ei)
                scope.facilities.formUnion(own)
            }
        }
        return scope
    }
}
