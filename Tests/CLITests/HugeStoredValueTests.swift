import Foundation
import Testing

/// Issue 13: a store loaded before SPEC §13.36 may hold readings of about 1e300 (or up to the
/// largest double). Every command that reads them must still finish — no conversion may trap —
/// and a huge number is written as plain digits.
@Suite(.serialized) struct HugeStoredValueTests {
    static let registry = SharedFixture.path("conformance/registry")
    static let packets = SharedFixture.path("conformance/packets")
    static let templates = SharedFixture.repositoryRoot.appendingPathComponent("ReportTemplates").path

    /// Readings on 2024-07-12 no meter can send: a production Pt of 1e300, a total meter's
    /// counter of 1e300, two points whose facility sum overflows to infinity, a negative
    /// treatment fan and a sensor reading of 1e300.
    static let hugeReadings = """
        time,mn,code,param,value,flag
        2024-07-12 10:00,13060200010180,pg1001,Pt,1e300,N
        2024-07-12 10:05,13060200010180,100000,Ept,1e300,N
        2024-07-12 10:00,13060600020180,pg1001,Pt,1.7e308,N
        2024-07-12 10:00,13060600020180,pg1002,Pt,1.7e308,N
        2024-07-12 10:00,13060700030180,311011,Pt,-1e300,N
        2024-07-12 10:00,13060700030180,a01012,Rtd,1e300,N

        """

    /// A folder with the conformance registry, 07-11 and 07-12 loaded, and the huge readings
    /// loaded the way an older pems did (no limit: here the largest one the setting allows).
    static func oldStore() throws -> URL {
        let dir = try PEMSProcess.tempDir()
        let imported = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", "2024-06-01", registry], in: dir)
        #expect(imported.status == 0, "\(imported.stderr)")
        let load = try PEMSProcess.run(["--store", "s.db", "load", "--quiet", packets + "/2024-07-11.log", packets + "/2024-07-12.log"], in: dir)
        #expect(load.status == 0, "\(load.stderr)")
        try "load:\n  max_abs_value: 1.7976931348623157e308\n".write(to: dir.appendingPathComponent("old.yaml"), atomically: true, encoding: .utf8)
        try hugeReadings.write(to: dir.appendingPathComponent("huge.csv"), atomically: true, encoding: .utf8)
        let huge = try PEMSProcess.run(["--config", "old.yaml", "--store", "s.db", "load", "huge.csv"], in: dir)
        #expect(huge.status == 0, "\(huge.stderr)")
        #expect(huge.stdout.contains("readings: 6\n"), "\(huge.stdout)")
        return dir
    }

    @Test func computeExportReportsBriefAndEvidenceFinishOnAStoreHoldingHugeReadings() throws {
        let dir = try Self.oldStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = ["--store", "s.db"]
        let compute = try PEMSProcess.run(s + ["compute", "--from", "2024-07-12"], in: dir)
        #expect(compute.status == 0, "\(compute.stderr)")
        #expect(compute.stdout.contains("generated_kg: "), "\(compute.stdout)")
        let export = try PEMSProcess.run(s + ["export", "--from", "2024-07-12", "--out", "out"], in: dir)
        #expect(export.status == 0, "\(export.stderr)")
        // E001-P1 ran one slot at 1e300 kW: its energy is written as plain digits, no exponent.
        let facilityDays = try String(contentsOf: dir.appendingPathComponent("out/facility_day.csv"), encoding: .utf8)
        let p1 = try #require(facilityDays.split(separator: "\n").first { $0.hasPrefix("2024-07-12,E001-P1,") })
        let energy = String(p1.split(separator: ",", omittingEmptySubsequences: false)[6])
        #expect(energy.count > 290 && energy.allSatisfy { $0.isNumber || $0 == "." }, "\(energy.prefix(40))")
        let dq = try String(contentsOf: dir.appendingPathComponent("out/dq.csv"), encoding: .utf8)
        #expect(dq.contains("2024-07-12,E003-311011,E003,NEGATIVE"))
        for kind in ["daily", "monthly"] {
            let r = try PEMSProcess.run(s + ["report", kind, "--date", "2024-07-12", "--out", "r-\(kind)", "--templates", Self.templates], in: dir)
            #expect(r.status == 0, "\(kind): \(r.stderr)")
        }
        let brief = try PEMSProcess.run(s + ["brief", "--from", "2024-07-12", "--out", "b"], in: dir)
        #expect(brief.status == 0, "\(brief.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("b/brief.pdf").path))
        let evidence = try PEMSProcess.run(s + ["evidence", "--from", "2024-07-12", "--date", "2024-07-12", "--out", "e"], in: dir)
        #expect(evidence.status == 0, "\(evidence.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("e/evidence-2024-07-12.pdf").path))
    }

    @Test func theNightlyAndMonthlyJobsFinishAndANewHugeValueInTheInboxIsRejected() throws {
        let dir = try Self.oldStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inbox = dir.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try "time,mn,code,param,value\n2024-07-12 11:00,13060200010180,pg1001,Pt,2e300\n2024-07-12 11:00,13060200010180,pg2001,Pt,3.5\n"
            .write(to: inbox.appendingPathComponent("new.csv"), atomically: true, encoding: .utf8)
        let nightly = try PEMSProcess.run(["--store", "s.db", "nightly", "--date", "2024-07-12", "--inbox", "inbox", "--out", "out",
                                           "--templates", Self.templates, "--log-level", "info"], in: dir)
        #expect(nightly.status == 0, "\(nightly.stderr)")
        #expect(nightly.stderr.contains("1 lines rejected"), "\(nightly.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/daily/2024-07-12/brief.pdf").path))
        // The month has days without data: done, but partial (exit 3), never a crash.
        let monthly = try PEMSProcess.run(["--store", "s.db", "monthly", "--date", "2024-07-12", "--out", "out",
                                           "--templates", Self.templates], in: dir)
        #expect(monthly.status == 3, "\(monthly.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/monthly/2024-07/brief.pdf").path))
        let runs = try PEMSProcess.run(["--store", "s.db", "runs", "list"], in: dir)
        #expect(!runs.stdout.contains("running"), "\(runs.stdout)")
    }
}
