/// One row of SPEC §12 `district_day.csv`: a district of the registry on a CST day (every
/// district has a row, §13.25).
public struct DistrictDayRecord: Sendable, Codable, Equatable {
    public var date: Day
    public var districtCode: String
    /// Registered enterprises of the district.
    public var enterprises: Int
    /// kg: the sum of its enterprises' emitted VOCs.
    public var emittedKg: Double
    /// §7 events of its enterprises that start on the date.
    public var events: Int
    /// Σ non-STOPPED slots and Σ |N| over its enterprises' treatment facilities.
    public var syncSlots: Int
    public var nSlots: Int
    /// 1 for the largest `emittedKg` that day, over all districts; ties by district code.
    public var rankEmitted: Int

    public init(date: Day, districtCode: String, enterprises: Int, emittedKg: Double, events: Int, syncSlots: Int,
                nSlots: Int, rankEmitted: Int) {
        self.date = date
        self.districtCode = districtCode
        self.enterprises = enterprises
        self.emittedKg = emittedKg
        self.events = events
        self.syncSlots = syncSlots
        self.nSlots = nSlots
        self.rankEmitted = rankEmitted
    }

    /// 同步率: Σ non-STOPPED / Σ |N|; nil when Σ |N| = 0.
    public var syncRate: Double? { TreatmentRates.sync(syncSlots: syncSlots, nSlots: nSlots) }
}
