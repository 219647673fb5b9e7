import Foundation

/// A chart draws itself into a rectangle of a canvas: standalone (one chart per PNG/PDF) or as
/// part of a brief or evidence page.
public protocol Chart {
    /// Sizes in points for a standalone file (PNG pixels are twice this).
    var preferredSize: (width: Double, height: Double) { get }
    func draw(on canvas: Canvas, in rect: Rect)
}

extension Chart {
    /// The chart alone as PNG or PDF, with its text warnings; the PDF dated `pdfDate` (ISO
    /// 8601, period-pinned).
    public func rendered(_ format: ChartFormat, pdfDate: String, title: String? = nil) throws -> RenderedChart {
        let (w, h) = preferredSize
        let canvas = try Canvas(format: format, width: w, height: h, pdfDate: pdfDate, title: title)
        draw(on: canvas, in: Rect(x: 0, y: 0, w: w, h: h).inset(top: 10, left: 12, bottom: 10, right: 14))
        return try RenderedChart(finishing: canvas)
    }

    /// The chart alone as PNG or PDF bytes (`rendered` also gives the text warnings).
    public func render(_ format: ChartFormat, pdfDate: String, title: String? = nil) throws -> [UInt8] {
        try rendered(format, pdfDate: pdfDate, title: title).bytes
    }

    /// Writes `<base>.png` and `<base>.pdf` into `dir`; returns them and the text warnings.
    public func write(to dir: URL, base: String, pdfDate: String, title: String? = nil) throws -> WrittenCharts {
        var out = WrittenCharts()
        for f in ChartFormat.allCases {
            let url = dir.appendingPathComponent("\(base).\(f.rawValue)")
            let r = try rendered(f, pdfDate: pdfDate, title: title)
            try ChartOutput.write(r.bytes, to: url)
            out.add(url, r.warnings)
        }
        return out
    }
}

/// Shared pieces of chart frames: the title line, a value axis with round ticks, grid and unit.
enum ChartFrame {
    static let titleSize = 11.0
    static let labelSize = 8.0

    /// Draws the title (bold) and an optional subtitle; returns what is left below.
    static func title(_ canvas: Canvas, _ rect: Rect, _ title: String, subtitle: String? = nil) -> Rect {
        canvas.text(canvas.fitted(title, maxWidth: rect.w, size: titleSize, bold: true), x: rect.x, y: rect.y,
                    size: titleSize, bold: true, valign: .top)
        var top = titleSize + 6
        if let subtitle {
            canvas.text(canvas.fitted(subtitle, maxWidth: rect.w, size: labelSize), x: rect.x, y: rect.y + top,
                        size: labelSize, color: Palette.mutedInk, valign: .top)
            top += labelSize + 6
        }
        return rect.inset(top: top)
    }

    /// A vertical value axis on the left of `plot`: grid lines, tick labels and the unit above.
    static func yAxis(_ canvas: Canvas, plot: Rect, ticks: Ticks, unit: String) {
        for v in ticks.values {
            let y = ticks.map(v, plot.maxY, plot.y)
            canvas.segment(plot.x, y, plot.maxX, y, Palette.grid, width: 0.5)
            canvas.text(ticks.label(v), x: plot.x - 4, y: y, size: labelSize, color: Palette.mutedInk, align: .right, valign: .middle)
        }
        canvas.text(unit, x: plot.x - 4, y: plot.y - 6, size: labelSize, color: Palette.mutedInk, align: .right)
        canvas.segment(plot.x, plot.y, plot.x, plot.maxY, Palette.axis, width: 0.8)
        canvas.segment(plot.x, plot.maxY, plot.maxX, plot.maxY, Palette.axis, width: 0.8)
    }

    /// Width of the widest tick label of `ticks`.
    static func yLabelWidth(_ canvas: Canvas, _ ticks: Ticks) -> Double {
        ticks.values.map { canvas.textWidth(ticks.label($0), size: labelSize) }.max() ?? 0
    }

    /// A legend row of swatches (line or box) and labels from (x, y); wraps within `maxX`.
    /// Returns the y below the legend.
    @discardableResult
    static func legend(_ canvas: Canvas, x: Double, y: Double, maxX: Double, items: [LegendItem]) -> Double {
        var cx = x, cy = y
        for item in items {
            let w = 18 + canvas.textWidth(item.label, size: labelSize) + 12
            if cx + w > maxX, cx > x { cx = x; cy += labelSize + 6 }
            switch item.swatch {
            case let .line(color, width, dash):
                canvas.segment(cx, cy, cx + 14, cy, color, width: width, dash: dash)
            case let .box(color):
                canvas.fill(Rect(x: cx, y: cy - 4, w: 14, h: 8), color)
            case let .hatched(color):
                canvas.fill(Rect(x: cx, y: cy - 4, w: 14, h: 8), color.lighter(0.6))
                canvas.hatch(Rect(x: cx, y: cy - 4, w: 14, h: 8), color, spacing: 3)
            case let .dot(color):
                canvas.circle(x: cx + 7, y: cy, r: 3.5, fill: color)
            case let .triangle(color):
                canvas.polygon([(cx + 7, cy - 4), (cx + 11, cy + 3.5), (cx + 3, cy + 3.5)], fill: color)
            case let .ringDot(color):
                canvas.circle(x: cx + 7, y: cy, r: 3, fill: Palette.background, stroke: color, width: 1.2)
            }
            canvas.text(item.label, x: cx + 18, y: cy, size: labelSize, valign: .middle)
            cx += w
        }
        return cy + labelSize + 4
    }
}

/// One legend entry.
struct LegendItem {
    enum Swatch {
        case line(RGB, Double, [Double])
        case box(RGB)
        case hatched(RGB)
        case dot(RGB)
        case triangle(RGB)
        case ringDot(RGB)
    }
    var swatch: Swatch
    var label: String
}
