import Accounting
import PEMSCore

/// What every enterprise file (一企一档) of one computed period shares, worked out once for
/// all of them — the monthly job writes hundreds from one month: the period's roll-up by
/// enterprise and day (`enterprise_day.csv`), each enterprise's totals and its rank by emitted
/// VOCs in its district and its industry (SPEC §9.6), and the totals of the two comparison
/// bases read from stored daily results (`AccountingRollup.stored`):
/// - 环比: the period of equal length just before (as the brief compares, `PeriodFacts`);
/// - 同比: the same calendar dates a year earlier (a 29 February end becomes the 28th).
///
/// Dates CST; kWh, kg. Nothing here recomputes slots.
public struct DossierContext: Sendable {
    public let registry: Registry
    public let settings: Settings
    public let from: Day
    public let to: Day
    /// The comparison periods `[first, last]`; nil for 同比 when the dates have no year earlier.
    public let previousRange: (Day, Day)
    public let lastYearRange: (Day, Day)?
    /// Per enterprise id: its totals over the period, its enterprise-days by date.
    let totals: [String: AccountingTotals]
    let enterpriseDays: [String: [EnterpriseDayRecord]]
    /// Per enterprise id: its totals over each comparison period; nil when none of that
    /// period's days has stored results (a blank, §9.6), or without a store.
    let previous: [String: AccountingTotals]?
    let lastYear: [String: AccountingTotals]?
    /// Per enterprise id: its place by emitted kg among its district's and its industry's enterprises.
    let districtRanks: [String: DossierRank]
    let industryRanks: [String: DossierRank]

    /// The context of the computed period `result`; `store`: where the comparison bases are
    /// read (nil: no 环比/同比).
    public init(result: ComputationResult, store: Store?) throws {
        registry = result.registry
        settings = result.settings
        from = result.from
        to = result.to
        let rollup = AccountingRollup(result)
        totals = Self.periodTotals(rollup, start: from)
        var days: [String: [EnterpriseDayRecord]] = [:]
        for e in rollup.enterpriseDays() { days[e.enterpriseID, default: []].append(e) }
        enterpriseDays = days
        previousRange = Self.previousRange(from: from, to: to)
        lastYearRange = Self.lastYearRange(from: from, to: to)
        if let store {
            let registry = self.registry
            previous = try Self.storedTotals(store, registry: registry, previousRange)
            if let range = lastYearRange {
                lastYear = try Self.storedTotals(store, registry: registry, range)
            } else {
                lastYear = nil
            }
        } else {
            previous = nil
            lastYear = nil
        }
        var byDistrict: [String: [Enterprise]] = [:], byIndustry: [String: [Enterprise]] = [:]
        for e in registry.enterprises {
            byDistrict[e.districtCode, default: []].append(e)
            byIndustry[e.industry.rawValue, default: []].append(e)
        }
        let totals = self.totals
        func ranks(_ groups: [String: [Enterprise]], scope: DossierRank.Scope) -> [String: DossierRank] {
            var out: [String: DossierRank] = [:]
            for (code, members) in groups {
                let ranked = Ranking.rank(members.map { (code: $0.id, value: totals[$0.id]?.emittedKg) })
                let sum = members.reduce(0.0) { $0 + (totals[$1.id]?.emittedKg ?? 0) }
                for r in ranked {
                    out[r.code] = DossierRank(scope: scope, code: code, rank: r.rank, of: ranked.count, emittedKg: r.value,
                                              scopeEmittedKg: sum)
                }
            }
            return out
        }
        districtRanks = ranks(byDistrict, scope: .district)
        industryRanks = ranks(byIndustry, scope: .industry)
    }

    /// The period just before `[from, to]` with the same number of days (the brief's 环比).
    public static func previousRange(from: Day, to: Day) -> (Day, Day) {
        let n = to.index - from.index + 1
        return (from.adding(days: -n), from.adding(days: -1))
    }

    /// The same calendar dates a year earlier; a 29 February becomes the 28th.
    public static func lastYearRange(from: Day, to: Day) -> (Day, Day)? {
        func back(_ d: Day) -> Day? {
            let c = d.civil
            return Day(year: c.year - 1, month: c.month, day: c.day) ?? Day(year: c.year - 1, month: c.month, day: c.day - 1)
        }
        guard let a = back(from), let b = back(to) else { return nil }
        return (a, b)
    }

    /// Per-enterprise totals over every day of a roll-up (each day's totals merged in date order).
    static func periodTotals(_ rollup: AccountingRollup, start: Day) -> [String: AccountingTotals] {
        var out: [String: AccountingTotals] = [:]
        for t in rollup.totals(.enterprise, per: .day) {
            out[t.code, default: AccountingTotals(level: .enterprise, code: t.code, period: .day, start: start)].merge(t)
        }
        return out
    }

    /// The per-enterprise totals of the stored daily results of `[first, last]`, summed as they
    /// stream; nil when none of its days is stored.
    static func storedTotals(_ store: Store, registry: Registry, _ range: (Day, Day)) throws -> [String: AccountingTotals]? {
        let rollup = try AccountingRollup.stored(store, registry: registry, from: range.0, to: range.1)
        guard let first = rollup.dates.first else { return nil }
        return periodTotals(rollup, start: first)
    }

    /// "2024-07-08 至 2024-07-12" (or the one day).
    public static func periodText(_ a: Day, _ b: Day) -> String { a == b ? a.description : "\(a) 至 \(b)" }
}

/// An enterprise's place among the enterprises of its district or its industry by emitted
/// VOCs over the period (SPEC §9.6: 1 = the largest, ties by enterprise id).
public struct DossierRank: Sendable, Equatable {
    public enum Scope: String, Sendable {
        case district = "区县"
        case industry = "行业"
    }
    public var scope: Scope
    /// District code or industry name.
    public var code: String
    public var rank: Int
    /// Enterprises ranked (the registered enterprises of the scope).
    public var of: Int
    /// kg emitted by the enterprise, and by the whole scope.
    public var emittedKg: Double?
    public var scopeEmittedKg: Double
}
