import Accounting
import Foundation
import PEMSCore
import Reports
import Testing

/// The 异常清单 of the 日报/周报/月报 and the 数据质量 sheet with the SPEC 2 events and checks,
/// rendered through the repository's templates and read back with openpyxl.
/// `PEMS_KEEP_REPORTS=DIR` keeps the workbooks there to look at.
@Suite struct EventListTests {
    static func workbook(_ kind: ReportKind) throws -> ReadWorkbook {
        let keep = ProcessInfo.processInfo.environment["PEMS_KEEP_REPORTS"]
        let out = keep.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("pems-eventlist-\(UUID().uuidString)")
        defer { if keep == nil { try? FileManager.default.removeItem(at: out) } }
        let template = try TemplateLoader.load(kind, from: ReportFixture.templates)
        let (period, _, _) = PeriodReport.period(kind, containing: SPEC2EventFixture.day)
        let url = try PeriodReport.write(template, rows: PeriodRows(SPEC2EventFixture.result), period: period, store: nil, out: out)
        return try ReadWorkbook.read(url)
    }

    /// The 异常清单 row of the event whose rule code is `rule`.
    static func row(_ sheet: ReadWorkbook.Sheet, rule: AnomalyRule) throws -> [ReadWorkbook.Cell] {
        let code = try #require(sheet.column("规则代码"))
        return try #require(sheet.data.first { $0[code].string == rule.rawValue }, "\(rule.rawValue) row")
    }

    @Test(arguments: [ReportKind.daily, .weekly, .monthly])
    func theEventListShowsViolatingMinutesBesideTheMinutes(_ kind: ReportKind) throws {
        let sheet = try #require(try Self.workbook(kind).sheet("异常清单"))
        let minutes = try #require(sheet.column("时长(分钟)"))
        #expect(sheet.headers[minutes + 1] == "违规时长(分钟)")
        let stop = try Self.row(sheet, rule: .stopViolation)
        #expect(stop[minutes].number == 150)
        #expect(stop[minutes + 1].number == 60)
        #expect(stop[minutes + 1].type == "n")
        let limit = try Self.row(sheet, rule: .limitViolation)
        #expect(limit[minutes].number == 120)
        #expect(limit[minutes + 1].number == 90)
    }

    @Test(arguments: [ReportKind.daily, .weekly, .monthly])
    func anEnterpriseLevelLimitEventIsListedForAllLimitedFacilitiesAndNamesThem(_ kind: ReportKind) throws {
        let sheet = try #require(try Self.workbook(kind).sheet("异常清单"))
        let limit = try Self.row(sheet, rule: .limitViolation)
        #expect(limit[try #require(sheet.column("设施"))].string == "全厂限产设备")
        #expect(limit[try #require(sheet.column("设施编号"))].value == nil)
        #expect(limit[try #require(sheet.column("异常类型"))].string == "未按规定限产")
        // Σ ratio × baseline and Σ power of the limited lines, and the lines by name and id.
        #expect(limit[try #require(sheet.column("允许功率(kW)"))].number == 108)
        #expect(limit[try #require(sheet.column("实测平均功率(kW)"))].number == 130)
        let remark = try #require(sheet.column("判定说明"))
        let note = try #require(limit[remark].string)
        #expect(note.contains("限产设备：注塑线1（P1）、注塑线2（P2）"), "\(note)")
        #expect(note.contains("合计功率 > 合计允许功率"), "\(note)")
    }

    @Test func aCumulativeStopEventNamesItsRunsAndTheirSum() throws {
        let sheet = try #require(try Self.workbook(.daily).sheet("异常清单"))
        let stop = try Self.row(sheet, rule: .stopViolation)
        let remark = try #require(sheet.column("判定说明"))
        let note = try #require(stop[remark].string)
        #expect(note == "停产期间累计运行 60 分钟（4 段：06:00–06:15、06:45–07:00、07:30–07:45、08:15–08:30）")
    }

    @Test func anExemptionBreachIsListedAsProductionNotStoppedDuringItsExemption() throws {
        let sheet = try #require(try Self.workbook(.daily).sheet("异常清单"))
        let breach = try Self.row(sheet, rule: .exemptionBreach)
        #expect(breach[try #require(sheet.column("异常类型"))].string == "报备期间生产未停")
        #expect(breach[try #require(sheet.column("设施"))].string == "活性炭箱")
        let remark = try #require(sheet.column("判定说明"))
        let note = try #require(breach[remark].string)
        #expect(note == "报备 2024-07-09 13:00 至 2024-07-09 18:00（布袋更换），对应生产设施未同步停运")
    }

    @Test func theDataQualitySheetNamesTheThreeNewChecksInChinese() throws {
        let sheet = try #require(try Self.workbook(.daily).sheet("数据质量"))
        let name = try #require(sheet.column("问题类型")), code = try #require(sheet.column("检查代码"))
        let names = Dictionary(uniqueKeysWithValues: sheet.data.map { ($0[code].string ?? "", $0[name].string ?? "") })
        #expect(names == ["VOLTAGE_LOOP": "电压回路异常", "CURRENT_LOOP": "电流回路异常", "THRESHOLD_SUSPECT": "阈值设置不准确"])
    }

    /// The response assessment counts an enterprise-level limit event against the plan row of
    /// each facility it held under the limit, and violating (not spanned) minutes.
    @Test func aFacilitysLimitPlanRowCountsTheEnterpriseLevelEventItWasPartOf() throws {
        let r = SPEC2EventFixture.result
        let resp = try #require(r.registry.response(id: "R1"))
        let sets = ResponseReport.resultSets(response: resp, result: r)
        var rows: [[ReportCell]] = []
        try #require(sets[PlanMeasuresField.source]).forEach { rows.append($0) }
        let fields = PlanMeasuresField.allCases
        func cell(_ row: [ReportCell], _ f: PlanMeasuresField) throws -> ReportCell { row[try #require(fields.firstIndex(of: f))] }
        #expect(rows.count == 2)
        for row in rows {
            #expect(try cell(row, .violations) == .integer(1))
            #expect(try cell(row, .violationMinutes) == .integer(90))
        }
        var compliance: [[ReportCell]] = []
        try #require(sets[MeasureComplianceField.source]).forEach { compliance.append($0) }
        let limit = try #require(compliance.first { $0.first == .text("limit") })
        let cf = MeasureComplianceField.allCases
        #expect(limit[try #require(cf.firstIndex(of: .minutes))] == .integer(90))
    }
}
