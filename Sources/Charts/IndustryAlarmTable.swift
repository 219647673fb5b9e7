import PEMSCore

/// Alarms by industry and rule over the period (seed 002 行业报警分布; seed 001 §5.5.5 按行业统计):
/// the brief's alarm page shows, per industry with events, how many of each §7 rule — every
/// rule a column, by an exhaustive switch, so a new rule cannot go unshown — and the total.
/// Events overlapping the period, each once (as `AlarmDistributionChart` counts them).
public struct IndustryAlarmTable: Sendable {
    public struct Row: Sendable, Equatable {
        public var industry: String
        /// Events per rule, in `AnomalyRule.allCases` order.
        public var counts: [Int]
        public var total: Int
    }

    /// Industries with events, most events first (ties by name).
    public var rows: [Row]

    public init(_ facts: PeriodFacts) {
        var perIndustry: [String: [AnomalyRule: Int]] = [:]
        for e in facts.events {
            let industry = facts.registry.enterprise(id: e.enterpriseID)?.industry.rawValue ?? "未知"
            perIndustry[industry, default: [:]][e.rule, default: 0] += 1
        }
        rows = perIndustry.map { industry, byRule in
            let counts = AnomalyRule.allCases.map { byRule[$0] ?? 0 }
            return Row(industry: industry, counts: counts, total: counts.reduce(0, +))
        }.sorted { $0.total != $1.total ? $0.total > $1.total : $0.industry < $1.industry }
    }

    /// The column title of a rule: short enough for nine columns on an A4 page.
    static func shortName(_ rule: AnomalyRule) -> String {
        switch rule {
        case .treatmentStopped: return "治理停运"
        case .treatmentIneffective: return "无效运行"
        case .treatmentLow: return "低效运行"
        case .stopViolation: return "未停产"
        case .limitViolation: return "未限产"
        case .shiftViolation: return "未错峰"
        case .offline: return "离线"
        case .exemptionBreach: return "报备未停"
        case .carbonOverdue: return "换炭超期"
        }
    }

    /// Draws the table at (x, y) across `width` (at most `maxRows` industries; the rest are
    /// summed into one line "其他 n 个行业"); returns the y below it.
    func draw(_ canvas: Canvas, x: Double, y: Double, width: Double, maxRows: Int = 8) -> Double {
        let rules = AnomalyRule.allCases
        let first = 70.0, last = 34.0
        let each = (width - first - last) / Double(rules.count)
        var columns: [TableLayout.Column] = [.init(title: "行业", width: first, align: .left)]
        columns += rules.map { .init(title: Self.shortName($0), width: each, align: .right) }
        columns.append(.init(title: "合计", width: last, align: .right))
        func cells(_ name: String, _ counts: [Int], _ total: Int) -> [String] {
            [name] + counts.map { $0 == 0 ? "–" : "\($0)" } + ["\(total)"]
        }
        var lines = rows.prefix(maxRows).map { cells($0.industry, $0.counts, $0.total) }
        let rest = rows.dropFirst(maxRows)
        if !rest.isEmpty {
            let counts = rules.indices.map { i in rest.reduce(0) { $0 + $1.counts[i] } }
            lines.append(cells("其他 \(rest.count) 个行业", counts, counts.reduce(0, +)))
        }
        let totals = rules.indices.map { i in rows.reduce(0) { $0 + $1.counts[i] } }
        lines.append(cells("合计", totals, totals.reduce(0, +)))
        return TableLayout(columns: columns, rowHeight: 15, size: 7.5).draw(canvas, x: x, y: y, rows: lines)
    }
}
