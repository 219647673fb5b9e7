/// Lays content out top to bottom over as many A4 pages as it needs (the enterprise file: its
/// length follows its events and findings): a heading stays with what follows it, a paragraph
/// or a table continues on the next page between lines or rows (a table repeats its header),
/// a drawing that does not fit starts the next page. The layout is measured first, on the
/// canvas that will draw it, so every page knows the page count ("第 n / N 页") before the
/// first is drawn. Points, from the top left of the page.
final class PageFlow {
    /// Something placed on a page: drawn into `Rect(x: area.x, y: y, w: area.w, h: height)`.
    struct Placed {
        var y: Double
        var height: Double
        var draw: (Canvas, Rect) -> Void
    }

    let canvas: Canvas
    let area: Rect
    private(set) var pages: [[Placed]] = [[]]
    private(set) var y: Double

    init(canvas: Canvas, area: Rect) {
        self.canvas = canvas
        self.area = area
        y = area.y
    }

    var remaining: Double { area.maxY - y }
    var atTop: Bool { y <= area.y }

    func newPage() {
        pages.append([])
        y = area.y
    }

    /// Starts a new page unless `height` fits below (or the page is still empty).
    func ensure(_ height: Double) {
        if height > remaining && !atTop { newPage() }
    }

    func place(_ height: Double, _ draw: @escaping (Canvas, Rect) -> Void) {
        pages[pages.count - 1].append(Placed(y: y, height: height, draw: draw))
        y += height
    }

    /// Vertical space (none at the top of a page).
    func space(_ h: Double) {
        if !atTop { y = min(y + h, area.maxY) }
    }

    static let headingHeight = 22.0

    /// A section heading kept with the first `next` points of what follows it.
    func heading(_ text: String, keepWith next: Double) {
        ensure(Self.headingHeight + next)
        place(Self.headingHeight) { c, r in _ = PageFrame.heading(c, text, x: r.x, y: r.y, width: r.w) }
    }

    /// Paragraphs wrapped to the width (the first line of each indented by two characters),
    /// split between lines over pages.
    func paragraphs(_ texts: [String], size: Double = 9, color: RGB = Palette.ink) {
        let lineHeight = size * 1.6
        for p in texts {
            for (i, line) in canvas.wrapped(p, maxWidth: area.w - size * 2, size: size).enumerated() {
                ensure(lineHeight)
                let indent = i == 0 ? size * 2 : 0
                place(lineHeight) { c, r in c.text(line, x: r.x + indent, y: r.y, size: size, color: color, valign: .top) }
            }
            space(2)
        }
    }

    /// A fixed-height drawing (a chart); on the next page when it does not fit.
    func drawing(height: Double, _ draw: @escaping (Canvas, Rect) -> Void) {
        ensure(height)
        place(height, draw)
    }

    /// A table: its header, then its rows, each row as tall as its most wrapped cell; a row
    /// that does not fit goes to the next page under a repeated header.
    func table(_ t: FlowTable) {
        let header = t.headerHeight(canvas)
        let heights = t.rows.map { t.rowHeight($0, canvas) }
        ensure(header + (heights.first ?? 0))
        place(header) { c, r in t.drawHeader(c, x: r.x, y: r.y) }
        for (i, row) in t.rows.enumerated() {
            if heights[i] > remaining {
                newPage()
                place(header) { c, r in t.drawHeader(c, x: r.x, y: r.y) }
            }
            place(heights[i]) { c, r in t.drawRow(row, index: i, c, x: r.x, y: r.y, height: r.h) }
        }
        place(1) { c, r in c.segment(r.x, r.y, r.x + t.width, r.y, Palette.axis, width: 0.6) }
    }

    /// The height of a table's header and first row (what a heading keeps with).
    func firstRows(_ t: FlowTable) -> Double {
        t.headerHeight(canvas) + (t.rows.first.map { t.rowHeight($0, canvas) } ?? 0)
    }

    /// Draws every page: the frame (header, footer, "第 n / N 页") and what was placed on it.
    func draw(page index: Int, header: String, footer: String) {
        PageFrame.decorate(canvas, header: header, footer: footer, page: index + 1, of: pages.count)
        for p in pages[index] { p.draw(canvas, Rect(x: area.x, y: p.y, w: area.w, h: p.height)) }
    }
}
