/// One data-quality finding (SPEC §8): a check that fired for a point (or an enterprise, or an
/// unknown MN) on a CST day.
public struct DQFinding: Sendable, Codable, Equatable {
    public var date: Day
    /// The point id; empty for per-enterprise checks; the MN for UNKNOWN_MN (§12).
    public var pointID: String
    /// Empty for UNKNOWN_MN.
    public var enterpriseID: String
    public var check: DQCheck
    /// A short human-readable measurement, e.g. "completeness 0.875" (not exported to dq.csv).
    public var detail: String

    public init(date: Day, pointID: String, enterpriseID: String, check: DQCheck, detail: String = "") {
        self.date = date
        self.pointID = pointID
        self.enterpriseID = enterpriseID
        self.check = check
        self.detail = detail
    }

    /// SPEC §12 sort key: date, point_id, enterprise_id, check.
    public static func exportOrder(_ a: DQFinding, _ b: DQFinding) -> Bool {
        if a.date != b.date { return a.date < b.date }
        if a.pointID != b.pointID { return a.pointID < b.pointID }
        if a.enterpriseID != b.enterpriseID { return a.enterpriseID < b.enterpriseID }
        return a.check.rawValue < b.check.rawValue
    }
}

/// The checks of SPEC §8 and the coverage checks of §13.24.
public enum DQCheck: String, Sendable, Codable, CaseIterable {
    case noData = "NO_DATA"
    case completeness = "COMPLETENESS"
    case negative = "NEGATIVE"
    case energyPowerMismatch = "ENERGY_POWER_MISMATCH"
    case energyTooLarge = "ENERGY_TOO_LARGE"
    case constant = "CONSTANT"
    case counterJump = "COUNTER_JUMP"
    case sumExceedsTotal = "SUM_EXCEEDS_TOTAL"
    case clock = "CLOCK"
    /// SPEC 2 §8 (seed 001 §5.4.5): one phase voltage far below the others (a lost phase).
    case voltageLoop = "VOLTAGE_LOOP"
    /// SPEC 2 §8 (seed 001 §5.4.5): a phase power negative while the sum is positive (a reversed CT).
    case currentLoop = "CURRENT_LOOP"
    /// SPEC 2 §8 (seed 003 附件4): a declared threshold the unit never reaches.
    case thresholdSuspect = "THRESHOLD_SUSPECT"
    case thresholdUnknown = "THRESHOLD_UNKNOWN"
    case baselineUnavailable = "BASELINE_UNAVAILABLE"
    case noTotalPoint = "NO_TOTAL_POINT"
    case noProductionPoint = "NO_PRODUCTION_POINT"
    case noTreatmentPoint = "NO_TREATMENT_POINT"
    case unlinkedProduction = "UNLINKED_PRODUCTION"
    case unknownMN = "UNKNOWN_MN"

    /// 中文 name (SPEC §8).
    public var chineseName: String {
        switch self {
        case .noData: return "全部数据缺失"
        case .completeness: return "数据传输率不足"
        case .negative: return "功率或电量为负"
        case .energyPowerMismatch: return "用电量与功率不匹配"
        case .energyTooLarge: return "电量异常偏大"
        case .constant: return "功率为恒定值"
        case .counterJump: return "示值跳变"
        case .sumExceedsTotal: return "生产和治理电量之和大于总电量"
        case .clock: return "时钟不一致"
        case .voltageLoop: return "电压回路异常"
        case .currentLoop: return "电流回路异常"
        case .thresholdSuspect: return "阈值设置不准确"
        case .thresholdUnknown, .baselineUnavailable: return "数据不足无法判断"
        case .noTotalPoint: return "无总用电监测点位"
        case .noProductionPoint: return "无生产用电监测点位"
        case .noTreatmentPoint: return "无治理用电监测点位"
        case .unlinkedProduction: return "生产设施未关联治理设施"
        case .unknownMN: return "未登记的数采仪"
        }
    }
}
