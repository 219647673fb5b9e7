import PEMSCore

/// A production facility's, or a district's, reduction on one day of a response (SPEC §9.3).
public struct ReductionRow: Sendable, Equatable {
    public var responseID: String
    public var date: Day
    /// The facility id or district code.
    public var code: String
    /// kg; nil when no baseline (for a district: when none of its enterprises has one).
    public var baselineKg: Double?
    /// kg emitted that day (for a district: by the enterprises that have a baseline, so the
    /// difference compares like with like; all of them when none has one).
    public var emittedKg: Double
    /// Enterprises left out for lack of a baseline (districts only).
    public var withoutBaseline: Int
    public var reductionKg: Double? { baselineKg.map { $0 - emittedKg } }
}

/// SPEC §9.3 减排量: each production facility's baseline daily emission = baseline energy ×
/// voc_kg_per_kwh × (1 − design_collection × (1 − Π(1 − design_removal_i))) over its linked
/// treatment facilities; reduction per day = baseline − actual emitted (may be negative).
/// The baseline is §6 as of each date; an enterprise has none if any of its production
/// facilities lacks one; one row per explicit response × date it overlaps × enterprise of its
/// districts; implicit heat days get none (§13.20). Works from stored facility-days.
public enum ReductionAccounting {
    /// kg of baseline emission per kWh of baseline energy of production facility `id`.
    public static func emissionFactor(facility id: String, registry: Registry) -> Double {
        guard let f = registry.facility(id: id) else { return 0 }
        var pass = 1.0
        for t in registry.treatmentFacilities(linkedTo: id) { pass *= 1 - t.designRemovalOrDefault }
        return (f.vocKgPerKWh ?? 0) * (1 - f.designCollectionOrDefault * (1 - pass))
    }

    /// kg/day: an enterprise's baseline daily emission given each production facility's
    /// baseline energy (kWh, nil = unavailable); nil when any of them lacks one.
    public static func enterpriseBaselineKg(enterprise id: String, registry: Registry,
                                            baselineEnergy: (String) -> Double?) -> Double? {
        var total = 0.0
        for f in registry.facilities(ofEnterprise: id) where f.kind == .production {
            guard let e = baselineEnergy(f.id) else { return nil }
            total += e * emissionFactor(facility: f.id, registry: registry)
        }
        return total
    }

    /// The dates of `dates` an explicit response overlaps.
    static func overlapped(_ r: Response, _ dates: [Day]) -> [Day] {
        dates.filter { r.start < $0.adding(days: 1).start && r.end > $0.start }
    }

    /// SPEC §12 `reduction.csv` rows for the dates of `rollup`, sorted by response, date and
    /// enterprise.
    public static func enterpriseReductions(_ rollup: AccountingRollup, facilityDays: [FacilityDayRecord])
        -> [ReductionRecord] {
        var energy: [Day: [String: Double?]] = [:]
        for f in facilityDays where f.kind == .production { energy[f.date, default: [:]][f.facilityID] = f.baselineEnergyKWh }
        return enterpriseReductions(rollup, baselineEnergy: energy)
    }

    /// `enterpriseReductions(_:facilityDays:)` from the §6 baseline energy (kWh) of each
    /// production facility by date, which is all it reads of the facility-days; a caller
    /// streaming them keeps just this, for the dates a response overlaps.
    public static func enterpriseReductions(_ rollup: AccountingRollup, baselineEnergy energy: [Day: [String: Double?]])
        -> [ReductionRecord] {
        let registry = rollup.registry
        var emitted: [Day: [String: Double]] = [:]
        for e in rollup.enterpriseDays() { emitted[e.date, default: [:]][e.enterpriseID] = e.emittedKg }
        var out: [ReductionRecord] = []
        for r in registry.responses {
            for date in overlapped(r, rollup.dates) {
                for e in registry.enterprises where r.covers(districtCode: e.districtCode) {
                    let baseline = enterpriseBaselineKg(enterprise: e.id, registry: registry) { energy[date]?[$0] ?? nil }
                    out.append(ReductionRecord(responseID: r.id, date: date, enterpriseID: e.id, baselineKg: baseline,
                                               emittedKg: emitted[date]?[e.id] ?? 0))
                }
            }
        }
        return out.sorted { ($0.responseID, $0.date, $0.enterpriseID) < ($1.responseID, $1.date, $1.enterpriseID) }
    }

    /// Per production facility, for each explicit response × date it overlaps.
    public static func facilityReductions(registry: Registry, facilityDays: [FacilityDayRecord]) -> [ReductionRow] {
        var out: [ReductionRow] = []
        let dates = Array(Set(facilityDays.map(\.date))).sorted()
        for r in registry.responses {
            let days = Set(overlapped(r, dates))
            for f in facilityDays where f.kind == .production && days.contains(f.date) {
                guard let e = registry.enterprise(id: f.enterpriseID), r.covers(districtCode: e.districtCode) else { continue }
                let baseline = f.baselineEnergyKWh.map { $0 * emissionFactor(facility: f.facilityID, registry: registry) }
                out.append(ReductionRow(responseID: r.id, date: f.date, code: f.facilityID, baselineKg: baseline,
                                        emittedKg: f.emittedKg ?? 0, withoutBaseline: 0))
            }
        }
        return out.sorted { ($0.responseID, $0.date, $0.code) < ($1.responseID, $1.date, $1.code) }
    }

    /// Per district: the enterprise rows summed over the enterprises that have a baseline.
    public static func districtReductions(_ rows: [ReductionRecord], registry: Registry) -> [ReductionRow] {
        struct Key: Hashable { var response: String; var date: Day; var district: String }
        var acc: [Key: ReductionRow] = [:]
        var allEmitted: [Key: Double] = [:]
        for row in rows {
            guard let e = registry.enterprise(id: row.enterpriseID) else { continue }
            let k = Key(response: row.responseID, date: row.date, district: e.districtCode)
            var d = acc[k] ?? ReductionRow(responseID: row.responseID, date: row.date, code: e.districtCode,
                                           baselineKg: nil, emittedKg: 0, withoutBaseline: 0)
            allEmitted[k, default: 0] += row.emittedKg
            if let b = row.baselineKg {
                d.baselineKg = (d.baselineKg ?? 0) + b
                d.emittedKg += row.emittedKg
            } else {
                d.withoutBaseline += 1
            }
            acc[k] = d
        }
        for (k, v) in acc where v.baselineKg == nil { acc[k]?.emittedKg = allEmitted[k] ?? 0 }
        return acc.values.sorted { ($0.responseID, $0.date, $0.code) < ($1.responseID, $1.date, $1.code) }
    }
}
