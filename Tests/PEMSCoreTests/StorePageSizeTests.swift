import Foundation
import Testing
@testable import PEMSCore

/// A store created by this pems has 16 KiB pages (docs/STORE.md "Page size"); a store made
/// with 4 KiB pages, as every store was before, keeps them and is read and written as before.
@Suite struct StorePageSizeTests {
    @Test func aNewStoreHasSixteenKiBPages() throws {
        let (dir, path) = try StoreIdentityTests.tempPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(path: path)
        #expect(try store.db.scalarInt("PRAGMA page_size") == 16_384)
        #expect(try store.db.scalarInt("PRAGMA page_size") == Store.pageSize)
        #expect(try store.schemaVersion() == Schema.currentVersion)
    }

    @Test func aStoreMadeWithFourKiBPagesKeepsThemAndStillTakesWrites() throws {
        let (dir, path) = try StoreIdentityTests.tempPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        // An earlier pems's store: 4 KiB pages (SQLite's default), WAL, an earlier schema.
        try StoreIdentityTests.makeFourKiBStore(path, atSchema: 1)
        let store = try Store(path: path)
        #expect(try store.db.scalarInt("PRAGMA page_size") == 4_096)
        #expect(try store.schemaVersion() == Schema.currentVersion)
        // A blob spanning many pages goes in and comes back whole.
        let blob = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try store.db.execute("CREATE TABLE probe (b BLOB)")
        try store.db.run("INSERT INTO probe (b) VALUES (?)", [blob])
        let back = try store.db.statement("SELECT b FROM probe").map([]) { $0.blob(0) }
        #expect(back == [blob])
    }
}
