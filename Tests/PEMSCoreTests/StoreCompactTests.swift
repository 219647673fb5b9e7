import Foundation
import Testing
@testable import PEMSCore

/// `Store.compact` (`pems compact`, docs/STORE.md "Page size"): the store rewritten in order
/// with 16 KiB pages holds exactly what it held, opens and takes writes, and leaves no copy
/// or stale WAL behind.
@Suite struct StoreCompactTests {
    /// Every row of the probe table, and the schema's objects, as the store holds them.
    static func content(_ db: Database) throws -> (rows: [[UInt8]], schema: [String]) {
        let rows = try db.statement("SELECT id, b FROM probe ORDER BY id").map([]) { r -> [UInt8] in
            Array("\(r.int(0)):".utf8) + r.blob(1)
        }
        let schema = try db.statement("SELECT type || ' ' || name FROM sqlite_master ORDER BY type, name").map([]) { $0.text(0) }
        return (rows, schema)
    }

    @Test func aFragmentedFourKiBStoreIsRewrittenWithSixteenKiBPagesAndTheSameContent() throws {
        let (dir, path) = try StoreIdentityTests.tempPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        try StoreIdentityTests.makeFourKiBStore(path)
        var before: (rows: [[UInt8]], schema: [String])
        do {
            let store = try Store(path: path)
            try store.db.execute("CREATE TABLE probe (id INTEGER PRIMARY KEY, b BLOB)")
            // Blobs of many pages, half of them replaced by larger ones: freed pages reused out of order.
            var g = SystemRandomNumberGenerator()
            for id in 0..<60 {
                try store.db.run("INSERT INTO probe (id, b) VALUES (?, ?)", [id, (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &g) }])
            }
            for id in stride(from: 0, to: 60, by: 2) {
                try store.db.run("UPDATE probe SET b = ? WHERE id = ?", [(0..<45_000).map { _ in UInt8.random(in: 0...255, using: &g) }, id])
            }
            #expect(try store.db.scalarInt("PRAGMA page_size") == 4_096)
            before = try Self.content(store.db)
        }
        let c = try Store.compact(path: path)
        #expect(c.pageSizeBefore == 4_096)
        #expect(c.pageSizeAfter == 16_384)
        #expect(c.bytesBefore > 0 && c.bytesAfter > 0)

        let store = try Store(path: path)
        #expect(try store.db.scalarInt("PRAGMA page_size") == 16_384)
        #expect(try store.schemaVersion() == Schema.currentVersion)
        let after = try Self.content(store.db)
        #expect(after.rows == before.rows)
        #expect(after.schema == before.schema)
        try store.db.run("INSERT INTO probe (id, b) VALUES (?, ?)", [1_000, [UInt8](repeating: 7, count: 100_000)])
        #expect(try store.db.scalarInt("SELECT count(*) FROM probe") == 61)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("compact") }
        #expect(left.isEmpty)
    }

    @Test func aStoreReachedThroughASymbolicLinkIsRewrittenWhereItIsAndTheLinkKept() throws {
        let (dir, path) = try StoreIdentityTests.tempPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        try StoreIdentityTests.makeFourKiBStore(path)
        let link = dir.appendingPathComponent("link.db").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        let c = try Store.compact(path: link)
        #expect(c.pageSizeAfter == 16_384)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == path)
        #expect(try Store(path: path).db.scalarInt("PRAGMA page_size") == 16_384)
    }

    @Test func aStoreWithASecondHardLinkIsRefusedAndLeftAsItWas() throws {
        let (dir, path) = try StoreIdentityTests.tempPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        try StoreIdentityTests.makeFourKiBStore(path)
        try FileManager.default.linkItem(atPath: path, toPath: dir.appendingPathComponent("other.db").path)
        #expect(throws: StoreError.self) { try Store.compact(path: path) }
        #expect(try Store(path: path).db.scalarInt("PRAGMA page_size") == 4_096)
    }

    @Test func aFileThatIsNoStoreIsNotTouched() throws {
        let (dir, path) = try StoreIdentityTests.tempPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        try StoreIdentityTests.makeForeignFile(path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: StoreError.self) { try Store.compact(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }
}
