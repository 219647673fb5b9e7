import PEMSCore

/// `exemptions`: every filed exemption overlapping the period, whatever its status, with what
/// each approved one kept out of the event count (报备与豁免; issue 18, seed 001 §5.5.8, seed
/// 003 附件4 报备).
public enum ExemptionField: String, ReportField {
    case number
    case districtName = "district_name"
    case enterpriseID = "enterprise_id"
    case enterpriseName = "enterprise_name"
    case facilityID = "facility_id"
    case facilityName = "facility_name"
    case status
    case statusName = "status_name"
    case start
    case end
    case reason
    case periodMinutes = "period_minutes"
    case suppressedSlots = "suppressed_slots"
    case suppressedEvents = "suppressed_events"
    case suppressedMinutes = "suppressed_minutes"
    case suppressed
    public static let source = "exemptions"
    public static let sourceMeaning = "every exemption (报备) overlapping the period, approved, pending or rejected (status as in the registry in force on the period's last day), with the events each approved one kept out of the count, by start, enterprise and row"
    public var declaration: (FieldType, String) {
        switch self {
        case .number: return (.integer, "报备序号: the exemption's row in the registry's exemptions.csv")
        case .districtName: return (.text, "district")
        case .enterpriseID: return (.text, "enterprise id")
        case .enterpriseName: return (.text, "enterprise")
        case .facilityID: return (.text, "facility id (blank: the whole enterprise)")
        case .facilityName: return (.text, "facility (全厂 for the whole enterprise)")
        case .status: return (.text, "approved/pending/rejected (the registry's value)")
        case .statusName: return (.text, "已批准/待审批/已驳回; a pending one is still open at the period's end")
        case .start: return (.datetime, "first covered instant (CST)")
        case .end: return (.datetime, "first instant no longer covered (CST)")
        case .reason: return (.text, "reason as filed")
        case .periodMinutes: return (.integer, "minutes of [start, end) inside the period")
        case .suppressedSlots: return (.integer, "approved: violating slots it covered, counted per rule and facility (`exempted_events.csv` suppressed_minutes / S, summed)")
        case .suppressedEvents: return (.integer, "approved: events (found with exemptions ignored) it took violating slots from")
        case .suppressedMinutes: return (.integer, "approved: minutes of those slots")
        case .suppressed: return (.text, "approved: each such event, 规则 设施 分钟")
        }
    }
}

/// `exempted_events`: each event an approved exemption took violating slots from, as found with
/// exemptions ignored (豁免事件; issue 18, `exempted_events.csv` rows with suppressed_minutes > 0).
public enum ExemptedEventField: String, ReportField {
    case number
    case districtName = "district_name"
    case enterpriseID = "enterprise_id"
    case enterpriseName = "enterprise_name"
    case rule
    case ruleName = "rule_name"
    case facilityID = "facility_id"
    case facilityName = "facility_name"
    case start
    case end
    case minutes
    case violatingMinutes = "violating_minutes"
    case suppressedMinutes = "suppressed_minutes"
    case exemptionStart = "exemption_start"
    case exemptionEnd = "exemption_end"
    case reason
    public static let source = "exempted_events"
    public static let sourceMeaning = "each event an approved exemption took violating slots from, as found with exemptions ignored, by exemption row then `events.csv` order"
    public var declaration: (FieldType, String) {
        switch self {
        case .number: return (.integer, "报备序号 of the exemption")
        case .districtName: return (.text, "district")
        case .enterpriseID: return (.text, "enterprise id")
        case .enterpriseName: return (.text, "enterprise")
        case .rule: return (.text, "rule code (§7)")
        case .ruleName: return (.text, "rule (中文)")
        case .facilityID: return (.text, "facility id (empty for OFFLINE and LIMIT_VIOLATION)")
        case .facilityName: return (.text, "facility")
        case .start: return (.datetime, "the event's start with exemptions ignored (CST)")
        case .end: return (.datetime, "its end (CST; cut at the period's end when still running)")
        case .minutes: return (.integer, "minutes inside the period")
        case .violatingMinutes: return (.integer, "violating slots inside the period × S")
        case .suppressedMinutes: return (.integer, "minutes of its violating slots inside the period the exemption covered")
        case .exemptionStart: return (.datetime, "the exemption's start (CST)")
        case .exemptionEnd: return (.datetime, "the exemption's end (CST)")
        case .reason: return (.text, "the exemption's reason")
        }
    }
}
