import CSQLite

/// An SQLite failure, carrying what a maintainer needs to reproduce it: the result code,
/// SQLite's message, the statement text and the bound arguments.
public struct DatabaseError: Error, CustomStringConvertible, Sendable {
    /// The primary SQLite result code (e.g. 5 = SQLITE_BUSY, 19 = SQLITE_CONSTRAINT).
    public var code: Int32
    public var message: String
    public var sql: String?
    public var arguments: [String]
    /// The database file, so "which store?" never needs asking.
    public var path: String?
    /// The operating system's errno behind an I/O failure (`sqlite3_system_errno`; 0 when
    /// none), so a full disk can be told from a broken one: a store on a full disk fails with
    /// SQLITE_FULL, or, when the `-shm` cannot grow, SQLITE_IOERR_SHMSIZE and ENOSPC here.
    /// Only meaningful for SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN and SQLITE_READONLY.
    public var systemErrno: Int32

    public init(code: Int32, message: String, sql: String? = nil, arguments: [String] = [], path: String? = nil,
                systemErrno: Int32 = 0) {
        self.code = code
        self.message = message
        self.sql = sql
        self.arguments = arguments
        self.path = path
        self.systemErrno = systemErrno
    }

    public var description: String {
        var s = "SQLite error \(code): \(message)"
        if let path { s += " (store \(path))" }
        if let sql { s += " — while executing `\(sql)`" }
        if !arguments.isEmpty { s += " with arguments [\(arguments.joined(separator: ", "))]" }
        return s
    }
}
