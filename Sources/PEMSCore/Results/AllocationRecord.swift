/// One row of SPEC §12 `allocation.csv`: an enterprise's share of its district's reduction
/// target for a response (§9.5 智能减排分配, "多排多限、少排少限、不排不限").
public struct AllocationRecord: Sendable, Codable, Equatable {
    public var responseID: String
    public var districtCode: String
    public var enterpriseID: String
    /// kg/day: e_i, the enterprise's §9.3 baseline daily emission on the response's first day;
    /// nil when unavailable (the enterprise is then left out of the allocation, §13.21).
    public var baselineKgPerDay: Double?
    /// kg/day: `(1 − min_load_ratio) × e_i`, 0 for performance grade A; nil with e_i.
    public var capKgPerDay: Double?
    /// kg/day: r_i = min(cap_i, λ·e_i); nil with e_i.
    public var allocatedKgPerDay: Double?

    public init(responseID: String, districtCode: String, enterpriseID: String, baselineKgPerDay: Double?,
                capKgPerDay: Double?, allocatedKgPerDay: Double?) {
        self.responseID = responseID
        self.districtCode = districtCode
        self.enterpriseID = enterpriseID
        self.baselineKgPerDay = baselineKgPerDay
        self.capKgPerDay = capKgPerDay
        self.allocatedKgPerDay = allocatedKgPerDay
    }
}
