import PEMSCore

/// One cell of a result set: what a workbook writes into a cell. Numbers stay numbers and
/// dates stay dates (Excel serials), never text.
public enum ReportCell: Sendable, Equatable {
    case empty
    case text(String)
    case number(Double)
    case integer(Int)
    /// A fraction 0…1 that is shown as a percentage whatever the column's format.
    case percent(Double)
    /// A CST calendar day.
    case date(Day)
    /// A CST wall-clock time.
    case time(Timestamp)

    public static func number(_ x: Double?) -> ReportCell { x.map { .number($0) } ?? .empty }
    public static func percent(_ x: Double?) -> ReportCell { x.map { .percent($0) } ?? .empty }
    public static func text(_ s: String?) -> ReportCell { s.map { .text($0) } ?? .empty }
    public static func integer(_ x: Int?) -> ReportCell { x.map { .integer($0) } ?? .empty }

    /// The numeric value (numbers, percents, dates as their Excel serial), for sorting and rules.
    public var numeric: Double? {
        switch self {
        case .number(let x), .percent(let x): return x
        case .integer(let i): return Double(i)
        case .date(let d): return ExcelDate.serial(d)
        case .time(let t): return ExcelDate.serial(t)
        case .empty, .text: return nil
        }
    }

    /// Sort order: empty cells last, numbers before text, text by Unicode scalars.
    static func ascending(_ a: ReportCell, _ b: ReportCell) -> Bool? {
        switch (a, b) {
        case (.empty, .empty): return nil
        case (.empty, _): return false
        case (_, .empty): return true
        default: break
        }
        if let x = a.numeric, let y = b.numeric { return x == y ? nil : x < y }
        if a.numeric != nil { return true }
        if b.numeric != nil { return false }
        if case .text(let s) = a, case .text(let t) = b { return s == t ? nil : s.unicodeScalars.lexicographicallyPrecedes(t.unicodeScalars) }
        return nil
    }
}

/// Excel serial dates (days since 1899-12-30) of CST days and times: the wall-clock value is
/// written as is, no time-zone conversion (NOTES.md on `worksheet_write_unixtime`).
public enum ExcelDate {
    /// Day.index counts days since 1970-01-01, serial 25569.
    public static func serial(_ d: Day) -> Double { Double(d.index + 25_569) }
    public static func serial(_ t: Timestamp) -> Double { Double(t.seconds) / 86_400 + 25_569 }
}
