import CXlsxWriter
import Foundation
import PEMSCore

/// What the title rows of every sheet say, and the instant the workbook is dated with.
public struct ReportHeading: Sendable {
    /// e.g. "统计周期：2026-06-01 至 2026-06-07".
    public var period: String
    /// 生成时间: pinned to the end of the period (`[last day + 1] 00:00` CST), so rendering the
    /// same report twice gives the same bytes; also the workbook's created time.
    public var asOf: Timestamp
    /// Mean facility completeness over the period (0…1), and the target (default 0.998).
    public var completeness: Double?
    public var completenessTarget: Double

    public init(period: String, asOf: Timestamp, completeness: Double?, completenessTarget: Double) {
        self.period = period
        self.asOf = asOf
        self.completeness = completeness
        self.completenessTarget = completenessTarget
    }
}

public enum WorkbookError: Error, CustomStringConvertible {
    case cannotCreate(path: String)
    case libxlsxwriter(path: String, message: String)
    case missingResultSet(String)

    public var description: String {
        switch self {
        case .cannotCreate(let p): return "\(p): cannot create the workbook"
        case .libxlsxwriter(let p, let m): return "\(p): libxlsxwriter: \(m)"
        case .missingResultSet(let n): return "no result set '\(n)' for this report (a template names a source this report does not provide)"
        }
    }
}

/// Writes a workbook from a template and the report's result sets with libxlsxwriter: title
/// rows, a bold frozen header row, an autofilter, number/percent/date formats per column,
/// column widths that fit Chinese text, conditional highlighting and native charts. The
/// document's created time is the heading's `asOf`, so reruns are byte-identical.
///
/// Every string handed to libxlsxwriter — cell texts, headers, title rows, sheet names, chart
/// titles and series references, number formats, formulas, document properties — passes
/// `XMLText.sanitized` first: libxlsxwriter writes text into the XML parts as given, and a
/// character XML 1.0 forbids (device or registry text, issue 13) would make the workbook
/// unreadable. Such characters show as U+FFFD; the CSV exports keep them.
public final class WorkbookWriter {
    let workbook: UnsafeMutablePointer<lxw_workbook>
    let path: String
    var formats: [String: UnsafeMutablePointer<lxw_format>] = [:]
    var closed = false

    public init(path: String, constantMemory: Bool, created: Timestamp, title: String) throws {
        self.path = path
        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        guard let wb = workbook_new_opt(path, &options) else { throw WorkbookError.cannotCreate(path: path) }
        workbook = wb
        // CST wall clock → UTC epoch seconds.
        let epoch = time_t(created.seconds - 8 * 3600)
        XMLText.sanitized(title).withCString { t in
            "pems".withCString { a in
                var props = lxw_doc_properties()
                props.title = UnsafeMutablePointer(mutating: t)
                props.author = UnsafeMutablePointer(mutating: a)
                props.created = epoch
                _ = workbook_set_properties(workbook, &props)
            }
        }
    }

    deinit { if !closed { _ = workbook_close(workbook) } }

    /// A format with a number format, bold, fill and border, made once per combination.
    func format(num: String? = nil, bold: Bool = false, fill: UInt32? = nil, border: Bool = false, size: Double? = nil,
                wrap: Bool = false) -> UnsafeMutablePointer<lxw_format> {
        let key = "\(num ?? "")|\(bold)|\(fill ?? 0)|\(border)|\(size ?? 0)|\(wrap)"
        if let f = formats[key] { return f }
        let f = workbook_add_format(workbook)!
        if let num { format_set_num_format(f, XMLText.sanitized(num)) }
        if bold { format_set_bold(f) }
        if let fill { format_set_bg_color(f, fill) }
        if border { format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue)) }
        if let size { format_set_font_size(f, size) }
        if wrap { format_set_text_wrap(f) }
        format_set_font_name(f, "等线")
        formats[key] = f
        return f
    }

    /// Writes a text cell, cleaned of characters XML forbids (the one way text reaches a cell).
    func writeText(_ ws: UnsafeMutablePointer<lxw_worksheet>, _ row: UInt32, _ col: UInt16, _ text: String,
                   _ format: UnsafeMutablePointer<lxw_format>?) {
        worksheet_write_string(ws, row, col, XMLText.sanitized(text), format)
    }

    /// Display width of a text in Excel character units (a CJK character counts 2).
    static func displayWidth(_ s: String) -> Double {
        var w = 0.0
        for u in s.unicodeScalars { w += u.value >= 0x2E80 ? 2.0 : 1.0 }
        return w
    }

    /// The text a cell shows, for width estimation.
    static func shownText(_ c: ReportCell) -> String {
        switch c {
        case .empty: return ""
        case .text(let s): return s
        case .number(let x): return String(format: "%.2f", x)
        case .integer(let i): return String(i)
        case .percent: return "100.00%"
        case .date: return "2026-01-01"
        case .time: return "2026-01-01 00:00:00"
        }
    }

    /// Adds one sheet of the template with its rows (sorted by the template's keys).
    public func addSheet(_ sheet: SheetTemplate, reportTitle: String, heading: ReportHeading, data: ResultSet<some ReportField>) throws {
        try addSheet(sheet, reportTitle: reportTitle, heading: heading, rows: ResultRows(data))
    }

    /// Rows used to estimate column widths.
    static let widthSampleRows = 300

    /// Adds one sheet of the template with its rows. A sheet with sort keys collects its rows
    /// and sorts them; otherwise rows are written as they come, after the first
    /// `widthSampleRows` have been held to size the columns, so a streamed source is never
    /// held whole (with `constantMemory`, libxlsxwriter writes each row out too).
    public func addSheet(_ sheet: SheetTemplate, reportTitle: String, heading: ReportHeading, rows data: ResultRows) throws {
        // The name the workbook knows the sheet by (chart series refer to it too). The
        // template loader has checked Excel's own rules (1…31 characters, none of []:*?/\).
        let sheetName = XMLText.sanitized(sheet.name)
        guard let ws = workbook_add_worksheet(workbook, sheetName) else {
            throw WorkbookError.libxlsxwriter(path: path, message: "cannot add sheet '\(sheet.name)'")
        }
        let schema = data.schema
        // A column of a field this edition does not have is left out (`ResultRows.omitted`).
        let kept = sheet.columns.filter { !data.omitted.contains($0.field) }
        let columns = kept.isEmpty ? sheet.columns : kept
        let fieldIndex = columns.map { schema.index(of: $0.field) ?? 0 }
        var sorted: [[ReportCell]]?
        if let keys = sheet.sort, !keys.isEmpty {
            var rows: [[ReportCell]] = []
            try data.forEach { rows.append($0) }
            let idx = keys.map { (schema.index(of: $0.field) ?? 0, $0.descending ?? false) }
            sorted = rows.enumerated().sorted { a, b in
                for (i, desc) in idx {
                    // Empty cells stay last in both directions.
                    let x = a.element[i], y = b.element[i]
                    if x == .empty, y != .empty { return false }
                    if y == .empty, x != .empty { return true }
                    if let lt = ReportCell.ascending(x, y) { return desc ? !lt : lt }
                }
                return a.offset < b.offset
            }.map(\.element)
        }

        // Title rows.
        var r: UInt32 = 0
        if sheet.titleRows ?? true {
            writeText(ws, 0, 0, reportTitle + " — " + sheet.name, format(bold: true, size: 14))
            // Text lines (they overflow into the empty cells beside them, whatever the column widths).
            writeText(ws, 1, 0, heading.period, nil)
            writeText(ws, 2, 0, "生成时间：\(Self.minuteText(heading.asOf))（统计期末，固定值，重复生成结果相同）", nil)
            let c = heading.completeness.map { String(format: "%.2f%%", $0 * 100) } ?? "无数据"
            writeText(ws, 3, 0, "数据完整率：\(c)（目标 \(ExportNumber.format(heading.completenessTarget * 100))%）", nil)
            r = 5
        }
        let headerRow = r

        // Column widths (from the first rows), formats, hidden flags, the header row: set
        // once the sample is in hand, before the first data row is written.
        var colFormats: [UnsafeMutablePointer<lxw_format>?] = []
        var percentFormat: UnsafeMutablePointer<lxw_format>?, integerFormat: UnsafeMutablePointer<lxw_format>?
        var dateFormat: UnsafeMutablePointer<lxw_format>?, timeFormat: UnsafeMutablePointer<lxw_format>?
        func setUpColumns(_ sample: ArraySlice<[ReportCell]>) {
            for (j, c) in columns.enumerated() {
                let type = schema.fields[fieldIndex[j]].type
                let num = c.format ?? type.defaultFormat
                let fmt: UnsafeMutablePointer<lxw_format>? = num.map { format(num: $0) }
                colFormats.append(fmt)
                var width = c.width ?? 0
                if c.width == nil {
                    width = Self.displayWidth(c.header) + 2
                    for row in sample { width = max(width, Self.displayWidth(Self.shownText(row[fieldIndex[j]])) + 2) }
                    width = min(max(width, 8), 60)
                }
                var opt = lxw_row_col_options()
                opt.hidden = (c.hidden ?? false) ? 1 : 0
                worksheet_set_column_opt(ws, UInt16(j), UInt16(j), width, nil, &opt)
            }
            let header = format(bold: true, fill: 0xDDEBF7, border: true, wrap: true)
            for (j, c) in columns.enumerated() { writeText(ws, headerRow, UInt16(j), c.header, header) }
            // Made after the column formats, as always: formats are numbered in the order made.
            percentFormat = format(num: "0.00%")
            integerFormat = format(num: "#,##0")
            dateFormat = format(num: "yyyy-mm-dd")
            timeFormat = format(num: "yyyy-mm-dd hh:mm:ss")
        }
        var count = 0
        func write(_ row: [ReportCell]) {
            let rr = headerRow + 1 + UInt32(count)
            count += 1
            for (j, fi) in fieldIndex.enumerated() {
                let col = UInt16(j)
                switch row[fi] {
                case .empty: continue
                case .text(let s): writeText(ws, rr, col, s, nil)
                case .number(let x): if x.isFinite { worksheet_write_number(ws, rr, col, x, colFormats[j]) }
                case .integer(let n):
                    let isCount = schema.fields[fi].type == .integer
                    worksheet_write_number(ws, rr, col, Double(n), isCount ? colFormats[j] : integerFormat)
                case .percent(let x):
                    let isPercent = schema.fields[fi].type == .percent
                    if x.isFinite { worksheet_write_number(ws, rr, col, x, isPercent ? colFormats[j] : percentFormat) }
                case .date(let d):
                    worksheet_write_number(ws, rr, col, ExcelDate.serial(d), schema.fields[fi].type == .date ? colFormats[j] : dateFormat)
                case .time(let t):
                    worksheet_write_number(ws, rr, col, ExcelDate.serial(t), schema.fields[fi].type == .datetime ? colFormats[j] : timeFormat)
                }
            }
        }
        if let sorted {
            setUpColumns(sorted.prefix(Self.widthSampleRows))
            for row in sorted { write(row) }
        } else {
            var sample: [[ReportCell]] = []
            var started = false
            try data.forEach { row in
                if started { write(row); return }
                sample.append(row)
                if sample.count > Self.widthSampleRows {
                    setUpColumns(sample.prefix(Self.widthSampleRows))
                    for r in sample { write(r) }
                    sample = []
                    started = true
                }
            }
            if !started {
                setUpColumns(sample[...])
                for r in sample { write(r) }
            }
        }
        let lastRow = headerRow + UInt32(max(count, 1))
        let lastCol = UInt16(columns.count - 1)
        worksheet_freeze_panes(ws, headerRow + 1, 0)
        // Printing: landscape, one page wide, the header row on every page.
        worksheet_set_landscape(ws)
        worksheet_fit_to_pages(ws, 1, 0)
        worksheet_repeat_rows(ws, headerRow, headerRow)
        worksheet_autofilter(ws, headerRow, 0, lastRow, lastCol)

        // Conditional highlighting: a formula rule per template rule.
        if count > 0 {
            for rule in sheet.highlight ?? [] {
                guard let j = columns.firstIndex(where: { $0.field == rule.field }) else { continue }
                let letter = Self.columnLetter(j)
                let ref = "$\(letter)\(headerRow + 2)"
                let value: String
                switch rule.value {
                case .number(let x): value = ExportNumber.format(x)
                case .text(let s): value = "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                }
                let formula = XMLText.sanitized("=AND(\(ref)<>\"\",\(ref)\(rule.op)\(value))")
                let fill = format(fill: Colour.parse(rule.color ?? "#FFC7CE") ?? 0xFFC7CE)
                let whole = rule.wholeRow ?? true
                formula.withCString { f in
                    var cf = lxw_conditional_format()
                    cf.type = UInt8(LXW_CONDITIONAL_TYPE_FORMULA.rawValue)
                    cf.value_string = UnsafeMutablePointer(mutating: f)
                    cf.format = fill
                    _ = worksheet_conditional_format_range(ws, headerRow + 1, whole ? 0 : UInt16(j), lastRow,
                                                           whole ? lastCol : UInt16(j), &cf)
                }
            }
        }

        // Native charts.
        for c in sheet.charts ?? [] where count > 0 {
            let type: lxw_chart_type
            switch c.type {
            case "bar": type = LXW_CHART_BAR
            case "line": type = LXW_CHART_LINE
            case "pie": type = LXW_CHART_PIE
            default: type = LXW_CHART_COLUMN
            }
            guard let chart = workbook_add_chart(workbook, UInt8(type.rawValue)),
                  let cat = columns.firstIndex(where: { $0.field == c.categories }) else { continue }
            let n = UInt32(min(count, c.maxRows ?? count))
            for v in c.values {
                guard let vj = columns.firstIndex(where: { $0.field == v }),
                      let series = chart_add_series(chart, nil, nil) else { continue }
                chart_series_set_categories(series, sheetName, headerRow + 1, UInt16(cat), headerRow + n, UInt16(cat))
                chart_series_set_values(series, sheetName, headerRow + 1, UInt16(vj), headerRow + n, UInt16(vj))
                chart_series_set_name_range(series, sheetName, headerRow, UInt16(vj))
            }
            chart_title_set_name(chart, XMLText.sanitized(c.title))
            // Date categories are serials: show them as dates.
            switch schema.field(c.categories)?.type {
            case .date?: chart_axis_set_num_format(chart.pointee.x_axis, "m-d")
            case .datetime?: chart_axis_set_num_format(chart.pointee.x_axis, "m-d hh:mm")
            default: break
            }
            if c.values.count == 1, c.type != "pie" { chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_NONE.rawValue)) }
            let row = c.row.map(UInt32.init) ?? headerRow
            let col = c.column.map(UInt16.init) ?? UInt16(columns.count + 1)
            worksheet_insert_chart(ws, row, col, chart)
        }
    }

    /// `YYYY-MM-DD HH:MM` (CST).
    static func minuteText(_ t: Timestamp) -> String { String(t.description.prefix(16)) }

    /// A, B, … Z, AA …
    static func columnLetter(_ j: Int) -> String {
        var n = j + 1, s = ""
        while n > 0 { let m = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + m))) + s; n = (n - 1) / 26 }
        return s
    }

    /// Writes the workbook's file (libxlsxwriter zips every part into it here).
    /// - Throws: `FileWriteError` naming `path` when the system refused the write (a full
    ///   disk, a quota, a read-only file system, permissions); else `WorkbookError` with
    ///   libxlsxwriter's status and what it printed. libxlsxwriter prints its errors to
    ///   stderr itself; they are captured so a failure is pems's one line.
    public func close() throws {
        closed = true
        let ((err, code), printed) = CapturedStderr.run { () -> (lxw_error, Int32) in
            errno = 0
            let err = workbook_close(workbook)
            return (err, errno)
        }
        guard err != LXW_NO_ERROR else {
            if !printed.isEmpty { FileHandle.standardError.write(Data(printed.utf8)) } // warnings, as before
            return
        }
        if FileWriteError.plainCodes.contains(code) { throw FileWriteError(path: path, code: code) }
        let detail = printed.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        throw WorkbookError.libxlsxwriter(path: path, message: String(cString: lxw_strerror(err))
                                            + (detail.isEmpty ? "" : " (\(detail.joined(separator: "; ")))"))
    }

    /// Renders a whole template: every sheet from the result set its source names.
    public static func render(_ template: ReportTemplate, data: [String: ResultRows], heading: ReportHeading,
                              to url: URL) throws {
        for s in template.sheets where data[s.source] == nil { throw WorkbookError.missingResultSet(s.source) }
        try render(template, source: { data[$0] }, heading: heading, to: url)
    }

    /// Renders a whole template, asking `source` for each sheet's rows just before the sheet
    /// is written: at most one sheet's rows are held at a time, and a streamed source's not
    /// even that (a city-scale month has about a million findings).
    public static func render(_ template: ReportTemplate, source: (String) throws -> ResultRows?, heading: ReportHeading,
                              to url: URL) throws {
        let tmp = url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".tmp")
        let w = try WorkbookWriter(path: tmp.path, constantMemory: template.constantMemory ?? false, created: heading.asOf,
                                   title: template.title)
        do {
            for s in template.sheets {
                guard let rows = try source(s.source) else { throw WorkbookError.missingResultSet(s.source) }
                try w.addSheet(s, reportTitle: template.title, heading: heading, rows: rows)
            }
        } catch {
            try? w.close()
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
        do {
            try w.close()
        } catch let e as FileWriteError {
            throw FileWriteError(path: url.path, code: e.code) // the workbook asked for, not its temporary name
        }
        _ = try? FileManager.default.removeItem(at: url)
        try FileManager.default.moveItem(at: tmp, to: url)
    }
}
