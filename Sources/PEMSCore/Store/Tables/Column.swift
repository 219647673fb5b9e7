/// One column of a stored table: its name, its declared type and NOT NULL as
/// `PRAGMA table_info` reports them, and how a `Record`'s value is bound to it and read back.
///
/// A table's columns are declared once, in a `TableColumns` list in the order of the live
/// table; its INSERT, its SELECT list and its row decoding are generated from that list, so
/// a value is always bound and read under its column's name and adding a column touches the
/// list (and the migration that adds it), never a count of `?` or a position.
struct Column<Record: Sendable>: Sendable {
    let name: String
    /// The declared type (`INTEGER`, `REAL`, `TEXT`, `BLOB`).
    let type: String
    let notNull: Bool
    /// False for a column SQLite fills (an `INTEGER PRIMARY KEY` row id): read, never inserted.
    let inserted: Bool
    let bind: @Sendable (Record) throws -> SQLBindable?
    /// Sets the record's field from the row's column `index`; throws `ColumnValueError` for a
    /// value the field cannot hold.
    let read: @Sendable (inout Record, Row, Int32) throws -> Void

    init(_ name: String, _ type: String, notNull: Bool, inserted: Bool = true,
         bind: @escaping @Sendable (Record) throws -> SQLBindable?,
         read: @escaping @Sendable (inout Record, Row, Int32) throws -> Void) {
        self.name = name
        self.type = type
        self.notNull = notNull
        self.inserted = inserted
        self.bind = bind
        self.read = read
    }
}

/// A stored value a record's field cannot hold (a date that is no date, an unknown rule).
struct ColumnValueError: Error, Sendable, Equatable {
    let column: String
    let value: String
}

/// Column factories from a field's getter and setter. Closures rather than key paths: a key
/// path is projected through the runtime on every row (generic metadata lookups), a closure
/// is a direct call, and a city-scale month saves and reads half a million facility-days.
extension Column {
    typealias Get<Value> = @Sendable (Record) -> Value
    typealias Set<Value> = @Sendable (inout Record, Value) -> Void

    static func integer(_ name: String, _ get: @escaping Get<Int>, _ set: @escaping Set<Int>) -> Column {
        Column(name, "INTEGER", notNull: true, bind: { get($0) }, read: { set(&$0, $1.int($2)) })
    }

    static func integer(_ name: String, _ get: @escaping Get<Int?>, _ set: @escaping Set<Int?>) -> Column {
        Column(name, "INTEGER", notNull: false, bind: { get($0) }, read: { set(&$0, $1.optionalInt($2)) })
    }

    static func real(_ name: String, _ get: @escaping Get<Double>, _ set: @escaping Set<Double>) -> Column {
        Column(name, "REAL", notNull: true, bind: { get($0) }, read: { set(&$0, $1.double($2)) })
    }

    static func real(_ name: String, _ get: @escaping Get<Double?>, _ set: @escaping Set<Double?>) -> Column {
        Column(name, "REAL", notNull: false, bind: { get($0) }, read: { set(&$0, $1.optionalDouble($2)) })
    }

    static func text(_ name: String, _ get: @escaping Get<String>, _ set: @escaping Set<String>) -> Column {
        Column(name, "TEXT", notNull: true, bind: { get($0) }, read: { set(&$0, $1.text($2)) })
    }

    static func text(_ name: String, _ get: @escaping Get<String?>, _ set: @escaping Set<String?>) -> Column {
        Column(name, "TEXT", notNull: false, bind: { get($0) }, read: { set(&$0, $1.optionalText($2)) })
    }

    /// A value stored as its text form (`Day`, `Timestamp`, a raw-value enum): `parse` gives nil
    /// for a text that is no such value, which reads as a `ColumnValueError`.
    static func parsed<Value>(_ name: String, _ get: @escaping Get<Value>, _ set: @escaping Set<Value>,
                              text: @escaping @Sendable (Value) -> String,
                              parse: @escaping @Sendable (String) -> Value?) -> Column {
        Column(name, "TEXT", notNull: true, bind: { text(get($0)) }, read: { record, row, i in
            let stored = row.text(i)
            guard let value = parse(stored) else { throw ColumnValueError(column: name, value: stored) }
            set(&record, value)
        })
    }

    static func day(_ name: String, _ get: @escaping Get<Day>, _ set: @escaping Set<Day>) -> Column {
        parsed(name, get, set, text: { $0.description }, parse: { Day($0) })
    }

    static func timestamp(_ name: String, _ get: @escaping Get<Timestamp>, _ set: @escaping Set<Timestamp>) -> Column {
        parsed(name, get, set, text: { $0.description }, parse: { Timestamp($0) })
    }
}
