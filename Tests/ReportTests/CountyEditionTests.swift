import Accounting
import Foundation
import PEMSCore
import Reports
import Testing

/// County editions (issue 17 deliver 1; seed 002 "旗县区环保局用户…只能查看本辖区"): the weekly
/// and data-quality workbooks of each district, read back with openpyxl, against the city
/// edition and the `pems export` CSVs of the same period.
@Suite(.serialized) struct CountyEditionTests {
    static let day = Day("2026-06-10")!

    /// The city's weekly workbook and each district's, rendered from one summing of the week
    /// (as the jobs do), with the week's export beside them.
    /// Built once and only read afterwards (its cells hold openpyxl values, `Any`).
    struct Week: @unchecked Sendable {
        let city: ReadWorkbook
        var counties: [String: ReadWorkbook] = [:]
        var files: [URL] = []
        var export: URL
        var registry: Registry
    }

    /// The week of `day`, rendered once for the tests that read it.
    static let weekly: Result<Week, Error> = Result { try render(.weekly) }

    static func render(_ kind: ReportKind) throws -> Week {
        let f = try ReportFixture.shared()
        return try f.locked {
            let out = try f.outDir("county-\(kind.rawValue)")
            let template = try TemplateLoader.load(kind, from: ReportFixture.templates)
            let (p, from, to) = PeriodReport.period(kind, containing: day)
            let outcome = try StoredComputation.run(store: f.store, settings: f.settings, from: from, to: to,
                                                    engineVersion: "test", reuse: true)
            let data = try PeriodReportData(rows: outcome.rows, period: p, store: f.store)
            func render(_ scope: ReportScope) throws -> URL {
                let edition = data.edition(scope)
                if kind == .quality { return try #require(try QualityReport.render(template, data: edition, store: f.store, out: out).first) }
                return try PeriodReport.write(template, data: edition, out: out)
            }
            let cityURL = try render(.city)
            let export = out.appendingPathComponent("export", isDirectory: true)
            try MachineExports.write(try outcome.result(), to: export)
            var w = Week(city: try ReadWorkbook.read(cityURL), files: [cityURL], export: export, registry: outcome.rows.registry)
            for d in outcome.rows.registry.districts {
                let url = try render(.district(d.code))
                w.files.append(url)
                w.counties[d.code] = try ReadWorkbook.read(url)
            }
            return w
        }
    }

    func near(_ a: Double?, _ b: Double?, _ tol: Double = 1e-9) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= tol * max(1, abs(b))
    }

    /// Σ of a numeric column.
    static func total(_ s: ReadWorkbook.Sheet, _ header: String) -> Double {
        guard let c = s.column(header) else { return .nan }
        return s.data.compactMap { $0[c].number }.reduce(0, +)
    }

    @Test func countyEditionsOfAWeekAddUpToTheCityEdition() throws {
        let w = try Self.weekly.get()
        #expect(w.counties.count == w.registry.districts.count)
        #expect(w.counties.count >= 2)
        let cityEnt = try #require(w.city.sheet("企业运行"))
        var emitted = 0.0, energy = 0.0, events = 0.0, rows = 0
        for (code, wb) in w.counties {
            let ent = try #require(wb.sheet("企业运行"))
            let codeCol = try #require(ent.column("区县代码"))
            // Only the district's own enterprises.
            #expect(ent.data.allSatisfy { $0[codeCol].string == code }, "\(code)")
            #expect(ent.data.count == w.registry.enterprises.filter { $0.districtCode == code }.count)
            emitted += Self.total(ent, "VOCs排放量(kg)")
            energy += Self.total(ent, "用电量(kWh)")
            events += Self.total(ent, "异常事件(起)")
            rows += ent.data.count
        }
        #expect(rows == cityEnt.data.count)
        #expect(near(emitted, Self.total(cityEnt, "VOCs排放量(kg)")))
        #expect(near(energy, Self.total(cityEnt, "用电量(kWh)")))
        #expect(events == Self.total(cityEnt, "异常事件(起)"))
        // And the city edition's totals are the export's.
        let csv = try csvRows(w.export.appendingPathComponent("enterprise_day.csv"))
        #expect(near(emitted, csv.map { Double($0["emitted_kg"] ?? "") ?? 0 }.reduce(0, +)))
        #expect(events == csv.map { Double($0["events"] ?? "") ?? 0 }.reduce(0, +))
    }

    @Test func everyEventOfTheCitysListIsInExactlyOneCountysList() throws {
        let w = try Self.weekly.get()
        func keys(_ wb: ReadWorkbook) throws -> [String] {
            let s = try #require(wb.sheet("异常清单"))
            let cols = try ["规则代码", "企业编号", "设施编号", "开始时间"].map { try #require(s.column($0)) }
            return s.data.map { r in cols.map { "\(r[$0].value ?? "")" }.joined(separator: "|") }
        }
        let city = try keys(w.city)
        #expect(city.count == (try csvRows(w.export.appendingPathComponent("events.csv"))).count)
        #expect(!city.isEmpty)
        var seen: [String: Int] = [:]
        for (code, wb) in w.counties {
            let list = try #require(wb.sheet("异常清单"))
            let ent = try #require(list.column("企业编号"))
            for r in list.data {
                let id = r[ent].string ?? ""
                #expect(w.registry.enterprise(id: id)?.districtCode == code, "\(id) in \(code)'s list")
            }
            for k in try keys(wb) { seen[k, default: 0] += 1 }
        }
        for k in city { #expect(seen[k] == 1, "\(k)") }
        #expect(seen.values.reduce(0, +) == city.count)
    }

    @Test func aCountysRankingSheetShowsEveryDistrictAndMarksItsOwn() throws {
        let w = try Self.weekly.get()
        let cityRanking = try #require(w.city.sheet("区县排名"))
        // The city edition has no 本辖区 column nor its highlighting (its workbook is as before).
        #expect(cityRanking.column("本辖区") == nil)
        #expect(!cityRanking.rules.isEmpty && !cityRanking.rules.contains { $0.contains("是") })
        let cityCode = try #require(cityRanking.column("区县代码")), cityRank = try #require(cityRanking.column("排名"))
        var rankOf: [String: Double] = [:]
        for r in cityRanking.data { rankOf[r[cityCode].string ?? ""] = r[cityRank].number }
        for (code, wb) in w.counties {
            let s = try #require(wb.sheet("区县排名"))
            let c = try #require(s.column("区县代码")), own = try #require(s.column("本辖区")), rank = try #require(s.column("排名"))
            #expect(Set(s.data.compactMap { $0[c].string }) == Set(w.registry.districts.map(\.code)))
            #expect(s.data.filter { $0[own].string == "是" }.compactMap { $0[c].string } == [code])
            #expect(s.data.allSatisfy { $0[own].string == "是" || $0[own].value == nil })
            // The ranks are the city's, and the own row is highlighted.
            for r in s.data { #expect(r[rank].number == rankOf[r[c].string ?? ""]) }
            let letter = String(UnicodeScalar(UInt8(65 + own)))
            #expect(s.rules.contains { $0.contains("$\(letter)7=\"是\"") }, "\(s.rules)")
            // 概览 names the same rank.
            let kpi = try #require(wb.sheet("概览"))
            let row = try #require(kpi.data.first { $0[0].string == "排放量区县排名" })
            #expect(row[1].number == rankOf[code])
        }
    }

    @Test func aCountysKPISheetGivesItsDistrictsFiguresWithTheCitysBeside() throws {
        let w = try Self.weekly.get()
        let cityKPI = try #require(w.city.sheet("概览"))
        #expect(cityKPI.column("全市") == nil)
        #expect(cityKPI.data.contains { $0[0].string == "全市VOCs排放量" })
        let cityEmitted = try #require(cityKPI.data.first { $0[0].string == "全市VOCs排放量" }?[1].number)
        var perDistrict: [String: Double] = [:]
        for row in try csvRows(w.export.appendingPathComponent("district_day.csv")) {
            perDistrict[row["district_code"] ?? "", default: 0] += Double(row["emitted_kg"] ?? "") ?? 0
        }
        for d in w.registry.districts {
            let wb = try #require(w.counties[d.code])
            let kpi = try #require(wb.sheet("概览"))
            let value = try #require(kpi.column("本期")), city = try #require(kpi.column("全市"))
            // The title says whose edition it is.
            #expect(kpi.row(1)[0].string?.hasPrefix("\(d.name) VOCs工况用电监控周报") == true)
            let ents = try #require(kpi.data.first { $0[0].string == "监控企业" })
            #expect(ents[value].number == Double(w.registry.enterprises.filter { $0.districtCode == d.code }.count))
            #expect(ents[city].number == Double(w.registry.enterprises.count))
            let emitted = try #require(kpi.data.first { $0[0].string == "\(d.name)VOCs排放量" })
            #expect(near(emitted[value].number, perDistrict[d.code]))
            #expect(near(emitted[city].number, cityEmitted))
            let events = try #require(kpi.data.first { $0[0].string == "异常事件" })
            let ent = try #require(wb.sheet("企业运行"))
            #expect(events[value].number == Self.total(ent, "异常事件(起)"))
        }
    }

    @Test func countyFileNamesCarryTheDistrictCode() throws {
        let w = try Self.weekly.get()
        let names = w.files.map(\.lastPathComponent)
        #expect(names.first == "周报_2026-06-08_2026-06-14.xlsx")
        for d in w.registry.districts { #expect(names.contains("周报_2026-06-08_2026-06-14_\(d.code).xlsx")) }
        #expect(Set(names).count == names.count)
    }

    @Test func aCountysQualityWorkbookCoversItsEnterprisesAndTheirFindingsOnly() throws {
        let w = try Self.render(.quality)
        let dq = try csvRows(w.export.appendingPathComponent("dq.csv"))
        let facilityDays = try csvRows(w.export.appendingPathComponent("facility_day.csv"))
        var findingRows = 0, completenessRows = 0, coverageRows = 0
        for d in w.registry.districts {
            let wb = try #require(w.counties[d.code])
            let mine = Set(w.registry.enterprises.filter { $0.districtCode == d.code }.map(\.id))
            let coverage = try #require(wb.sheet("企业覆盖检查")), findings = try #require(wb.sheet("数据质量问题"))
            let completeness = try #require(wb.sheet("数据完整率"))
            for s in [coverage, findings, completeness] {
                let c = try #require(s.column("企业编号"))
                #expect(s.data.allSatisfy { mine.contains($0[c].string ?? "") }, "\(d.code) \(s.name)")
            }
            #expect(coverage.data.count == mine.count)
            #expect(findings.data.count == dq.filter { mine.contains($0["enterprise_id"] ?? "") }.count, "\(d.code)")
            #expect(completeness.data.count == facilityDays.filter { mine.contains($0["enterprise_id"] ?? "") }.count)
            // 附件2's 合计 line counts the district's enterprises.
            let progress = try #require(wb.sheet("安装联网进度表"))
            #expect(progress.data.count == mine.count + 1)
            #expect(progress.data.last?.compactMap(\.string).joined().contains("登记企业\(mine.count)家") == true)
            findingRows += findings.data.count
            completenessRows += completeness.data.count
            coverageRows += coverage.data.count
        }
        // UNKNOWN_MN findings name no enterprise (an unregistered MN belongs to no district): the
        // city's list alone has them.
        #expect(findingRows == dq.filter { !($0["enterprise_id"] ?? "").isEmpty }.count)
        #expect(completenessRows == facilityDays.count)
        #expect(coverageRows == w.registry.enterprises.count)
        #expect(try #require(w.city.sheet("数据质量问题")).data.count == dq.count)
    }
}
