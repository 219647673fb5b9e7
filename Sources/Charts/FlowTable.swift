/// A table whose cells wrap (up to `maxLines` lines, the last cut with an ellipsis): a zebra
/// of rows under a dark header, as the brief's tables look.
struct FlowTable {
    struct Column {
        var title: String
        var width: Double
        var align: HAlign = .left
    }
    var columns: [Column]
    var rows: [[String]]
    var size = 7.5
    var maxLines = 4
    var padding = 3.0

    var width: Double { columns.reduce(0) { $0 + $1.width } }
    var lineHeight: Double { size * 1.35 }

    /// A cell's lines: its own line breaks ("\n"), each wrapped to the column.
    func lines(_ text: String, _ c: Column, _ canvas: Canvas, bold: Bool = false) -> [String] {
        var out = text.split(separator: "\n", omittingEmptySubsequences: false).flatMap {
            canvas.wrapped(String($0), maxWidth: c.width - 2 * padding, size: size, bold: bold)
        }
        if out.count > maxLines {
            out = Array(out.prefix(maxLines))
            out[maxLines - 1] = canvas.fitted(out[maxLines - 1] + "…", maxWidth: c.width - 2 * padding, size: size, bold: bold)
        }
        return out.isEmpty ? [""] : out
    }

    func headerHeight(_ canvas: Canvas) -> Double {
        let n = columns.map { lines($0.title, $0, canvas, bold: true).count }.max() ?? 1
        return Double(n) * lineHeight + 2 * padding
    }

    func rowHeight(_ row: [String], _ canvas: Canvas) -> Double {
        let n = zip(columns, row).map { lines($1, $0, canvas).count }.max() ?? 1
        return Double(n) * lineHeight + 2 * padding
    }

    func drawHeader(_ canvas: Canvas, x: Double, y: Double) {
        let h = headerHeight(canvas)
        canvas.fill(Rect(x: x, y: y, w: width, h: h), Palette.primary)
        var cx = x
        for c in columns {
            cell(canvas, lines(c.title, c, canvas, bold: true), c, x: cx, y: y, bold: true, color: Palette.background)
            cx += c.width
        }
    }

    func drawRow(_ row: [String], index: Int, _ canvas: Canvas, x: Double, y: Double, height: Double) {
        if index % 2 == 1 { canvas.fill(Rect(x: x, y: y, w: width, h: height), RGB(hex: 0xF2F4F7)) }
        var cx = x
        for (c, text) in zip(columns, row) {
            cell(canvas, lines(text, c, canvas), c, x: cx, y: y, bold: false, color: Palette.ink)
            cx += c.width
        }
    }

    private func cell(_ canvas: Canvas, _ lines: [String], _ c: Column, x: Double, y: Double, bold: Bool, color: RGB) {
        let tx: Double
        switch c.align {
        case .left: tx = x + padding
        case .center: tx = x + c.width / 2
        case .right: tx = x + c.width - padding
        }
        for (i, l) in lines.enumerated() {
            canvas.text(l, x: tx, y: y + padding + Double(i) * lineHeight, size: size, bold: bold, color: color, align: c.align,
                        valign: .top)
        }
    }
}
