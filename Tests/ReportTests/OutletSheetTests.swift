import Accounting
import Foundation
import PEMSCore
@testable import Reports
import Testing
import TestSupport

/// 排放核算比对 (issue 18, seed 000 §5.3.2.4; SPEC §9.2): the weekly workbook's sheet and
/// `outlet_day.csv` of the same demo week. The deviation and the flag are worked out here from
/// the measured and estimated kg with the setting (default 0.3), and the flagged days are
/// exactly the computation's `outlet_deviations`.
@Suite(.serialized) struct OutletSheetTests {
    static let day = Day("2026-06-10")!  // the week 2026-06-08 … 2026-06-14

    static func number(_ s: String?) -> Double? { s.flatMap { $0.isEmpty ? nil : Double($0) } }

    static func close(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= 1e-9 * max(1, abs(b))
    }

    @Test func outletDayCSVFlagsTheDaysOverTheAllowedDeviationAndNoOthers() throws {
        let f = try ReportFixture.shared()
        let (_, export) = try f.render(.weekly, date: Self.day)
        let rows = try csvRows(export.appendingPathComponent("outlet_day.csv"))
        let facility = try csvRows(export.appendingPathComponent("facility_day.csv"))
        #expect(rows.count > 0)
        // Key order date, facility_id; every row a treatment facility-day of the week.
        let keys = rows.map { "\($0["date"] ?? "")|\($0["facility_id"] ?? "")" }
        #expect(keys == keys.sorted())
        let treatment = Set(facility.filter { $0["kind"] == "treatment" }.map { "\($0["date"] ?? "")|\($0["facility_id"] ?? "")" })
        #expect(Set(keys).isSubset(of: treatment))
        var flagged = 0, unflagged = 0
        for r in rows {
            let m = try #require(Self.number(r["measured_kg"])), e = try #require(Self.number(r["estimated_kg"]))
            let deviation: Double? = m > 0 ? (e - m) / m : nil
            #expect(Self.close(Self.number(r["deviation"]), deviation), "\(r)")
            let over = deviation.map { abs($0) > 0.3 } ?? (e > 0)
            #expect(r["flagged"] == (over ? "1" : "0"), "\(r)")
            #expect((Int(r["slots"] ?? "") ?? 0) > 0)
            if over { flagged += 1 } else { unflagged += 1 }
        }
        #expect(flagged > 0 && unflagged > 0, "flagged \(flagged), not flagged \(unflagged)")
        // The flagged days are the computation's list (`pems compute`'s outlet_deviations).
        let (_, from, to) = PeriodReport.period(.weekly, containing: Self.day)
        let result = try f.locked {
            try StoredComputation.run(store: f.store, settings: f.settings, from: from, to: to, engineVersion: "test",
                                      reuse: true).result()
        }
        let listed = PeriodAccounting(result).outletDeviations.map { "\($0.date)|\($0.facilityID)" }
        #expect(listed == rows.filter { $0["flagged"] == "1" }.map { "\($0["date"] ?? "")|\($0["facility_id"] ?? "")" })
    }

    @Test func weeklySheetListsTheSameDaysWithNamesAndTheFlagInChinese() throws {
        let f = try ReportFixture.shared()
        let (files, export) = try f.render(.weekly, date: Self.day)
        let wb = try ReadWorkbook.read(try #require(files.first))
        let sheet = try #require(wb.sheet("排放核算比对"))
        #expect(sheet.freeze != nil && sheet.filter != nil)
        let csv = try csvRows(export.appendingPathComponent("outlet_day.csv"))
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
        #expect(sheet.conditional.count > 0)
    }
}
