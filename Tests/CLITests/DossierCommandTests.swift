import Foundation
import TestSupport
import Testing

/// `pems dossier`: what it refuses before any work, and the two files it writes.
@Suite struct DossierCommandTests {
    static let registry = SharedFixture.path("conformance-spec2/registry")
    static let packets = SharedFixture.path("conformance-spec2/packets")

    @Test func helpSaysWhatItWritesWithExamples() throws {
        let r = try PEMSProcess.run(["dossier", "--help"], timeout: 60)
        #expect(r.status == 0)
        #expect(r.stdout.contains("OVERVIEW:") && r.stdout.contains("一企一档") && r.stdout.contains("Examples:"))
        #expect(r.stdout.contains("--enterprise") && r.stdout.contains("--all") && r.stdout.contains("--store"))
    }

    @Test(arguments: [
        (["--from", "2024-07-12", "--out", "o"], "give --enterprise ID or --all"),
        (["--enterprise", "E001", "--all", "--from", "2024-07-12", "--out", "o"], "give --enterprise ID or --all, not both"),
        (["--enterprise", "E001", "--from", "2024-07-12", "--to", "2024-07-11", "--out", "o"], "--to 2024-07-11 is before --from 2024-07-12"),
    ])
    func badUsageIsRefusedBeforeAnyWork(_ args: [String], _ message: String) throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try PEMSProcess.run(["--store", "s.db", "dossier"] + args, in: dir, timeout: 60)
        #expect(r.status == 64)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("s.db").path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("o").path))
    }

    @Test func anUnknownEnterpriseIsOneLineNamingItAndNothingIsComputed() throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", "2024-06-01", Self.registry], in: dir,
                                timeout: 60)
        let r = try PEMSProcess.run(["--store", "s.db", "dossier", "--enterprise", "E999", "--from", "2024-07-12", "--out", "o"],
                                    in: dir, timeout: 60)
        #expect(r.status == 1)
        #expect(r.stderr == "pems: enterprise 'E999' is not in the registry in force on 2024-07-12 (4 enterprises: E001, E002, E003, E004)\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("o").path))
    }

    @Test func oneEnterprisesFileIsAPDFAndAWorkbookNamedForItAndThePeriod() throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", "2024-06-01", Self.registry], in: dir,
                                timeout: 60)
        _ = try PEMSProcess.run(["--store", "s.db", "load", "--quiet", Self.packets + "/2024-07-11.log", Self.packets + "/2024-07-12.log"],
                                in: dir, timeout: 120)
        let r = try PEMSProcess.run(["--store", "s.db", "dossier", "--enterprise", "E002", "--from", "2024-07-11", "--to", "2024-07-12",
                                     "--out", "o"], in: dir, timeout: 300)
        #expect(r.status == 0, "\(r.stderr)")
        let base = "一企一档_E002_2024-07-11_2024-07-12"
        #expect(r.stdout.contains("wrote: ") && r.stdout.contains(base + ".pdf") && r.stdout.contains(base + ".xlsx"))
        let pdf = dir.appendingPathComponent("o/\(base).pdf")
        #expect(try (Poppler.pages(pdf) ?? 0) >= 2)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("o/\(base).xlsx").path))
        // Only the asked enterprise's files, no staging left.
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("o").path).sorted()
        #expect(names == [base + ".pdf", base + ".xlsx"])
    }
}
