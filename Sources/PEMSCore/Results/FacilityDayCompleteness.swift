/// The part of a stored facility-day (`FacilityDayRecord`) that says how complete its data
/// was (SPEC §4 completeness): what the 数据完整率 sheet lists and the job's partial-day check
/// averages. Read on its own because a city-scale month has half a million facility-days and
/// these lists need five of their thirty columns.
public struct FacilityDayCompleteness: Sendable, Equatable {
    /// The facility-day's date (CST).
    public var date: Day
    public var facilityID: String
    public var enterpriseID: String
    public var kind: FacilityKind
    /// Share of the day's slots with data, 0…1.
    public var completeness: Double

    public init(date: Day, facilityID: String, enterpriseID: String, kind: FacilityKind, completeness: Double) {
        self.date = date
        self.facilityID = facilityID
        self.enterpriseID = enterpriseID
        self.kind = kind
        self.completeness = completeness
    }

    /// The same fields of a whole record (the rows of a computation held in memory).
    public init(_ f: FacilityDayRecord) {
        self.init(date: f.date, facilityID: f.facilityID, enterpriseID: f.enterpriseID, kind: f.kind, completeness: f.completeness)
    }
}
