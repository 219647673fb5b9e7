/// One bar of a horizontal bar panel.
public struct BarItem: Sendable, Equatable {
    public var label: String
    /// nil = no value (drawn as "—", no bar).
    public var value: Double?
    /// What is printed at the bar's end (e.g. "1.23 吨", "93.5%").
    public var valueText: String
    /// The reader's own item (a county edition's district): its label bold, its bar in full
    /// colour while the others' are lighter.
    public var emphasized: Bool
    public init(label: String, value: Double?, valueText: String, emphasized: Bool = false) {
        self.label = label
        self.value = value
        self.valueText = valueText
        self.emphasized = emphasized
    }
}

/// Horizontal bars, top to bottom in the given order (a ranking: rank 1 on top), labels on
/// the left, values at the bar ends, a value axis with round ticks below (SPEC §9.6, §10).
public struct BarPanel: Chart {
    public var title: String
    /// Unit of the value axis, e.g. "kg", "次", "%".
    public var unit: String
    public var items: [BarItem]
    public var color: RGB
    /// Axis maximum when fixed (1 for rates); else from the data.
    public var fixedMax: Double?
    /// Multiplier for axis labels (100 for rates shown in %).
    public var axisScale: Double

    public init(title: String, unit: String, items: [BarItem], color: RGB = Palette.primary, fixedMax: Double? = nil,
                axisScale: Double = 1) {
        self.title = title
        self.unit = unit
        self.items = items
        self.color = color
        self.fixedMax = fixedMax
        self.axisScale = axisScale
    }

    public var preferredSize: (width: Double, height: Double) { (300, 60 + Double(items.count) * 20 + 30) }

    /// Where the bars go: the plot area, the axis ticks and each item's bar rectangle (nil
    /// when the item has no value).
    public struct Layout {
        public var plot: Rect
        public var ticks: Ticks
        public var bars: [Rect?]
    }

    public func layout(on canvas: Canvas, in rect: Rect) -> Layout {
        let body = rect.inset(top: ChartFrame.titleSize + 8)
        let labelW = min(body.w * 0.35, (items.map { canvas.textWidth($0.label, size: ChartFrame.labelSize) }.max() ?? 0) + 6)
        let valueW = (items.map { canvas.textWidth($0.valueText, size: ChartFrame.labelSize) }.max() ?? 0) + 6
        let maxValue = fixedMax ?? max(items.compactMap(\.value).max() ?? 0, 0)
        let ticks = Ticks(lo: 0, hi: maxValue > 0 ? maxValue * axisScale : 1, target: 4)
        let plot = body.inset(top: 2, left: labelW, bottom: 16, right: valueW)
        let n = max(1, items.count)
        let pitch = plot.h / Double(n)
        let barH = min(16, pitch * 0.7)
        let bars: [Rect?] = items.enumerated().map { i, item in
            guard let v = item.value else { return nil }
            let w = max(0, ticks.map(v * axisScale, 0, plot.w))
            return Rect(x: plot.x, y: plot.y + Double(i) * pitch + (pitch - barH) / 2, w: w, h: barH)
        }
        return Layout(plot: plot, ticks: ticks, bars: bars)
    }

    public func draw(on canvas: Canvas, in rect: Rect) {
        _ = ChartFrame.title(canvas, rect, unit.isEmpty ? title : "\(title)（\(unit)）")
        let l = layout(on: canvas, in: rect)
        let labelW = l.plot.x - rect.x
        for v in l.ticks.values {
            let x = l.ticks.map(v, l.plot.x, l.plot.maxX)
            canvas.segment(x, l.plot.y, x, l.plot.maxY, Palette.grid, width: 0.5)
            canvas.text(l.ticks.label(v), x: x, y: l.plot.maxY + 3, size: ChartFrame.labelSize, color: Palette.mutedInk,
                        align: .center, valign: .top)
        }
        let pitch = l.plot.h / Double(max(1, items.count))
        let emphasis = items.contains(where: \.emphasized)
        for (i, item) in items.enumerated() {
            let cy = l.plot.y + (Double(i) + 0.5) * pitch
            canvas.text(canvas.fitted(item.label, maxWidth: labelW - 6, size: ChartFrame.labelSize), x: l.plot.x - 6, y: cy,
                        size: ChartFrame.labelSize, bold: item.emphasized, align: .right, valign: .middle)
            if let bar = l.bars[i] {
                canvas.fill(bar, emphasis && !item.emphasized ? color.lighter(0.6) : color)
                canvas.text(item.valueText, x: bar.maxX + 3, y: cy, size: ChartFrame.labelSize, valign: .middle)
            } else {
                canvas.text(item.valueText, x: l.plot.x + 3, y: cy, size: ChartFrame.labelSize, color: Palette.mutedInk, valign: .middle)
            }
        }
        canvas.segment(l.plot.x, l.plot.y, l.plot.x, l.plot.maxY, Palette.axis, width: 0.8)
    }
}
