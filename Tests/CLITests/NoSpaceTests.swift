import Foundation
import TestSupport
import Testing

/// A full disk is one plain line naming the file being written ("pems: no space left on
/// device while writing FILE", exit 1), whatever was writing it: Foundation, libxlsxwriter,
/// cairo or SQLite. The disk is a small tmpfs filled to the last block (never the machine's).
@Suite(.enabled(if: TmpfsMount.isAllowed, "needs a tmpfs mount to fill a disk"))
struct NoSpaceTests {
    /// A store (on the ordinary disk) holding the conformance registry and 2024-07-12's packets.
    static func loadedStore() throws -> URL {
        let dir = try PEMSProcess.tempDir()
        let i = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", "2024-06-01",
                                     SharedFixture.path("conformance-spec2/registry")], in: dir, timeout: 120)
        #expect(i.status == 0, "\(i.stderr)")
        let l = try PEMSProcess.run(["--store", "s.db", "load", "--quiet", SharedFixture.path("conformance-spec2/packets/2024-07-12.log")],
                                    in: dir, timeout: 120)
        #expect(l.status == 0, "\(l.stderr)")
        return dir
    }

    /// Checks `r` is exactly one line saying no space was left while writing a file under `folder`.
    static func expectOneNoSpaceLine(_ r: PEMSProcess.Result, under folder: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 1, sourceLocation: sourceLocation)
        let prefix = "pems: no space left on device while writing \(folder)"
        #expect(r.stderr.hasPrefix(prefix), "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.split(separator: "\n", omittingEmptySubsequences: false).count == 2, "\(r.stderr)",
                sourceLocation: sourceLocation)
        #expect(!r.stderr.contains("NSCocoaErrorDomain") && !r.stderr.contains("[ERROR]"), "\(r.stderr)",
                sourceLocation: sourceLocation)
    }

    @Test func anExportOntoAFullDiskSaysOneLineNamingTheFile() throws {
        let dir = try Self.loadedStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let disk = try TmpfsMount(size: "256k")
        defer { disk.unmount() }
        disk.fill()
        let out = disk.dir.appendingPathComponent("out").path
        let r = try PEMSProcess.run(["--store", "s.db", "export", "--from", "2024-07-12", "--out", out], in: dir, timeout: 120)
        Self.expectOneNoSpaceLine(r, under: out + "/")
    }

    @Test func aReportOntoAFullDiskSaysOneLineNamingTheWorkbook() throws {
        let dir = try Self.loadedStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let disk = try TmpfsMount(size: "256k")
        defer { disk.unmount() }
        disk.fill()
        let out = disk.dir.appendingPathComponent("reports").path
        let r = try PEMSProcess.run(["--store", "s.db", "report", "daily", "--date", "2024-07-12", "--out", out], in: dir,
                                    timeout: 120)
        Self.expectOneNoSpaceLine(r, under: out + "/日报_2024-07-12.xlsx")
    }

    @Test func aBriefOntoAFullDiskSaysOneLineNamingThePDF() throws {
        let dir = try Self.loadedStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let disk = try TmpfsMount(size: "256k")
        defer { disk.unmount() }
        disk.fill()
        let out = disk.dir.appendingPathComponent("brief").path
        let r = try PEMSProcess.run(["--store", "s.db", "brief", "--from", "2024-07-12", "--out", out], in: dir, timeout: 120)
        Self.expectOneNoSpaceLine(r, under: out + "/")
    }

    @Test func aLoadIntoAStoreOnAFullDiskSaysOneLineNamingTheStore() throws {
        let dir = try Self.loadedStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Room for the store (1.3 MB: 16 KiB pages, at least one per table and index), then filled.
        let disk = try TmpfsMount(size: "4m")
        defer { disk.unmount() }
        let store = disk.dir.appendingPathComponent("s.db").path
        try FileManager.default.copyItem(atPath: dir.appendingPathComponent("s.db").path, toPath: store)
        disk.fill()
        let r = try PEMSProcess.run(["--store", store, "load", SharedFixture.path("conformance-spec2/packets/2024-07-11.log")],
                                    in: dir, timeout: 120)
        Self.expectOneNoSpaceLine(r, under: "the store \(store)")
        #expect(r.stderr == "pems: no space left on device while writing the store \(store)\n")
    }
}
