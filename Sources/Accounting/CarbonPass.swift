import Baselines
import PEMSCore

/// SPEC §9.4 over the days a computation steps through: each activated-carbon treatment
/// facility's life since its governing replacement (`CarbonTracker`), look-back days
/// included, and its status at the end of each day of the period.
struct CarbonPass {
    let from: Day
    let airflow: [AirflowShare]
    var trackers: [Int: CarbonTracker] = [:]
    private var days: [CarbonDayRecord] = []

    /// `airflow`: q of each facility (§9.1), shared with `DayAccounting`.
    init(registry: Registry, from: Day, airflow: [AirflowShare]) {
        self.from = from
        self.airflow = airflow
        for fi in registry.facilities.indices { trackers[fi] = CarbonTracker(facility: fi, registry: registry) }
    }

    /// Steps the trackers of the treatment facilities (`treatment`: their §5.4 conditions of
    /// the day) through `city`'s day; returns, per facility whose carbon is due at the day's
    /// end, the limits reached (what a CARBON_OVERDUE event shows).
    mutating func step(_ city: CityDay, treatment: [TreatmentDay?]) -> [Int: [String: Double]] {
        var due: [Int: [String: Double]] = [:]
        for (fi, t) in treatment.enumerated() {
            guard let t, var tracker = trackers[fi] else { continue }
            let isDue = tracker.step(city: city, condition: t.condition) {
                airflow[fi].q(slot: $0, condition: t.condition[$0], facility: fi, city: city)
            }
            trackers[fi] = tracker
            if city.day >= from, let status = tracker.record(date: city.day) { days.append(status) }
            if isDue { due[fi] = tracker.reachedLimits }
        }
        return due
    }

    /// The status rows of the period's days, by date and facility.
    var sortedDays: [CarbonDayRecord] { days.sorted { ($0.date, $0.facilityID) < ($1.date, $1.facilityID) } }
}
