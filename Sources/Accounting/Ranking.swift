import PEMSCore

/// A ranking of one bucket (a day, week or month, named by its first day).
public struct BucketRanking: Sendable, Equatable {
    public var start: Day
    public var entries: [RankedEntry]
}

/// One place in a ranking (SPEC §9.6).
public struct RankedEntry: Sendable, Equatable {
    public var code: String
    /// nil = no value (ranked after every entity with one).
    public var value: Double?
    /// 1, 2, 3 … with no shared places.
    public var rank: Int

    public init(code: String, value: Double?, rank: Int) {
        self.code = code
        self.value = value
        self.rank = rank
    }
}

/// District and enterprise rankings (SPEC §9.6, §12 `rank_emitted`): 1 for the largest value;
/// equal values are ordered by code (ties broken by code, so places are never shared);
/// entities without a value (e.g. a sync rate with no treatment slot) come last, by code.
/// The same rule ranks every metric — emitted VOCs, events, sync rate, compliance — so rank 1
/// is the largest emitter, the most events, the best sync rate and the best compliance.
public enum Ranking {
    /// Ranks `(code, value)` pairs.
    public static func rank(_ items: [(code: String, value: Double?)]) -> [RankedEntry] {
        let sorted = items.sorted { a, b in
            switch (a.value, b.value) {
            case let (x?, y?) where x != y: return x > y
            case (nil, .some): return false
            case (.some, nil): return true
            default: return a.code < b.code
            }
        }
        return sorted.enumerated().map { RankedEntry(code: $1.code, value: $1.value, rank: $0 + 1) }
    }

    /// Ranks the entities of one bucket's totals (one level, one period) by a metric.
    public static func rank(_ totals: [AccountingTotals], by metric: AccountingMetric) -> [RankedEntry] {
        rank(totals.map { ($0.code, $0.value(metric)) })
    }
}

extension AccountingRollup {
    /// District or enterprise (or industry) rankings by a metric for every day, week or month
    /// with results (SPEC §9.6), bucket by bucket.
    public func rankings(_ level: RollupLevel, per period: RollupPeriod, by metric: AccountingMetric) -> [BucketRanking] {
        Self.byStart(totals(level, per: period)).compactMap { bucket in
            bucket.first.map { BucketRanking(start: $0.start, entries: Ranking.rank(bucket, by: metric)) }
        }
    }
}
