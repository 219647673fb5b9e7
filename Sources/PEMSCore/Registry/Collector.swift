/// A data collector (数采仪), known by its MN; it belongs to one enterprise, and an
/// enterprise may have several (SPEC §2 `collectors.csv`).
public struct Collector: Sendable, Codable, Equatable {
    /// The MN as sent in the packets' `MN=` field.
    public var mn: String
    public var enterpriseID: String

    public init(mn: String, enterpriseID: String) {
        self.mn = mn
        self.enterpriseID = enterpriseID
    }
}

extension Collector {
    /// Decodes one `collectors.csv` row; nil when any cell is bad (the reader holds the issues).
    init?(row: inout RegistryRowReader) {
        let mn = row.required("mn")
        let enterprise = row.required("enterprise_id")
        guard row.isClean, let mn, let enterprise else { return nil }
        self.init(mn: mn, enterpriseID: enterprise)
    }
}
