/// A filed exemption (报备): maintenance, power cut … (SPEC §2 `exemptions.csv`). Only
/// approved ones exempt, and only from events (§13.14).
public struct Exemption: Sendable, Codable, Equatable {
    public var enterpriseID: String
    /// A facility of the enterprise; nil = every facility and OFFLINE.
    public var facilityID: String?
    /// First covered instant (CST); slots starting in `[start, end)` are covered.
    public var start: Timestamp
    /// First instant no longer covered (CST); after `start`.
    public var end: Timestamp
    public var reason: String?
    public var status: ExemptionStatus

    public init(enterpriseID: String, facilityID: String? = nil, start: Timestamp, end: Timestamp,
                reason: String? = nil, status: ExemptionStatus) {
        self.enterpriseID = enterpriseID
        self.facilityID = facilityID
        self.start = start
        self.end = end
        self.reason = reason
        self.status = status
    }
}

/// Review state of an exemption.
public enum ExemptionStatus: String, RegistryChoice {
    case approved, pending, rejected

    /// 中文, as the 报备与豁免 sheet shows it.
    public var chineseName: String {
        switch self {
        case .approved: return "已批准"
        case .pending: return "待审批"
        case .rejected: return "已驳回"
        }
    }
}

extension Exemption {
    /// Decodes one `exemptions.csv` row; nil when any cell is bad (the reader holds the issues).
    init?(row: inout RegistryRowReader) {
        let enterprise = row.required("enterprise_id")
        let start = row.timestamp("start")
        let end = row.timestamp("end")
        if let start, let end, end <= start, let a = row.text("start"), let b = row.text("end") {
            row.report("end", b, "end '\(b)' is not after start '\(a)'")
        }
        let status = row.choice("status", ExemptionStatus.self, required: true)
        guard row.isClean, let enterprise, let start, let end, let status else { return nil }
        self.init(enterpriseID: enterprise, facilityID: row.text("facility_id"), start: start, end: end,
                  reason: row.text("reason"), status: status)
    }
}
