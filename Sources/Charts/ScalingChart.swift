import Foundation

/// How the nightly's cost grows with the city (`pems bench scale`): two log–log panels against
/// enterprises — seconds (end to end and per stage) and peak resident memory (MB) — each with
/// the ideal linear line (cost proportional to work) through the smallest city's figure, so a
/// curve bending above it shows where the engine stops scaling.
public struct ScalingChart {
    /// One measured city size.
    public struct Point: Sendable, Equatable {
        public var enterprises: Double
        /// Seconds of each series shown in the left panel (`series` names), e.g. "end to end".
        public var seconds: [String: Double]
        public var peakMB: Double
        public init(enterprises: Double, seconds: [String: Double], peakMB: Double) {
            self.enterprises = enterprises
            self.seconds = seconds
            self.peakMB = peakMB
        }
    }

    public var points: [Point]
    /// The left panel's series in drawing order; the first is the one the ideal line follows.
    public var series: [String]
    public var title: String
    /// The machine and date, under the title.
    public var subtitle: String

    public init(points: [Point], series: [String], title: String, subtitle: String) {
        self.points = points.sorted { $0.enterprises < $1.enterprises }
        self.series = series
        self.title = title
        self.subtitle = subtitle
    }

    static let width = 900.0, height = 440.0
    static let colors = [Palette.primary, Palette.normal, Palette.alarm, RGB(hex: 0x7F3C8D), RGB(hex: 0x666666)]

    /// A log₁₀ axis over [lo, hi] (positive), widened to whole decades' 1-2-5 steps.
    struct LogAxis: Equatable {
        var lo: Double
        var hi: Double

        init(values: [Double]) {
            let v = values.filter { $0 > 0 && $0.isFinite }
            let mn = v.min() ?? 1, mx = v.max() ?? 10
            lo = Self.step(below: mn)
            hi = Self.step(above: max(mx, mn * 1.0001))
        }

        /// The largest 1, 2 or 5 × 10ⁿ not above `x`.
        static func step(below x: Double) -> Double {
            let d = pow(10, floor(log10(x)))
            return [5.0, 2, 1].map { $0 * d }.first { $0 <= x * (1 + 1e-9) } ?? d
        }

        /// The smallest 1, 2 or 5 × 10ⁿ not below `x`.
        static func step(above x: Double) -> Double {
            let d = pow(10, floor(log10(x)))
            return [1.0, 2, 5, 10].map { $0 * d }.first { $0 >= x * (1 - 1e-9) } ?? 10 * d
        }

        /// Where `x` falls, 0 at `lo` … 1 at `hi`.
        func fraction(_ x: Double) -> Double { (log10(x) - log10(lo)) / (log10(hi) - log10(lo)) }

        /// The 1-2-5 steps from `lo` to `hi`.
        var ticks: [Double] {
            var out: [Double] = []
            var d = pow(10, floor(log10(lo)))
            while d <= hi * (1 + 1e-9) {
                for m in [1.0, 2, 5] where m * d >= lo * (1 - 1e-9) && m * d <= hi * (1 + 1e-9) { out.append(m * d) }
                d *= 10
            }
            return out
        }
    }

    static func label(_ x: Double) -> String {
        x >= 1 ? String(format: "%.0f", x) : String(format: "%g", x)
    }

    /// The chart as a PNG (or PDF) file's bytes.
    public func render(format: ChartFormat = .png) throws -> [UInt8] {
        let canvas = try Canvas(format: format, width: Self.width, height: Self.height)
        draw(on: canvas)
        return try canvas.finish()
    }

    func draw(on canvas: Canvas) {
        canvas.text(title, x: 24, y: 18, size: 15, bold: true, valign: .top)
        canvas.text(subtitle, x: 24, y: 40, size: 10.5, color: Palette.mutedInk, valign: .top)
        let x = LogAxis(values: points.map(\.enterprises))
        let left = Rect(x: 70, y: 80, w: 350, h: 290), right = Rect(x: 520, y: 80, w: 350, h: 290)
        let secondsValues = points.flatMap { p in series.compactMap { p.seconds[$0] } }
        let ideal = idealLine(points.compactMap { p in p.seconds[series.first ?? ""].map { (p.enterprises, $0) } })
        let ys = LogAxis(values: secondsValues + ideal.map(\.1))
        panel(canvas, left, x: x, y: ys, yTitle: "seconds")
        for (i, name) in series.enumerated() {
            let pts = points.compactMap { p in p.seconds[name].map { (p.enterprises, $0) } }
            plot(canvas, left, x: x, y: ys, pts, Self.colors[i % Self.colors.count], width: i == 0 ? 2.2 : 1.4)
        }
        plot(canvas, left, x: x, y: ys, ideal, Palette.axis, width: 1, dash: [5, 4], dots: false)
        let memory = points.map { ($0.enterprises, $0.peakMB) }
        let idealMemory = idealLine(memory)
        let ym = LogAxis(values: memory.map(\.1) + idealMemory.map(\.1))
        panel(canvas, right, x: x, y: ym, yTitle: "peak memory (MB)")
        plot(canvas, right, x: x, y: ym, memory, Palette.primary, width: 2.2)
        plot(canvas, right, x: x, y: ym, idealMemory, Palette.axis, width: 1, dash: [5, 4], dots: false)
        // Legend.
        var lx = 70.0
        let ly = Self.height - 22
        for (i, name) in series.enumerated() {
            let c = Self.colors[i % Self.colors.count]
            canvas.segment(lx, ly, lx + 22, ly, c, width: i == 0 ? 2.2 : 1.4)
            lx += 28 + canvas.text(name, x: lx + 28, y: ly, size: 10.5, valign: .middle) + 18
        }
        canvas.segment(lx, ly, lx + 22, ly, Palette.axis, width: 1, dash: [5, 4])
        canvas.text("ideal linear (through the smallest city)", x: lx + 28, y: ly, size: 10.5, valign: .middle)
    }

    /// The line y = y₀ · x / x₀ through the first point, over the points' x range.
    func idealLine(_ pts: [(Double, Double)]) -> [(Double, Double)] {
        guard let first = pts.first, let last = pts.last, first.0 > 0 else { return [] }
        return [first, (last.0, first.1 * last.0 / first.0)]
    }

    func panel(_ canvas: Canvas, _ r: Rect, x: LogAxis, y: LogAxis, yTitle: String) {
        for t in y.ticks {
            let py = r.maxY - y.fraction(t) * r.h
            canvas.segment(r.x, py, r.maxX, py, Palette.grid, width: 0.6)
            canvas.text(Self.label(t), x: r.x - 6, y: py, size: 9.5, color: Palette.mutedInk, align: .right, valign: .middle)
        }
        for p in points {
            let px = r.x + x.fraction(p.enterprises) * r.w
            canvas.segment(px, r.y, px, r.maxY, Palette.grid, width: 0.6)
            canvas.text(Self.label(p.enterprises), x: px, y: r.maxY + 6, size: 9.5, color: Palette.mutedInk, align: .center, valign: .top)
        }
        canvas.stroke(r, Palette.axis, width: 0.8)
        canvas.text("enterprises (log scale)", x: r.midX, y: r.maxY + 24, size: 10.5, align: .center, valign: .top)
        canvas.text(yTitle + " (log scale)", x: r.x - 46, y: r.midY, size: 10.5, align: .center, valign: .middle, rotate: -Double.pi / 2)
    }

    func plot(_ canvas: Canvas, _ r: Rect, x: LogAxis, y: LogAxis, _ pts: [(Double, Double)], _ c: RGB,
              width: Double, dash: [Double] = [], dots: Bool = true) {
        let xy = pts.filter { $0.0 > 0 && $0.1 > 0 }.map { (r.x + x.fraction($0.0) * r.w, r.maxY - y.fraction($0.1) * r.h) }
        canvas.line(xy, c, width: width, dash: dash)
        if dots { for (px, py) in xy { canvas.circle(x: px, y: py, r: 3, fill: c) } }
    }
}
