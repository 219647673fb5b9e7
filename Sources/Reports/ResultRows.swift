/// A result set handed to the workbook writer row by row: either a built `ResultSet` or a
/// producer that reads its rows as they are written (a city-scale month's findings and
/// facility-days stream from the store; issue 5, under 500 MB). Each row has one cell per
/// field of the schema, in order.
public struct ResultRows {
    public let schema: ResultSetSchema
    let produce: (_ emit: ([ReportCell]) throws -> Void) throws -> Void

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

    /// Calls `body` with each row, in order.
    public func forEach(_ body: ([ReportCell]) throws -> Void) throws {
        try produce(body)
    }
}
