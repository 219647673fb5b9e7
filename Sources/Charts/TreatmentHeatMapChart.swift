import Accounting
import PEMSCore

/// Enterprises × hour of the day (CST) showing treatment conditions (SPEC §5.4, §10): each cell
/// is the worst condition any of the enterprise's treatment facilities was in during that hour
/// (停运 > 无效运行 > 低效运行 > 正常运行 > 未生产), over the days of the period, and the number in
/// a cell is on how many days. It reads the stored per-hour conditions of each treatment
/// facility-day (`FacilityDayRecord.hourlyConditions`, from every slot of N — short episodes that
/// never became events included), so no slot is recomputed. Rows: the enterprises with any
/// abnormal hour, most abnormal minutes first (at most `maxRows`). Colours get darker with
/// severity, so the order survives greyscale print.
public struct TreatmentHeatMapChart: Chart {
    public enum Condition: Int, Sendable, Comparable {
        case idle, normal, low, ineffective, stopped
        public static func < (a: Condition, b: Condition) -> Bool { a.rawValue < b.rawValue }
        var label: String {
            switch self {
            case .idle: return "未生产/状态未知"
            case .normal: return "正常运行"
            case .low: return "低效运行"
            case .ineffective: return "无效运行"
            case .stopped: return "停运"
            }
        }
        var color: RGB {
            switch self {
            case .idle: return RGB(hex: 0xF4F4F4)
            case .normal: return RGB(hex: 0xDCE9DC)
            case .low: return RGB(hex: 0xF6C88F)
            case .ineffective: return RGB(hex: 0xD9712B)
            case .stopped: return RGB(hex: 0x6B1D0E)
            }
        }
        init(_ mark: HourlyConditions.Mark) {
            switch mark {
            case .none, .unknown: self = .idle
            case .normal: self = .normal
            case .low: self = .low
            case .ineffective: self = .ineffective
            case .stopped: self = .stopped
            }
        }
    }
    public struct Row: Sendable {
        public var label: String
        /// Per hour 0…23: worst condition and the days it was seen (0 for idle and normal).
        public var cells: [(condition: Condition, days: Int)]
    }
    public var title: String
    public var rows: [Row]

    public init(_ facts: PeriodFacts, maxRows: Int = 10) {
        title = "治理设施运行状态（按小时，\(facts.periodText)）"
        // enterprise → abnormal minutes and, per hour, each day's worst condition (`Tally`).
        // Updated in place: a copy taken out and put back would copy all 24 hours' days for
        // each of a city month's hundreds of thousands of facility-days.
        let days = max(0, facts.to.index - facts.from.index + 1)
        var perEnterprise: [String: Tally] = [:]
        for r in facts.result.facilityDays where r.kind == .treatment && r.date >= facts.from && r.date <= facts.to
            && facts.covers(enterpriseID: r.enterpriseID) {
            guard let code = r.hourlyConditions, let marks = HourlyConditions.marks(code) else { continue }
            perEnterprise[r.enterpriseID, default: Tally(days: days)]
                .add(marks, day: r.date.index - facts.from.index,
                     minutes: (r.stoppedMinutes ?? 0) + (r.ineffectiveMinutes ?? 0) + (r.lowMinutes ?? 0))
        }
        rows = perEnterprise.filter { $0.value.cells.contains { $0.contains { $0 > .normal } } }
            .sorted { $0.value.minutes != $1.value.minutes ? $0.value.minutes > $1.value.minutes : $0.key < $1.key }
            .prefix(maxRows).map { id, v in
                Row(label: facts.enterpriseName(id), cells: v.cells.map { days in
                    // A day without a record counts as idle, which is below every other
                    // condition, so neither the worst nor its count (only above normal) changes.
                    let worst = days.max() ?? .idle
                    return (worst, worst > .normal ? days.filter { $0 == worst }.count : 0)
                })
            }
    }

    /// One enterprise's abnormal minutes and, per hour 0…23, the worst condition of each day
    /// of the period (by day offset; `.idle` where no facility had a record).
    private struct Tally {
        var minutes = 0
        var cells: [[Condition]]
        init(days: Int) { cells = Array(repeating: Array(repeating: .idle, count: days), count: 24) }
        mutating func add(_ marks: [HourlyConditions.Mark], day: Int, minutes: Int) {
            self.minutes += minutes
            for (h, m) in marks.enumerated() where h < 24 {
                cells[h][day] = max(cells[h][day], Condition(m))
            }
        }
    }

    public var preferredSize: (width: Double, height: Double) { (760, 90 + Double(max(rows.count, 1)) * 16) }

    public func draw(on canvas: Canvas, in rect: Rect) {
        let body = ChartFrame.title(canvas, rect, title, subtitle: "格内数字：该小时出现此状态的天数；依据各时段治理设施运行状态（含未构成异常事件的短时异常）")
        guard !rows.isEmpty else {
            canvas.text("本期治理设施无异常运行时段", x: body.midX, y: body.y + 20, size: 10, color: Palette.mutedInk, align: .center)
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
        let items = [Condition.idle, .normal, .low, .ineffective, .stopped].map { LegendItem(swatch: .box($0.color), label: $0.label) }
        ChartFrame.legend(canvas, x: grid.x, y: grid.y + Double(rows.count) * ch + 12, maxX: grid.maxX, items: items)
    }
}
