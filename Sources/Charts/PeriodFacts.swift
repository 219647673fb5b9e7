import Accounting
import PEMSCore

/// The numbers of one report period that the charts and the brief draw, taken from a stored
/// computation (`ComputationResult`, as `pems export` reads it) and, for 环比, the stored
/// daily results of the period just before (same number of days). Dates CST; kg, kWh.
public struct PeriodFacts: Sendable {
    public let result: ComputationResult
    public let accounting: PeriodAccounting
    public var registry: Registry { result.registry }
    public var from: Day { result.from }
    public var to: Day { result.to }
    /// Each date of the period (ascending).
    public let dates: [Day]
    /// City totals per day, in `dates` order.
    public let cityDaily: [AccountingTotals]
    /// District totals per day: district code → totals in `dates` order.
    public let districtDaily: [String: [AccountingTotals]]
    /// Totals over the whole period.
    public let city: AccountingTotals
    public let districts: [AccountingTotals]
    public let enterprises: [AccountingTotals]
    /// City totals of the previous period of equal length (环比); nil when none of its days
    /// has stored results.
    public let previousCity: AccountingTotals?
    /// Events overlapping the previous period (nil when none of its days is stored).
    public let previousEvents: Int?

    public init(_ result: ComputationResult, previous: DailyResults? = nil) {
        self.result = result
        accounting = PeriodAccounting(result)
        let rollup = accounting.rollup
        dates = rollup.dates
        let cityDays = rollup.totals(.city, per: .day)
        cityDaily = cityDays
        var perDistrict: [String: [AccountingTotals]] = [:]
        for t in rollup.totals(.district, per: .day) { perDistrict[t.code, default: []].append(t) }
        districtDaily = perDistrict
        city = Self.sum(cityDays, code: RollupLevel.cityCode, level: .city, start: result.from)
        districts = Self.sumByCode(rollup.totals(.district, per: .day), level: .district, start: result.from)
        enterprises = Self.sumByCode(rollup.totals(.enterprise, per: .day), level: .enterprise, start: result.from)
        if let previous, !previous.dates.isEmpty {
            let r = AccountingRollup(registry: result.registry, previous)
            previousCity = Self.sum(r.totals(.city, per: .day), code: RollupLevel.cityCode, level: .city,
                                    start: previous.dates[0])
            previousEvents = previous.events.count
        } else {
            previousCity = nil
            previousEvents = nil
        }
    }

    /// The facts of `result` with 环比 against the stored daily results of the period of equal
    /// length just before (`previousRange`; a read of the store): the brief of a job and of
    /// `pems brief` alike.
    public init(_ result: ComputationResult, store: Store) throws {
        let (p0, p1) = Self.previousRange(from: result.from, to: result.to)
        self.init(result, previous: try store.dailyResults(from: p0, to: p1))
    }

    /// The period just before `[from, to]` with the same number of days.
    public static func previousRange(from: Day, to: Day) -> (Day, Day) {
        let n = to.index - from.index + 1
        return (from.adding(days: -n), from.adding(days: -1))
    }

    /// Display name of a district code (the code itself when the registry has no name).
    public func districtName(_ code: String) -> String { registry.district(code: code)?.name ?? code }
    public func enterpriseName(_ id: String) -> String { registry.enterprise(id: id)?.name ?? id }

    /// The events of the period, in export order.
    public var events: [EventRecord] { result.events.sorted(by: EventRecord.exportOrder) }

    /// Adds up per-day totals of one code into one period total.
    static func sum(_ days: [AccountingTotals], code: String, level: RollupLevel, start: Day) -> AccountingTotals {
        var t = AccountingTotals(level: level, code: code, period: .day, start: start)
        for d in days { t.merge(d) }
        return t
    }

    static func sumByCode(_ days: [AccountingTotals], level: RollupLevel, start: Day) -> [AccountingTotals] {
        var groups: [String: [AccountingTotals]] = [:]
        for t in days { groups[t.code, default: []].append(t) }
        return groups.keys.sorted().map { sum(groups[$0] ?? [], code: $0, level: level, start: start) }
    }

    /// The PDF date pinned to the period: the end of its last day, 00:00 CST of the day after
    /// (also the brief's 生成时间; no wall clock, so reruns give the same bytes).
    public var pinnedDate: String { Self.pinnedDate(to) }
    public static func pinnedDate(_ last: Day) -> String { last.adding(days: 1).description + "T00:00:00+08:00" }
    /// "2026-06-15 00:00" — the brief's 生成时间 (see `pinnedDate`).
    public var generatedText: String { to.adding(days: 1).description + " 00:00" }
    /// "2026-06-01 至 2026-06-14".
    public var periodText: String { from == to ? from.description : "\(from) 至 \(to)" }
}
