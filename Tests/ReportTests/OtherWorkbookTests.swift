import Foundation
import PEMSCore
import Reports
import Testing

/// The response assessment and the data-quality workbook, read back with openpyxl.
@Suite(.serialized) struct OtherWorkbookTests {
    @Test func responseWorkbookShowsMeasuresComplianceAllocationAndViolators() throws {
        let f = try ReportFixture.shared()
        let id = "R20260608-O"
        let (files, export, result) = try f.renderResponse(id)
        let xlsx = try #require(files.first)
        #expect(xlsx.lastPathComponent == "应急减排评估_\(id).xlsx")
        let wb = try ReadWorkbook.read(xlsx)
        #expect(wb.sheets.map(\.name) == ["响应概况", "一厂一策措施", "措施执行情况", "落实情况", "减排分配与完成", "逐日减排", "违规企业事件"])
        // Allocation rows = allocation.csv rows of this response, same allocated kg/day.
        let alloc = try #require(wb.sheet("减排分配与完成"))
        let csv = try csvRows(export.appendingPathComponent("allocation.csv")).filter { $0["response_id"] == id }
        #expect(alloc.data.count == csv.count)
        let idCol = try #require(alloc.column("企业编号")), allocated = try #require(alloc.column("分配减排量(kg/日)"))
        for row in csv {
            let r = try #require(alloc.data.first { $0[idCol].string == row["enterprise_id"] })
            let x = try #require(Double(row["allocated_kg_per_day"] ?? ""), "allocation.csv allocated_kg_per_day of \(row["enterprise_id"] ?? "?")")
            #expect(abs((r[allocated].number ?? .nan) - x) < 1e-9)
        }
        // Violators: the STOP/LIMIT/SHIFT events of the response, each one listed.
        let violations = result.events.filter {
            [.stopViolation, .limitViolation, .shiftViolation].contains($0.rule) && ($0.evidence.responseIDs ?? []).contains(id)
        }
        #expect(!violations.isEmpty)
        #expect(try #require(wb.sheet("违规企业事件")).data.count == violations.count)
        // Compliance by measure: limit violators counted.
        let comp = try #require(wb.sheet("措施执行情况"))
        let limitRow = try #require(comp.data.first { $0[6].string == "limit" })
        let limitViolators = Set(violations.filter { $0.rule == .limitViolation }.map(\.enterpriseID)).count
        #expect(limitRow[2].number == Double(limitViolators))
        #expect(comp.charts == ["BarChart"])
        let reduction = try #require(wb.sheet("逐日减排"))
        #expect(reduction.data.count == (try csvRows(export.appendingPathComponent("reduction.csv"))).filter { $0["response_id"] == id }.count)
    }

    @Test func qualityWorkbookHasCoverageRejectsAndTheSeed003InstallationTables() throws {
        let f = try ReportFixture.shared()
        let (files, export) = try f.render(.quality, date: Day("2026-06-10")!)
        let wb = try ReadWorkbook.read(try #require(files.first))
        #expect(wb.sheets.map(\.name) == ["企业覆盖检查", "未登记数采仪", "拒收行统计", "数据质量问题", "数据完整率", "传输情况", "安装联网企业清单", "安装联网进度表", "数据修改记录", "补采清单"])
        #expect(try #require(wb.sheet("安装联网企业清单")).headers == ["序号", "所属市", "所属县（市、区）", "企业名称", "行业类别", "计划完成时间"])
        let progress = try #require(wb.sheet("安装联网进度表"))
        #expect(progress.headers == ["序号", "所属市", "所属县(市、区)", "企业名称", "行业类别", "计划完成时间", "实际完成安装并与省平台联网时间"])
        #expect(progress.data.count == 58)
        #expect(progress.data.last?[2].string == "合计")
        #expect(progress.data.last?[3].string?.hasPrefix("截至目前累积完成57家") == true)
        let coverage = try #require(wb.sheet("企业覆盖检查"))
        #expect(coverage.data.count == 57)
        // Coverage problems counted per enterprise equal the coverage rows of dq.csv (distinct checks).
        let coverageChecks: Set<String> = ["NO_TOTAL_POINT", "NO_PRODUCTION_POINT", "NO_TREATMENT_POINT", "UNLINKED_PRODUCTION"]
        var expected: [String: Set<String>] = [:]
        for row in try csvRows(export.appendingPathComponent("dq.csv")) where coverageChecks.contains(row["check"] ?? "") {
            expected[row["enterprise_id"] ?? "", default: []].insert(row["check"] ?? "")
        }
        let idCol = try #require(coverage.column("企业编号")), count = try #require(coverage.column("问题数"))
        for row in coverage.data {
            #expect(row[count].number == Double(expected[row[idCol].string ?? ""]?.count ?? 0))
        }
        let unknown = try #require(wb.sheet("未登记数采仪"))
        let unknownInDQ = Set(try csvRows(export.appendingPathComponent("dq.csv")).filter { $0["check"] == "UNKNOWN_MN" }.map { $0["point_id"] ?? "" })
        #expect(Set(unknown.data.compactMap { $0[0].string }) == unknownInDQ)
        #expect(unknown.data.allSatisfy { ($0[1].number ?? 0) > 0 })
    }
}
