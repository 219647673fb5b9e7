import Accounting
import Foundation
import PEMSCore

/// The data-quality and coverage workbook (数据质量与联网, SPEC §8, §10) of the month that
/// contains a date: per-enterprise registry coverage, unknown MNs and rejected lines (store
/// totals since the store was created), the §8 findings and facility completeness of the
/// month, the installation tables of seed 003 附件1/附件2, and the month's replaced readings
/// (数据修改记录, SPEC §13.35).
///
/// A county edition (`PeriodReportData.scope`) covers its district's enterprises, their
/// findings and facility-days, and the revisions of their collectors' MNs; 未登记数采仪 and
/// 拒收数据 are the platform's load totals in every edition (an unknown MN belongs to no
/// district, a rejected line often to no known MN).
public enum QualityReport {
    static let coverageChecks: [DQCheck] = [.noTotalPoint, .noProductionPoint, .noTreatmentPoint, .unlinkedProduction]

    /// Coverage per enterprise (§8 "Registry coverage"), from the registry and the month's
    /// findings (streamed: only the coverage checks are kept).
    public static func coverage(_ data: PeriodReportData) throws -> ResultSet<CoverageField> {
        var set = ResultSet<CoverageField>()
        let registry = data.rows.registry
        var fired: [String: Set<DQCheck>] = [:]
        try data.rows.forEachFinding(exportOrder: false, checks: coverageChecks, enterprises: data.editionEnterpriseIDs) { d in
            fired[d.enterpriseID, default: []].insert(d.check)
        }
        for e in registry.enterprises.filter(data.covers).sorted(by: { $0.id < $1.id }) {
            let points = registry.points(ofEnterprise: e.id)
            func n(_ k: PointKind) -> Int { points.filter { $0.kind == k }.count }
            let problems = coverageChecks.filter { fired[e.id]?.contains($0) ?? false }
            set.append([.enterpriseID: .text(e.id), .enterpriseName: .text(e.name),
                        .districtName: .text(data.districtName(e.districtCode)), .industry: .text(e.industry.rawValue),
                        .collectors: .integer(registry.collectors(ofEnterprise: e.id).count), .totalPoints: .integer(n(.total)),
                        .productionPoints: .integer(n(.production)), .treatmentPoints: .integer(n(.treatment)),
                        .sensors: .integer(n(.sensor)), .problems: .text(problems.map(\.chineseName).joined(separator: "；")),
                        .problemCount: .integer(problems.count),
                        .completeness: .percent(data.sums.meanCompleteness(of: e.id))])
        }
        return set
    }

    /// 附件1 安装联网企业清单 and 附件2 安装联网进度表. The registry has no planned completion
    /// date, so 计划完成时间 is left empty; 实际完成联网时间 is the first date of the month on
    /// which any facility of the enterprise reported data.
    public static func installation(_ data: PeriodReportData, city: String) -> (ResultSet<InstallationListField>, ResultSet<InstallationProgressField>) {
        var list = ResultSet<InstallationListField>(), progress = ResultSet<InstallationProgressField>()
        let first = data.sums.firstOnline
        let registry = data.rows.registry
        let ordered = registry.enterprises.filter(data.covers).sorted { ($0.districtCode, $0.id) < ($1.districtCode, $1.id) }
        for (i, e) in ordered.enumerated() {
            let district = data.districtName(e.districtCode)
            list.append([.seq: .integer(i + 1), .city: .text(city), .districtName: .text(district),
                         .enterpriseName: .text(e.name), .industry: .text(e.industry.rawValue)])
            progress.append([.seq: .integer(i + 1), .city: .text(city), .districtName: .text(district),
                             .enterpriseName: .text(e.name), .industry: .text(e.industry.rawValue),
                             .connected: first[e.id].map { .date($0) } ?? .empty])
        }
        // 附件2's 合计 line: connected so far, as a share of the registered enterprises.
        let done = ordered.filter { first[$0.id] != nil }.count
        let share = ordered.isEmpty ? 0 : Double(done) / Double(ordered.count) * 100
        progress.append([.districtName: .text("合计"),
                         .enterpriseName: .text("截至目前累积完成\(done)家，占全年任务量（登记企业\(ordered.count)家）的\(String(format: "%.1f", share))%")])
        return (list, progress)
    }

    static let reasonNames = [
        "bad_length": "报文长度错误", "bad_crc": "CRC校验失败", "bad_cp": "CP数据区格式错误", "bad_header": "报文头错误",
        "no_cp": "无CP数据区", "bad_datatime": "数据时间错误", "unknown_version": "未知协议版本", "bad_row": "CSV行格式错误",
        "bad_time": "时间格式错误", "bad_value": "数值错误", "unknown_code": "未登记的因子编码", "no_param": "因子缺少参数名",
        "unused_param": "未使用的参数", "unknown_mn": "未登记的数采仪",
        "value_out_of_range": "数值超出范围", "line_too_long": "行过长（缺少换行？）", "unclosed_quote": "CSV引号未闭合",
        "bad_mn": "数采仪编号格式错误", "bad_receive_time": "接收时间格式错误",
    ]

    /// 数据修改记录: the period's replaced readings (SPEC §13.35), in export order. MN, code and
    /// file path come from inputs and are written as text cells, never formulas. `mns`: only
    /// the revisions of these MNs (a county edition's collectors).
    public static func revisions(_ rows: PeriodRows, mns: Set<String>? = nil) -> ResultSet<RevisionsField> {
        var set = ResultSet<RevisionsField>()
        for r in rows.revisions.sorted(by: RevisionRecord.exportOrder) where mns?.contains(r.mn) ?? true {
            set.append([.time: .time(r.time), .mn: .text(r.mn), .code: .text(r.code), .param: .text(r.param),
                        .oldValue: .number(r.oldValue), .newValue: .number(r.newValue), .oldFlag: .text(r.oldFlag),
                        .newFlag: .text(r.newFlag), .file: .text(r.filePath), .loadedAt: .time(r.loadedAt)])
        }
        return set
    }

    /// 中文 name of a rejected-line reason code (the code itself when unknown).
    static func reasonName(_ code: String) -> String {
        let dropped = code.hasPrefix("dropped:")
        let base = dropped ? String(code.dropFirst("dropped:".count)) : code
        let name = reasonNames[base] ?? base
        return dropped ? "已接收报文中丢弃的数值：\(name)" : name
    }

    /// Renders the workbook of the computed month `rows`; returns the files written. Reads
    /// the store's load totals (unknown MNs, rejected and kept-aside lines), computes nothing.
    public static func render(_ template: ReportTemplate, rows: PeriodRows, store: Store, out: URL,
                              scope: ReportScope = .city) throws -> [URL] {
        try render(template, data: try PeriodReportData(rows: rows, period: .month, store: nil, scope: scope), store: store, out: out)
    }

    /// Renders one edition from the month's summed data (the monthly job's, shared with the
    /// 月报 and every county edition).
    public static func render(_ template: ReportTemplate, data: PeriodReportData, store: Store, out: URL) throws -> [URL] {
        let data = try data.readingRejectedLines(store)
        let rows = data.rows
        let p = RollupPeriod.month, first = rows.from, last = rows.to, settings = rows.settings
        // The month's findings and facility-days stream into their sheets (`resultRows`).
        var sets: [String: ResultRows] = [:]
        sets[CoverageField.source] = ResultRows(try coverage(data))
        var mns = ResultSet<UnknownMNsField>()
        for u in try store.unknownMNTotals().sorted(by: { $0.mn < $1.mn }) { mns.append([.mn: .text(u.mn), .packets: .integer(u.packets)]) }
        sets[UnknownMNsField.source] = ResultRows(mns)
        var rejects = ResultSet<RejectsField>()
        for r in try store.rejectTotals().sorted(by: { $0.reason < $1.reason }) {
            rejects.append([.reason: .text(r.reason), .reasonName: .text(reasonName(r.reason)), .count: .integer(r.count)])
        }
        // Lines of known MNs with codes the registry does not know are not rejected: they wait
        // for a registry version that knows them (SPEC §13.37). Staff see how many still wait.
        let waiting = try store.keptAsideKeys().filter { $0.codes != nil }.reduce(0) { $0 + $1.lines }
        if waiting > 0 {
            rejects.append([.reason: .text("kept_aside:unknown_code"),
                            .reasonName: .text("暂存：未登记因子编码的数据行（登记后自动补入）"), .count: .integer(waiting)])
        }
        sets[RejectsField.source] = ResultRows(rejects)
        let (list, prog) = installation(data, city: "")
        sets[InstallationListField.source] = ResultRows(list)
        sets[InstallationProgressField.source] = ResultRows(prog)
        let editionMNs = data.editionEnterpriseIDs.map { ids in Set(ids.flatMap { rows.registry.collectors(ofEnterprise: $0).map(\.mn) }) }
        sets[RevisionsField.source] = ResultRows(revisions(rows, mns: editionMNs))
        let heading = ReportHeading(period: PeriodReport.periodText(p, first, last), asOf: last.adding(days: 1).start,
                                    completeness: data.completeness, completenessTarget: settings.dqCompletenessTarget)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let url = out.appendingPathComponent(data.scope.fileName(PeriodReport.fileName(
            template.fileName, period: String(first.description.prefix(7)), start: first, end: last)))
        var edition = template
        edition.title = data.title(template.title)
        try WorkbookWriter.render(edition, source: { name in sets[name] ?? data.resultRows(name) },
                                  heading: heading, to: url)
        return [url]
    }
}
