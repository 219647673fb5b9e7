/// The anomaly rules of SPEC §7, with their Chinese names as bureau staff know them.
public enum AnomalyRule: String, Sendable, Codable, CaseIterable, Comparable {
    case treatmentStopped = "TREATMENT_STOPPED"
    case treatmentIneffective = "TREATMENT_INEFFECTIVE"
    case treatmentLow = "TREATMENT_LOW"
    case stopViolation = "STOP_VIOLATION"
    case limitViolation = "LIMIT_VIOLATION"
    case shiftViolation = "SHIFT_VIOLATION"
    case offline = "OFFLINE"
    /// SPEC 2 §7 (seed 003 附件4 "对应的生产设施必须同步停运"): an approved exemption names a
    /// treatment facility and the production it serves keeps running.
    case exemptionBreach = "EXEMPTION_BREACH"
    case carbonOverdue = "CARBON_OVERDUE"

    /// 中文 name (SPEC §7 table).
    public var chineseName: String {
        switch self {
        case .treatmentStopped: return "治理设施停运"
        case .treatmentIneffective: return "治理设施无效运行"
        case .treatmentLow: return "治理设施低效运行"
        case .stopViolation: return "未按规定停产"
        case .limitViolation: return "未按规定限产"
        case .shiftViolation: return "未按规定错峰生产"
        case .offline: return "离线"
        case .exemptionBreach: return "报备期间生产未停"
        case .carbonOverdue: return "活性炭更换超期"
        }
    }

    public static func < (a: AnomalyRule, b: AnomalyRule) -> Bool { a.rawValue < b.rawValue }
}
