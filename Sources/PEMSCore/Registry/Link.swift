/// Which treatment facility handles a production facility's exhaust (SPEC §2 `links.csv`).
/// Many-to-many; several treatment facilities on one production facility act in series.
/// Both facilities belong to the same enterprise.
public struct Link: Sendable, Codable, Equatable, Hashable {
    public var productionFacilityID: String
    public var treatmentFacilityID: String

    public init(productionFacilityID: String, treatmentFacilityID: String) {
        self.productionFacilityID = productionFacilityID
        self.treatmentFacilityID = treatmentFacilityID
    }
}

extension Link {
    /// Decodes one `links.csv` row; nil when any cell is bad (the reader holds the issues).
    init?(row: inout RegistryRowReader) {
        let p = row.required("production_facility_id")
        let t = row.required("treatment_facility_id")
        guard row.isClean, let p, let t else { return nil }
        self.init(productionFacilityID: p, treatmentFacilityID: t)
    }
}
