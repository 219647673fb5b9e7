import Foundation
import Testing
import TestSupport

/// `--district CODE` on `pems report`, `brief` and `evidence` (issue 17 deliver 1): an unknown
/// code stops the command before any work with one line naming it and the registry's codes; a
/// known one writes the county edition, its files named with the code beside the city's.
@Suite struct DistrictOptionTests {
    static let registry = SharedFixture.path("conformance-spec2/registry")
    static let packets = SharedFixture.path("conformance-spec2/packets")
    /// The conformance registry's districts (districts.csv).
    static let codes = "130602, 130606, 130607, 130608"

    @Test func anUnknownDistrictFailsBeforeAnyWorkNamingItAndTheKnownCodes() throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let imported = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", "2024-06-01", Self.registry],
                                           in: dir, timeout: 60)
        #expect(imported.status == 0, "\(imported.stderr)")
        let line = "pems: district '999999' is not in the registry's districts.csv (known: \(Self.codes))\n"
        for args in [["report", "weekly", "--date", "2024-07-12"], ["report", "quality", "--date", "2024-07-12"],
                     ["report", "response", "--response", "R1"], ["brief", "--from", "2024-07-12"],
                     ["evidence", "--date", "2024-07-12"]] {
            let r = try PEMSProcess.run(["--store", "s.db"] + args + ["--district", "999999", "--out", "out"], in: dir, timeout: 60)
            #expect(r.status == 1, "\(args)")
            #expect(r.stderr == line, "\(args): \(r.stderr)")
            #expect(r.stdout.isEmpty, "\(args)")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path), "\(args)")
        }
        let help = try PEMSProcess.run(["report", "--help"], timeout: 60)
        #expect(help.stdout.contains("--district <code>") && help.stdout.contains("county edition"))
    }

    @Test func aCountyEditionIsWrittenBesideTheCitysWithTheCodeInItsNames() throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", "2024-06-01", Self.registry], in: dir, timeout: 60)
        _ = try PEMSProcess.run(["--store", "s.db", "load", "--quiet", Self.packets + "/2024-07-11.log", Self.packets + "/2024-07-12.log"],
                                in: dir, timeout: 120)
        for args in [["report", "daily", "--date", "2024-07-12"], ["report", "daily", "--date", "2024-07-12", "--district", "130602"],
                     ["brief", "--from", "2024-07-12"], ["brief", "--from", "2024-07-12", "--district", "130602"]] {
            let r = try PEMSProcess.run(["--store", "s.db"] + args + ["--out", "out"], in: dir, timeout: 120)
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path))
        for name in ["日报_2024-07-12.xlsx", "abnormal_2024-07-12.json", "日报_2024-07-12_130602.xlsx", "brief.pdf",
                     "brief_130602.pdf", "trend.png", "trend_130602.png", "ranking_130602.png"] {
            #expect(names.contains(name), "\(name)")
        }
        #expect(!names.contains("abnormal_2024-07-12_130602.json"))
    }
}
