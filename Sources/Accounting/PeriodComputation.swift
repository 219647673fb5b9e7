import Baselines
import PEMSCore

/// Computes SPEC §4–§9 for a period of CST days `[from, to]` (§9 per slot in `DayAccounting`,
/// above the day from the stored rows: see `PeriodAccounting`), with the look-back each part
/// needs (§13.12): thresholds 14 days, baselines 60 days, events `event_lookback_days` so an
/// event running into the period keeps its true start, activated carbon back to the
/// governing replacement. Days before the store's first data are not stepped through (an
/// enterprise cannot be offline before it ever reported). Data after `to` is never read.
public final class PeriodComputation {
    let store: Store
    let registry: Registry
    let registryVersion: Int?
    let settings: Settings
    let topology: CityTopology
    let cacheIdentity: DayCache.Identity?
    /// The store's `seriesFingerprints` of the streamed days, when the caller already read
    /// them (the day cache keys on them); nil: the cache reads them itself.
    public var seriesFingerprints: [Int: String]?

    /// `cacheIdentity`: when given, look-back days are read from (and days read are kept in)
    /// the store's day cache under this engine version and registry (docs/COMPUTE.md).
    public init(store: Store, registry: Registry, registryVersion: Int?, settings: Settings,
                cacheIdentity: DayCache.Identity? = nil) {
        self.store = store
        self.cacheIdentity = cacheIdentity
        self.registry = registry
        self.registryVersion = registryVersion
        self.settings = settings
        topology = CityTopology(registry)
    }

    /// The first day the computation of `[from, …]` steps through.
    public func streamStart(from: Day) throws -> Day {
        let firstData = try store.firstDataDay() ?? from
        let eventStart = from.adding(days: -settings.eventLookbackDays)
        var start = from.adding(days: -(settings.baselineLookbackDays + settings.thresholdLookbackDays))
        start = min(start, eventStart)
        for fi in registry.facilities.indices {
            if let t = CarbonTracker(facility: fi, registry: registry), let d = t.firstDayNeeded(from: eventStart) {
                start = min(start, d)
            }
        }
        return min(from, max(start, firstData))
    }

    public func run(from: Day, to: Day, progress: ((Day) -> Void)? = nil) throws -> ComputationResult {
        let clock = SlotClock(minutes: settings.slotMinutes)
        let n = clock.slotsPerDay
        let source = try DayReadingSource(store: store, registry: registry, maxAbsValue: settings.loadMaxAbsValue)
        let engine = BaselineEngine(registry: registry, settings: settings, source: source)
        let start = try streamStart(from: from)
        let cache = try cacheIdentity.map {
            try DayCache(store: store, identity: $0, settings: settings, pointCount: registry.points.count, from: start, to: to,
                         fingerprints: seriesFingerprints)
        }
        let eventStart = from.adding(days: -settings.eventLookbackDays)
        var tracker = EventTracker(settings: settings)
        var checks = ReadingChecks(registry: registry, settings: settings)
        var carbon: [Int: CarbonTracker] = [:]
        for fi in registry.facilities.indices { carbon[fi] = CarbonTracker(facility: fi, registry: registry) }
        let airflow = registry.facilities.indices.map { AirflowShare(facility: $0, registry: registry, topology: topology) }
        let enterpriseIndex = Dictionary(uniqueKeysWithValues: registry.enterprises.enumerated().map { ($1.id, $0) })
        var facilityRows: [FacilityDayRecord] = []
        var findings: [DQFinding] = []
        var computed = 0
        var accounting = AccountingPass(registry: registry, topology: topology, clock: clock, from: from, to: to)  // SPEC §9

        var day = start
        while day <= to {
            progress?(day)
            let inPeriod = day >= from
            var facts: [Int: ReadingChecks.DayFacts] = [:]
            let city: CityDay
            if inPeriod {
                city = try engine.step(day, nextDayReadable: day < to, cache: cache) { i, readings in
                    facts[i] = checks.observe(point: i, day: day, readings)
                }
            } else {
                // A look-back day: its own findings are not reported, so only what it passes
                // on to the reading checks is needed — from the day cache when it holds it.
                let (lookBack, carries) = try engine.stepLookBack(day, cache: cache)
                for (i, c) in carries.enumerated() { if let c { checks.skim(point: i, c) } }
                city = lookBack
            }
            computed += registry.facilities.count
            accounting.begin(city, rowCount: facilityRows.count)
            let dayStart = day.start, dayEnd = day.adding(days: 1).start
            let feedEvents = day >= eventStart
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
                var record = FacilityDayRecord(date: day, facilityID: f.id, enterpriseID: f.enterpriseID, kind: f.kind,
                                               completeness: fd.completeness, runningMinutes: fd.runningSlots * clock.minutes,
                                               energyKWh: fd.energyKWh)
                record.baselinePowerKW = city.baselines[fi]?.runningPowerKW
                record.baselineEnergyKWh = city.baselines[fi]?.energyKWh
                let exempt = feedEvents ? exemptMask(enterprise: f.enterpriseID, facility: f.id) : nil
                func marks(_ base: [Bool]) -> [Bool] {
                    guard let exempt else { return base }
                    return zip(base, exempt).map { $0 && !$1 }
                }
                switch f.kind {
                case .treatment:
                    let t = TreatmentDay(facility: fi, city: city, registry: registry, topology: topology, settings: settings)
                    if var tracker1 = carbon[fi] {
                        let due = tracker1.step(city: city, condition: t.condition) { airflow[fi].q(slot: $0, condition: t.condition[$0], facility: fi, city: city) }
                        carbon[fi] = tracker1
                        accounting.carbon(tracker1, day: day)
                        if feedEvents && due {
                            let key = EventTracker.Key(rule: .carbonOverdue, enterprise: ei, facility: fi)
                            let reached = tracker1.reachedLimits
                            tracker.feed(key, day: day, marks: Array(repeating: true, count: n), context: { EventEvidence() }) { _ in .init() }
                            tracker.updateOpenEvidence(key) { $0.carbon = reached }
                        }
                    }
                    if feedEvents {
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
                    }
                    if inPeriod {
                        var nSlots = 0, stopped = 0, ineffective = 0, low = 0, normal = 0
                        for k in 0..<n where t.inN[k] {
                            nSlots += 1
                            switch t.condition[k] {
                            case .stopped: stopped += 1
                            case .ineffective: ineffective += 1
                            case .low: low += 1
                            case .normal: normal += 1
                            case .unknown: break
                            }
                        }
                        record.nSlots = nSlots
                        record.syncSlots = nSlots - stopped
                        record.normalSlots = normal
                        record.stoppedMinutes = stopped * clock.minutes
                        record.ineffectiveMinutes = ineffective * clock.minutes
                        record.lowMinutes = low * clock.minutes
                        record.hourlyConditions = HourlyConditions.code(condition: t.condition, inN: t.inN, clock: clock)
                        if nSlots > 0 {
                            record.syncRate = Double(nSlots - stopped) / Double(nSlots)
                            record.effectiveRate = Double(normal) / Double(nSlots)
                        }
                        accounting.keep(facility: fi, t)
                    }
                case .production:
                    if feedEvents {
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
                if inPeriod { facilityRows.append(record) }
            }
            accounting.finish(city, rows: &facilityRows)

            // OFFLINE (§7, §13.16): every point of the enterprise missing.
            if feedEvents {
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

            if inPeriod {
                findings += try DataQualityDay.findings(city: city, facts: facts, registry: registry, topology: topology,
                                                    settings: settings, store: store)
            }
            day = day.adding(days: 1)
        }
        tracker.finish()
        checks.finish()
        for (pi, days) in checks.constantDays {
            let p = registry.points[pi]
            for d in days.sorted() where d >= from.index && d <= to.index {
                findings.append(DQFinding(date: Day(index: d), pointID: p.id, enterpriseID: p.enterpriseID, check: .constant))
            }
        }

        // Events overlapping the period, with their minutes inside it (§7).
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
                                      minutes: Int(inside / 60), evidence: c.evidence))
        }
        events.sort(by: EventRecord.exportOrder)
        findings.sort(by: DQFinding.exportOrder)
        facilityRows.sort { ($0.date, $0.facilityID) < ($1.date, $1.facilityID) }
        var result = ComputationResult(from: from, to: to, settings: settings, registryVersion: registryVersion,
                                       registry: registry, facilityDays: facilityRows, events: events, dq: findings,
                                       carbonDays: accounting.sortedCarbonDays, responseBaselines: accounting.baselines.captured,
                                       streamedFrom: start, facilityDaysComputed: computed)
        result.dayCacheHits = cache?.hits ?? 0
        result.dayCacheWrites = cache?.writes ?? 0
        return result
    }
}
