import Baselines
import PEMSCore

/// Computes SPEC §4–§9 for a period of CST days `[from, to]` (§9 above the day from the stored
/// rows: see `PeriodAccounting`), with the look-back each part needs (§13.12): thresholds 14
/// days, baselines 60 days, events `event_lookback_days` so an event running into the period
/// keeps its true start, activated carbon back to the governing replacement. Days before the
/// store's first data are not stepped through (an enterprise cannot be offline before it ever
/// reported). Data after `to` is never read.
///
/// Each day is one pass per stage, in SPEC order, each over the day's per-facility arrays:
/// §4–§6 slot values, states, thresholds and baselines (`BaselineEngine.step`), §5.4
/// treatment conditions (`TreatmentDay`), §9.4 activated carbon (`CarbonPass`), §7 events
/// (`EventPass`, and a second one ignoring exemptions for the facilities an approved exemption
/// could change: `ComputationResult.exemptedEvents`), then on the period's days §9.1–§9.2 accounting (`DayAccounting`), the
/// complete facility-day rows and §8 data quality (`DataQualityDay`, `ReadingChecks`).
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
        var start = from.adding(days: -(settings.baselineLookbackDays + settings.thresholdLookbackDays))
        start = min(start, wholeFrom(from: from))
        return min(from, max(start, firstData))
    }

    /// The first look-back day needed whole (§7 events from `event_lookback_days` before the
    /// period, §9.4 activated carbon from the governing replacement); the days before it pass
    /// on only their thresholds' history, normal days and reading carries.
    func wholeFrom(from: Day) -> Day {
        let eventStart = from.adding(days: -settings.eventLookbackDays)
        var start = eventStart
        for fi in registry.facilities.indices {
            if let t = CarbonTracker(facility: fi, registry: registry), let d = t.firstDayNeeded(from: eventStart) {
                start = min(start, d)
            }
        }
        return start
    }

    public func run(from: Day, to: Day, progress: ((Day) -> Void)? = nil) throws -> ComputationResult {
        do {
            return try run(from: from, to: to, summaries: true, progress: progress)
        } catch is LookBackPlan.Broken {
            return try run(from: from, to: to, summaries: false, progress: progress)
        }
    }

    /// `summaries`: pass over look-back days from their kept summaries where the plan allows
    /// (`LookBackPlan`); false computes every look-back day whole.
    func run(from: Day, to: Day, summaries: Bool, progress: ((Day) -> Void)?) throws -> ComputationResult {
        let clock = SlotClock(minutes: settings.slotMinutes)
        let source = try DayReadingSource(store: store, registry: registry, maxAbsValue: settings.loadMaxAbsValue)
        let engine = BaselineEngine(registry: registry, settings: settings, source: source)
        let start = try streamStart(from: from)
        let cache = try cacheIdentity.map {
            try DayCache(store: store, identity: $0, settings: settings, pointCount: registry.points.count,
                         facilityCount: registry.facilities.count, from: start, to: to, fingerprints: seriesFingerprints)
        }
        let plan = try cache.flatMap { c in
            summaries ? try LookBackPlan(start: start, from: from, wholeFrom: wholeFrom(from: from),
                                         window: max(settings.thresholdLookbackDays, settings.dqThresholdSuspectDays),
                                         hasSummary: { try c.hasSummary($0) }, hasOpen: { try c.hasOpen($0) }) : nil
        }
        let eventStart = from.adding(days: -settings.eventLookbackDays)
        var checks = ReadingChecks(registry: registry, settings: settings)
        // q of §9.1, for the accounting and the carbon trackers' air volume alike.
        let airflow = registry.facilities.indices.map { AirflowShare(facility: $0, registry: registry, topology: topology) }
        var carbon = CarbonPass(registry: registry, from: from, airflow: airflow)
        var events = EventPass(registry: registry, topology: topology, settings: settings, clock: clock)
        // Issue 18: the events approved exemptions keep out of the count, from a second §7 pass
        // that ignores exemptions — only over what an approved exemption overlapping the event
        // days (a day's margin before them for the merge reach) could change; nil when none does.
        let exemptionScope = EventPass.exemptionScope(registry: registry, from: eventStart.adding(days: -1), to: to)
        var ignoring = exemptionScope.isEmpty ? nil
            : EventPass(registry: registry, topology: topology, settings: settings, clock: clock,
                        ignoringExemptions: exemptionScope)
        var accounting = DayAccounting(registry: registry, topology: topology, clock: clock, airflow: airflow)
        var baselines = ResponseBaselineCapture(registry: registry, from: from, to: to)
        var facilityRows: [FacilityDayRecord] = []
        var findings: [DQFinding] = []
        var gaps: [PointGapRecord] = []
        var computed = 0

        // The look-back days taken from their summaries are read ahead on threads of
        // their own (nil: none, or the store is not a file).
        let ahead = try plan.flatMap { p in try cache.flatMap { try LookBackReadAhead(cache: $0, plan: p) } }
        defer { ahead?.finish() }
        let depth = LookBackReadAhead.depth
        for k in 0..<depth where start.adding(days: k) < from { ahead?.request(start.adding(days: k)) }

        var day = start
        while day <= to {
            if day.adding(days: depth) < from { ahead?.request(day.adding(days: depth)) }
            progress?(day)
            let inPeriod = day >= from
            // §4–§6 (and the reading-level facts of §8 on the period's days).
            var facts: [Int: ReadingChecks.DayFacts] = [:]
            let city: CityDay
            if inPeriod {
                let observation = DayObservation(checks: checks, day: day, parts: BaselineEngine.readParts)
                city = try engine.step(day, nextDayReadable: day < to, cache: cache, observe: observation.observer(part:))
                observation.merge(into: &checks, facts: &facts)
            } else if plan?.use(day) == .open {
                // An earlier period's last day: finished from its open entry, θ as it was.
                guard let cache, let (lookBack, carries) = try engine.stepOpen(day, cache: cache) else {
                    throw LookBackPlan.Broken()
                }
                for (i, c) in carries.enumerated() { if let c { checks.skim(point: i, c) } }
                city = lookBack
            } else if let use = plan?.use(day), use != .compute {
                // A look-back day with a kept summary: its θ, normal days and carries are
                // taken from it, and the day is read only as far as later days need it.
                let read = try ahead?.take(day)
                guard let cache, let summary = try read?.summary ?? cache.loadSummary(day) else { throw LookBackPlan.Broken() }
                for (i, c) in summary.carries.enumerated() { if let c { checks.skim(point: i, c) } }
                if use == .whole {
                    city = try engine.stepLookBack(day, cache: cache, summary: summary, values: read?.values)
                } else {
                    baselines.observe(day: day, registry: registry) { engine.baseline(facility: $0, for: day) }  // §9.5
                    if use != .thresholds {
                        engine.absorb(day, summary: summary, values: nil)
                    } else if let tops = try read?.tops ?? (read == nil ? cache.loadTops(day) : nil) {
                        engine.absorb(day, summary: summary, tops: tops)
                    } else {
                        // No tops kept (a store summarized before them): the whole day, and its
                        // tops kept for the next computation.
                        let values = try read?.values ?? engine.lookBackValues(day, cache: cache)
                        engine.absorb(day, summary: summary, values: values)
                        try cache.saveTops(day) { engine.tops(values) }
                    }
                    computed += registry.facilities.count
                    day = day.adding(days: 1)
                    continue
                }
            } else {
                // A look-back day: its own findings are not reported, so only what it passes
                // on to the reading checks is needed — from the day cache when it holds it.
                let (lookBack, carries) = try engine.stepLookBack(day, cache: cache)
                for (i, c) in carries.enumerated() { if let c { checks.skim(point: i, c) } }
                city = lookBack
            }
            computed += registry.facilities.count
            baselines.observe(city, registry: registry)                                   // §9.5
            // §5.4, each treatment facility on its own (shared out among the cores).
            let treatment = ParallelMap.map(registry.facilities.count) { fi in
                registry.facilities[fi].kind == .treatment
                    ? TreatmentDay(facility: fi, city: city, registry: registry, topology: topology, settings: settings) : nil
            }
            let carbonDue = carbon.step(city, treatment: treatment)                        // §9.4
            if day >= eventStart {                                                         // §7
                events.feed(city, treatment: treatment, carbonDue: carbonDue)
                ignoring?.feed(city, treatment: treatment, carbonDue: carbonDue)
            }
            if inPeriod {
                let accounts = accounting.day(city: city, treatment: treatment)           // §9.1–§9.2
                for fi in registry.facilities.indices {
                    facilityRows.append(FacilityDayRecord(facility: fi, city: city, registry: registry, clock: clock,
                                                          treatment: treatment[fi], accounting: accounts[fi]))
                }
                findings += try DataQualityDay.findings(city: city, facts: facts, registry: registry, topology: topology,
                                                        settings: settings, store: store)  // §8
                gaps += PointGaps.day(city, registry: registry)                          // §4 missing slots (补采)
            }
            day = day.adding(days: 1)
        }
        checks.finish()
        for (pi, days) in checks.constantDays {
            let p = registry.points[pi]
            for d in days.sorted() where d >= from.index && d <= to.index {
                findings.append(DQFinding(date: Day(index: d), pointID: p.id, enterpriseID: p.enterpriseID, check: .constant))
            }
        }

        findings.sort(by: DQFinding.exportOrder)
        gaps.sort(by: PointGapRecord.listOrder)
        facilityRows.sort { ($0.date, $0.facilityID) < ($1.date, $1.facilityID) }
        var result = ComputationResult(from: from, to: to, settings: settings, registryVersion: registryVersion,
                                       registry: registry, facilityDays: facilityRows, events: events.events(from: from, to: to),
                                       dq: findings, carbonDays: carbon.sortedDays, responseBaselines: baselines.captured,
                                       streamedFrom: start, facilityDaysComputed: computed)
        result.exemptedEvents = ignoring?.exemptedEvents(from: from, to: to) ?? []
        result.gaps = gaps
        ahead?.finish()
        result.dayCacheHits = (cache?.hits ?? 0) + (ahead?.count(\.hits) ?? 0)
        result.dayCacheWrites = cache?.writes ?? 0
        result.daySummaryHits = (cache?.summaryHits ?? 0) + (ahead?.count(\.summaryHits) ?? 0)
        result.daySummaryWrites = cache?.summaryWrites ?? 0
        result.openDayHits = cache?.openHits ?? 0
        result.openDayWrites = cache?.openWrites ?? 0
        result.dayTopsHits = (cache?.topsHits ?? 0) + (ahead?.count(\.topsHits) ?? 0)
        result.dayTopsWrites = cache?.topsWrites ?? 0
        result.unsettledThresholds = engine.unsettledPoints
        return result
    }
}
