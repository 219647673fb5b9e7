import Accounting
import PEMSCore

/// Emission trend (SPEC §9.2, §10): daily emitted VOCs of the city (thick line) and of each
/// district (thin, each its own colour and dash), explicit response periods shaded with their
/// level, heat days (`max_temp_c ≥ heat_shift_min_temp_c` in any district) marked on top.
/// x: CST dates; y: kg/day (吨/日 when the city's largest day reaches 1000 kg). A county edition
/// draws its district's line alone (thick), with the responses and heat days of its district.
public struct TrendChart: Chart {
    public struct Series: Sendable {
        public var label: String
        /// Emitted per day in `dates` order (kg).
        public var values: [Double]
    }
    public struct Band: Sendable {
        public var label: String
        public var start: Timestamp
        public var end: Timestamp
    }
    public var title: String
    public var dates: [Day]
    public var city: Series
    public var districts: [Series]
    public var responses: [Band]
    public var heatDays: [Day]

    public init(_ facts: PeriodFacts) {
        dates = facts.dates
        let own = facts.scope.districtCode
        if let name = facts.editionName {
            title = "VOCs排放趋势（\(name)，按日）"
            city = Series(label: name, values: facts.daily.map(\.emittedKg))
            districts = []
        } else {
            title = "VOCs排放趋势（全市及各区县，按日）"
            city = Series(label: "全市", values: facts.cityDaily.map(\.emittedKg))
            districts = facts.registry.districts.map { d in
                Series(label: d.name, values: (facts.districtDaily[d.code] ?? []).map(\.emittedKg))
            }
        }
        let periodStart = facts.from.start, periodEnd = facts.to.adding(days: 1).start
        responses = facts.registry.responses.filter {
            $0.start < periodEnd && $0.end > periodStart && own.map($0.covers(districtCode:)) ?? true
        }.map { r in
            Band(label: Self.levelName(r.level), start: max(r.start, periodStart), end: min(r.end, periodEnd))
        }
        let hot = Set(facts.registry.weather.filter {
            $0.maxTempC >= facts.result.settings.heatShiftMinTempC && $0.date >= facts.from && $0.date <= facts.to
                && facts.scope.includes(districtCode: $0.districtCode)
        }.map(\.date))
        heatDays = hot.sorted()
    }

    /// 黄色/橙色/红色预警 for the standard levels, else the level as written.
    public static func levelName(_ level: String) -> String {
        switch level {
        case "yellow": return "黄色预警"
        case "orange": return "橙色预警"
        case "red": return "红色预警"
        case "heat": return "高温错峰"
        default: return level
        }
    }

    public var preferredSize: (width: Double, height: Double) { (760, 330) }

    /// The plot area and y ticks inside `rect`.
    func frame(on canvas: Canvas, in rect: Rect) -> (plot: Rect, ticks: Ticks, factor: Double, unit: String) {
        let maxValue = (city.values + districts.flatMap(\.values)).max() ?? 0
        let tonnes = maxValue >= 1000
        let factor = tonnes ? 0.001 : 1
        let ticks = Ticks(lo: 0, hi: max(maxValue * factor, 1e-9), target: 5)
        let left = ChartFrame.yLabelWidth(canvas, ticks) + 8
        let legendRows = 2.0
        let plot = rect.inset(top: ChartFrame.titleSize + 10 + legendRows * 14 + 14, left: left, bottom: 18, right: 4)
        return (plot, ticks, factor, tonnes ? "吨/日" : "kg/日")
    }

    public func draw(on canvas: Canvas, in rect: Rect) {
        _ = ChartFrame.title(canvas, rect, title)
        let (plot, ticks, factor, unit) = frame(on: canvas, in: rect)
        let n = max(1, dates.count)
        let first = dates.first?.start.seconds ?? 0
        func xOf(_ t: Timestamp) -> Double {
            plot.x + Double(t.seconds - first) / Double(n * 86_400) * plot.w
        }
        func xDay(_ i: Int) -> Double { plot.x + (Double(i) + 0.5) * plot.w / Double(n) }
        // Response bands under everything, labelled at their top left.
        for b in responses {
            let r = Rect(x: xOf(b.start), y: plot.y, w: max(1, xOf(b.end) - xOf(b.start)), h: plot.h)
            canvas.fill(r, Palette.responseBand)
            canvas.text(canvas.fitted(b.label, maxWidth: max(r.w - 4, 30), size: 7), x: r.x + 2, y: plot.y + 2, size: 7,
                        color: Palette.mutedInk, valign: .top)
        }
        ChartFrame.yAxis(canvas, plot: plot, ticks: ticks, unit: unit)
        // Heat days: a red mark above the plot.
        for d in heatDays {
            guard let i = dates.firstIndex(of: d) else { continue }
            let x = xDay(i)
            canvas.polygon([(x - 3.5, plot.y - 7), (x + 3.5, plot.y - 7), (x, plot.y - 1)], fill: Palette.heat)
        }
        let step = TimeAxis.dayStep(count: n, width: plot.w)
        for (i, d) in dates.enumerated() where i % step == 0 {
            let x = xDay(i)
            canvas.segment(x, plot.maxY, x, plot.maxY + 3, Palette.axis, width: 0.8)
            canvas.text(TimeAxis.shortDate(d), x: x, y: plot.maxY + 5, size: ChartFrame.labelSize, color: Palette.mutedInk,
                        align: .center, valign: .top)
        }
        func points(_ s: Series) -> [(Double, Double)?] {
            s.values.enumerated().map { i, v in (xDay(i), ticks.map(v * factor, plot.maxY, plot.y)) }
        }
        for (i, s) in districts.enumerated() {
            canvas.line(points(s), Palette.series(i + 1), width: 1.1, dash: Palette.dash(i + 1))
        }
        canvas.line(points(city), Palette.primary, width: 2.4)
        // A one-day brief has one value per series: a line has nothing to join, so each value
        // is a dot (the city's labelled) instead of an empty plot.
        if n == 1 {
            for (i, s) in districts.enumerated() {
                if let p = points(s).first ?? nil { canvas.circle(x: p.0, y: p.1, r: 2.5, fill: Palette.series(i + 1)) }
            }
            if let p = points(city).first ?? nil, let v = city.values.first {
                canvas.circle(x: p.0, y: p.1, r: 4, fill: Palette.primary)
                canvas.text(String(format: factor == 1 ? "%.1f" : "%.2f", v * factor), x: p.0 + 8, y: p.1, size: ChartFrame.labelSize,
                            color: Palette.primary, valign: .middle)
            }
        }
        // Legend.
        var items = [LegendItem(swatch: .line(Palette.primary, 2.4, []), label: city.label)]
        for (i, s) in districts.enumerated() {
            items.append(LegendItem(swatch: .line(Palette.series(i + 1), 1.1, Palette.dash(i + 1)), label: s.label))
        }
        if !responses.isEmpty { items.append(LegendItem(swatch: .box(Palette.responseBand), label: "应急响应期间")) }
        if !heatDays.isEmpty { items.append(LegendItem(swatch: .triangle(Palette.heat), label: "高温日")) }
        ChartFrame.legend(canvas, x: rect.x, y: rect.y + ChartFrame.titleSize + 14, maxX: rect.maxX, items: items)
    }
}
