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

/// The shape of a named result set (a data source a template sheet can show), as templates
/// and the workbook writer see it: made from the source's `ReportField` declaration.
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
}

/// The fields of one data source, declared once: the case names are what the code writes
/// (a misspelt field does not compile), the raw values what templates name, `declaration`
/// the type and meaning (with units) that `ReportTemplates/README.md` lists
/// (`ResultSetCatalog.markdown`). The cases' order is the source's column order.
public protocol ReportField: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {
    /// The data source's name (what a template's `source` names) and meaning.
    static var source: String { get }
    static var sourceMeaning: String { get }
    /// The field's type and meaning.
    var declaration: (FieldType, String) { get }
}

extension ReportField {
    /// The schema templates are checked against.
    public static var schema: ResultSetSchema {
        ResultSetSchema(source, sourceMeaning, allCases.map { ResultField($0.rawValue, $0.declaration.0, $0.declaration.1) })
    }

    /// A row given as field → cell, one cell per field in declaration order; fields left out are empty.
    public static func row(_ cells: [Self: ReportCell]) -> [ReportCell] {
        allCases.map { cells[$0] ?? .empty }
    }
}

/// A named result set with its rows; each row has one cell per field of `Field`, in order.
public struct ResultSet<Field: ReportField>: Sendable {
    public var rows: [[ReportCell]]

    public init(rows: [[ReportCell]] = []) {
        self.rows = rows
    }

    public var schema: ResultSetSchema { Field.schema }

    /// Appends a row given as field → cell (`ReportField.row`).
    public mutating func append(_ cells: [Field: ReportCell]) {
        rows.append(Field.row(cells))
    }
}
