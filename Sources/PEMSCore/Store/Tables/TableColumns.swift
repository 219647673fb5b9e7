/// The one declaration of a stored table's columns (see `Column`), in the order of the live
/// table (`PRAGMA table_info`; `TableColumnsTests` checks every declaration against a migrated
/// store). The migrations keep their released text; a new column is one more entry here and
/// the migration that adds it.
struct TableColumns<Record: Sendable>: Sendable {
    let table: String
    /// The leading column naming the computation a row belongs to (`computation_id`), bound
    /// from the caller rather than from the record; nil for a table without one.
    let owner: String?
    let columns: [Column<Record>]
    /// What a row is decoded into before its columns are read (every field is set from its column).
    let blank: Record

    /// Every column as the live table has it: (name, declared type, NOT NULL), the owner first.
    var declared: [(name: String, type: String, notNull: Bool)] {
        (owner.map { [($0, "INTEGER", true)] } ?? []) + columns.map { ($0.name, $0.type, $0.notNull) }
    }

    /// `INSERT INTO table (owner, columns…) VALUES (?, …)` for the columns the caller fills.
    var insertSQL: String {
        let names = (owner.map { [$0] } ?? []) + columns.filter(\.inserted).map(\.name)
        return "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES ("
            + Array(repeating: "?", count: names.count).joined(separator: ", ") + ")"
    }

    /// `SELECT columns… FROM table` plus `tail` (`WHERE …`, `ORDER BY …`): the rows `decode` reads.
    func select(_ tail: String) -> String {
        "SELECT \(columns.map(\.name).joined(separator: ", ")) FROM \(table) \(tail)"
    }

    /// The arguments of `insertSQL` for `record` (of computation `owner`).
    func arguments(_ record: Record, owner id: Int? = nil) throws -> [SQLBindable?] {
        var out: [SQLBindable?] = []
        out.reserveCapacity(columns.count + 1)
        if owner != nil { out.append(id) }
        for c in columns where c.inserted { out.append(try c.bind(record)) }
        return out
    }

    /// The record of a row of `select`; an unreadable value throws `StoreError.corruptResult`
    /// naming the table, the computation and the column.
    func decode(_ row: Row, computation id: Int) throws -> Record {
        var record = blank
        do {
            for (i, c) in columns.enumerated() { try c.read(&record, row, Int32(i)) }
        } catch let e as ColumnValueError {
            throw StoreError.corruptResult(table: table, computation: id, detail: "\(e.column) \(e.value)")
        }
        return record
    }
}
