/// The reduction a district must deliver during a response (SPEC §2 `targets.csv`, §9.5).
public struct Target: Sendable, Codable, Equatable {
    public var responseID: String
    public var districtCode: String
    /// Required VOCs reduction, kg/day. Any number is accepted: R ≤ 0 allocates 0 to all
    /// (SPEC §13.21).
    public var reductionKgPerDay: Double

    public init(responseID: String, districtCode: String, reductionKgPerDay: Double) {
        self.responseID = responseID
        self.districtCode = districtCode
        self.reductionKgPerDay = reductionKgPerDay
    }
}

extension Target {
    /// Decodes one `targets.csv` row; nil when any cell is bad (the reader holds the issues).
    init?(row: inout RegistryRowReader) {
        let response = row.required("response_id")
        let district = row.required("district_code")
        let r = row.number("reduction_kg_per_day", required: true)
        guard row.isClean, let response, let district, let r else { return nil }
        self.init(responseID: response, districtCode: district, reductionKgPerDay: r)
    }
}
