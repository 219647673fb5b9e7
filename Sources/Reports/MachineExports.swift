import Accounting
import Foundation
import PEMSCore

/// The machine-readable exports of SPEC §12 for one computed period, written atomically
/// (each file goes to a temporary name in the folder, then is renamed).
public enum MachineExports {
    /// The files this build writes, in the order written.
    public static let fileNames = ["events.csv", "facility_day.csv", "enterprise_day.csv", "district_day.csv", "dq.csv",
                                   "allocation.csv", "reduction.csv", "evidence.jsonl"]

    public static func events(_ r: ComputationResult) -> CSVExport {
        var csv = CSVExport(header: ["rule", "enterprise_id", "facility_id", "start", "end", "minutes"])
        for e in r.events.sorted(by: EventRecord.exportOrder) {
            csv.append([e.rule.rawValue, e.enterpriseID, e.facilityID ?? "", e.start.description, e.end.description,
                        String(e.minutes)])
        }
        return csv
    }

    public static func facilityDay(_ r: ComputationResult) -> CSVExport {
        var csv = CSVExport(header: ["date", "facility_id", "enterprise_id", "kind", "completeness", "running_minutes",
                                     "energy_kwh", "baseline_power_kw", "sync_rate", "effective_rate", "collection_rate",
                                     "removal_rate", "stopped_minutes", "ineffective_minutes", "low_minutes",
                                     "generated_kg", "emitted_kg"])
        let n = CSVExport.number, i = CSVExport.integer
        for f in r.facilityDays.sorted(by: { ($0.date, $0.facilityID) < ($1.date, $1.facilityID) }) {
            csv.append([f.date.description, f.facilityID, f.enterpriseID, f.kind.rawValue, n(f.completeness),
                        String(f.runningMinutes), n(f.energyKWh), n(f.baselinePowerKW), n(f.syncRate), n(f.effectiveRate),
                        n(f.collectionRate), n(f.removalRate), i(f.stoppedMinutes), i(f.ineffectiveMinutes),
                        i(f.lowMinutes), n(f.generatedKg), n(f.emittedKg)])
        }
        return csv
    }

    /// SPEC §12 `enterprise_day.csv` (§13.25: energy is the sum of its facilities').
    public static func enterpriseDay(_ rollup: AccountingRollup) -> CSVExport {
        var csv = CSVExport(header: ["date", "enterprise_id", "district_code", "industry", "energy_kwh", "generated_kg",
                                     "emitted_kg", "events", "sync_rate"])
        let n = CSVExport.number
        for e in rollup.enterpriseDays() {
            csv.append([e.date.description, e.enterpriseID, e.districtCode, e.industry.rawValue, n(e.energyKWh),
                        n(e.generatedKg), n(e.emittedKg), String(e.events), n(e.syncRate)])
        }
        return csv
    }

    /// SPEC §12 `district_day.csv`: every district of the registry on every date.
    public static func districtDay(_ rollup: AccountingRollup) -> CSVExport {
        var csv = CSVExport(header: ["date", "district_code", "enterprises", "emitted_kg", "events", "sync_rate",
                                     "rank_emitted"])
        let n = CSVExport.number
        for d in rollup.districtDays() {
            csv.append([d.date.description, d.districtCode, String(d.enterprises), n(d.emittedKg), String(d.events),
                        n(d.syncRate), String(d.rankEmitted)])
        }
        return csv
    }

    /// SPEC §12 `allocation.csv` (§9.5).
    public static func allocation(_ records: [AllocationRecord]) -> CSVExport {
        var csv = CSVExport(header: ["response_id", "district_code", "enterprise_id", "baseline_kg_per_day",
                                     "cap_kg_per_day", "allocated_kg_per_day"])
        let n = CSVExport.number
        for a in records.sorted(by: { ($0.responseID, $0.enterpriseID) < ($1.responseID, $1.enterpriseID) }) {
            csv.append([a.responseID, a.districtCode, a.enterpriseID, n(a.baselineKgPerDay), n(a.capKgPerDay),
                        n(a.allocatedKgPerDay)])
        }
        return csv
    }

    /// SPEC §12 `reduction.csv` (§9.3).
    public static func reduction(_ records: [ReductionRecord]) -> CSVExport {
        var csv = CSVExport(header: ["response_id", "date", "enterprise_id", "baseline_kg", "emitted_kg", "reduction_kg"])
        let n = CSVExport.number
        for r in records.sorted(by: { ($0.responseID, $0.date, $0.enterpriseID) < ($1.responseID, $1.date, $1.enterpriseID) }) {
            csv.append([r.responseID, r.date.description, r.enterpriseID, n(r.baselineKg), n(r.emittedKg), n(r.reductionKg)])
        }
        return csv
    }

    public static func dq(_ r: ComputationResult) -> CSVExport {
        var csv = CSVExport(header: ["date", "point_id", "enterprise_id", "check"])
        for d in r.dq.sorted(by: DQFinding.exportOrder) {
            csv.append([d.date.description, d.pointID, d.enterpriseID, d.check.rawValue])
        }
        return csv
    }

    /// One JSON object per event, in `events.csv` order, with the evidence (keys sorted).
    public static func evidence(_ r: ComputationResult) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var s = ""
        for e in r.events.sorted(by: EventRecord.exportOrder) {
            s += String(decoding: try encoder.encode(e), as: UTF8.self) + "\n"
        }
        return s
    }

    /// Writes every export into `directory` (created if needed); returns the paths written.
    @discardableResult
    public static func write(_ r: ComputationResult, to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let accounting = PeriodAccounting(r)
        let contents: [(String, String)] = [
            ("events.csv", events(r).text), ("facility_day.csv", facilityDay(r).text),
            ("enterprise_day.csv", enterpriseDay(accounting.rollup).text),
            ("district_day.csv", districtDay(accounting.rollup).text), ("dq.csv", dq(r).text),
            ("allocation.csv", allocation(accounting.allocations).text),
            ("reduction.csv", reduction(accounting.reductions).text), ("evidence.jsonl", try evidence(r)),
        ]
        var written: [URL] = []
        for (name, text) in contents {
            let url = directory.appendingPathComponent(name)
            try Data(text.utf8).write(to: url, options: .atomic)
            written.append(url)
        }
        return written
    }
}
