import Accounting
import Charts
import Foundation
import PEMSCore
import Reports
import TestSupport
import Testing

/// 传输情况 and the 补采清单 (issue 18; seed 001 §5.5.2 补采, §6.1 99.8 %; seed 003 通报) on a
/// hand-made two-day case with hour slots (24 a day, 48 in the period), every figure worked
/// out by hand:
///
/// - E1 (竞秀区 130602, collector M1): p1, ta, tb, tot, temp — 5 points. p1 sends nothing
///   from 07-01 22:00 to 07-02 03:00 (5 slots over midnight), ta misses 07-02 10:00 (1 slot);
///   the rest report every hour.
/// - E2 (莲池区 130606, collector M2): q1, which sends nothing (48 slots).
/// - Three rejected CSV rows in a load whose data starts 07-01: M1's value `abc` (竞秀区), M2's
///   time `25:00` (莲池区), and one whose MN cannot be read (the city only).
@Suite struct TransmissionTests {
    /// The position of a field's cell in a result-set row.
    func column<F: ReportField>(_ f: F) -> Int { Array(F.allCases).firstIndex(of: f) ?? -1 }

    static func run() throws -> (StoreWorkspace, StoredComputation.Outcome) {
        var c = MiniCity.standard
        c.add("enterprises.csv", "E2,乙公司,,130606,橡胶,38.9,115.3,1.0,,")
        c.add("collectors.csv", "M2,E2")
        c.add("facilities.csv", "P2,E2,production,密炼,,,0.03,,,,,,,")
        c.add("points.csv", "q1,E2,M2,pg1001,production,P2,设备,,,,,")
        var r = ReadingsFile()
        r.normalDay("2024-07-01") { code, h in code == "pg1001" && h >= 22 ? .some(nil) : .none }
        r.normalDay("2024-07-02") { code, h in
            if code == "pg1001" && h < 3 { return .some(nil) }
            if code == "t10001" && h == 10 { return .some(nil) }
            return .none
        }
        r.lines.append("2024-07-01 05:00,M1,pg1001,Pt,abc,N")
        r.lines.append("2024-07-01 25:00,M2,pg1001,Pt,1,N")
        r.lines.append("2024-07-01 06:00,=cmd|x,pg1001,Pt,1,N")
        let ws = try StoreWorkspace()
        let registryDir = ws.dir.appendingPathComponent("registry")
        try c.write(to: registryDir)
        try ws.importRegistry(registryDir.path, from: "2024-06-01")
        let file = ws.dir.appendingPathComponent("readings.csv")
        try Data(r.text.utf8).write(to: file)
        try ws.load([file.path], registryDay: "2024-07-02")
        let outcome = try StoredComputation.run(store: ws.store, settings: MiniRun.hourly, from: Day("2024-07-01")!,
                                                to: Day("2024-07-02")!, engineVersion: "test", reuse: false)
        return (ws, outcome)
    }

    @Test func theGapListJoinsARunOverMidnightAndListsAPointThatNeverReported() throws {
        let (ws, outcome) = try Self.run()
        let result = try outcome.result()
        // Stored per day: p1 07-01 22–24 and 07-02 0–3, ta 07-02 10–11, q1 both whole days.
        #expect(result.gaps.map { "\($0.pointID) \($0.start) \($0.end) \($0.slots)" } == [
            "p1 2024-07-01 22:00:00 2024-07-02 00:00:00 2", "p1 2024-07-02 00:00:00 2024-07-02 03:00:00 3",
            "ta 2024-07-02 10:00:00 2024-07-02 11:00:00 1",
            "q1 2024-07-01 00:00:00 2024-07-02 00:00:00 24", "q1 2024-07-02 00:00:00 2024-07-03 00:00:00 24",
        ])
        #expect(try ws.store.pointGaps(of: outcome.computationID) == result.gaps)
        #expect(MachineExports.gaps(result.gaps).text.split(separator: "\n").map(String.init) == [
            "mn,point_id,enterprise_id,from,to,missing_slots",
            "M1,p1,E1,2024-07-01 22:00,2024-07-02 03:00,5",
            "M1,ta,E1,2024-07-02 10:00,2024-07-02 11:00,1",
            "M2,q1,E2,2024-07-01 00:00,2024-07-03 00:00,48",
        ])
        // A county edition lists its own district's points only.
        let county = try PeriodReportData(rows: outcome.rows, period: .week, store: ws.store, scope: .district("130606"))
        #expect(county.gapList().rows.map { $0[column(GapListField.pointID)] } == [ReportCell.text("q1")])
    }

    @Test func transmissionFiguresPerDistrictAndCityAreTheHandCountedOnes() throws {
        let (ws, outcome) = try Self.run()
        let data = try PeriodReportData(rows: outcome.rows, period: .week, store: ws.store)
        let (city, districts) = data.transmission
        func near(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-12 } ?? false }
        // City: 2 enterprises, E1 online; 6 points × 48 slots = 288, 5 + 1 + 48 = 54 missing;
        // tb, tot, temp complete (3 of 6 at 99.8 %); q1 never reported (5 reporting).
        #expect(city.registeredEnterprises == 2 && city.onlineEnterprises == 1 && near(city.onlineRate, 0.5))
        #expect(city.registeredPoints == 6 && city.reportingPoints == 5 && city.pointSlots == 288 && city.missingSlots == 54)
        #expect(near(city.transmissionRate, 234.0 / 288) && city.pointsAtTarget == 3 && near(city.shareAtTarget, 0.5))
        #expect(city.gapRuns == 3)
        // Facility-days (P1, P2, T1 each day): 22/24, 0, 24/24, 21/24, 0, 23/24 → 90/144.
        #expect(near(city.meanCompleteness, 0.625))
        #expect(districts.map(\.code) == ["130602", "130606"])
        let e1 = districts[0], e2 = districts[1]
        #expect(e1.registeredEnterprises == 1 && e1.onlineEnterprises == 1 && e1.registeredPoints == 5)
        #expect(e1.reportingPoints == 5 && e1.pointSlots == 240 && e1.missingSlots == 6 && e1.pointsAtTarget == 3)
        #expect(near(e1.transmissionRate, 0.975) && near(e1.shareAtTarget, 0.6) && e1.gapRuns == 2)
        #expect(near(e1.meanCompleteness, 90.0 / 96))
        #expect(e2.registeredEnterprises == 1 && e2.onlineEnterprises == 0 && e2.registeredPoints == 1)
        #expect(e2.reportingPoints == 0 && e2.missingSlots == 48 && e2.pointsAtTarget == 0 && e2.gapRuns == 1)
        #expect(near(e2.transmissionRate, 0) && near(e2.meanCompleteness, 0))
        // Rejected lines: three in the city, one of M1 (竞秀区), one of M2 (莲池区).
        #expect(city.rejectedLines == 3 && e1.rejectedLines == 1 && e2.rejectedLines == 1)
        let sheet = data.transmissionRows().rows
        #expect(sheet.map { $0[column(TransmissionField.districtName)] } == [ReportCell.text("竞秀区"), ReportCell.text("莲池区"), ReportCell.text("全市")])
        #expect(sheet.map { $0[column(TransmissionField.rejectedLines)] } == [ReportCell.integer(1), .integer(1), .integer(3)])
        // A county edition: its district and the city beside it.
        let county = try PeriodReportData(rows: outcome.rows, period: .week, store: ws.store, scope: .district("130602"))
        #expect(county.transmissionRows().rows.map { $0[column(TransmissionField.districtName)] } == [ReportCell.text("竞秀区"), ReportCell.text("全市")])
    }

    @Test func theBriefShowsTheDataKPIsAgainstTheirTargets() throws {
        let (_, outcome) = try Self.run()
        let facts = PeriodFacts(try outcome.result())
        let kpis = Array(BriefContent(facts).kpis.suffix(3))
        #expect(kpis.map { $0.label } == ["企业在线率", "数据传输率", "传输达标点位占比"])
        #expect(kpis.map { $0.value } == ["50.0%", "81.25%", "50.0%"])
        #expect(kpis.map { $0.short } == [true, true, true])
        let county = Array(BriefContent(facts.edition(.district("130602"))).kpis.suffix(3))
        #expect(county.map { $0.value } == ["100.0%", "97.50%", "60.0%"])
        #expect(county.map { $0.city } == ["全市 50.0%", "全市 81.25%", "全市 50.0%"])
    }
}
