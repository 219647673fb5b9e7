/// One row of SPEC §12 `reduction.csv`: an enterprise's VOCs reduction on one CST day of an
/// explicit response (§9.3, §13.20).
public struct ReductionRecord: Sendable, Codable, Equatable {
    public var responseID: String
    public var date: Day
    public var enterpriseID: String
    /// kg: Σ over its production facilities of baseline energy × voc_kg_per_kwh ×
    /// (1 − design_collection × (1 − Π(1 − design_removal_i))), the baseline as of the date;
    /// nil when any of its production facilities has no baseline.
    public var baselineKg: Double?
    /// kg: what it emitted that day (§9.2).
    public var emittedKg: Double
    /// kg: baseline − emitted (may be negative); nil without a baseline.
    public var reductionKg: Double? { baselineKg.map { $0 - emittedKg } }

    public init(responseID: String, date: Day, enterpriseID: String, baselineKg: Double?, emittedKg: Double) {
        self.responseID = responseID
        self.date = date
        self.enterpriseID = enterpriseID
        self.baselineKg = baselineKg
        self.emittedKg = emittedKg
    }
}
