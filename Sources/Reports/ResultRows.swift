/// A result set handed to the workbook writer row by row: either a built `ResultSet` or a
/// producer that reads its rows as they are written (a city-scale month's findings and
/// facility-days stream from the store; issue 5, under 500 MB). Each row has one cell per
/// field of the schema, in order.
public struct ResultRows {
    public let schema: ResultSetSchema
    let produce: (_ emit: ([ReportCell]) throws -> Void) throws -> Void
    /// Fields this edition of the report does not have (the 全市 column of a city's 概览, the
    /// 本辖区 mark of a city's 区县排名): a template column naming one is left out of the sheet,
    /// with its highlighting, so the city edition's workbook stays as it was.
    public private(set) var omitted: Set<String> = []

    /// Rows made by `produce`, which calls `emit` once per row, in order; it runs when the
    /// sheet is written (once).
    public init(_ schema: ResultSetSchema, produce: @escaping (_ emit: ([ReportCell]) throws -> Void) throws -> Void) {
        self.schema = schema
        self.produce = produce
    }

    /// The rows of a built result set.
    public init<Field>(_ set: ResultSet<Field>) {
        schema = Field.schema
        produce = { emit in for row in set.rows { try emit(row) } }
    }

    /// The same rows with the template columns of `fields` left out.
    public func omitting(_ fields: [String]) -> ResultRows {
        var copy = self
        copy.omitted.formUnion(fields)
        return copy
    }

    /// Calls `body` with each row, in order.
    public func forEach(_ body: ([ReportCell]) throws -> Void) throws {
        try produce(body)
    }
}
