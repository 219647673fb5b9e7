import Accounting

/// District ranking (SPEC §9.6, §10): three panels of horizontal bars — emitted VOCs, §7
/// events and sync rate (同步率) over the period — each sorted by its own ranking (rank 1 on
/// top: the largest emitter, the most events, the best sync rate; ties by code). A county
/// edition keeps every district and emphasises its own (`BarItem.emphasized`).
public struct DistrictRankingChart: Chart {
    public var panels: [BarPanel]
    public var title: String

    public init(_ facts: PeriodFacts) {
        title = "区县排名（\(facts.periodText)）" + (facts.editionName.map { "，本辖区：\($0)" } ?? "")
        let maxKg = facts.districts.map(\.emittedKg).max() ?? 0
        let useTonnes = maxKg >= 1000
        let emittedScale = useTonnes ? 0.001 : 1
        let byCode = Dictionary(uniqueKeysWithValues: facts.districts.map { ($0.code, $0) })
        func panel(_ metric: AccountingMetric, _ title: String, _ unit: String, color: RGB, fixedMax: Double? = nil,
                   scale: Double = 1, text: (AccountingTotals) -> String) -> BarPanel {
            let items = Ranking.rank(facts.districts, by: metric).map { e -> BarItem in
                let t = byCode[e.code]
                let v = e.value.map { $0 * (metric == .emittedKg ? emittedScale : 1) }
                return BarItem(label: facts.districtName(e.code), value: v, valueText: t.map(text) ?? "—",
                               emphasized: facts.scope.districtCode == e.code)
            }
            return BarPanel(title: title, unit: unit, items: items, color: color, fixedMax: fixedMax, axisScale: scale)
        }
        panels = [
            panel(.emittedKg, "VOCs排放量", useTonnes ? "吨" : "kg", color: Palette.primary) {
                NumberText.fixed(useTonnes ? $0.emittedKg / 1000 : $0.emittedKg, useTonnes ? 2 : 1)
            },
            panel(.events, "异常事件数", "起", color: Palette.alarm) { "\($0.events)" },
            panel(.syncRate, "同步率", "%", color: Palette.normal, fixedMax: 1, scale: 100) { NumberText.percent($0.syncRate) },
        ]
    }

    public var preferredSize: (width: Double, height: Double) {
        (760, 70 + Double(panels.first?.items.count ?? 0) * 22 + 30)
    }

    /// The panel rectangles inside `rect` (below the title).
    public func panelRects(in rect: Rect) -> [Rect] {
        rect.inset(top: ChartFrame.titleSize + 10).columns(panels.count, gap: 18)
    }

    public func draw(on canvas: Canvas, in rect: Rect) {
        _ = ChartFrame.title(canvas, rect, title)
        for (p, r) in zip(panels, panelRects(in: rect)) { p.draw(on: canvas, in: r) }
    }
}
