import Foundation

/// The reports pems renders (SPEC §10); `dossier` is the enterprise file (一企一档, `pems dossier`).
public enum ReportKind: String, Sendable, Codable, CaseIterable {
    case daily, weekly, monthly, response, quality, dossier
}

/// A report layout read from `ReportTemplates/<kind>.json`: staff can rename headers, reorder
/// or hide columns, change sheet names and highlighting without rebuilding pems.
public struct ReportTemplate: Sendable, Codable, Equatable {
    public var report: ReportKind
    /// Report name shown in the first title row, e.g. "VOCs 工况用电监控日报".
    public var title: String
    /// File name pattern; `{period}` (e.g. 2026-06-10, 2026-W23, 2026-06, the response id, the
    /// enterprise id of an enterprise file),
    /// `{start}` and `{end}` (YYYY-MM-DD) are replaced.
    public var fileName: String
    /// libxlsxwriter `constant_memory`: rows are flushed as written (large sheets).
    public var constantMemory: Bool?
    public var sheets: [SheetTemplate]
}

public struct SheetTemplate: Sendable, Codable, Equatable {
    /// Sheet name, at most 31 characters, none of `[ ] : * ? / \`.
    public var name: String
    /// A result set of `ResultSetCatalog`.
    public var source: String
    /// Report name, period, 生成时间 and data completeness above the table (default true).
    public var titleRows: Bool?
    public var columns: [ColumnTemplate]
    public var sort: [SortKey]?
    public var highlight: [HighlightRule]?
    public var charts: [ChartTemplate]?
}

public struct ColumnTemplate: Sendable, Codable, Equatable {
    public var field: String
    public var header: String
    /// Column width in Excel character units; default: estimated from the text (a CJK
    /// character counts 2).
    public var width: Double?
    /// Excel number format, e.g. "0.0%", "#,##0.00"; default from the field's type.
    public var format: String?
    public var hidden: Bool?
}

public struct SortKey: Sendable, Codable, Equatable {
    public var field: String
    public var descending: Bool?
}

/// Conditional highlighting: the rows (or only the cell) whose field compares true with
/// the value get the fill colour.
public struct HighlightRule: Sendable, Codable, Equatable {
    public var field: String
    /// One of `>`, `>=`, `<`, `<=`, `=`, `<>`.
    public var op: String
    /// A number, or a text such as "是".
    public var value: TemplateScalar
    /// Fill colour as `#RRGGBB` (default #FFC7CE, Excel's light red).
    public var color: String?
    /// Colour the whole row (default true) or only the field's cell.
    public var wholeRow: Bool?
}

public enum TemplateScalar: Sendable, Codable, Equatable {
    case number(Double), text(String)

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let x = try? c.decode(Double.self) { self = .number(x) } else { self = .text(try c.decode(String.self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let x): try c.encode(x)
        case .text(let s): try c.encode(s)
        }
    }
}

/// A native Excel chart over the sheet's rows.
public struct ChartTemplate: Sendable, Codable, Equatable {
    /// `column`, `bar`, `line` or `pie`.
    public var type: String
    public var title: String
    /// The field giving the category axis labels.
    public var categories: String
    /// The fields plotted, one series each (named by their headers).
    public var values: [String]
    /// Top-left cell, 0-based (default: two columns right of the table, at its header row).
    public var row: Int?
    public var column: Int?
    /// Plot only the first N rows (e.g. the top 20 of a ranking).
    public var maxRows: Int?
}
