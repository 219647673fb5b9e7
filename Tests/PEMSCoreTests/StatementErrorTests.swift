import Foundation
@testable import PEMSCore
import Testing

/// A failing statement names its SQL and the arguments bound to it (the store's errors carry
/// what reproduces them). The arguments are described only when the failure happens, not at
/// every bind — so the message must still show the values of the failing call, not an earlier one.
@Suite struct StatementErrorTests {
    @Test func aFailingInsertNamesTheArgumentsOfTheCallThatFailed() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("statement-\(UUID().uuidString).db").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        let db = try Database(path: path)
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, kw REAL, name TEXT)")
        let sql = "INSERT INTO t (id, kw, name) VALUES (?, ?, ?)"
        try db.run(sql, [1, 2.5, "first"])
        try db.run(sql, [2, 0.1, nil])
        do {
            try db.run(sql, [1, 1234.5, "dup"])
            Issue.record("a second row with id 1 was accepted")
        } catch let e as DatabaseError {
            #expect(e.code & 0xff == 19)  // SQLITE_CONSTRAINT (extended: the primary key)
            #expect(e.sql == sql)
            #expect(e.arguments == ["1", "1234.5", "'dup'"])
            #expect(e.description.contains("with arguments [1, 1234.5, 'dup']"))
        }
    }
}
