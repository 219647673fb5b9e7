import Foundation
import PEMSCore
import TestSupport
import Testing

/// Commands that only read (`pems runs`, `runs show`, `runs diff`, `registry list`) never
/// migrate, mark or write the store — they work on a store in a read-only folder — and no
/// command takes a SQLite file that is not a pems store for one.
@Suite struct ReadOnlyStoreTests {
    static let registry = SharedFixture.path("conformance-spec2/registry")
    static let packets = SharedFixture.path("conformance-spec2/packets")

    /// A folder with `s.db` holding the conformance registry (version 1 from 2024-06-01).
    static func storeWithRegistry() throws -> URL {
        let dir = try PEMSProcess.tempDir()
        let r = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", "2024-06-01", registry],
                                    in: dir, timeout: 120)
        #expect(r.status == 0, "\(r.stderr)")
        return dir
    }

    /// The commands that only read, each with what it prints on the conformance registry's store.
    static let readers: [(args: [String], status: Int32, output: String)] = [
        (["runs"], 0, "no runs recorded yet in s.db"),
        (["runs", "--json"], 0, "[]"),
        (["runs", "show", "1"], 1, "no run 1 in s.db"),
        (["runs", "diff", "1", "2"], 1, "no run 1 in s.db"),
        (["registry", "list", "--date", "2024-07-01"], 0, "* 1  effective 2024-06-01"),
    ]

    @Test func readingCommandsLeaveTheStoreFileItsTimeAndItsWALFilesAsTheyWere() throws {
        let dir = try Self.storeWithRegistry()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.db").path
        let before = try StoreFileSnapshot(store)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(!before.wal && !before.shm)
        for (args, status, output) in Self.readers {
            let r = try PEMSProcess.run(["--store", "s.db"] + args, in: dir, timeout: 60)
            #expect(r.status == status, "\(args): \(r.stderr)")
            #expect((r.stdout + r.stderr).contains(output), "\(args): \(r.stdout)\(r.stderr)")
            let after = try StoreFileSnapshot(store)
            #expect(after == before, "\(args) changed the store: before \(before); after \(after)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == files) // no lock file either
    }

    @Test(.enabled(if: TmpfsMount.isAllowed, "needs a tmpfs mount to make a folder read-only for root"))
    func readingCommandsWorkOnAStoreInAReadOnlyFolder() throws {
        let mount = try TmpfsMount(size: "4m")
        defer { mount.unmount() }
        let r = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", "2024-06-01", Self.registry],
                                    in: mount.dir, timeout: 120)
        try #require(r.status == 0, "\(r.stderr)")
        try mount.remountReadOnly()
        for (args, status, output) in Self.readers {
            let r = try PEMSProcess.run(["--store", "s.db"] + args, in: mount.dir, timeout: 60)
            #expect(r.status == status, "\(args): \(r.stderr)")
            #expect((r.stdout + r.stderr).contains(output), "\(args): \(r.stdout)\(r.stderr)")
        }
    }

    @Test func aReadingCommandOnAStoreOfAnOlderSchemaDoesNotUpgradeItAndSaysWhatItNeeds() throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.db").path
        do { // schema 5, as pems made it before the run ledger (application_id 0)
            let db = try Database(path: store)
            try db.execute("PRAGMA journal_mode=WAL")
            for m in Schema.migrations where m.version <= 5 {
                try db.execute(m.sql)
                try db.execute("PRAGMA user_version = \(m.version)")
            }
        }
        let before = try StoreFileSnapshot(store)
        let runs = try PEMSProcess.run(["--store", "s.db", "runs"], in: dir, timeout: 60)
        #expect(runs.status == 1)
        #expect(runs.stderr == "pems: s.db: the store is at schema version 5 and the run ledger needs version 6; commands that only read never upgrade a store — the next command that writes it (pems load, pems registry import, a job) will\n")
        let list = try PEMSProcess.run(["--store", "s.db", "registry", "list"], in: dir, timeout: 60)
        #expect(list.status == 0 && list.stdout.contains("no registry imported yet"), "\(list.stderr)")
        let after = try StoreFileSnapshot(store)
        #expect(after == before, "before \(before); after \(after)")
        #expect(after.userVersion == 5 && after.applicationID == 0)
    }

    @Test func aReadingCommandOnAMissingStoreCreatesNothing() throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try PEMSProcess.run(["--store", "s.db", "runs"], in: dir, timeout: 60)
        #expect(r.status == 0 && r.stdout.hasPrefix("no runs recorded yet in s.db"), "\(r.stderr)")
        let l = try PEMSProcess.run(["--store", "s.db", "registry", "list"], in: dir, timeout: 60)
        #expect(l.status == 0 && l.stdout.contains("no registry imported yet"), "\(l.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test(arguments: [["load", packets + "/2024-07-01.log"], ["compute", "--from", "2024-07-01"],
                      ["export", "--from", "2024-07-01", "--out", "out"], ["registry", "import", registry],
                      ["runs"], ["runs", "show", "1"], ["registry", "list"]])
    func aSQLiteFileThatIsNotAPEMSStoreIsRefusedAndLeftAlone(_ args: [String]) throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.db").path
        do {
            let db = try Database(path: store)
            try db.execute("CREATE TABLE t(x); INSERT INTO t VALUES (42)")
        }
        let before = try StoreFileSnapshot(store)
        let r = try PEMSProcess.run(["--store", "s.db"] + args, in: dir, timeout: 60)
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("pems: s.db is a SQLite database but not a pems store (application_id 0x00000000)"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(try StoreFileSnapshot(store) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["s.db"])
    }

    @Test func aFileThatIsNotSQLiteIsRefusedWithOneLine() throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.db")
        try Data(String(repeating: "2024-07-01 00:00:00,MN1,e1,Pt,3.5\n", count: 100).utf8).write(to: store)
        for args in [["runs"], ["load", Self.packets + "/2024-07-01.log"]] {
            let r = try PEMSProcess.run(["--store", "s.db"] + args, in: dir, timeout: 60)
            #expect(r.status == 1)
            #expect(r.stderr.hasPrefix("pems: s.db is not a SQLite database, so not a pems store"), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["s.db"])
    }
}
