import Foundation
import PEMSCore
import Reports
import Testing

/// The daily, weekly and monthly workbooks, read back with openpyxl and checked against the
/// `pems export` CSVs of the same period.
@Suite(.serialized) struct PeriodWorkbookTests {
    static let day = Day("2026-06-10")!

    func near(_ a: Double?, _ b: Double?, _ tol: Double = 1e-9) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= tol * max(1, abs(b))
    }

    @Test func dailyWorkbookHasTheTemplateSheetsHeadersFormatsFreezePanesFiltersAndChart() throws {
        let f = try ReportFixture.shared()
        let (files, _) = try f.render(.daily, date: Self.day)
        let xlsx = try #require(files.first { $0.pathExtension == "xlsx" })
        #expect(xlsx.lastPathComponent == "日报_2026-06-10.xlsx")
        let wb = try ReadWorkbook.read(xlsx)
        #expect(wb.sheets.map(\.name) == ["概览", "企业运行", "异常清单", "报备与豁免", "豁免事件", "数据质量", "数据完整率", "传输情况",
                                          "区县排名"])
        for s in wb.sheets {
            #expect(s.freeze == "A7", "\(s.name) freeze")
            #expect(s.filter?.hasPrefix("A6:") == true, "\(s.name) filter")
        }
        let ent = try #require(wb.sheet("企业运行"))
        #expect(Array(ent.headers.prefix(4)) == ["企业编号", "企业名称", "区县", "行业"])
        #expect(ent.hidden == ["S"])  // 区县代码 is hidden by the template
        let sync = try #require(ent.column("同步率"))
        let firstWithSync = try #require(ent.data.first { $0[sync].number != nil })
        #expect(firstWithSync[sync].format == "0.00%")
        #expect(!ent.conditional.isEmpty)
        let events = try #require(wb.sheet("异常清单"))
        let start = try #require(events.column("开始时间"))
        let row = try #require(events.data.first, "the fixture's day has events")
        #expect(row[start].type == "d")
        #expect(row[start].format == "yyyy-mm-dd hh:mm:ss")
        let ranking = try #require(wb.sheet("区县排名"))
        #expect(ranking.charts == ["BarChart"])
        let title = try #require(wb.sheet("概览")).row(2).first?.string
        #expect(title == "统计日期：2026-06-10")
        // 生成时间 and the document's created time are pinned to the end of the day (CST).
        #expect(try #require(wb.sheet("概览")).row(3)[0].string?.hasPrefix("生成时间：2026-06-11 00:00") == true)
        #expect(try #require(wb.sheet("概览")).row(4)[0].string?.hasPrefix("数据完整率：") == true)
        #expect(wb.created == "2026-06-10 16:00:00")
    }

    @Test func dailyWorkbookNumbersEqualTheExportOfTheSameDay() throws {
        let f = try ReportFixture.shared()
        let ((files, export), prevTotal) = try f.renderWithPreviousDay(.daily, date: Self.day)
        let wb = try ReadWorkbook.read(try #require(files.first { $0.pathExtension == "xlsx" }))
        let ent = try #require(wb.sheet("企业运行"))
        let idCol = try #require(ent.column("企业编号")), emitted = try #require(ent.column("VOCs排放量(kg)"))
        let events = try #require(ent.column("异常事件(起)")), energy = try #require(ent.column("用电量(kWh)"))
        let csv = try csvRows(export.appendingPathComponent("enterprise_day.csv"))
        #expect(ent.data.count == csv.count)
        var seen = 0
        for row in csv {
            let r = try #require(ent.data.first { $0[idCol].string == row["enterprise_id"] })
            #expect(near(r[emitted].number, Double(row["emitted_kg"] ?? "")), "\(row["enterprise_id"] ?? "") emitted")
            #expect(near(r[energy].number, Double(row["energy_kwh"] ?? "")))
            #expect(r[events].number == Double(row["events"] ?? ""))
            seen += 1
        }
        #expect(seen == 57)
        // 异常清单: one row per events.csv row, same minutes.
        let ev = try #require(wb.sheet("异常清单"))
        let evCSV = try csvRows(export.appendingPathComponent("events.csv"))
        #expect(ev.data.count == evCSV.count)
        #expect(evCSV.count > 0)
        let minutes = try #require(ev.column("时长(分钟)"))
        let sheetMinutes: Double = ev.data.map { (r: [ReadWorkbook.Cell]) -> Double in r[minutes].number ?? -1 }.reduce(0, +)
        let csvMinutes: Double = evCSV.map { (r: [String: String]) -> Double in Double(r["minutes"] ?? "") ?? 0 }.reduce(0, +)
        #expect(sheetMinutes == csvMinutes)
        // 区县排名: ranks and emitted kg of district_day.csv.
        let dr = try #require(wb.sheet("区县排名"))
        let code = try #require(dr.column("区县代码")), rank = try #require(dr.column("排名")), kg = try #require(dr.column("VOCs排放量(kg)"))
        for row in try csvRows(export.appendingPathComponent("district_day.csv")) {
            let r = try #require(dr.data.first { $0[code].string == row["district_code"] })
            #expect(r[rank].number == Double(row["rank_emitted"] ?? ""))
            #expect(near(r[kg].number, Double(row["emitted_kg"] ?? "")))
        }
        // 概览: city emission = Σ district_day; its 环比 base = the previous day's export total.
        let kpi = try #require(wb.sheet("概览"))
        let city = try #require(kpi.data.first { $0[0].string == "全市VOCs排放量" })
        let total = try csvRows(export.appendingPathComponent("district_day.csv")).map { Double($0["emitted_kg"] ?? "") ?? 0 }.reduce(0, +)
        #expect(near(city[1].number, total, 1e-9))
        // 环比 reads the previous day from the store (newest computation covering it).
        #expect(near(city[3].number, prevTotal, 1e-9))
        #expect(near(city[4].number, (total - prevTotal) / prevTotal, 1e-9))
        #expect(city[4].format == "0.00%")
        // 数据质量: one row per dq.csv row.
        #expect(try #require(wb.sheet("数据质量")).data.count == (try csvRows(export.appendingPathComponent("dq.csv"))).count)
    }

    @Test func weeklyAndMonthlyWorkbooksCoverTheirPeriodWithTrendRankingAndComparisons() throws {
        let f = try ReportFixture.shared()
        for (kind, name, days) in [(ReportKind.weekly, "周报_2026-06-08_2026-06-14.xlsx", 7), (.monthly, "月报_2026-06.xlsx", 30)] {
            let (files, export) = try f.render(kind, date: Self.day)
            let xlsx = try #require(files.first)
            #expect(xlsx.lastPathComponent == name)
            let wb = try ReadWorkbook.read(xlsx)
            #expect(wb.sheets.map(\.name) == ["概览", "逐日趋势", "企业运行", "企业排名", "区县排名", "环比同比", "同行业对比", "重点企业", "513区域",
                                           "行业统计", "排放异常企业", "排放核算比对", "活性炭", "异常清单", "报备与豁免",
                                           "豁免事件", "数据质量", "传输情况"])
            let trend = try #require(wb.sheet("逐日趋势"))
            #expect(trend.charts == ["LineChart", "BarChart"])
            // Every day of the period is computed (the demo's data ends on the 14th: zeros after).
            #expect(trend.data.count == days)
            var perDate: [String: Double] = [:]
            for row in try csvRows(export.appendingPathComponent("district_day.csv")) {
                perDate[row["date"] ?? "", default: 0] += Double(row["emitted_kg"] ?? "") ?? 0
            }
            for row in trend.data {
                let date = String((row[0].string ?? "").prefix(10))
                #expect(near(row[1].number, perDate[date], 1e-9), "\(kind) \(date)")
            }
            let ent = try #require(wb.sheet("企业运行"))
            let idCol = try #require(ent.column("企业编号")), emitted = try #require(ent.column("VOCs排放量(kg)"))
            var perEnterprise: [String: Double] = [:]
            for row in try csvRows(export.appendingPathComponent("enterprise_day.csv")) {
                perEnterprise[row["enterprise_id"] ?? "", default: 0] += Double(row["emitted_kg"] ?? "") ?? 0
            }
            for row in ent.data { #expect(near(row[emitted].number, perEnterprise[row[idCol].string ?? ""], 1e-9)) }
            let ranking = try #require(wb.sheet("企业排名"))
            let kg = ranking.data.compactMap { $0[4].number }
            #expect(kg == kg.sorted(by: >))
            #expect(ranking.charts == ["BarChart"])
            #expect(try #require(wb.sheet("环比同比")).data.contains { $0[0].string == "全市" })
        }
    }

    @Test func renderingTheSameReportTwiceGivesIdenticalBytes() throws {
        let f = try ReportFixture.shared()
        let a = try f.render(.daily, date: Self.day).files
        let b = try f.render(.daily, date: Self.day).files
        #expect(a.count == 3 && b.count == 3)
        for (x, y) in zip(a, b) {
            #expect(x.lastPathComponent == y.lastPathComponent)
            #expect(try Data(contentsOf: x) == Data(contentsOf: y), "\(x.lastPathComponent)")
        }
        let m1 = try f.render(.monthly, date: Self.day).files, m2 = try f.render(.monthly, date: Self.day).files
        #expect(try Data(contentsOf: m1[0]) == Data(contentsOf: m2[0]))
    }

    @Test func editingTheTemplateChangesTheWorkbookWithoutRebuilding() throws {
        let f = try ReportFixture.shared()
        let dir = try f.outDir("templates")
        for k in ReportKind.allCases {
            try FileManager.default.copyItem(at: ReportFixture.templates.appendingPathComponent("\(k.rawValue).json"),
                                             to: dir.appendingPathComponent("\(k.rawValue).json"))
        }
        let url = dir.appendingPathComponent("daily.json")
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var sheets = try #require(json["sheets"] as? [[String: Any]])
        // Rename 企业名称 → 单位名称 and hide 行业 on 企业运行; rename the sheet; put 区县排名 first.
        var ent = sheets[1]
        var cols = try #require(ent["columns"] as? [[String: Any]])
        cols[1]["header"] = "单位名称"
        cols[3]["hidden"] = true
        ent["columns"] = cols
        ent["sort"] = [["field": "emitted_kg", "descending": true]]
        ent["name"] = "企业运行情况"
        sheets[1] = ent
        let ranking = sheets.removeLast()
        sheets.insert(ranking, at: 0)
        json["sheets"] = sheets
        try JSONSerialization.data(withJSONObject: json).write(to: url)
        let (files, _) = try f.render(.daily, date: Self.day, templates: dir)
        let wb = try ReadWorkbook.read(try #require(files.first { $0.pathExtension == "xlsx" }))
        #expect(wb.sheets.map(\.name) == ["区县排名", "概览", "企业运行情况", "异常清单", "报备与豁免", "豁免事件", "数据质量", "数据完整率",
                                          "传输情况"])
        let s = try #require(wb.sheet("企业运行情况"))
        #expect(s.headers[1] == "单位名称")
        #expect(s.hidden == ["D", "S"])
        let kg = try #require(s.column("VOCs排放量(kg)"))
        let values = s.data.compactMap { $0[kg].number }
        #expect(values.count == 57 && values == values.sorted(by: >))
    }
}
