import PEMSCore

/// What `PeriodComputation` found for a period `[from, to]` (CST days, inclusive): the §12
/// facility-day rows (with the §9.1/§9.2 accounting columns), the events that overlap the
/// period, the data-quality findings, the §9.4 activated-carbon status per facility-day and
/// the baselines on the first day of each response (§9.5), with the registry, settings and
/// registry version they were computed under. Roll-ups, reductions, allocation and rankings
/// are computed from these rows (`AccountingRollup`, `ReductionAccounting`,
/// `ReductionAllocation`, `Ranking`).
public struct ComputationResult: Sendable {
    public var from: Day
    public var to: Day
    public var settings: Settings
    public var registryVersion: Int?
    /// The registry the period was computed with (the version in force on `to`).
    public var registry: Registry
    public var facilityDays: [FacilityDayRecord]
    public var events: [EventRecord]
    public var dq: [DQFinding]
    /// §9.4 per activated-carbon facility-day of the period (facilities with a replacement).
    public var carbonDays: [CarbonDayRecord]
    /// §6 baseline energy of each production facility on the first day of each explicit
    /// response overlapping the period.
    public var responseBaselines: [ResponseBaseline]
    /// The first day stepped through (look-back included).
    public var streamedFrom: Day
    /// Facility-days computed, look-back included (the benchmark's unit).
    public var facilityDaysComputed: Int
    /// Look-back days read from the day cache, and days read and then cached (the summary).
    public var dayCacheHits = 0
    public var dayCacheWrites = 0
    /// Look-back days taken from their day summaries, and summaries written.
    public var daySummaryHits = 0
    public var daySummaryWrites = 0
    /// Look-back days finished from their open entries (an earlier period's last day), and
    /// open entries written (this period's last day).
    public var openDayHits = 0
    public var openDayWrites = 0
    /// Look-back days whose threshold history was taken from their tops, and tops written;
    /// points whose θ (or §8 p90) the tops could not settle, so their days were read whole
    /// (docs/COMPUTE.md "Day tops").
    public var dayTopsHits = 0
    public var dayTopsWrites = 0
    public var unsettledThresholds = 0
    /// The replaced readings whose time lies in the period (SPEC §12 `revisions.csv`, §13.35),
    /// in export order: input history read from the store, not computed.
    public var revisions: [RevisionRecord] = []
    /// Issue 18: the events found when approved exemptions are ignored that an approved
    /// exemption reaches, one row per event and exemption (`exempted_events.csv`), in
    /// `ExemptedEventRecord.exportOrder`.
    public var exemptedEvents: [ExemptedEventRecord] = []
    /// SPEC §4 missing-slot runs of every point and day of the period (补采清单), in
    /// `PointGapRecord.listOrder`.
    public var gaps: [PointGapRecord] = []

    public init(from: Day, to: Day, settings: Settings, registryVersion: Int?, registry: Registry,
                facilityDays: [FacilityDayRecord], events: [EventRecord], dq: [DQFinding],
                carbonDays: [CarbonDayRecord], responseBaselines: [ResponseBaseline], streamedFrom: Day,
                facilityDaysComputed: Int) {
        self.from = from
        self.to = to
        self.settings = settings
        self.registryVersion = registryVersion
        self.registry = registry
        self.facilityDays = facilityDays
        self.events = events
        self.dq = dq
        self.carbonDays = carbonDays
        self.responseBaselines = responseBaselines
        self.streamedFrom = streamedFrom
        self.facilityDaysComputed = facilityDaysComputed
    }
}
