/// Stored daily results over a range of CST dates, each date from the newest computation
/// covering it (`Store.dailyResults(from:to:)`): what week and month roll-ups, rankings and
/// period comparisons read instead of recomputing slots.
public struct DailyResults: Sendable {
    /// The dates present, ascending.
    public var dates: [Day] = []
    public var facilityDays: [FacilityDayRecord] = []
    /// Events overlapping any of the dates (each once), in export order.
    public var events: [EventRecord] = []
    public var carbonDays: [CarbonDayRecord] = []

    public init(dates: [Day] = [], facilityDays: [FacilityDayRecord] = [], events: [EventRecord] = [],
                carbonDays: [CarbonDayRecord] = []) {
        self.dates = dates
        self.facilityDays = facilityDays
        self.events = events
        self.carbonDays = carbonDays
    }
}
