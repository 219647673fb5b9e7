import PEMSCore

/// The enterprise evidence chart for 非现场执法 (SPEC §7, §10): one CST day, 00:00–24:00, of
/// the production facilities' and the treatment facility's power (kW) against the treatment
/// baseline band (from `low_ratio` × the §6 baseline running power — the TREATMENT_LOW line —
/// up to the baseline running power), the start/stop thresholds θ of the electrical points
/// (SPEC §5.2), the allowed power of a limit/shift order, and below it the treatment's
/// sensors (e.g. RTO temperature) with their valid range. The event's span is shaded and
/// labelled; other events of the enterprise that day are shaded lighter. SPEC 2: a cumulative
/// stop event is shaded run by run (its violating runs), under a bracket spanning the event;
/// an EXEMPTION_BREACH page shades the exemption's span in blue with its reason; an
/// enterprise-level limit page draws the sum of the limited lines (built by
/// `EvidenceChartBuilder`), and an idle-treatment page the idle line (a `Level`).
public struct EvidenceChart: Chart {
    public struct Line: Sendable {
        public var label: String
        public var values: [Double]
        public var color: RGB
        public var width: Double
        public var dash: [Double]
    }
    public struct Level: Sendable {
        public var label: String
        public var value: Double
        public var color: RGB
        public var dash: [Double]
    }
    public struct Span: Sendable {
        public var label: String
        public var start: Timestamp
        public var end: Timestamp
        /// The event the chart is for (darker shading and hatching) or another one.
        public var main: Bool
        /// SPEC 2 cumulative STOP_VIOLATION: the runs of violating slots, shaded instead of
        /// the whole span (empty: the whole span).
        public var runs: [EventSpan] = []
    }
    /// The approved exemption (报备) of an EXEMPTION_BREACH event: its span and its reason.
    public struct ExemptionSpan: Sendable {
        public var label: String
        public var start: Timestamp
        public var end: Timestamp
    }
    /// The exemption's shading: sky blue, apart from the vermillion of the events.
    public static let exemptionColor = Palette.series(3)
    public static let exemptionAlpha = 0.2
    public struct Sensor: Sendable {
        public var label: String
        public var unit: String
        public var values: [Double]
        public var validMin: Double?
        public var validMax: Double?
    }

    public var title: String
    public var subtitle: String
    public var day: Day
    public var slotMinutes: Int
    public var power: [Line]
    /// Baseline band (kW): lower and upper edge.
    public var band: (lo: Double, hi: Double)?
    public var levels: [Level]
    public var spans: [Span]
    public var sensors: [Sensor]
    public var exemption: ExemptionSpan? = nil

    public var preferredSize: (width: Double, height: Double) { (760, sensors.isEmpty ? 330 : 430) }

    /// x of a time on the day axis.
    public static func x(_ t: Timestamp, day: Day, plot: Rect) -> Double {
        let s = Double(min(max(t.seconds - day.start.seconds, 0), 86_400))
        return plot.x + s / 86_400 * plot.w
    }

    /// The power plot and sensor plot inside `rect`.
    public func plots(on canvas: Canvas, in rect: Rect) -> (power: Rect, sensor: Rect?, ticks: Ticks) {
        let maxPower = (power.flatMap(\.values).filter { !$0.isNaN } + levels.map(\.value) + [band?.hi ?? 0]).max() ?? 0
        let ticks = Ticks(lo: 0, hi: max(maxPower * 1.05, 1), target: 5)
        // Title, subtitle, two legend rows.
        let top = ChartFrame.titleSize + 6 + ChartFrame.labelSize + 6 + 2 * (ChartFrame.labelSize + 6) + 18
        let body = rect.inset(top: top, left: max(36, ChartFrame.yLabelWidth(canvas, ticks) + 8), bottom: 18, right: 6)
        guard !sensors.isEmpty else { return (body, nil, ticks) }
        let sensorH = body.h * 0.3
        return (body.inset(bottom: sensorH + 26), Rect(x: body.x, y: body.maxY - sensorH, w: body.w, h: sensorH), ticks)
    }

    public func draw(on canvas: Canvas, in rect: Rect) {
        _ = ChartFrame.title(canvas, rect, title, subtitle: subtitle)
        let (plot, sensorPlot, ticks) = plots(on: canvas, in: rect)
        let slotW = plot.w / Double(1440 / slotMinutes)
        func xSlot(_ k: Int) -> Double { plot.x + (Double(k) + 0.5) * slotW }
        // Spans first (under the lines), over both plots.
        let spanRect = Rect(x: plot.x, y: plot.y, w: plot.w, h: (sensorPlot?.maxY ?? plot.maxY) - plot.y)
        if let x = exemption {
            let x0 = Self.x(x.start, day: day, plot: plot), x1 = Self.x(x.end, day: day, plot: plot)
            canvas.fill(Rect(x: x0, y: spanRect.y, w: max(1.5, x1 - x0), h: spanRect.h), Self.exemptionColor, alpha: Self.exemptionAlpha)
        }
        for s in spans.sorted(by: { !$0.main && $1.main }) {
            let pieces = s.runs.isEmpty ? [(s.start, s.end)] : s.runs.map { ($0.start, $0.end) }
            for (a, b) in pieces {
                let x0 = Self.x(a, day: day, plot: plot), x1 = Self.x(b, day: day, plot: plot)
                let r = Rect(x: x0, y: spanRect.y, w: max(1.5, x1 - x0), h: spanRect.h)
                canvas.fill(r, Palette.alarm, alpha: s.main ? 0.16 : 0.07)
                if s.main { canvas.hatch(Rect(x: r.x, y: r.y, w: r.w, h: 6), Palette.alarm, spacing: 3) }
            }
            if s.main && !s.runs.isEmpty {
                // A bracket over the whole event: its runs are one event, summed.
                let x0 = Self.x(s.start, day: day, plot: plot), x1 = Self.x(s.end, day: day, plot: plot)
                canvas.segment(x0, spanRect.y + 7, x1, spanRect.y + 7, Palette.alarm, width: 1)
                canvas.segment(x0, spanRect.y + 7, x0, spanRect.y + 11, Palette.alarm, width: 1)
                canvas.segment(x1, spanRect.y + 7, x1, spanRect.y + 11, Palette.alarm, width: 1)
            }
        }
        if let band {
            let r = Rect(x: plot.x, y: ticks.map(band.hi, plot.maxY, plot.y), w: plot.w,
                         h: ticks.map(band.lo, plot.maxY, plot.y) - ticks.map(band.hi, plot.maxY, plot.y))
            canvas.fill(r, Palette.normal, alpha: 0.14)
            canvas.segment(r.x, r.y, r.maxX, r.y, Palette.normal, width: 0.8)
            canvas.segment(r.x, r.maxY, r.maxX, r.maxY, Palette.normal, width: 0.8, dash: [3, 2])
        }
        ChartFrame.yAxis(canvas, plot: plot, ticks: ticks, unit: "kW")
        // Level lines; a label that would overlap the previous one on the right goes to the
        // left end, then (still crowded) one row above.
        var placed: [(y: Double, right: Bool)] = []
        for l in levels.sorted(by: { $0.value < $1.value }) {
            let y = ticks.map(l.value, plot.maxY, plot.y)
            canvas.segment(plot.x, y, plot.maxX, y, l.color, width: 0.9, dash: l.dash)
            var ly = y - 2, right = true
            if placed.contains(where: { $0.right && abs($0.y - ly) < 9 }) {
                right = false
                while placed.contains(where: { !$0.right && abs($0.y - ly) < 9 }) { ly -= 9 }
            }
            placed.append((ly, right))
            canvas.label(l.label, x: right ? plot.maxX - 2 : plot.x + 2, y: ly, size: 7, color: l.color, align: right ? .right : .left)
        }
        for line in power {
            canvas.line(line.values.enumerated().map { k, v in
                v.isNaN ? nil : (xSlot(k), ticks.map(v, plot.maxY, plot.y))
            }, line.color, width: line.width, dash: line.dash)
        }
        // Span labels on top of the power plot.
        var labelRight = -Double.infinity
        var row = 0
        for s in spans where s.main || spans.count <= 6 {
            let x0 = Self.x(s.start, day: day, plot: plot)
            let w = canvas.textWidth(s.label, size: 7.5, bold: s.main)
            row = x0 < labelRight + 4 ? row + 1 : 0
            let lx = min(x0 + 2, plot.maxX - w - 2)
            canvas.text(s.label, x: lx, y: plot.y + 9 + Double(row % 3) * 10, size: 7.5, bold: s.main,
                        color: s.main ? Palette.alarm : Palette.mutedInk, valign: .top)
            labelRight = lx + w
        }
        if let x = exemption {
            // The exemption's label at the foot of the power plot, inside its span.
            let x0 = Self.x(x.start, day: day, plot: plot)
            let w = canvas.textWidth(x.label, size: 7.5)
            canvas.label(x.label, x: min(x0 + 2, plot.maxX - w - 2), y: plot.maxY - 4, size: 7.5,
                         color: Self.exemptionColor.mixed(with: Palette.ink, 0.45))
        }
        hourAxis(canvas, plot: sensorPlot ?? plot)
        if let sp = sensorPlot { drawSensors(canvas, sp, xSlot) }
        // Legend under the title.
        var items = power.map { LegendItem(swatch: .line($0.color, $0.width, $0.dash), label: $0.label) }
        if band != nil { items.append(LegendItem(swatch: .box(Palette.normal.lighter(0.75)), label: "治理设施基线带（低效阈值～基线运行功率）")) }
        items.append(LegendItem(swatch: .hatched(Palette.alarm), label: spans.contains { $0.main && !$0.runs.isEmpty } ? "违规运行段" : "异常时段"))
        if exemption != nil {
            items.append(LegendItem(swatch: .box(Palette.background.mixed(with: Self.exemptionColor, Self.exemptionAlpha)), label: "报备时段"))
        }
        ChartFrame.legend(canvas, x: rect.x, y: rect.y + ChartFrame.titleSize + ChartFrame.labelSize + 18, maxX: rect.maxX, items: items)
    }

    func hourAxis(_ canvas: Canvas, plot: Rect) {
        for h in stride(from: 0, through: 24, by: 2) {
            let x = plot.x + Double(h) / 24 * plot.w
            canvas.segment(x, plot.maxY, x, plot.maxY + 3, Palette.axis, width: 0.8)
            canvas.text(Digits.pad(h, 2) + ":00", x: x, y: plot.maxY + 5, size: ChartFrame.labelSize, color: Palette.mutedInk,
                        align: .center, valign: .top)
        }
    }

    func drawSensors(_ canvas: Canvas, _ plot: Rect, _ xSlot: (Int) -> Double) {
        let all = sensors.flatMap(\.values).filter { !$0.isNaN } + sensors.compactMap(\.validMin) + sensors.compactMap(\.validMax)
        let ticks = Ticks(lo: min(0, all.min() ?? 0), hi: max((all.max() ?? 1) * 1.05, 1), target: 3)
        ChartFrame.yAxis(canvas, plot: plot, ticks: ticks, unit: sensors.first?.unit ?? "")
        for (i, s) in sensors.enumerated() {
            let color = Palette.series(i + 4)
            for (bound, name) in [(s.validMin, "下限"), (s.validMax, "上限")] {
                guard let b = bound else { continue }
                let y = ticks.map(b, plot.maxY, plot.y)
                canvas.segment(plot.x, y, plot.maxX, y, color, width: 0.8, dash: [4, 3])
                canvas.label("\(s.label) 有效\(name) \(NumberText.fixed(b, b == b.rounded() ? 0 : 1)) \(s.unit)", x: plot.maxX - 2,
                             y: y - 2, size: 7, color: color, align: .right)
            }
            canvas.line(s.values.enumerated().map { k, v in v.isNaN ? nil : (xSlot(k), ticks.map(v, plot.maxY, plot.y)) },
                        color, width: 1.3, dash: Palette.dash(i))
            canvas.label(s.label, x: plot.x + 4 + Double(i) * 120, y: plot.y + 9, size: 7.5, color: color)
        }
    }
}
