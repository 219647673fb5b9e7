import PEMSCore

/// One entity's value in a bucket against an earlier bucket (SPEC §9.6 环比 / 同比).
public struct PeriodComparisonRow: Sendable, Equatable {
    public var code: String
    public var current: Double?
    public var earlier: Double?
    /// (current − earlier) / earlier; nil (a blank cell) when the earlier value is 0 or missing.
    public var change: Double?

    public init(code: String, current: Double?, earlier: Double?) {
        self.code = code
        self.current = current
        self.earlier = earlier
        change = PeriodComparison.change(current: current, earlier: earlier)
    }
}

/// Period-over-period (环比: the previous day, week or month) and same-period-last-year (同比)
/// changes of roll-up totals (SPEC §9.6).
public enum PeriodComparison {
    /// The relative change, blank (nil) when the earlier value is 0 or missing, or the current
    /// one missing.
    public static func change(current: Double?, earlier: Double?) -> Double? {
        guard let c = current, let e = earlier, e != 0 else { return nil }
        return (c - e) / e
    }

    /// Compares each entity of `current` (one bucket's totals) with the same code in
    /// `earlier` (the earlier bucket's totals; empty when that bucket has no stored results).
    public static func compare(current: [AccountingTotals], earlier: [AccountingTotals], metric: AccountingMetric)
        -> [PeriodComparisonRow] {
        var before: [String: Double?] = [:]
        for t in earlier { before[t.code] = t.value(metric) }
        return current.sorted { $0.code < $1.code }.map { t in
            PeriodComparisonRow(code: t.code, current: t.value(metric), earlier: before[t.code] ?? nil)
        }
    }

    /// 环比 from the store: the bucket of `period` starting at `start` against the bucket before
    /// it, both rolled up from stored daily results.
    public static func periodOverPeriod(store: Store, registry: Registry, level: RollupLevel, period: RollupPeriod,
                                        start: Day, metric: AccountingMetric) throws -> [PeriodComparisonRow] {
        let current = try totals(store: store, registry: registry, level: level, period: period, start: start)
        let earlier = try totals(store: store, registry: registry, level: level, period: period, start: period.previous(start))
        return compare(current: current, earlier: earlier, metric: metric)
    }

    /// 同比 from the store: the bucket against the same bucket a year earlier (missing when that
    /// year has no stored results, or for 29 February).
    public static func yearOverYear(store: Store, registry: Registry, level: RollupLevel, period: RollupPeriod,
                                    start: Day, metric: AccountingMetric) throws -> [PeriodComparisonRow] {
        let current = try totals(store: store, registry: registry, level: level, period: period, start: start)
        let earlier = try period.sameLastYear(start).map {
            try totals(store: store, registry: registry, level: level, period: period, start: $0)
        } ?? []
        return compare(current: current, earlier: earlier, metric: metric)
    }

    /// One bucket's totals from stored daily results (empty when no date of it is stored).
    public static func totals(store: Store, registry: Registry, level: RollupLevel, period: RollupPeriod,
                              start: Day) throws -> [AccountingTotals] {
        let daily = try store.dailyResults(from: start, to: period.last(start))
        return AccountingRollup(registry: registry, daily).totals(level, per: period)
    }
}
