import PEMSCore

/// `order_execution`: how each enterprise with a plan row at the response's level carried out
/// its orders (落实情况: 按时落实 / 超期落实 / 未落实, `OrderExecution`; docs/ACCOUNTING.md).
public enum OrderExecutionField: String, ReportField {
    case enterpriseID = "enterprise_id"
    case enterpriseName = "enterprise_name"
    case districtName = "district_name"
    case measures
    case status
    case events
    case violatingMinutes = "violating_minutes"
    case lastEventEnd = "last_event_end"
    case delayMinutes = "delay_minutes"
    case detail
    public static let source = "order_execution"
    public static let sourceMeaning = "how each enterprise with a plan row at the response's level carried out its orders (落实情况)"
    public var declaration: (FieldType, String) {
        switch self {
        case .enterpriseID: return (.text, "id")
        case .enterpriseName: return (.text, "name")
        case .districtName: return (.text, "district")
        case .measures: return (.text, "its measures at the level: 停产/限产/错峰生产")
        case .status: return (.text, "按时落实 (no order event), 超期落实 (none in the last assessment.final_hours), 未落实")
        case .events: return (.integer, "its STOP/LIMIT/SHIFT events of the response")
        case .violatingMinutes: return (.integer, "violating minutes of them (SPEC 2 §12)")
        case .lastEventEnd: return (.datetime, "end of its last such event (CST)")
        case .delayMinutes: return (.integer, "超期落实: last event end − response start, minutes")
        case .detail: return (.text, "each event: rule, start–end and violating minutes")
        }
    }
}
