import Baselines
import PEMSCore

/// What `PeriodComputation` gathers for SPEC §9 while it steps through a period's days: the
/// slot-level accounting of each day of the period (`DayAccounting`), the §9.4
/// activated-carbon status per facility-day, and the production facilities' baseline energy
/// on the first day of each response overlapping the period (§9.5, possibly a look-back day).
struct AccountingPass {
    let registry: Registry
    let from: Day
    var slots: DayAccounting
    var baselines: ResponseBaselineCapture
    private(set) var carbonDays: [CarbonDayRecord] = []
    /// Index in the facility rows of the current day's first row.
    var firstRow = 0

    init(registry: Registry, topology: CityTopology, clock: SlotClock, from: Day, to: Day) {
        self.registry = registry
        self.from = from
        slots = DayAccounting(registry: registry, topology: topology, clock: clock)
        baselines = ResponseBaselineCapture(registry: registry, from: from, to: to)
    }

    /// A day was stepped (look-back or period); `rowCount` = facility rows so far.
    mutating func begin(_ city: CityDay, rowCount: Int) {
        baselines.observe(city, registry: registry)
        firstRow = rowCount
    }

    /// A treatment facility's conditions for the day (period days only).
    mutating func keep(facility fi: Int, _ day: TreatmentDay) { slots.keep(facility: fi, day) }

    /// The carbon status at the end of a period day.
    mutating func carbon(_ tracker: CarbonTracker, day: Day) {
        guard day >= from, let status = tracker.record(date: day) else { return }
        carbonDays.append(status)
    }

    /// Fills the accounting columns of the day's rows (period days only).
    mutating func finish(_ city: CityDay, rows: inout [FacilityDayRecord]) {
        guard city.day >= from else { return }
        slots.finish(city: city, rows: &rows, firstRow: firstRow)
    }

    /// The carbon status rows, by date and facility.
    var sortedCarbonDays: [CarbonDayRecord] { carbonDays.sorted { ($0.date, $0.facilityID) < ($1.date, $1.facilityID) } }
}
