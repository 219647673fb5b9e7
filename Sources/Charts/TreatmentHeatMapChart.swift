import PEMSCore

/// Enterprises × hour of the day (CST) showing treatment conditions (SPEC §5.4, §10): each cell
/// is the worst condition that a treatment event (TREATMENT_STOPPED 停运 > TREATMENT_INEFFECTIVE
/// 无效运行 > TREATMENT_LOW 低效运行) covered in that hour on any day of the period, else 正常;
/// the number in a cell is on how many days. Slot-level conditions are not stored, so the map
/// is built from the §7 events (conditions that lasted at least the rule's `min_minutes`).
/// Rows: the enterprises with such events, most event minutes first (at most `maxRows`).
/// Colours get darker with severity, so the order survives greyscale print.
public struct TreatmentHeatMapChart: Chart {
    public enum Condition: Int, Sendable, Comparable {
        case normal, low, ineffective, stopped
        public static func < (a: Condition, b: Condition) -> Bool { a.rawValue < b.rawValue }
        var label: String {
            switch self {
            case .normal: return "正常运行"
            case .low: return "低效运行"
            case .ineffective: return "无效运行"
            case .stopped: return "停运"
            }
        }
        var color: RGB {
            switch self {
            case .normal: return RGB(hex: 0xEEF3EE)
            case .low: return RGB(hex: 0xF6C88F)
            case .ineffective: return RGB(hex: 0xD9712B)
            case .stopped: return RGB(hex: 0x6B1D0E)
            }
        }
    }
    public struct Row: Sendable {
        public var label: String
        /// Per hour 0…23: worst condition and the days it was seen.
        public var cells: [(condition: Condition, days: Int)]
    }
    public var title: String
    public var rows: [Row]

    public init(_ facts: PeriodFacts, maxRows: Int = 10) {
        title = "治理设施运行状态（按小时，\(facts.periodText)）"
        let rules: [AnomalyRule: Condition] = [.treatmentStopped: .stopped, .treatmentIneffective: .ineffective, .treatmentLow: .low]
        var perEnterprise: [String: (minutes: Int, cells: [[Day: Condition]])] = [:]
        let periodStart = facts.from.start, periodEnd = facts.to.adding(days: 1).start
        for e in facts.events {
            guard let c = rules[e.rule] else { continue }
            var entry = perEnterprise[e.enterpriseID] ?? (0, Array(repeating: [:], count: 24))
            entry.minutes += e.minutes
            // Every hour [h, h+1) of a period day that the event overlaps.
            var t = Timestamp(seconds: max(e.start, periodStart).seconds / 3600 * 3600)
            let end = min(e.end, periodEnd)
            while t < end {
                let h = t.secondOfDay / 3600
                entry.cells[h][t.day] = max(entry.cells[h][t.day] ?? .normal, c)
                t = t.adding(seconds: 3600)
            }
            perEnterprise[e.enterpriseID] = entry
        }
        rows = perEnterprise.sorted { $0.value.minutes != $1.value.minutes ? $0.value.minutes > $1.value.minutes : $0.key < $1.key }
            .prefix(maxRows).map { id, v in
                Row(label: facts.enterpriseName(id), cells: v.cells.map { days in
                    let worst = days.values.max() ?? .normal
                    return (worst, days.values.filter { $0 == worst && worst != .normal }.count)
                })
            }
    }

    public var preferredSize: (width: Double, height: Double) { (760, 90 + Double(max(rows.count, 1)) * 16) }

    public func draw(on canvas: Canvas, in rect: Rect) {
        let body = ChartFrame.title(canvas, rect, title, subtitle: "格内数字：该小时出现此状态的天数；依据治理设施异常事件（停运、无效运行、低效运行）")
        guard !rows.isEmpty else {
            canvas.text("本期治理设施无异常事件", x: body.midX, y: body.y + 20, size: 10, color: Palette.mutedInk, align: .center)
            return
        }
        let labelW = min(body.w * 0.3, (rows.map { canvas.textWidth($0.label, size: ChartFrame.labelSize) }.max() ?? 0) + 8)
        let grid = body.inset(top: 14, left: labelW, bottom: 22)
        let cw = grid.w / 24, ch = min(16, grid.h / Double(rows.count))
        for h in stride(from: 0, to: 24, by: 2) {
            canvas.text(Digits.pad(h, 2), x: grid.x + (Double(h) + 0.5) * cw, y: grid.y - 4, size: 7, color: Palette.mutedInk, align: .center)
        }
        for (i, row) in rows.enumerated() {
            let y = grid.y + Double(i) * ch
            canvas.text(canvas.fitted(row.label, maxWidth: labelW - 8, size: ChartFrame.labelSize), x: grid.x - 6, y: y + ch / 2,
                        size: ChartFrame.labelSize, align: .right, valign: .middle)
            for (h, cell) in row.cells.enumerated() {
                let r = Rect(x: grid.x + Double(h) * cw, y: y, w: cw, h: ch)
                canvas.fill(r, cell.condition.color)
                canvas.stroke(r, Palette.background, width: 0.8)
                if cell.days > 0 {
                    canvas.text("\(cell.days)", x: r.midX, y: r.midY, size: 6.5,
                                color: cell.condition >= .ineffective ? Palette.background : Palette.ink, align: .center, valign: .middle)
                }
            }
        }
        let items = [Condition.normal, .low, .ineffective, .stopped].map { LegendItem(swatch: .box($0.color), label: $0.label) }
        ChartFrame.legend(canvas, x: grid.x, y: grid.y + Double(rows.count) * ch + 12, maxX: grid.maxX, items: items)
    }
}
