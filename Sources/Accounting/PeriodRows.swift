import PEMSCore

/// A computed period's rows where they are: in memory (a computation just run) or in the
/// store (a stored computation reused). The few rows — events, activated-carbon days,
/// response baselines — are loaded; the many — facility-days (about half a million in a
/// city-scale month) and data-quality findings (about a million) — are read one at a time,
/// so a report sums or writes them without holding them all (issue 5: a monthly workbook in
/// under 500 MB). Not `Sendable`: a stored one reads through the store's connection.
public struct PeriodRows {
    public let from: Day
    public let to: Day
    public let settings: Settings
    public let registryVersion: Int?
    /// The registry the period was computed with (the version in force on `to`).
    public let registry: Registry
    public let events: [EventRecord]
    /// Issue 18: the events approved exemptions kept out of the count (few; loaded).
    public let exemptedEvents: [ExemptedEventRecord]
    public let carbonDays: [CarbonDayRecord]
    public let responseBaselines: [ResponseBaseline]
    /// The period's replaced readings (SPEC §12 `revisions.csv`, §13.35), in export order.
    public let revisions: [RevisionRecord]
    /// SPEC §4 missing-slot runs per point and day (补采清单), in `PointGapRecord.listOrder`.
    public let gaps: [PointGapRecord]
    public let streamedFrom: Day
    public let facilityDaysComputed: Int
    private(set) var source: Source

    enum Source {
        case memory(ComputationResult)
        case stored(Store, computationID: Int)
    }

    /// The same rows, a stored one read through `store` (another connection to the same file,
    /// so another thread can stream them); rows in memory are returned as they are.
    public func reading(through store: Store) -> PeriodRows {
        guard case .stored(_, let id) = source else { return self }
        var copy = self
        copy.source = .stored(store, computationID: id)
        return copy
    }

    /// The rows of a computation just run (or built by a test).
    public init(_ r: ComputationResult) {
        from = r.from
        to = r.to
        settings = r.settings
        registryVersion = r.registryVersion
        registry = r.registry
        events = r.events
        exemptedEvents = r.exemptedEvents
        carbonDays = r.carbonDays
        responseBaselines = r.responseBaselines
        revisions = r.revisions
        gaps = r.gaps
        streamedFrom = r.streamedFrom
        facilityDaysComputed = r.facilityDaysComputed
        source = .memory(r)
    }

    /// The rows of stored computation `info`, computed with `registry` under `settings`.
    public init(store: Store, computation info: ComputationInfo, settings: Settings, registry: Registry) throws {
        from = info.from
        to = info.to
        self.settings = settings
        registryVersion = info.registryVersion
        self.registry = registry
        events = try store.events(of: info.id)
        exemptedEvents = try store.exemptedEvents(of: info.id)
        carbonDays = try store.carbonDays(of: info.id)
        responseBaselines = try store.responseBaselines(of: info.id)
        // Read as the store holds them now: a revision is input history, never part of the
        // stored computation (the data it changed is in the computation's fingerprint).
        revisions = try store.revisions(from: info.from, to: info.to)
        gaps = try store.pointGaps(of: info.id)
        streamedFrom = info.streamedFrom
        facilityDaysComputed = info.facilityDaysComputed
        source = .stored(store, computationID: info.id)
    }

    /// Calls `body` with each facility-day: stored ones by date and facility id, in-memory
    /// ones in the computation's order (what the reports summed before, so totals keep their
    /// bits); `byDateAndFacility` sorts in-memory ones too (for lists shown row by row).
    /// `enterprises`: only the facility-days of these enterprises (a county edition's list,
    /// selected by the store rather than read and dropped). `withOutletSlots`: only those with
    /// an outlet-measured slot (SPEC §9.2), also selected by the store.
    public func forEachFacilityDay(byDateAndFacility: Bool = false, enterprises: Set<String>? = nil, withOutletSlots: Bool = false,
                                   _ body: (FacilityDayRecord) throws -> Void) throws {
        switch source {
        case .memory(let r):
            let facilityDays = r.facilityDays.filter {
                (enterprises?.contains($0.enterpriseID) ?? true) && (!withOutletSlots || ($0.outletSlots ?? 0) > 0)
            }
            if byDateAndFacility {
                for f in facilityDays.sorted(by: { ($0.date, $0.facilityID) < ($1.date, $1.facilityID) }) { try body(f) }
            } else {
                for f in facilityDays { try body(f) }
            }
        case .stored(let store, let id):
            try store.forEachFacilityDay(of: id, enterpriseIDs: enterprises.map(Array.init), withOutletSlots: withOutletSlots, body)
        }
    }

    /// Calls `body` with the completeness columns of each facility-day (SPEC §4), in the order
    /// `forEachFacilityDay` gives with the same arguments: stored ones read without the other
    /// columns (a city-scale month's half million rows).
    public func forEachFacilityDayCompleteness(byDateAndFacility: Bool = false, enterprises: Set<String>? = nil,
                                               _ body: (FacilityDayCompleteness) throws -> Void) throws {
        switch source {
        case .memory:
            try forEachFacilityDay(byDateAndFacility: byDateAndFacility, enterprises: enterprises) { try body(FacilityDayCompleteness($0)) }
        case .stored(let store, let id):
            try store.forEachFacilityDayCompleteness(of: id, enterpriseIDs: enterprises.map(Array.init), body)
        }
    }

    /// Calls `body` with each data-quality finding (SPEC §8), in `DQFinding.exportOrder` when
    /// `exportOrder`, else in any order; `checks`: only those of these checks; `enterprises`:
    /// only those of these enterprises (a county edition's).
    public func forEachFinding(exportOrder: Bool, checks: [DQCheck]? = nil, enterprises: Set<String>? = nil,
                               _ body: (DQFinding) throws -> Void) throws {
        switch source {
        case .memory(let r):
            let dq = r.dq, wanted = checks.map(Set.init)
            for d in exportOrder ? dq.sorted(by: DQFinding.exportOrder) : dq
            where (wanted?.contains(d.check) ?? true) && (enterprises?.contains(d.enterpriseID) ?? true) {
                try body(d)
            }
        case .stored(let store, let id):
            try store.forEachFinding(of: id, exportOrder: exportOrder, checks: checks,
                                     enterpriseIDs: enterprises.map(Array.init), body)
        }
    }

    /// How many facility-days the period has.
    public func facilityDayCount() throws -> Int {
        switch source {
        case .memory(let r): return r.facilityDays.count
        case .stored(let store, let id): return try store.facilityDayCount(of: id)
        }
    }

    /// How many findings of each check the period has (checks without any left out).
    public func findingCounts() throws -> [DQCheck: Int] {
        switch source {
        case .memory(let r):
            let dq = r.dq
            var out: [DQCheck: Int] = [:]
            for d in dq { out[d.check, default: 0] += 1 }
            return out
        case .stored(let store, let id): return try store.findingCounts(of: id)
        }
    }

    /// The whole computation in memory: the rows of a computation just run as they are, a
    /// stored one's loaded (`Store.results`, as reusing it loaded them before the rows streamed).
    public func loaded() throws -> ComputationResult {
        switch source {
        case .memory(let r): return r
        case .stored(let store, let id):
            let rows = try store.results(of: id)
            var r = ComputationResult(from: from, to: to, settings: settings, registryVersion: registryVersion,
                                      registry: registry, facilityDays: rows.facilityDays, events: rows.events, dq: rows.dq,
                                      carbonDays: rows.carbonDays, responseBaselines: rows.responseBaselines,
                                      streamedFrom: streamedFrom, facilityDaysComputed: facilityDaysComputed)
            r.revisions = revisions
            r.exemptedEvents = rows.exemptedEvents
            r.gaps = gaps
            return r
        }
    }

    /// Mean facility completeness (SPEC §4) of the period's facility-days (nil without any),
    /// summed as they stream: the title rows' 数据完整率 of every workbook.
    public func meanCompleteness() throws -> Double? {
        var mean = CompletenessMean()
        try forEachFacilityDayCompleteness { mean.add($0.completeness) }
        return mean.value
    }

    /// The roll-up of the period (every date of `[from, to]`), summed as the rows stream.
    public func rollup() throws -> AccountingRollup {
        var builder = AccountingRollup.Builder(registry: registry, dates: dates)
        try forEachFacilityDay { builder.add($0) }
        return builder.finish(events: events)
    }

    /// The CST days `[from, to]`.
    public var dates: [Day] {
        var out: [Day] = []
        var d = from
        while d <= to { out.append(d); d = d.adding(days: 1) }
        return out
    }
}
