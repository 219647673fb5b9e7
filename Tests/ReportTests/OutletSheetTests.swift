import Accounting
@testable import Charts
import Foundation
import PEMSCore
@testable import Reports
import Testing
import TestSupport

/// 排放核算比对 (issue 18, seed 000 §5.3.2.4; SPEC §9.2) on the SPEC 2 conformance city
/// (`DossierFixture`, 2024-07-08 … 07-12): only E003-T1 has `voc_out` and `flow` sensors, and
/// its flow sensor sends nothing on 07-11 (fixture README). The deviation and the flag are
/// worked out here from the measured and estimated kg with the setting, and the flagged days
/// are exactly the computation's `outlet_deviations`.
@Suite struct OutletSheetTests {
    static func number(_ s: String?) -> Double? { s.flatMap { $0.isEmpty ? nil : Double($0) } }

    static func close(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= 1e-9 * max(1, abs(b))
    }

    @Test func outletDayCSVFlagsTheDaysOverTheAllowedDeviationAndNoOthers() throws {
        let f = try DossierFixture.shared()
        let rows = try f.csv("outlet_day.csv")
        let keys = rows.map { "\($0["date"] ?? "")|\($0["facility_id"] ?? "")" }
        #expect(keys == ["2024-07-08|E003-T1", "2024-07-09|E003-T1", "2024-07-10|E003-T1", "2024-07-12|E003-T1"])
        let limit = f.settings.outletMaxDeviation
        for r in rows {
            let m = try #require(Self.number(r["measured_kg"])), e = try #require(Self.number(r["estimated_kg"]))
            let deviation: Double? = m > 0 ? (e - m) / m : nil
            #expect(Self.close(Self.number(r["deviation"]), deviation), "\(r)")
            let over = deviation.map { abs($0) > limit } ?? (e > 0)
            #expect(r["flagged"] == (over ? "1" : "0"), "\(r)")
            // 15-minute slots: a whole day of both sensors is 96; on 07-08 E003 sends nothing
            // 01:00–03:00 (README), 8 slots fewer.
            #expect(Int(r["slots"] ?? "") == (r["date"] == "2024-07-08" ? 88 : 96), "\(r)")
        }
        // The flagged days are the computation's list (`pems compute`'s outlet_deviations).
        let listed = PeriodAccounting(f.result).outletDeviations.map { "\($0.date)|\($0.facilityID)" }
        #expect(listed == rows.filter { $0["flagged"] == "1" }.map { "\($0["date"] ?? "")|\($0["facility_id"] ?? "")" })
    }

    @Test func weeklySheetListsTheSameDaysWithNamesAndTheFlagInChinese() throws {
        let f = try DossierFixture.shared()
        let out = f.ws.dir.appendingPathComponent("outlet-weekly", isDirectory: true)
        let template = try TemplateLoader.load(.weekly, from: DossierFixture.templates)
        let files = try PeriodReport.render(template, data: try PeriodReportData(result: f.result, period: .week, store: f.ws.store),
                                            out: out)
        let wb = try ReadWorkbook.read(try #require(files.first { $0.pathExtension == "xlsx" }))
        let sheet = try #require(wb.sheet("排放核算比对"))
        #expect(sheet.freeze != nil && sheet.filter != nil)
        let csv = try f.csv("outlet_day.csv")
        let records = sheet.records
        #expect(records.count == csv.count)
        for (r, c) in zip(records, csv) {
            #expect(r["设施编号"]?.string == c["facility_id"] && r["企业编号"]?.string == c["enterprise_id"])
            #expect(String(r["日期"]?.string?.prefix(10) ?? "") == c["date"])
            #expect(Self.close(r["实测排放量(kg)"]?.number, Self.number(c["measured_kg"])))
            #expect(Self.close(r["核算排放量(kg)"]?.number, Self.number(c["estimated_kg"])))
            #expect(Self.close(r["偏差"]?.number, Self.number(c["deviation"])))
            #expect(r["超出允许偏差"]?.string == (c["flagged"] == "1" ? "是" : "否"))
            #expect(!(r["企业名称"]?.string ?? "").isEmpty && !(r["治理设施"]?.string ?? "").isEmpty)
        }
        #expect(records.count == 4)
    }

    /// The brief's 综述 line: the measured days, the flagged count and the worst three
    /// facilities (each with its worst day), worked out here from `outlet_day.csv`.
    @Test func briefNamesTheFlaggedCountAndTheWorstDays() throws {
        let f = try DossierFixture.shared()
        let csv = try f.csv("outlet_day.csv")
        let flagged = csv.filter { $0["flagged"] == "1" }
        let limit = Int((f.settings.outletMaxDeviation * 100).rounded())
        let line = try #require(BriefContent.outletLine(PeriodFacts(f.result)))
        #expect(line.hasPrefix("排放核算比对：出口实测 \(csv.count) 个治理设施日，核算排放量与实测偏差超过 \(limit)% 的 \(flagged.count) 个"))
        var seen: Set<String> = []
        let worst = flagged.sorted { (abs(Self.number($0["deviation"]) ?? .infinity)) > (abs(Self.number($1["deviation"]) ?? .infinity)) }
            .filter { seen.insert($0["facility_id"] ?? "").inserted }.prefix(3)
        var at = line.startIndex
        for w in worst {
            let day = Int(w["date"]?.suffix(2) ?? "") ?? 0
            let r = try #require(line.range(of: "（7月\(day)日，", range: at..<line.endIndex), "\(w) not after the earlier ones in \(line)")
            at = r.upperBound
        }
        #expect(line.contains("E003") || line.contains(f.result.registry.enterprise(id: "E003")?.name ?? "?"))
        #expect(line.hasSuffix("。"))
        #expect(BriefContent.summary(PeriodFacts(f.result), kpis: BriefContent(PeriodFacts(f.result)).kpis).contains(line))
    }
}
