/// A4 pages (595.28 × 841.89 pt) with a header line, and a footer carrying the period, the
/// generation time (pinned to the period: see `PeriodFacts.generatedText`) and the page
/// number on every page.
public enum PageFrame {
    public static let width = 595.28
    public static let height = 841.89
    static let margin = 40.0

    /// The content area of a page.
    static var content: Rect { Rect(x: margin, y: margin + 14, w: width - 2 * margin, h: height - 2 * margin - 32) }

    static func decorate(_ canvas: Canvas, header: String, footer: String, page: Int, of pages: Int) {
        canvas.text(header, x: margin, y: margin - 4, size: 8, color: Palette.mutedInk)
        canvas.segment(margin, margin, width - margin, margin, Palette.axis, width: 0.6)
        let y = height - margin + 6
        canvas.segment(margin, y - 10, width - margin, y - 10, Palette.axis, width: 0.6)
        canvas.text(footer, x: margin, y: y, size: 7.5, color: Palette.mutedInk)
        canvas.text("第 \(page) / \(pages) 页", x: width - margin, y: y, size: 7.5, color: Palette.mutedInk, align: .right)
    }

    /// A section heading; returns the y below it.
    static func heading(_ canvas: Canvas, _ text: String, x: Double, y: Double, width: Double) -> Double {
        canvas.fill(Rect(x: x, y: y, w: 3, h: 13), Palette.primary)
        canvas.text(text, x: x + 8, y: y + 6.5, size: 12, bold: true, valign: .middle)
        return y + 22
    }

    /// Paragraphs wrapped to `width`; returns the y below them.
    static func paragraphs(_ canvas: Canvas, _ lines: [String], x: Double, y: Double, width: Double, size: Double = 9.5) -> Double {
        var y = y
        for p in lines {
            for (i, l) in canvas.wrapped(p, maxWidth: width - (size * 2), size: size).enumerated() {
                canvas.text(l, x: x + (i == 0 ? size * 2 : 0), y: y, size: size, valign: .top)
                y += size * 1.6
            }
            y += 2
        }
        return y
    }
}

/// A simple table: header row, zebra rows, fitted cell text.
struct TableLayout {
    struct Column {
        var title: String
        var width: Double
        var align: HAlign
    }
    var columns: [Column]
    var rowHeight = 17.0
    var size = 8.0

    /// Draws the table from (x, y); returns the y below it.
    func draw(_ canvas: Canvas, x: Double, y: Double, rows: [[String]]) -> Double {
        let total = columns.reduce(0) { $0 + $1.width }
        canvas.fill(Rect(x: x, y: y, w: total, h: rowHeight), Palette.primary)
        var cx = x
        for c in columns {
            cell(canvas, c.title, c, x: cx, y: y, bold: true, color: Palette.background)
            cx += c.width
        }
        var cy = y + rowHeight
        for (i, row) in rows.enumerated() {
            if i % 2 == 1 { canvas.fill(Rect(x: x, y: cy, w: total, h: rowHeight), RGB(hex: 0xF2F4F7)) }
            cx = x
            for (c, text) in zip(columns, row) {
                cell(canvas, text, c, x: cx, y: cy, bold: false, color: Palette.ink)
                cx += c.width
            }
            cy += rowHeight
        }
        canvas.segment(x, cy, x + total, cy, Palette.axis, width: 0.6)
        return cy
    }

    private func cell(_ canvas: Canvas, _ text: String, _ c: Column, x: Double, y: Double, bold: Bool, color: RGB) {
        let t = canvas.fitted(text, maxWidth: c.width - 8, size: size, bold: bold)
        let tx: Double
        switch c.align {
        case .left: tx = x + 4
        case .center: tx = x + c.width / 2
        case .right: tx = x + c.width - 4
        }
        canvas.text(t, x: tx, y: y + rowHeight / 2, size: size, bold: bold, color: color, align: c.align, valign: .middle)
    }
}
