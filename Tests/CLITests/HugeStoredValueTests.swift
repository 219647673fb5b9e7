import Foundation
@testable import Loader
import PEMSCore
import TestSupport
import Testing

/// Issue 13: a store loaded before SPEC §13.36 may hold readings of about 1e300 (or up to the
/// largest double). The computation does not use a stored value beyond `load.max_abs_value`
/// (the loader would have rejected it), so such a store gives the same exports as one that
/// never held them, and every command that reads it finishes.
@Suite(.serialized) struct HugeStoredValueTests {
    static let registry = SharedFixture.path("conformance-spec2/registry")
    static let packets = SharedFixture.path("conformance-spec2/packets")
    static let templates = SharedFixture.repositoryRoot.appendingPathComponent("ReportTemplates").path

    /// Readings on 2024-07-12 no meter can send, at seconds no packet of the fixture uses: a
    /// production Pt of 1e300, a total meter's counter of 1e300, two points whose facility sum
    /// would overflow to infinity, a negative treatment fan of −1e300 and a sensor at 1e300.
    static let hugeReadings = """
        time,mn,code,param,value,flag
        2024-07-12 10:00:07,13060200010180,pg1001,Pt,1e300,N
        2024-07-12 10:05:07,13060200010180,100000,Ept,1e300,N
        2024-07-12 10:00:07,13060600020180,pg1001,Pt,1.7e308,N
        2024-07-12 10:00:07,13060600020180,pg1002,Pt,1.7e308,N
        2024-07-12 10:00:07,13060700030180,311011,Pt,-1e300,N
        2024-07-12 10:00:07,13060700030180,a01012,Rtd,1e300,N

        """

    /// A folder with the conformance registry and 07-11 and 07-12 loaded into `s.db`; with
    /// `huge`, the huge readings loaded too, the way an older pems did (no limit).
    static func store(huge: Bool) throws -> URL {
        let dir = try PEMSProcess.tempDir()
        let imported = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", "2024-06-01", registry], in: dir)
        #expect(imported.status == 0, "\(imported.stderr)")
        let load = try PEMSProcess.run(["--store", "s.db", "load", "--quiet", packets + "/2024-07-11.log", packets + "/2024-07-12.log"], in: dir)
        #expect(load.status == 0, "\(load.stderr)")
        guard huge else { return dir }
        let csv = dir.appendingPathComponent("huge.csv")
        try hugeReadings.write(to: csv, atomically: true, encoding: .utf8)
        let store = try Store(path: dir.appendingPathComponent("s.db").path)
        let (version, registry) = try store.registry(for: Day(year: 9999, month: 12, day: 31) ?? Day(index: 0))
        var options = LoadOptions()
        options.maxAbsValue = .infinity
        let loader = DataLoader(store: store, directory: try ChannelDirectory.make(registry: registry, store: store),
                                registryVersion: version.id, options: options)
        let result = try loader.load(files: [csv.path])
        #expect(result.first?.counters.readings == 6)
        return dir
    }

    static func exports(_ dir: URL) throws -> [String: String] {
        var out: [String: String] = [:]
        let folder = dir.appendingPathComponent("out")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".csv") {
            out[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        return out
    }

    @Test func aStoreHoldingHugeReadingsComputesAsIfItDidNotAndEveryCommandFinishes() throws {
        let dir = try Self.store(huge: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let clean = try Self.store(huge: false)
        defer { try? FileManager.default.removeItem(at: clean) }
        let s = ["--store", "s.db"]
        for d in [dir, clean] {
            let compute = try PEMSProcess.run(s + ["compute", "--from", "2024-07-12"], in: d)
            #expect(compute.status == 0, "\(compute.stderr)")
            let export = try PEMSProcess.run(s + ["export", "--from", "2024-07-12", "--out", "out"], in: d)
            #expect(export.status == 0, "\(export.stderr)")
        }
        let withHuge = try Self.exports(dir), without = try Self.exports(clean)
        #expect(withHuge.count >= 7)
        #expect(withHuge == without, "the stored huge readings changed the exports")
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
        let dir = try Self.store(huge: true)
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
