import PEMSCore

/// Roll-ups of daily results (SPEC §9.2 "totals roll up to enterprise, industry, district
/// and city by day, week, month"; §12 `enterprise_day.csv`, `district_day.csv`): sums of the
/// stored facility-days and events, never a recomputation of slots. Build one from a
/// `ComputationResult` (the period just computed) or from `Store.dailyResults` (any range of
/// stored days, e.g. a month of nightly runs).
///
/// Every enterprise of the registry has a row on every date present (zeros when it has no
/// facility rows); every district of the registry has a row too (§13.25). Output is sorted by
/// date and code, so the same inputs give the same rows.
public struct AccountingRollup: Sendable {
    public let registry: Registry
    /// The dates with results, ascending.
    public let dates: [Day]
    /// Per date (same order as `dates`), per enterprise (registry order).
    let perDay: [[EnterpriseDayRecord]]
    /// Per date, per enterprise: whether no §7 event of the enterprise overlaps the day.
    let compliant: [[Bool]]

    public init(registry: Registry, dates: [Day], facilityDays: [FacilityDayRecord], events: [EventRecord]) {
        var builder = Builder(registry: registry, dates: dates)
        for f in facilityDays { builder.add(f) }
        self = builder.finish(events: events)
    }

    init(registry: Registry, dates: [Day], perDay: [[EnterpriseDayRecord]], compliant: [[Bool]]) {
        self.registry = registry
        self.dates = dates
        self.perDay = perDay
        self.compliant = compliant
    }

    /// The period a computation covered, with its rows.
    public init(_ result: ComputationResult) {
        var dates: [Day] = []
        var d = result.from
        while d <= result.to { dates.append(d); d = d.adding(days: 1) }
        self.init(registry: result.registry, dates: dates, facilityDays: result.facilityDays, events: result.events)
    }

    /// Stored daily results (`Store.dailyResults(from:to:)`).
    public init(registry: Registry, _ daily: DailyResults) {
        self.init(registry: registry, dates: daily.dates, facilityDays: daily.facilityDays, events: daily.events)
    }

    /// The stored daily results of `[from, to]` (`Store.dailyResults`), summed as they stream
    /// from the store rather than loaded (a month of a city's facility-days, issue 5).
    public static func stored(_ store: Store, registry: Registry, from: Day, to: Day) throws -> AccountingRollup {
        var builder = Builder(registry: registry, dates: nil)
        let daily = try store.dailyResults(from: from, to: to) { builder.add($0) }
        return builder.finish(events: daily.events)
    }

    /// SPEC §12 `enterprise_day.csv` rows: every enterprise on every date, by date and id.
    public func enterpriseDays() -> [EnterpriseDayRecord] {
        perDay.flatMap { $0.sorted { $0.enterpriseID < $1.enterpriseID } }
    }

    /// SPEC §12 `district_day.csv` rows: every district on every date, by date and code, with
    /// `rank_emitted` over all districts (1 = largest emitted, ties by district code).
    public func districtDays() -> [DistrictDayRecord] {
        var out: [DistrictDayRecord] = []
        for total in Self.byStart(totals(.district, per: .day)) {
            let ranks = Ranking.rank(total.map { ($0.code, $0.emittedKg) })
            var rankOf: [String: Int] = [:]
            for r in ranks { rankOf[r.code] = r.rank }
            for t in total.sorted(by: { $0.code < $1.code }) {
                out.append(DistrictDayRecord(date: t.start, districtCode: t.code, enterprises: t.enterprises,
                                             emittedKg: t.emittedKg, events: t.events, syncSlots: t.syncSlots,
                                             nSlots: t.nSlots, rankEmitted: rankOf[t.code] ?? 0))
            }
        }
        return out
    }

    /// Totals of every entity of `level` for every bucket of `period` that has a date with
    /// results, sorted by bucket and code. Districts are those of the registry (an empty one
    /// has zeros); industries those its enterprises belong to; the city is one row.
    public func totals(_ level: RollupLevel, per period: RollupPeriod) -> [AccountingTotals] {
        var buckets: [Day: [String: AccountingTotals]] = [:]
        var daysInBucket: [Day: Int] = [:]
        for d in dates { daysInBucket[period.bucket(of: d), default: 0] += 1 }
        func code(_ e: Enterprise) -> String {
            switch level {
            case .enterprise: return e.id
            case .industry: return e.industry.rawValue
            case .district: return e.districtCode
            case .city: return RollupLevel.cityCode
            }
        }
        // Entities of the level, with their registered enterprise counts.
        var registered: [String: Int] = [:]
        if level == .district { for d in registry.districts { registered[d.code] = 0 } }
        if level == .city { registered[RollupLevel.cityCode] = 0 }
        for e in registry.enterprises { registered[code(e), default: 0] += 1 }
        for (start, days) in daysInBucket {
            var entities: [String: AccountingTotals] = [:]
            for (c, n) in registered {
                var t = AccountingTotals(level: level, code: c, period: period, start: start)
                t.days = days
                t.enterprises = n
                entities[c] = t
            }
            buckets[start] = entities
        }
        for (di, d) in dates.enumerated() {
            let start = period.bucket(of: d)
            for (ei, e) in registry.enterprises.enumerated() {
                buckets[start]?[code(e)]?.add(perDay[di][ei], compliant: compliant[di][ei])
            }
        }
        return buckets.keys.sorted().flatMap { start in
            (buckets[start] ?? [:]).values.sorted { $0.code < $1.code }
        }
    }

    /// Totals grouped by bucket, in bucket order.
    static func byStart(_ totals: [AccountingTotals]) -> [[AccountingTotals]] {
        var groups: [[AccountingTotals]] = []
        for t in totals {
            if let last = groups.last?.last, last.start == t.start { groups[groups.count - 1].append(t) } else { groups.append([t]) }
        }
        return groups
    }
}
