import CSQLite
import Foundation

/// One connection to the pems store, an SQLite file in WAL mode.
///
/// Not `Sendable`: a connection belongs to one task. Commands open one, do their work and
/// close it. WAL lets a reader (e.g. `pems runs`) look while a load writes; the store is
/// consistent after a crash at any point because every logical change is one transaction.
public final class Database {
    let handle: OpaquePointer
    public let path: String
    private var cache: [String: Statement] = [:]

    /// Opens (creating if needed) the database at `path`; `Store` switches it to WAL once it
    /// knows the file is a pems store (`useWAL`), so a foreign file is never converted.
    ///
    /// - Parameter readOnly: open without write access (commands that only read). Such a
    ///   connection writes nothing, creates nothing and leaves no file behind, including in a
    ///   read-only folder:
    ///   - when `<store>-wal` exists, a writer has the store open (or one died with it open):
    ///     a plain `SQLITE_OPEN_READONLY` open reads through that WAL under SQLite's locks,
    ///     seeing every committed transaction; the `-wal` and `-shm` are there already.
    ///   - when it does not, the last connection checkpointed everything into the file and
    ///     removed it. A plain read-only open would then *create* `-wal` and `-shm` (and
    ///     leave them: a read-only connection cannot remove them) and fails where it cannot
    ///     (a read-only folder, "unable to open database file"). The file is opened with
    ///     `immutable=1` instead: SQLite reads the file alone, without locks or side files.
    ///     A writer that opens the store while such a reader reads works in its own new WAL
    ///     and reaches the file only at a checkpoint (1000 pages, or its close), which a quick
    ///     reader (`pems runs`, `registry list`) does not live to see; it reads the store as
    ///     it was when it opened.
    public convenience init(path: String, readOnly: Bool = false) throws {
        if !readOnly {
            try self.init(filename: path, path: path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        } else if FileManager.default.fileExists(atPath: StoreLock.realPath(path) + "-wal") {
            try self.init(filename: path, path: path, flags: SQLITE_OPEN_READONLY)
        } else {
            try self.init(filename: Self.immutableURI(path), path: path, flags: SQLITE_OPEN_READONLY | SQLITE_OPEN_URI)
        }
    }

    /// An empty in-memory database standing for the store at `path` (which does not exist):
    /// what a read-only open of a store not created yet reads, so listing an empty store
    /// creates no file. Errors still name `path`.
    static func inMemory(standingFor path: String) throws -> Database {
        try Database(filename: ":memory:", path: path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
    }

    private init(filename: String, path: String, flags: Int32) throws {
        var h: OpaquePointer?
        let rc = sqlite3_open_v2(filename, &h, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let h else {
            let message = h.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            let systemErrno = h.map { sqlite3_system_errno($0) } ?? 0
            if let h { sqlite3_close_v2(h) }
            throw DatabaseError(code: rc, message: message, path: path, systemErrno: systemErrno)
        }
        handle = h
        self.path = path
        sqlite3_extended_result_codes(h, 1)
        // Another process (a concurrent reader, the next run) may hold the lock briefly.
        sqlite3_busy_timeout(h, 10_000)
        do {
            try execute("PRAGMA foreign_keys=ON")
            try execute("PRAGMA cache_size=-65536") // 64 MiB page cache
        } catch let e as DatabaseError where e.code & 0xff == SQLITE_NOTADB {
            // Setting the cache size reads the header: the first statement to see a CSV given as --store.
            throw StoreError.notSQLite(path: path)
        }
    }

    /// Puts the store in WAL mode (persistent in the file) with `synchronous=NORMAL`: durable
    /// at checkpoints, never corrupt; what NOTES.md measured.
    func useWAL() throws {
        try execute("PRAGMA journal_mode=WAL")
        try execute("PRAGMA synchronous=NORMAL")
    }

    /// `file:` URI for `path` (absolute, symlinks resolved, `%`, `?`, `#` and other bytes
    /// outside the unreserved set percent-encoded) with `immutable=1`.
    static func immutableURI(_ path: String) -> String {
        var absolute = StoreLock.realPath(path)
        if !absolute.hasPrefix("/") {
            absolute = FileManager.default.currentDirectoryPath + "/" + absolute
        }
        var encoded = ""
        for byte in absolute.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"), UInt8(ascii: "/"):
                encoded.append(Character(UnicodeScalar(byte)))
            default:
                encoded += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        // "file://" would start an authority: a path beginning "//" keeps one slash.
        while encoded.hasPrefix("//") { encoded.removeFirst() }
        return "file:" + encoded + "?immutable=1"
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    func error(_ rc: Int32, sql: String? = nil, arguments: [String] = []) -> DatabaseError {
        DatabaseError(code: rc, message: String(cString: sqlite3_errmsg(handle)), sql: sql,
                      arguments: arguments, path: path, systemErrno: sqlite3_system_errno(handle))
    }

    /// Runs one or more statements without arguments (schema, pragmas).
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw DatabaseError(code: rc, message: text, sql: sql, path: path, systemErrno: sqlite3_system_errno(handle))
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
}
