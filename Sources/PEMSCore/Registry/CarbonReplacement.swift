/// An activated-carbon replacement of an AC or AC+CO treatment facility (SPEC §2
/// `carbon.csv`, §9.4).
public struct CarbonReplacement: Sendable, Codable, Equatable {
    public var facilityID: String
    /// When the carbon was replaced (CST).
    public var replacedAt: Timestamp
    /// Carbon filled, kg (≥ 0); nil when blank (not used by any computation).
    public var fillKg: Double?

    public init(facilityID: String, replacedAt: Timestamp, fillKg: Double? = nil) {
        self.facilityID = facilityID
        self.replacedAt = replacedAt
        self.fillKg = fillKg
    }
}

extension CarbonReplacement {
    /// Decodes one `carbon.csv` row; nil when any cell is bad (the reader holds the issues).
    init?(row: inout RegistryRowReader) {
        let facility = row.required("facility_id")
        let at = row.timestamp("replaced_at")
        let fill = row.number("fill_kg", .nonNegative)
        guard row.isClean, let facility, let at else { return nil }
        self.init(facilityID: facility, replacedAt: at, fillKg: fill)
    }
}
