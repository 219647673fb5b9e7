import PEMSCore

/// Alarm distribution (SPEC §7, §10; seed 002 区域报警汇总 / 行业报警分布): events of the period
/// by rule (horizontal bars, most frequent on top) and by industry (a donut with a legend of
/// counts and shares). Counts events overlapping the period, each once.
public struct AlarmDistributionChart: Chart {
    public var byRule: [(label: String, count: Int)]
    public var byIndustry: [(label: String, count: Int)]
    public var total: Int

    public init(_ facts: PeriodFacts) {
        let events = facts.events
        total = events.count
        var rules: [AnomalyRule: Int] = [:]
        var industries: [String: Int] = [:]
        for e in events {
            rules[e.rule, default: 0] += 1
            industries[facts.registry.enterprise(id: e.enterpriseID)?.industry.rawValue ?? "未知", default: 0] += 1
        }
        byRule = rules.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { ($0.key.chineseName, $0.value) }
        byIndustry = industries.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { ($0.key, $0.value) }
    }

    public var preferredSize: (width: Double, height: Double) { (760, 300) }

    public func draw(on canvas: Canvas, in rect: Rect) {
        let cols = rect.columns(2, gap: 24)
        let bars = BarPanel(title: "报警类型分布", unit: "共 \(total) 起",
                            items: byRule.map { BarItem(label: $0.label, value: Double($0.count), valueText: "\($0.count)") },
                            color: Palette.alarm)
        if byRule.isEmpty {
            _ = ChartFrame.title(canvas, cols[0], bars.title)
            canvas.text("本期无报警", x: cols[0].midX, y: cols[0].midY, size: 10, color: Palette.mutedInk, align: .center)
        } else {
            bars.draw(on: canvas, in: cols[0].inset(bottom: max(0, cols[0].h - 40 - Double(byRule.count) * 24)))
        }
        let body = ChartFrame.title(canvas, cols[1], "行业报警分布")
        guard total > 0 else {
            canvas.text("本期无报警", x: body.midX, y: body.midY, size: 10, color: Palette.mutedInk, align: .center)
            return
        }
        let radius = min(body.h / 2 - 6, body.w * 0.22)
        let cx = body.x + radius + 6, cy = body.y + radius + 4
        var angle = -Double.pi / 2
        var legend: [LegendItem] = []
        for (i, s) in byIndustry.enumerated() {
            let sweep = 2 * Double.pi * Double(s.count) / Double(total)
            canvas.ring(cx: cx, cy: cy, outer: radius, inner: radius * 0.55, from: angle, to: angle + sweep, Palette.series(i))
            angle += sweep
            let share = NumberText.fixed(Double(s.count) / Double(total) * 100, 1)
            legend.append(LegendItem(swatch: .box(Palette.series(i)), label: "\(s.label) \(s.count) 起（\(share)%）"))
        }
        canvas.text("\(total)", x: cx, y: cy - 2, size: 14, bold: true, align: .center, valign: .baseline)
        canvas.text("起报警", x: cx, y: cy + 3, size: 8, color: Palette.mutedInk, align: .center, valign: .top)
        // Legend as a column to the right of the donut.
        let lx = cx + radius + 14
        for (i, item) in legend.enumerated() where i < 12 {
            ChartFrame.legend(canvas, x: lx, y: body.y + 8 + Double(i) * 15, maxX: body.maxX + 200, items: [item])
        }
    }
}
