import Foundation
import TestSupport
import Testing
@testable import PEMSCore

/// Which files the store accepts (`PRAGMA application_id`), and what a read-only open leaves
/// behind: nothing.
@Suite struct StoreIdentityTests {
    /// "PEMS" as a big-endian 32-bit integer: the id every pems store carries.
    static let pemsID: UInt32 = 0x5045_4D53

    static func tempPath() throws -> (dir: URL, path: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pems-identity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return (dir, dir.appendingPathComponent("s.db").path)
    }

    /// A store as pems made it before stores were marked: the current schema, application_id 0.
    static func makeEarlierStore(_ path: String) throws {
        do { _ = try Store(path: path) }
        let db = try Database(path: path)
        try db.execute("PRAGMA application_id = 0")
    }

    /// A store left at schema `version` by an earlier pems (application_id 0, WAL mode).
    static func makeStore(_ path: String, atSchema version: Int) throws {
        let db = try Database(path: path)
        try db.execute("PRAGMA journal_mode=WAL")
        for m in Schema.migrations where m.version <= version {
            try db.execute(m.sql)
            try db.execute("PRAGMA user_version = \(m.version)")
        }
    }

    /// A store as pems made it before 16 KiB pages: 4 KiB pages, WAL, schema `version`.
    static func makeFourKiBStore(_ path: String, atSchema version: Int = Schema.currentVersion) throws {
        do {
            let db = try Database(path: path)
            try db.execute("PRAGMA page_size=4096")
        }
        try makeStore(path, atSchema: version)
    }

    /// Some other program's SQLite file: a table `t`, application_id `id`.
    static func makeForeignFile(_ path: String, applicationID id: Int32 = 0) throws {
        let db = try Database(path: path)
        try db.execute("CREATE TABLE t(x); INSERT INTO t VALUES (42); PRAGMA application_id = \(id)")
    }

    @Test func aNewStoreCarriesThePEMSApplicationID() throws {
        let (dir, path) = try Self.tempPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        do { _ = try Store(path: path) }
        let snap = try StoreFileSnapshot(path)
        #expect(snap.applicationID == Self.pemsID, "application_id 0x\(String(snap.applicationID, radix: 16))")
        #expect(Int(snap.userVersion) == Schema.currentVersion)
    }

    @Test func aSQLiteFileThatIsNotAPEMSStoreIsRefusedAndLeftAsItWas() throws {
        let (dir, path) = try Self.tempPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.makeForeignFile(path)
        let before = try StoreFileSnapshot(path)
        for readOnly in [false, true] {
            do {
                _ = try Store(path: path, readOnly: readOnly)
                Issue.record("a SQLite file holding a table t was opened as a store (readOnly \(readOnly))")
            } catch {
                #expect("\(error)".hasPrefix("\(path) is a SQLite database but not a pems store (application_id 0x00000000)"), "\(error)")
            }
        }
        let after = try StoreFileSnapshot(path)
        #expect(after == before, "before: \(before); after: \(after)")
    }

    @Test func aSQLiteFileOfAnotherApplicationIsRefusedNamingItsID() throws {
        let (dir, path) = try Self.tempPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.makeForeignFile(path, applicationID: 0x0F05_5112) // a Fossil repository's id
        #expect(throws: (any Error).self) { _ = try Store(path: path) }
        do { _ = try Store(path: path) } catch {
            #expect("\(error)".hasPrefix("\(path) is a SQLite database but not a pems store (application_id 0x0f055112)"), "\(error)")
        }
    }

    @Test func aFileThatIsNotSQLiteIsRefusedWithAPlainMessage() throws {
        let (dir, path) = try Self.tempPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = String(repeating: "time,mn,code,param,value\n", count: 200)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        for readOnly in [false, true] {
            do {
                _ = try Store(path: path, readOnly: readOnly)
                Issue.record("a CSV file was opened as a store (readOnly \(readOnly))")
            } catch {
                #expect("\(error)".hasPrefix("\(path) is not a SQLite database, so not a pems store"), "\(error)")
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func aStoreMadeByAnEarlierPEMSIsAcceptedAndGetsTheID() throws {
        let (dir, path) = try Self.tempPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.makeEarlierStore(path)
        #expect(try StoreFileSnapshot(path).applicationID == 0)
        do {
            let store = try Store(path: path)
            #expect(try store.registryVersions().isEmpty)
        }
        #expect(try StoreFileSnapshot(path).applicationID == Self.pemsID)
    }

    @Test func anEarlierStoreAtAnOlderSchemaIsMigratedAndGetsTheID() throws {
        let (dir, path) = try Self.tempPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.makeStore(path, atSchema: 5)
        do { _ = try Store(path: path) }
        let snap = try StoreFileSnapshot(path)
        #expect(snap.applicationID == Self.pemsID && Int(snap.userVersion) == Schema.currentVersion)
    }

    @Test func anEarlierStoreOpenedReadOnlyIsAcceptedAndNotChanged() throws {
        let (dir, path) = try Self.tempPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.makeEarlierStore(path)
        let before = try StoreFileSnapshot(path)
        do {
            let store = try Store(path: path, readOnly: true)
            #expect(try store.registryVersions().isEmpty)
            #expect(try store.runs(limit: nil).isEmpty)
        }
        let after = try StoreFileSnapshot(path)
        #expect(after == before, "before: \(before); after: \(after)")
        #expect(after.applicationID == 0)
    }

    @Test func openingAStoreReadOnlyChangesNoByteNoTimeAndMakesNoWALFiles() throws {
        let (dir, path) = try Self.tempPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            let store = try Store(path: path)
            _ = try store.beginRun(RunStart(command: "nightly", parameters: ["date": "2026-07-05"], settings: "",
                                            engineVersion: "0.1.0", registryVersion: nil, registrySHA256: nil, outDir: "/out"))
        }
        let before = try StoreFileSnapshot(path)
        #expect(!before.wal && !before.shm) // the last connection checkpointed and removed them
        do {
            let store = try Store(path: path, readOnly: true)
            #expect(try store.runs(limit: nil).count == 1)
            #expect(try store.registryVersions().isEmpty)
        }
        let after = try StoreFileSnapshot(path)
        #expect(after == before, "before: \(before); after: \(after)")
    }

    @Test func aReadOnlyOpenSeesWhatAnOpenWriterHasCommitted() throws {
        let (dir, path) = try Self.tempPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        let writer = try Store(path: path)
        _ = try writer.beginRun(RunStart(command: "nightly", parameters: [:], settings: "", engineVersion: "0.1.0",
                                         registryVersion: nil, registrySHA256: nil, outDir: "/out"))
        let reader = try Store(path: path, readOnly: true)
        #expect(try reader.runs(limit: nil).count == 1)
        _ = try writer.beginRun(RunStart(command: "weekly", parameters: [:], settings: "", engineVersion: "0.1.0",
                                         registryVersion: nil, registrySHA256: nil, outDir: "/out"))
        #expect(try Store(path: path, readOnly: true).runs(limit: nil).map(\.command) == ["weekly", "nightly"])
    }

    @Test func aReadOnlyOpenDoesNotMigrateAnOlderSchema() throws {
        let (dir, path) = try Self.tempPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.makeStore(path, atSchema: 5)
        let before = try StoreFileSnapshot(path)
        do {
            let store = try Store(path: path, readOnly: true)
            #expect(try store.schemaVersion() == 5)
            #expect(try store.registryVersions().isEmpty) // schema 1's tables are there
            #expect(throws: StoreError.olderSchema(path: path, found: 5, needed: 6, what: "the run ledger")) {
                try store.requireSchema(6, for: "the run ledger")
            }
            try store.requireSchema(5, for: "the accounting results")
        }
        let after = try StoreFileSnapshot(path)
        #expect(after == before, "before: \(before); after: \(after)")
        #expect(after.userVersion == 5)
    }

    @Test func verifyingWritesNothingAndRefusesOnlyFilesThatAreNoStore() throws {
        let (dir, path) = try Self.tempPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Store.verify(path: path) // nothing there yet: a store to be
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        try Self.makeEarlierStore(path)
        let before = try StoreFileSnapshot(path)
        try Store.verify(path: path)
        #expect(try StoreFileSnapshot(path) == before)
        try FileManager.default.removeItem(atPath: path)
        try Self.makeForeignFile(path)
        #expect(throws: StoreError.notAStore(path: path, applicationID: 0)) { try Store.verify(path: path) }
    }

    @Test func aMissingStoreOpenedReadOnlyReadsAsEmptyAndIsNotCreated() throws {
        let (dir, path) = try Self.tempPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(path: path, readOnly: true)
        #expect(store.path == path)
        #expect(try store.registryVersions().isEmpty && store.runs(limit: nil).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}
