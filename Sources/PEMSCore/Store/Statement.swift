import CSQLite

/// A prepared statement. Owned by one `Database` and used from one thread at a time.
///
/// Reusing a prepared statement (bind → step → reset) is what makes bulk writes fast:
/// preparing costs far more than executing for the small statements pems runs in loops.
public final class Statement {
    let handle: OpaquePointer
    unowned let database: Database
    public let sql: String
    /// The values last bound, kept for the error message of a failing bind or step; they
    /// are described only then (describing every bound number costs more than binding it).
    private var bound: [SQLValue] = []
    private var boundDescription: [String] { bound.map(\.description) }

    init(database: Database, sql: String) throws {
        self.database = database
        self.sql = sql
        var h: OpaquePointer?
        let rc = sqlite3_prepare_v2(database.handle, sql, -1, &h, nil)
        guard rc == SQLITE_OK, let h else {
            throw database.error(rc, sql: sql)
        }
        handle = h
    }

    deinit { sqlite3_finalize(handle) }

    /// Resets the statement and binds `arguments` to parameters 1…n.
    @discardableResult
    public func bind(_ arguments: [SQLBindable?]) throws -> Statement {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        bound.removeAll(keepingCapacity: true)
        for (i, a) in arguments.enumerated() {
            let value = a?.sqlValue ?? .null
            bound.append(value)
            let idx = Int32(i + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(handle, idx)
            case .integer(let v): rc = sqlite3_bind_int64(handle, idx, v)
            case .real(let v): rc = sqlite3_bind_double(handle, idx, v)
            case .text(let v): rc = sqlite3_bind_text(handle, idx, v, -1, pems_sqlite_transient())
            case .blob(let v):
                rc = v.withUnsafeBytes { raw in
                    sqlite3_bind_blob(handle, idx, raw.baseAddress, Int32(raw.count), pems_sqlite_transient())
                }
            }
            guard rc == SQLITE_OK else { throw database.error(rc, sql: sql, arguments: boundDescription) }
        }
        return self
    }

    /// Steps once; true while a row is available.
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error(rc, sql: sql, arguments: boundDescription)
        }
    }

    /// Binds, runs to completion, and resets.
    public func run(_ arguments: [SQLBindable?] = []) throws {
        try bind(arguments)
        while try step() {}
        sqlite3_reset(handle)
    }

    /// Binds and calls `body` for each row.
    public func forEach(_ arguments: [SQLBindable?] = [], _ body: (Row) throws -> Void) throws {
        try bind(arguments)
        defer { sqlite3_reset(handle) }
        while try step() { try body(Row(statement: self)) }
    }

    /// All rows mapped by `body`.
    public func map<T>(_ arguments: [SQLBindable?] = [], _ body: (Row) throws -> T) throws -> [T] {
        var out: [T] = []
        try forEach(arguments) { out.append(try body($0)) }
        return out
    }

    /// The first row mapped by `body`, or nil.
    public func first<T>(_ arguments: [SQLBindable?] = [], _ body: (Row) throws -> T) throws -> T? {
        try bind(arguments)
        defer { sqlite3_reset(handle) }
        return try step() ? try body(Row(statement: self)) : nil
    }
}

/// The current row of a stepping statement; valid only inside the callback that receives it.
public struct Row {
    let statement: Statement
    var h: OpaquePointer { statement.handle }

    public func isNull(_ i: Int32) -> Bool { sqlite3_column_type(h, i) == SQLITE_NULL }
    public func int(_ i: Int32) -> Int { Int(sqlite3_column_int64(h, i)) }
    public func double(_ i: Int32) -> Double { sqlite3_column_double(h, i) }
    public func optionalInt(_ i: Int32) -> Int? { isNull(i) ? nil : int(i) }
    public func optionalDouble(_ i: Int32) -> Double? { isNull(i) ? nil : double(i) }
    public func text(_ i: Int32) -> String {
        guard let p = sqlite3_column_text(h, i) else { return "" }
        return String(cString: p)
    }
    public func optionalText(_ i: Int32) -> String? { isNull(i) ? nil : text(i) }
    public func blob(_ i: Int32) -> [UInt8] {
        let n = Int(sqlite3_column_bytes(h, i))
        guard n > 0, let p = sqlite3_column_blob(h, i) else { return [] }
        return Array(UnsafeRawBufferPointer(start: p, count: n))
    }
}
