import Accounting
import Foundation
import JobRunner
import Loader
import Logging
import PEMSCore
import Reports
import TestSupport
import Testing

/// The monthly job's `dossiers/`: the enterprise files (一企一档) of exactly the enterprises
/// with an event or a data-quality finding in the month, replaced whole by a rerun.
///
/// A small city on hour slots, its meters read every hour from 2024-05-20 to 2024-06-30
/// (values that vary, so no CONSTANT; full days, so no COMPLETENESS; declared thresholds, so
/// no THRESHOLD_UNKNOWN; history before June, so every baseline is available):
/// - E1: production P1 linked to treatment T1 (primary fan ta, backup tb), a total meter; its
///   fan stops 2024-06-10 09:00–13:00 while production runs → one TREATMENT_STOPPED event;
/// - E2: the same layout, running normally all month → no event, no finding;
/// - E3: production and a total meter only → NO_TREATMENT_POINT and UNLINKED_PRODUCTION findings.
@Suite(.serialized) struct DossierMonthTests {
    static let registry: [String: [String]] = [
        "districts.csv": ["district_code,district_name,zone_513", "130602,竞秀区,1"],
        "enterprises.csv": ["enterprise_id,name,credit_code,district_code,industry,lat,lon,annual_voc_t,performance_grade,min_load_ratio",
                            "E1,甲公司,,130602,塑料,39.0,115.3,5.0,B,", "E2,乙公司,,130602,塑料,39.1,115.4,12.0,B,",
                            "E3,丙公司,,130602,橡胶,39.2,115.5,60.0,C,"],
        "collectors.csv": ["mn,enterprise_id", "M1,E1", "M2,E2", "M3,E3"],
        "facilities.csv": [
            "facility_id,enterprise_id,kind,name,process,min_running,voc_kg_per_kwh,design_collection,design_removal,design_airflow_m3h,carbon_cycle_days,carbon_max_hours,carbon_max_kwh,carbon_max_m3",
            "E1-P1,E1,production,注塑,,,0.02,0.8,,,,,,", "E1-T1,E1,treatment,喷淋,SPRAY,1,,,0.5,10000,,,,",
            "E2-P1,E2,production,注塑,,,0.02,0.8,,,,,,", "E2-T1,E2,treatment,喷淋,SPRAY,1,,,0.5,10000,,,,",
            "E3-P1,E3,production,硫化,,,0.03,0.8,,,,,,",
        ],
        "points.csv": [
            "point_id,enterprise_id,mn,code,kind,facility_id,name,rated_kw,threshold_kw,role,valid_min,valid_max",
            "E1-p1,E1,M1,pg1001,production,E1-P1,设备,100,10,,,", "E1-ta,E1,M1,t10001,treatment,E1-T1,主风机,20,5,,,",
            "E1-tb,E1,M1,t10002,treatment,E1-T1,备风机,20,,,,", "E1-tot,E1,M1,100000,total,,总表,300,,,,",
            "E2-p1,E2,M2,pg1001,production,E2-P1,设备,100,10,,,", "E2-ta,E2,M2,t10001,treatment,E2-T1,主风机,20,5,,,",
            "E2-tb,E2,M2,t10002,treatment,E2-T1,备风机,20,,,,", "E2-tot,E2,M2,100000,total,,总表,300,,,,",
            "E3-p1,E3,M3,pg1001,production,E3-P1,设备,100,10,,,", "E3-tot,E3,M3,100000,total,,总表,300,,,,",
        ],
        "links.csv": ["production_facility_id,treatment_facility_id", "E1-P1,E1-T1", "E2-P1,E2-T1"],
        "plans.csv": ["enterprise_id,level,facility_id,measure,ratio,windows"],
        "responses.csv": ["response_id,level,start,end,districts"],
        "weather.csv": ["date,district_code,max_temp_c"],
        "exemptions.csv": ["enterprise_id,facility_id,start,end,reason,status"],
        "carbon.csv": ["facility_id,replaced_at,fill_kg"],
        "targets.csv": ["response_id,district_code,reduction_kg_per_day"],
    ]

    /// Hourly readings of every meter, 2024-05-20 … 2024-06-30.
    static var readings: String {
        var lines = ["time,mn,code,param,value,flag"]
        var d = Day("2024-05-20")!
        while d <= Day("2024-06-30")! {
            for h in 0..<24 {
                let t = "\(d) \(h < 10 ? "0" : "")\(h):00"
                for (mn, stops) in [("M1", d == Day("2024-06-10")! && (9..<13).contains(h)), ("M2", false)] {
                    let p = 50.0 + Double(h % 3), fan = stops ? 0 : 10.0 + 0.5 * Double(h % 2)
                    lines += ["\(t),\(mn),pg1001,Pt,\(p),N", "\(t),\(mn),t10001,Pt,\(fan),N", "\(t),\(mn),t10002,Pt,0,N",
                              "\(t),\(mn),100000,Pt,\(p + fan + 5 + Double(h % 2)),N"]
                }
                let p3 = 30.0 + Double(h % 4)
                lines += ["\(t),M3,pg1001,Pt,\(p3),N", "\(t),M3,100000,Pt,\(p3 + 3),N"]
            }
            d = d.adding(days: 1)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static var settings: Settings {
        var s = Settings()
        s.slotMinutes = 60
        return s
    }

    static func workspace() throws -> StoreWorkspace {
        let ws = try StoreWorkspace("dossier-month")
        let dir = ws.dir.appendingPathComponent("registry", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, rows) in registry { try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: dir.appendingPathComponent(name)) }
        try ws.importRegistry(dir.path, from: "2024-05-01")
        let file = ws.dir.appendingPathComponent("readings.csv")
        try Data(readings.utf8).write(to: file)
        _ = try ws.loader(registryDay: "2024-06-30").load(files: [file.path])
        return ws
    }

    static func run(_ ws: StoreWorkspace, out: String) throws -> JobOutcome {
        let context = JobContext(store: ws.store, settings: settings, templates: SharedFixture.repositoryRoot.appendingPathComponent("ReportTemplates"),
                                 out: ws.dir.appendingPathComponent(out, isDirectory: true), inbox: nil, engineVersion: "test",
                                 logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), command: "monthly")
        return try JobRunner(context: context).run(JobPlan.monthly(containing: Day("2024-06-15")!))
    }

    static func dossiers(_ ws: StoreWorkspace, _ out: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: ws.dir.appendingPathComponent("\(out)/monthly/2024-06/dossiers").path).sorted()
    }

    @Test func theMonthlyJobWritesTheFilesOfExactlyTheEnterprisesWithEventsOrFindings() throws {
        let ws = try Self.workspace()
        let run = try Self.run(ws, out: "out")
        #expect(run.exitCode == .ok)
        // What the month holds: E1's stop, E3's coverage findings, nothing for E2.
        let month = try StoredComputation.run(store: ws.store, settings: Self.settings, from: Day("2024-06-01")!, to: Day("2024-06-30")!,
                                              engineVersion: "test", reuse: true)
        #expect(month.reused)
        let result = try month.result()
        #expect(result.events.map { "\($0.rule.rawValue) \($0.enterpriseID) \($0.start)" } == ["TREATMENT_STOPPED E1 2024-06-10 09:00:00"])
        #expect(Set(result.dq.map(\.enterpriseID)) == ["E3"])
        #expect(Set(result.dq.map(\.check)) == [.noTreatmentPoint, .unlinkedProduction])
        let expected = Set(result.events.map(\.enterpriseID)).union(result.dq.map(\.enterpriseID)).sorted()
        #expect(expected == ["E1", "E3"])
        #expect(try Self.dossiers(ws, "out") == expected.flatMap { ["一企一档_\($0)_2024-06-01_2024-06-30.pdf", "一企一档_\($0)_2024-06-01_2024-06-30.xlsx"] })
        // The ledger lists them with the month's other files; the job's index counts them.
        #expect(run.outputs.map(\.path).filter { $0.hasPrefix("monthly/2024-06/dossiers/") }.count == 4)
        #expect(OutputIndex.lines(run.outputs).contains("monthly/2024-06/dossiers/: 2 enterprise files (一企一档, workbook + PDF each)"))
    }

    /// One road: `pems dossier` (`Products.dossiers` on the stored month) writes the bytes the
    /// monthly job published.
    @Test func theCommandAndTheMonthlyJobWriteTheSameEnterpriseFile() throws {
        let ws = try Self.workspace()
        _ = try Self.run(ws, out: "out")
        let month = try StoredComputation.run(store: ws.store, settings: Self.settings, from: Day("2024-06-01")!, to: Day("2024-06-30")!,
                                              engineVersion: "test", reuse: true)
        let template = try TemplateLoader.load(.dossier, from: SharedFixture.repositoryRoot.appendingPathComponent("ReportTemplates"))
        let cli = ws.dir.appendingPathComponent("cli", isDirectory: true)
        let written = try Products.dossiers(template, result: try month.result(), selection: .enterprise("E1"), store: ws.store, out: cli)
        #expect(written.enterprises == ["E1"] && written.files.count == 2)
        for url in written.files {
            let published = ws.dir.appendingPathComponent("out/monthly/2024-06/dossiers/" + url.lastPathComponent)
            #expect(try Data(contentsOf: url) == Data(contentsOf: published), "\(url.lastPathComponent)")
        }
    }

    /// A rerun puts a new month folder in place whole: the same bytes, and a file someone left
    /// in the old `dossiers/` is gone with it.
    @Test func aRerunReplacesTheDossiersFolderWithTheSameBytes() throws {
        let ws = try Self.workspace()
        _ = try Self.run(ws, out: "out")
        let folder = ws.dir.appendingPathComponent("out/monthly/2024-06/dossiers")
        var before: [String: Data] = [:]
        for name in try Self.dossiers(ws, "out") { before[name] = try Data(contentsOf: folder.appendingPathComponent(name)) }
        try Data("stale".utf8).write(to: folder.appendingPathComponent("一企一档_E9_2024-06-01_2024-06-30.pdf"))
        let again = try Self.run(ws, out: "out")
        #expect(again.exitCode == .ok)
        #expect(try Self.dossiers(ws, "out") == before.keys.sorted())
        for (name, bytes) in before { #expect(try Data(contentsOf: folder.appendingPathComponent(name)) == bytes, "\(name)") }
    }
}
