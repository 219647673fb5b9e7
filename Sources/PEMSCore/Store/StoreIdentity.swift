import CSQLite

/// What a file opened as the store turned out to be, judged from its header before anything
/// is written to it (not even the switch to WAL): a `--store` pointing at another program's
/// SQLite file must never be migrated into, and a CSV given as `--store` must say so plainly
/// instead of "SQLite error 26".
enum StoreIdentity: Equatable {
    /// Carries `Schema.applicationID`.
    case pems
    /// No schema and no mark yet (a new or empty file): becomes a store when opened for writing.
    case empty
    /// application_id 0 but pems's tables and a schema version: made by a pems from before
    /// stores were marked. Accepted; marked when opened for writing.
    case earlierPems

    /// Reads `db`'s header and tables; writes nothing.
    /// - Throws: `StoreError.notSQLite` for a file that is not a SQLite database,
    ///   `StoreError.notAStore` for any other SQLite file.
    static func of(_ db: Database) throws -> StoreIdentity {
        let id: Int
        do {
            id = try db.scalarInt("PRAGMA application_id") ?? 0
        } catch let e as DatabaseError where e.code & 0xff == SQLITE_NOTADB {
            throw StoreError.notSQLite(path: db.path)
        }
        if id == Int(Schema.applicationID) { return .pems }
        let foreign = StoreError.notAStore(path: db.path, applicationID: Int32(truncatingIfNeeded: id))
        guard id == 0 else { throw foreign }
        let version = try db.scalarInt("PRAGMA user_version") ?? 0
        let tables = Set(try db.statement("SELECT name FROM sqlite_schema WHERE type = 'table'").map { $0.text(0) })
        if version == 0 && tables.isEmpty { return .empty }
        if version >= 1 && Schema.firstTables.isSubset(of: tables) { return .earlierPems }
        throw foreign
    }
}
