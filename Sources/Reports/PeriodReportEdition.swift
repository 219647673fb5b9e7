import Accounting
import PEMSCore

/// County editions of the period reports (seed 002 "旗县区环保局用户…只能查看本辖区", seed 003
/// 各县(市、区)分局): every result set of `PeriodReportData` asks `covers` which enterprises,
/// events, findings and facility-days it shows, so a county edition shows its district only —
/// while the roll-up, the per-enterprise sums and the comparison bases stay the whole city's:
/// the district's rank among the city's districts and the city figure beside the district's
/// come from them, and one read of the period's facility-days feeds every edition (`edition`).
extension PeriodReportData {
    /// The same period for another reader, sharing this one's roll-up, sums and 环比/同比 bases:
    /// the jobs read a period's facility-days once and write the city and every county edition
    /// from it. Only the long lists (findings, facility completeness) are read again per edition,
    /// each its own district's rows, selected by the store.
    public func edition(_ scope: ReportScope) -> PeriodReportData {
        var copy = self
        copy.scope = scope
        return copy
    }

    /// Whether enterprise `e` belongs to this edition (every one for the city).
    func covers(_ e: Enterprise) -> Bool { scope.includes(districtCode: e.districtCode) }

    /// Whether the enterprise with `id` belongs to this edition (an id the registry lacks
    /// belongs to the city edition only).
    func covers(enterpriseID id: String) -> Bool { scope.includes(enterpriseID: id, in: registry) }

    /// The edition's enterprise ids; nil for the city (no filter).
    var editionEnterpriseIDs: Set<String>? {
        guard scope.districtCode != nil else { return nil }
        return Set(registry.enterprises.filter(covers).map(\.id))
    }

    /// The district's name in a county edition ("竞秀区"); nil for the city.
    public var editionName: String? { scope.districtCode.map(districtName) }

    /// A workbook title of this edition: the template's, after the district's name in a county
    /// edition ("竞秀区 VOCs工况用电监控周报").
    public func title(_ templateTitle: String) -> String {
        editionName.map { "\($0) \(templateTitle)" } ?? templateTitle
    }

    /// The edition's own row of city- and district-level totals: the city's, or its district's.
    func own(_ byLevel: [RollupLevel: [AccountingTotals]]) -> AccountingTotals? {
        guard let code = scope.districtCode else { return byLevel[.city]?.first }
        return byLevel[.district]?.first { $0.code == code }
    }

    /// The edition's totals over the period, and the whole city's.
    var ownTotals: AccountingTotals? { own([.city: totals(.city), .district: totals(.district)]) }
    var cityTotals: AccountingTotals? { totals(.city).first }

    /// A county edition's rank among the city's districts by emitted kg (1 = largest, ties by
    /// code, as the 区县排名 sheet); nil for the city.
    var districtRank: Int? {
        guard let code = scope.districtCode else { return nil }
        return Ranking.rank(totals(.district), by: .emittedKg).first { $0.code == code }?.rank
    }

    /// The events of the edition's enterprises, as stored.
    var editionEvents: [EventRecord] {
        scope.districtCode == nil ? rows.events : rows.events.filter { covers(enterpriseID: $0.enterpriseID) }
    }
}
