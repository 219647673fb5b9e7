import Accounting
import PEMSCore

/// The numbers of one report period that the charts and the brief draw, taken from a stored
/// computation (`ComputationResult`, as `pems export` reads it) and, for 环比, the stored daily
/// results of the period just before (same number of days). Dates CST; kg, kWh.
///
/// `scope` says whose brief it is: the city's, or a county edition's (seed 002 "旗县区环保局
/// 用户…只能查看本辖区"), whose `total`, `daily`, `enterprises` and `events` are its district's
/// while `city`, `cityDaily`, `districts` and `districtDaily` stay the whole city's — the city
/// figure beside the district's and the district's rank among all. `edition(_:)` derives a
/// county's facts from the city's without summing the period again.
public struct PeriodFacts: Sendable {
    public let result: ComputationResult
    public let accounting: PeriodAccounting
    public var registry: Registry { result.registry }
    public var from: Day { result.from }
    public var to: Day { result.to }
    /// The city, or a county edition's district.
    public private(set) var scope: ReportScope
    /// Each date of the period (ascending).
    public let dates: [Day]
    /// City totals per day, in `dates` order.
    public let cityDaily: [AccountingTotals]
    /// District totals per day: district code → totals in `dates` order.
    public let districtDaily: [String: [AccountingTotals]]
    /// Totals over the whole period: the whole city's, and every district's.
    public let city: AccountingTotals
    public let districts: [AccountingTotals]
    /// Totals of the edition's enterprises (every enterprise of the city edition).
    public private(set) var enterprises: [AccountingTotals]
    /// City totals of the previous period of equal length (环比); nil when none of its days
    /// has stored results.
    public let previousCity: AccountingTotals?
    /// Events of the edition overlapping the previous period (nil when none of its days is stored).
    public private(set) var previousEvents: Int?
    /// The events of the edition overlapping the period, in export order.
    public private(set) var events: [EventRecord]
    /// What `edition` needs of the previous period: every district's totals, and the events.
    let previousDistricts: [AccountingTotals]?
    let previousEventList: [EventRecord]?
    let allEnterprises: [AccountingTotals]
    /// 传输情况 over the period: the city's and every district's (`TransmissionFigures`,
    /// from the facility-days and the stored missing-slot runs).
    public let transmission: (city: TransmissionFigures, districts: [TransmissionFigures])

    public init(_ result: ComputationResult, previous: DailyResults? = nil) {
        self.result = result
        scope = .city
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
        allEnterprises = Self.sumByCode(rollup.totals(.enterprise, per: .day), level: .enterprise, start: result.from)
        enterprises = allEnterprises
        events = result.events.sorted(by: EventRecord.exportOrder)
        var figures = TransmissionFigures.Builder(registry: result.registry, days: dates.count, settings: result.settings)
        for f in result.facilityDays { figures.add(f) }
        transmission = figures.finish(gaps: result.gaps)
        if let previous, !previous.dates.isEmpty {
            let r = AccountingRollup(registry: result.registry, previous)
            previousCity = Self.sum(r.totals(.city, per: .day), code: RollupLevel.cityCode, level: .city,
                                    start: previous.dates[0])
            previousDistricts = Self.sumByCode(r.totals(.district, per: .day), level: .district, start: previous.dates[0])
            previousEventList = previous.events
            previousEvents = previous.events.count
        } else {
            previousCity = nil
            previousDistricts = nil
            previousEventList = nil
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

    /// The same period's facts for another reader (`scope`), from these (the city's): the
    /// roll-up is not summed again, so a job writes every county's brief from one pass.
    public func edition(_ scope: ReportScope) -> PeriodFacts {
        var copy = self
        copy.scope = scope
        copy.enterprises = allEnterprises.filter { copy.covers(enterpriseID: $0.code) }
        copy.events = result.events.sorted(by: EventRecord.exportOrder).filter { copy.covers(enterpriseID: $0.enterpriseID) }
        copy.previousEvents = previousEventList.map { list in list.filter { copy.covers(enterpriseID: $0.enterpriseID) }.count }
        return copy
    }

    /// Whether the enterprise with `id` belongs to this edition (all of them for the city).
    public func covers(enterpriseID id: String) -> Bool { scope.includes(enterpriseID: id, in: registry) }

    /// The district's name in a county edition ("竞秀区"); nil for the city.
    public var editionName: String? { scope.districtCode.map(districtName) }

    /// The edition's totals over the period: the city's, or its district's.
    public var total: AccountingTotals {
        guard let code = scope.districtCode else { return city }
        return districts.first { $0.code == code } ?? AccountingTotals(level: .district, code: code, period: .day, start: from)
    }

    /// The edition's 传输情况: the city's, or its district's.
    public var ownTransmission: TransmissionFigures {
        guard let code = scope.districtCode else { return transmission.city }
        return transmission.districts.first { $0.code == code } ?? TransmissionFigures(code: code)
    }

    /// The edition's totals per day, in `dates` order.
    public var daily: [AccountingTotals] {
        guard let code = scope.districtCode else { return cityDaily }
        return districtDaily[code] ?? []
    }

    /// The edition's totals of the previous period (环比); nil when none of its days is stored.
    public var previousTotal: AccountingTotals? {
        guard let code = scope.districtCode else { return previousCity }
        return previousDistricts?.first { $0.code == code }
    }

    /// A county edition's rank among the city's districts by emitted kg (1 = largest); nil for the city.
    public var districtRank: Int? {
        guard let code = scope.districtCode else { return nil }
        return Ranking.rank(districts, by: .emittedKg).first { $0.code == code }?.rank
    }

    /// The period just before `[from, to]` with the same number of days.
    public static func previousRange(from: Day, to: Day) -> (Day, Day) {
        let n = to.index - from.index + 1
        return (from.adding(days: -n), from.adding(days: -1))
    }

    /// Display name of a district code (the code itself when the registry has no name).
    public func districtName(_ code: String) -> String { registry.district(code: code)?.name ?? code }
    public func enterpriseName(_ id: String) -> String { registry.enterprise(id: id)?.name ?? id }

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
