import Accounting
import PEMSCore

/// 传输情况 and 补采清单 (issue 18; seed 003 通报 of 联网、传输; seed 001 §5.5.2 补采, §6.1
/// 99.8 %): figures and runs computed by the job and stored (`PointGaps`), summed here.
extension PeriodReportData {
    /// 传输情况: every district and the city (a county edition: its district and the city).
    /// Rejected lines: a district's are those whose MN is one of its collectors'; the city's all.
    public func transmissionRows() -> ResultSet<TransmissionField> {
        var set = ResultSet<TransmissionField>()
        func row(_ t: TransmissionFigures, city: Bool) {
            set.append([.districtCode: .text(city ? "" : t.code), .districtName: .text(city ? "全市" : districtName(t.code)),
                        .registeredEnterprises: .integer(t.registeredEnterprises), .onlineEnterprises: .integer(t.onlineEnterprises),
                        .onlineRate: .percent(t.onlineRate), .registeredPoints: .integer(t.registeredPoints),
                        .reportingPoints: .integer(t.reportingPoints), .transmissionRate: .percent(t.transmissionRate),
                        .meanCompleteness: .percent(t.meanCompleteness), .pointsAtTarget: .integer(t.pointsAtTarget),
                        .shareAtTarget: .percent(t.shareAtTarget), .missingSlots: .integer(t.missingSlots),
                        .gapRuns: .integer(t.gapRuns), .rejectedLines: .integer(t.rejectedLines),
                        .resentLateLines: .integer(t.resentLateLines), .maxResendLagMinutes: .number(t.largestResendLagMinutes)])
        }
        for t in transmission.districts where scope.includes(districtCode: t.code) { row(t, city: false) }
        row(transmission.city, city: true)
        return set
    }

    /// The same data with the period's rejected lines and re-send lags read from `store` (a
    /// month rendered for the 数据质量与联网 workbook without the comparison bases has not read them).
    func readingRejectedLines(_ store: Store) throws -> PeriodReportData {
        guard transmission.city.rejectedLines == nil else { return self }
        var copy = self
        TransmissionFigures.attribute(rejected: (try store.rejectedLines(from: rows.from, to: rows.to),
                                                 try store.rejectedLinesByMN(from: rows.from, to: rows.to)),
                                      to: &copy.transmission, registry: registry)
        TransmissionFigures.attribute(receiveLags: try store.receiveLags(from: rows.from, to: rows.to),
                                      to: &copy.transmission, registry: registry)
        return copy
    }

    /// 点位类型 as the coverage sheet names them.
    static let kindNames: [PointKind: String] = [.total: "总电表", .production: "生产", .treatment: "治理", .sensor: "工况传感器"]

    /// 补采清单: the period's missing-slot runs joined over midnight (`GapRuns.merged`), by MN,
    /// point and start; a county edition's points only.
    public func gapList() -> ResultSet<GapListField> {
        var set = ResultSet<GapListField>()
        let minutes = settings.slotMinutes
        for g in GapRuns.merged(rows.gaps) where covers(enterpriseID: g.enterpriseID) {
            let e = registry.enterprise(id: g.enterpriseID)
            set.append([.mn: .text(g.mn), .pointID: .text(g.pointID), .pointKind: .text(registry.point(id: g.pointID).map { Self.kindNames[$0.kind] ?? $0.kind.rawValue }),
                        .enterpriseID: .text(g.enterpriseID), .enterpriseName: .text(e?.name ?? ""),
                        .districtName: .text(e.map { districtName($0.districtCode) } ?? ""),
                        .from: .time(g.start), .to: .time(g.end), .missingSlots: .integer(g.slots),
                        .minutes: .integer(g.slots * minutes)])
        }
        return set
    }
}
