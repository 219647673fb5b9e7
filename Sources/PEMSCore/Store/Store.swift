import Foundation

/// The pems store: one SQLite file (WAL) holding registry versions, loaded files, readings
/// and (later) results. Open it with `Store(path:)`; the schema is migrated on open.
///
/// Not `Sendable`: a `Store` belongs to one task (commands are sequential; the loader's
/// parallel workers hand their results to the task that owns the store).
public final class Store {
    public let db: Database
    public var path: String { db.path }

    public init(path: String, readOnly: Bool = false) throws {
        db = try Database(path: path, readOnly: readOnly)
        if !readOnly { try migrate() }
    }

    /// The schema version the file is at.
    public func schemaVersion() throws -> Int {
        try db.scalarInt("PRAGMA user_version") ?? 0
    }

    func migrate() throws {
        let current = try schemaVersion()
        guard current <= Schema.currentVersion else {
            throw StoreError.newerSchema(path: path, found: current, supported: Schema.currentVersion)
        }
        for m in Schema.migrations where m.version > current {
            try db.transaction {
                try db.execute(m.sql)
                try db.execute("PRAGMA user_version = \(m.version)")
            }
        }
    }

    /// The current CST wall-clock time, for ledger columns such as `loaded_at`.
    public static func now() -> Timestamp {
        Timestamp(seconds: Int64(Date().timeIntervalSince1970.rounded(.down)) + 8 * 3600)
    }
}
