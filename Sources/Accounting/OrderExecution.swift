import PEMSCore

/// How an enterprise carried out a response's orders (落实情况; seed 000 "针对未落实、超期落实的
/// 企业自动触发报警"), judged on its STOP/LIMIT/SHIFT **events** of the response — a violation too
/// short to be an event (SPEC §7 `min_minutes`) does not count:
/// - 按时落实: no such event;
/// - 超期落实: events, but none in the response's last `assessment.final_hours` hours; the
///   delay is the end of its last event − the response start;
/// - 未落实: an event overlapping that final stretch.
public struct OrderExecution: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case onTime = "on_time"
        case late
        case notCarriedOut = "not_carried_out"

        public var chineseName: String {
            switch self {
            case .onTime: return "按时落实"
            case .late: return "超期落实"
            case .notCarriedOut: return "未落实"
            }
        }
    }

    public var responseID: String
    public var enterpriseID: String
    /// The measures of its plan rows at the response's level (stop, limit, shift order).
    public var measures: [Measure]
    public var status: Status
    /// Its events of the response, in export order.
    public var events: [EventRecord]
    /// Σ violating minutes of those events (SPEC 2 §12).
    public var violatingMinutes: Int
    /// The end of its last event (CST); nil without events.
    public var lastEventEnd: Timestamp?
    /// 超期落实 only: last event end − response start, minutes.
    public var delayMinutes: Int?

    /// The rule of each measure's violations (SPEC §7).
    public static let ruleOf: [Measure: AnomalyRule] = [.stop: .stopViolation, .limit: .limitViolation, .shift: .shiftViolation]

    /// Whether event `e` (of the plan row's rule) violates plan row `p`: a row for all production
    /// facilities is violated by any; a row for one facility by an event of that facility, or
    /// (SPEC 2 §7, §13.31) by an enterprise-level limit event that held it under the limit.
    public static func violates(_ e: EventRecord, _ p: PlanRow) -> Bool {
        guard e.rule == ruleOf[p.measure] else { return false }
        guard let facility = p.facilityID else { return true }
        if let f = e.facilityID { return f == facility }
        return e.evidence.limitedFacilities?.contains(facility) ?? true
    }

    /// The order-rule events of response `resp` among `events`: STOP/LIMIT/SHIFT events
    /// overlapping it whose evidence names it, or, for events without response ids, its level.
    public static func violations(of resp: Response, in events: [EventRecord]) -> [EventRecord] {
        events.filter { e in
            guard ruleOf.values.contains(e.rule), e.start < resp.end, e.end > resp.start else { return false }
            if let ids = e.evidence.responseIDs, !ids.isEmpty { return ids.contains(resp.id) }
            return e.evidence.levels?.contains(resp.level) ?? false
        }
    }

    /// The 落实情况 of every enterprise in `enterpriseIDs` with a plan row at `resp`'s level, in
    /// id order, from the response's events (`violations(of:in:)`) that violate one of its rows.
    public static func judge(_ resp: Response, enterpriseIDs: [String], registry: Registry, events: [EventRecord],
                             finalHours: Double) -> [OrderExecution] {
        let violations = violations(of: resp, in: events)
        let finalStart = resp.end.adding(seconds: -Int64((finalHours * 3600).rounded()))
        var out: [OrderExecution] = []
        for id in enterpriseIDs.sorted() {
            let plans = registry.plans(ofEnterprise: id).filter { $0.level == resp.level }
            guard !plans.isEmpty else { continue }
            let mine = violations.filter { e in e.enterpriseID == id && plans.contains { violates(e, $0) } }
                .sorted(by: EventRecord.exportOrder)
            let last = mine.map(\.end).max()
            let status: Status
            if mine.isEmpty {
                status = .onTime
            } else if mine.contains(where: { $0.start < resp.end && $0.end > finalStart }) {
                status = .notCarriedOut
            } else {
                status = .late
            }
            let measures = [Measure.stop, .limit, .shift].filter { m in plans.contains { $0.measure == m } }
            out.append(OrderExecution(responseID: resp.id, enterpriseID: id, measures: measures, status: status, events: mine,
                                      violatingMinutes: mine.reduce(0) { $0 + $1.violatingMinutes }, lastEventEnd: last,
                                      delayMinutes: status == .late ? last.map { Int(($0.seconds - resp.start.seconds) / 60) } : nil))
        }
        return out
    }
}
