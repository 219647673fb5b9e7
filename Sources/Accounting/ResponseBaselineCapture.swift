import Baselines
import PEMSCore

/// Captures, while a computation steps through days, each production facility's §6 baseline
/// energy on the first day of every explicit response that overlaps the period (SPEC §9.5,
/// §13.21: the allocation uses the baseline on the response's first day, which may lie in
/// the look-back). Implicit heat days get no allocation (§13.20) and are not captured.
struct ResponseBaselineCapture {
    /// Per response overlapping the period: its first day and the production facilities of
    /// the enterprises in its districts.
    let wanted: [(response: Response, day: Day, facilities: [Int])]
    private(set) var captured: [ResponseBaseline] = []

    init(registry: Registry, from: Day, to: Day) {
        let periodStart = from.start, periodEnd = to.adding(days: 1).start
        var wanted: [(Response, Day, [Int])] = []
        for r in registry.responses where r.start < periodEnd && r.end > periodStart {
            var facilities: [Int] = []
            for (fi, f) in registry.facilities.enumerated() where f.kind == .production {
                guard let e = registry.enterprise(id: f.enterpriseID), r.covers(districtCode: e.districtCode) else { continue }
                facilities.append(fi)
            }
            wanted.append((r, r.start.day, facilities))
        }
        self.wanted = wanted
    }

    mutating func observe(_ city: CityDay, registry: Registry) {
        observe(day: city.day, registry: registry) { city.baselines[$0] }
    }

    /// The same for a day stepped over without its `CityDay` (a look-back day taken from its
    /// summary): `baseline` gives a facility's baseline as of the day.
    mutating func observe(day: Day, registry: Registry, baseline: (Int) -> Baseline?) {
        for (r, first, facilities) in wanted where first == day {
            for fi in facilities {
                captured.append(ResponseBaseline(responseID: r.id, date: day, facilityID: registry.facilities[fi].id,
                                                 baselineEnergyKWh: baseline(fi)?.energyKWh))
            }
        }
    }
}
