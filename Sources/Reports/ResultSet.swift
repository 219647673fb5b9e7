/// The type of a result-set field: decides the default number format of its column and what
/// cells it holds (SPEC §10: real numbers and dates in cells, percent formats for rates).
public enum FieldType: String, Sendable, Codable, CaseIterable {
    case text, integer, number, percent, date, datetime

    /// The Excel number format a column of this type gets unless the template sets one.
    public var defaultFormat: String? {
        switch self {
        case .text: return nil
        case .integer: return "0"
        case .number: return "#,##0.00"
        case .percent: return "0.00%"
        case .date: return "yyyy-mm-dd"
        case .datetime: return "yyyy-mm-dd hh:mm:ss"
        }
    }
}

/// A field of a named result set: its name (what templates refer to), type and meaning
/// (with units: kW, kWh, kg, minutes; times CST).
public struct ResultField: Sendable, Equatable {
    public var name: String
    public var type: FieldType
    public var meaning: String

    public init(_ name: String, _ type: FieldType, _ meaning: String) {
        self.name = name
        self.type = type
        self.meaning = meaning
    }
}

/// The shape of a named result set (a data source a template sheet can show).
public struct ResultSetSchema: Sendable {
    public var name: String
    public var meaning: String
    public var fields: [ResultField]

    public init(_ name: String, _ meaning: String, _ fields: [ResultField]) {
        self.name = name
        self.meaning = meaning
        self.fields = fields
    }

    public func field(_ name: String) -> ResultField? { fields.first { $0.name == name } }
    public func index(of name: String) -> Int? { fields.firstIndex { $0.name == name } }

    /// A row given as field name → cell; fields left out are empty. A name outside the
    /// schema is a programming error caught by the tests.
    public func row(_ cells: [String: ReportCell]) -> [ReportCell] {
        var row = Array(repeating: ReportCell.empty, count: fields.count)
        for (name, cell) in cells {
            guard let i = index(of: name) else { preconditionFailure("\(self.name) has no field \(name)") }
            row[i] = cell
        }
        return row
    }
}

/// A named result set with its rows; each row has one cell per field of the schema, in order.
public struct ResultSet: Sendable {
    public var schema: ResultSetSchema
    public var rows: [[ReportCell]]

    public init(_ schema: ResultSetSchema, rows: [[ReportCell]] = []) {
        self.schema = schema
        self.rows = rows
    }

    /// Appends a row given as field name → cell (`ResultSetSchema.row`).
    public mutating func append(_ cells: [String: ReportCell]) {
        rows.append(schema.row(cells))
    }
}
