import PEMSCore
import Reports

/// One enterprise by day (the enterprise file): above, its energy as stacked bars —
/// production and treatment facilities — against its production facilities' five-day
/// baseline energy (SPEC §6: their mean energy in running slots over the baseline days,
/// summed; a gap on a day when one of them has no baseline); below,
/// the VOCs it generated and emitted (§9.2). A red mark over a day says an event started then.
/// x: CST dates; kWh and kg per day.
public struct DossierDailyChart: Chart {
    public var title: String
    public var days: [DossierData.DayFigures]

    public init(_ data: DossierData) {
        title = "逐日用电量与VOCs排放（\(data.enterprise.name)）"
        days = data.days
    }

    public var preferredSize: (width: Double, height: Double) { (760, 360) }

    public func draw(on canvas: Canvas, in rect: Rect) {
        _ = ChartFrame.title(canvas, rect, title)
        let n = max(1, days.count)
        let energyMax = days.map { max($0.energyKWh, $0.baselineEnergyKWh ?? 0) }.max() ?? 0
        let kgMax = days.map { max($0.generatedKg, $0.emittedKg) }.max() ?? 0
        let eTicks = Ticks(lo: 0, hi: max(energyMax * 1.05, 1), target: 4)
        let kTicks = Ticks(lo: 0, hi: max(kgMax * 1.05, 0.1), target: 3)
        let left = max(ChartFrame.yLabelWidth(canvas, eTicks), ChartFrame.yLabelWidth(canvas, kTicks)) + 10
        let body = rect.inset(top: ChartFrame.titleSize + 10 + 2 * 14 + 12, left: left, bottom: 18, right: 6)
        let upper = Rect(x: body.x, y: body.y, w: body.w, h: body.h * 0.6 - 10)
        let lower = Rect(x: body.x, y: upper.maxY + 22, w: body.w, h: body.maxY - upper.maxY - 22)
        let slot = body.w / Double(n)
        func xDay(_ i: Int) -> Double { body.x + (Double(i) + 0.5) * slot }

        ChartFrame.yAxis(canvas, plot: upper, ticks: eTicks, unit: "kWh")
        let barW = max(1, min(slot * 0.7, 24))
        let treatmentColor = Palette.series(3)
        for (i, d) in days.enumerated() {
            let x = xDay(i) - barW / 2
            let yProd = eTicks.map(d.productionEnergyKWh, upper.maxY, upper.y)
            canvas.fill(Rect(x: x, y: yProd, w: barW, h: upper.maxY - yProd), Palette.primary)
            let yAll = eTicks.map(d.productionEnergyKWh + d.treatmentEnergyKWh, upper.maxY, upper.y)
            canvas.fill(Rect(x: x, y: yAll, w: barW, h: yProd - yAll), treatmentColor)
            if d.events > 0 {
                canvas.polygon([(xDay(i) - 3.5, upper.y - 8), (xDay(i) + 3.5, upper.y - 8), (xDay(i), upper.y - 2)], fill: Palette.alarm)
            }
        }
        let baseline = days.enumerated().map { i, d in d.baselineEnergyKWh.map { (xDay(i), eTicks.map($0, upper.maxY, upper.y)) } }
        canvas.line(baseline, Palette.normal, width: 1.6, dash: [5, 3])
        for p in baseline.compactMap({ $0 }) { canvas.circle(x: p.0, y: p.1, r: 1.8, fill: Palette.normal) }

        ChartFrame.yAxis(canvas, plot: lower, ticks: kTicks, unit: "kg")
        func kg(_ v: (DossierData.DayFigures) -> Double) -> [(Double, Double)?] {
            days.enumerated().map { i, d in (xDay(i), kTicks.map(v(d), lower.maxY, lower.y)) }
        }
        canvas.line(kg(\.generatedKg), Palette.series(1), width: 1.3, dash: Palette.dash(1))
        canvas.line(kg(\.emittedKg), Palette.ink, width: 2)
        if n == 1 {
            for (v, color) in [(kg(\.generatedKg), Palette.series(1)), (kg(\.emittedKg), Palette.ink)] {
                if let p = v.first ?? nil { canvas.circle(x: p.0, y: p.1, r: 3, fill: color) }
            }
        }
        let step = TimeAxis.dayStep(count: n, width: body.w)
        for (i, d) in days.enumerated() where i % step == 0 {
            for plot in [upper, lower] {
                canvas.segment(xDay(i), plot.maxY, xDay(i), plot.maxY + 3, Palette.axis, width: 0.8)
            }
            canvas.text(TimeAxis.shortDate(d.date), x: xDay(i), y: lower.maxY + 5, size: ChartFrame.labelSize,
                        color: Palette.mutedInk, align: .center, valign: .top)
        }
        var items = [LegendItem(swatch: .box(Palette.primary), label: "生产设施用电量"),
                     LegendItem(swatch: .box(treatmentColor), label: "治理设施用电量"),
                     LegendItem(swatch: .line(Palette.normal, 1.6, [5, 3]), label: "生产设施五日基线电量（运行时段）"),
                     LegendItem(swatch: .line(Palette.series(1), 1.3, Palette.dash(1)), label: "VOCs产生量"),
                     LegendItem(swatch: .line(Palette.ink, 2, []), label: "VOCs排放量")]
        if days.contains(where: { $0.events > 0 }) { items.append(LegendItem(swatch: .triangle(Palette.alarm), label: "当日有异常事件开始")) }
        ChartFrame.legend(canvas, x: rect.x, y: rect.y + ChartFrame.titleSize + 14, maxX: rect.maxX, items: items)
    }
}
