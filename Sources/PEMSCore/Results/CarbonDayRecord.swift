/// The activated-carbon status of an AC or AC+CO treatment facility at the end of a CST day
/// (SPEC §9.4, §13.17): what the carbon has been through since the latest replacement at or
/// before the day's end. Only facilities with a replacement record have one.
public struct CarbonDayRecord: Sendable, Codable, Equatable {
    public var date: Day
    public var facilityID: String
    public var enterpriseID: String
    /// The replacement the status counts from (CST).
    public var replacedAt: Timestamp
    /// Hours the facility ran since `replacedAt`.
    public var runningHours: Double
    /// kWh over all present slots since `replacedAt`.
    public var energyKWh: Double
    /// m³: `design_airflow × q × S/60` summed over running slots since `replacedAt`.
    public var airVolumeM3: Double
    /// Fractional days from `replacedAt` to the end of the day.
    public var days: Double
    /// `max(0, 1 − max(ratio to each limit set))`; nil when no limit is set.
    public var remainingCapacity: Double?
    /// Whether any limit was reached (≥) by the end of the day: a CARBON_OVERDUE day.
    public var due: Bool
    /// The limits reached, in a fixed order: `days`, `hours`, `kWh`, `m3`.
    public var reached: [String]

    public init(date: Day, facilityID: String, enterpriseID: String, replacedAt: Timestamp, runningHours: Double,
                energyKWh: Double, airVolumeM3: Double, days: Double, remainingCapacity: Double?, due: Bool,
                reached: [String]) {
        self.date = date
        self.facilityID = facilityID
        self.enterpriseID = enterpriseID
        self.replacedAt = replacedAt
        self.runningHours = runningHours
        self.energyKWh = energyKWh
        self.airVolumeM3 = airVolumeM3
        self.days = days
        self.remainingCapacity = remainingCapacity
        self.due = due
        self.reached = reached
    }
}
