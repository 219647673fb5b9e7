import Baselines
import PEMSCore

/// SPEC §7 over the days a computation steps through from the event look-back on: marks each
/// day's violating slots of every rule (approved exemptions taken out, §13.14) and feeds
/// them to the `EventTracker`, which merges them into events across midnight; `events` then
/// lists those overlapping the period with their minutes inside it.
struct EventPass {
    let registry: Registry
    let topology: CityTopology
    let settings: Settings
    let clock: SlotClock
    let enterpriseIndex: [String: Int]
    var tracker: EventTracker

    init(registry: Registry, topology: CityTopology, settings: Settings, clock: SlotClock) {
        self.registry = registry
        self.topology = topology
        self.settings = settings
        self.clock = clock
        enterpriseIndex = Dictionary(uniqueKeysWithValues: registry.enterprises.enumerated().map { ($1.id, $0) })
        tracker = EventTracker(settings: settings)
    }

    /// Feeds `city`'s day: the treatment rules from each treatment facility's §5.4 conditions
    /// (`treatment`), CARBON_OVERDUE for the facilities in `carbonDue` (§9.4, with the limits
    /// reached), the measure rules of the production facilities, then OFFLINE.
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

        for (fi, f) in registry.facilities.enumerated() {
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
                        if rule == .treatmentIneffective {
                            s.sensors = t.outOfRange[k].compactMap { pi in
                                city.pointValues[pi].map { (registry.points[pi].id, $0[k]) }
                            }
                        }
                        return s
                    }
                }
            } else {
                let district = registry.enterprise(id: f.enterpriseID)?.districtCode ?? ""
                let v = MeasureViolations(facility: fi, city: city, registry: registry, responses: responses(district))
                for (rule, m) in [(AnomalyRule.stopViolation, v.stop), (.limitViolation, v.limit), (.shiftViolation, v.shift)]
                where m.contains(true) {
                    let key = EventTracker.Key(rule: rule, enterprise: ei, facility: fi)
                    tracker.feed(key, day: day, marks: marks(m), context: { context(fi) }) { k in
                        var s = EventTracker.SlotSample()
                        s.powerKW = fd.power[k]
                        s.allowedKW = v.allowedKW[k]
                        s.ratio = v.ratio[k]
                        s.levels = v.levels[k]
                        s.responseIDs = v.responseIDs[k]
                        return s
                    }
                }
            }
        }

        // OFFLINE (§7, §13.16): every point of the enterprise missing.
        for (ei, e) in registry.enterprises.enumerated() {
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
    /// minutes inside it (§7), in `EventRecord.exportOrder`.
    mutating func events(from: Day, to: Day) -> [EventRecord] {
        tracker.finish()
        let periodStart = from.start.seconds, periodEnd = to.adding(days: 1).start.seconds
        let slotSeconds = Int64(clock.seconds)
        var events: [EventRecord] = []
        for c in tracker.closed {
            let s = Int64(c.startAbs) * slotSeconds, e = Int64(c.endAbs) * slotSeconds
            let inside = min(e, periodEnd) - max(s, periodStart)
            guard inside > 0 else { continue }
            let f = c.key.facility >= 0 ? registry.facilities[c.key.facility] : nil
            let enterprise = f?.enterpriseID ?? registry.enterprises[c.key.enterprise].id
            events.append(EventRecord(rule: c.key.rule, enterpriseID: enterprise, facilityID: f?.id,
                                      start: Timestamp(seconds: s), end: Timestamp(seconds: e),
                                      minutes: Int(inside / 60), violatingMinutes: Int(inside / 60), evidence: c.evidence))
        }
        events.sort(by: EventRecord.exportOrder)
        return events
    }
}
