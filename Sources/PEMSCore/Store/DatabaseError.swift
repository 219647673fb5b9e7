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

    public init(code: Int32, message: String, sql: String? = nil, arguments: [String] = [], path: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
        self.arguments = arguments
        self.path = path
    }

    public var description: String {
        var s = "SQLite error \(code): \(message)"
        if let path { s += " (store \(path))" }
        if let sql { s += " — while executing `\(sql)`" }
        if !arguments.isEmpty { s += " with arguments [\(arguments.joined(separator: ", "))]" }
        return s
    }
}
