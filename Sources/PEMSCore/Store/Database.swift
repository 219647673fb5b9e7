import CSQLite

/// One connection to the pems store, an SQLite file in WAL mode.
///
/// Not `Sendable`: a connection belongs to one task. Commands open one, do their work and
/// close it. WAL lets a reader (e.g. `pems runs`) look while a load writes; the store is
/// consistent after a crash at any point because every logical change is one transaction.
public final class Database {
    let handle: OpaquePointer
    public let path: String
    private var cache: [String: Statement] = [:]

    /// Opens (creating if needed) the database at `path`.
    /// - Parameter readOnly: open without write access (inspection commands).
    public init(path: String, readOnly: Bool = false) throws {
        var h: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let rc = sqlite3_open_v2(path, &h, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let h else {
            let message = h.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let h { sqlite3_close_v2(h) }
            throw DatabaseError(code: rc, message: message, path: path)
        }
        handle = h
        self.path = path
        sqlite3_extended_result_codes(h, 1)
        // Another process (a concurrent reader, the next run) may hold the lock briefly.
        sqlite3_busy_timeout(h, 10_000)
        if !readOnly {
            try execute("PRAGMA journal_mode=WAL")
            // NORMAL in WAL: durable at checkpoints, never corrupt; what NOTES.md measured.
            try execute("PRAGMA synchronous=NORMAL")
        }
        try execute("PRAGMA foreign_keys=ON")
        try execute("PRAGMA cache_size=-65536") // 64 MiB page cache
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    func error(_ rc: Int32, sql: String? = nil, arguments: [String] = []) -> DatabaseError {
        DatabaseError(code: rc, message: String(cString: sqlite3_errmsg(handle)), sql: sql,
                      arguments: arguments, path: path)
    }

    /// Runs one or more statements without arguments (schema, pragmas).
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw DatabaseError(code: rc, message: text, sql: sql, path: path)
        }
    }

    /// A prepared statement, cached by its SQL text for reuse.
    public func statement(_ sql: String) throws -> Statement {
        if let s = cache[sql] { return s }
        let s = try Statement(database: self, sql: sql)
        cache[sql] = s
        return s
    }

    /// Runs `sql` once with `arguments`.
    public func run(_ sql: String, _ arguments: [SQLBindable?] = []) throws {
        try statement(sql).run(arguments)
    }

    /// The first column of the first row as an Int, or nil.
    public func scalarInt(_ sql: String, _ arguments: [SQLBindable?] = []) throws -> Int? {
        try statement(sql).first(arguments) { $0.isNull(0) ? nil : $0.int(0) } ?? nil
    }

    /// The rowid of the last insert on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Runs `body` in one transaction (`BEGIN IMMEDIATE`: the write lock is taken up front,
    /// so a concurrent writer waits at the start rather than failing halfway).
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The SQLite library version (NOTES.md: 3.40.1 here).
    public static var sqliteVersion: String { String(cString: sqlite3_libversion()) }
}
