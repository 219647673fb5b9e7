/// A production facility's §6 baseline energy on the first day of an explicit response
/// (SPEC §9.5, §13.21: the allocation uses the baseline on the response's first day). Captured
/// while a computation steps through that day, look-back days included, and stored with it.
public struct ResponseBaseline: Sendable, Codable, Equatable {
    public var responseID: String
    /// The response's first CST day.
    public var date: Day
    public var facilityID: String
    /// kWh; nil when the facility's baseline is unavailable that day.
    public var baselineEnergyKWh: Double?

    public init(responseID: String, date: Day, facilityID: String, baselineEnergyKWh: Double?) {
        self.responseID = responseID
        self.date = date
        self.facilityID = facilityID
        self.baselineEnergyKWh = baselineEnergyKWh
    }
}
