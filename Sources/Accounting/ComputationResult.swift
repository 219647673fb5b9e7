import PEMSCore

/// What `PeriodComputation` found for a period `[from, to]` (CST days, inclusive): the §12
/// facility-day rows, the events that overlap the period and the data-quality findings,
/// with the settings and registry version they were computed under.
public struct ComputationResult: Sendable {
    public var from: Day
    public var to: Day
    public var settings: Settings
    public var registryVersion: Int?
    public var facilityDays: [FacilityDayRecord]
    public var events: [EventRecord]
    public var dq: [DQFinding]
    /// The first day stepped through (look-back included).
    public var streamedFrom: Day
    /// Facility-days computed, look-back included (the benchmark's unit).
    public var facilityDaysComputed: Int
    /// Look-back days read from the day cache, and days read and then cached (the summary).
    public var dayCacheHits = 0
    public var dayCacheWrites = 0

    public init(from: Day, to: Day, settings: Settings, registryVersion: Int?, facilityDays: [FacilityDayRecord],
                events: [EventRecord], dq: [DQFinding], streamedFrom: Day, facilityDaysComputed: Int) {
        self.from = from
        self.to = to
        self.settings = settings
        self.registryVersion = registryVersion
        self.facilityDays = facilityDays
        self.events = events
        self.dq = dq
        self.streamedFrom = streamedFrom
        self.facilityDaysComputed = facilityDaysComputed
    }
}
