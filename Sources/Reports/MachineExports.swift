import Accounting
import Foundation
import PEMSCore

/// The machine-readable exports of SPEC §12 for one computed period, written atomically
/// (each file goes to a temporary name in the folder, then is renamed).
public enum MachineExports {
    /// The files this build writes, in the order written.
    public static let fileNames = ["events.csv", "facility_day.csv", "enterprise_day.csv", "district_day.csv", "dq.csv",
                                   "allocation.csv", "reduction.csv", "revisions.csv", "evidence.jsonl", "outlet_day.csv",
                                   "exempted_events.csv", "gaps.csv"]

    public static func events(_ r: ComputationResult) -> CSVExport { events(r.events) }

    static func events(_ events: [EventRecord]) -> CSVExport {
        // SPEC 2 §12: `violating_minutes` follows `minutes`.
        var csv = CSVExport(header: ["rule", "enterprise_id", "facility_id", "start", "end", "minutes", "violating_minutes"])
        for e in events.sorted(by: EventRecord.exportOrder) {
            csv.append([e.rule.rawValue, e.enterpriseID, e.facilityID ?? "", e.start.description, e.end.description,
                        String(e.minutes), String(e.violatingMinutes)])
        }
        return csv
    }

    /// `exempted_events.csv` (issue 18, seed 001 §5.5.8, seed 003 附件4 报备): the events found
    /// when approved exemptions are ignored that an approved exemption reaches, with
    /// `events.csv`'s columns, then the exemption's and the minutes it took out of the count;
    /// one row per event and exemption, by the event's key, then the exemption's row in
    /// `exemptions.csv`.
    public static func exemptedEvents(_ records: [ExemptedEventRecord]) -> CSVExport {
        var csv = CSVExport(header: ["rule", "enterprise_id", "facility_id", "start", "end", "minutes", "violating_minutes",
                                     "exemption_enterprise_id", "exemption_facility_id", "exemption_start", "exemption_end",
                                     "exemption_reason", "suppressed_minutes"])
        for r in records.sorted(by: ExemptedEventRecord.exportOrder) {
            let e = r.event
            csv.append([e.rule.rawValue, e.enterpriseID, e.facilityID ?? "", e.start.description, e.end.description,
                        String(e.minutes), String(e.violatingMinutes), r.exemptionEnterpriseID, r.exemptionFacilityID ?? "",
                        r.exemptionStart.description, r.exemptionEnd.description, r.exemptionReason ?? "",
                        String(r.suppressedMinutes)])
        }
        return csv
    }

    static let facilityDayHeader = ["date", "facility_id", "enterprise_id", "kind", "completeness", "running_minutes",
                                    "energy_kwh", "baseline_power_kw", "sync_rate", "effective_rate", "collection_rate",
                                    "removal_rate", "stopped_minutes", "ineffective_minutes", "low_minutes",
                                    "generated_kg", "emitted_kg"]

    /// `outlet_day.csv` (key date, facility_id; issue 18, seed 000 §5.3.2.4 排放核算比对): every
    /// treatment facility-day whose outlet was measured, SPEC §9.2's estimate against the
    /// measurement; `flagged` 1 when `OutletComparison` lists the day, else 0.
    static let outletDayHeader = ["date", "facility_id", "enterprise_id", "measured_kg", "estimated_kg", "deviation",
                                  "flagged", "slots"]

    static func outletDayCells(_ f: FacilityDayRecord, _ o: OutletDay) -> [String] {
        let n = CSVExport.number
        return [f.date.description, f.facilityID, f.enterpriseID, n(o.measuredKg), n(o.estimatedKg), n(o.deviation),
                o.flagged ? "1" : "0", String(o.slots)]
    }

    static func facilityDayCells(_ f: FacilityDayRecord) -> [String] {
        let n = CSVExport.number, i = CSVExport.integer
        return [f.date.description, f.facilityID, f.enterpriseID, f.kind.rawValue, n(f.completeness),
                String(f.runningMinutes), n(f.energyKWh), n(f.baselinePowerKW), n(f.syncRate), n(f.effectiveRate),
                n(f.collectionRate), n(f.removalRate), i(f.stoppedMinutes), i(f.ineffectiveMinutes),
                i(f.lowMinutes), n(f.generatedKg), n(f.emittedKg)]
    }

    public static func facilityDay(_ r: ComputationResult) -> CSVExport {
        var csv = CSVExport(header: facilityDayHeader)
        for f in r.facilityDays.sorted(by: { ($0.date, $0.facilityID) < ($1.date, $1.facilityID) }) {
            csv.append(facilityDayCells(f))
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

    /// SPEC §12 `revisions.csv` (§13.35): every replaced reading of the period, in key order
    /// (mn, code, param, time, then load order); values written as every other number.
    public static func revisions(_ records: [RevisionRecord]) -> CSVExport {
        var csv = CSVExport(header: ["time", "mn", "code", "param", "old_value", "new_value"])
        let n = CSVExport.number
        for r in records.sorted(by: RevisionRecord.exportOrder) {
            csv.append([r.time.description, r.mn, r.code, r.param, n(r.oldValue), n(r.newValue)])
        }
        return csv
    }

    /// `gaps.csv` (key mn, point_id, from; issue 18, seed 001 §5.5.2 补采): the period's runs
    /// of missing slots (SPEC §4) per point, joined over midnight (`GapRuns.merged`); `from`
    /// the first missing slot's start, `to` exclusive, both CST `YYYY-MM-DD HH:MM`.
    public static func gaps(_ records: [PointGapRecord]) -> CSVExport {
        var csv = CSVExport(header: ["mn", "point_id", "enterprise_id", "from", "to", "missing_slots"])
        func minute(_ t: Timestamp) -> String { String(t.description.prefix(16)) }
        for g in GapRuns.merged(records) {
            csv.append([g.mn, g.pointID, g.enterpriseID, minute(g.start), minute(g.end), String(g.slots)])
        }
        return csv
    }

    static let dqHeader = ["date", "point_id", "enterprise_id", "check"]

    static func dqCells(_ d: DQFinding) -> [String] { [d.date.description, d.pointID, d.enterpriseID, d.check.rawValue] }

    public static func dq(_ r: ComputationResult) -> CSVExport {
        var csv = CSVExport(header: dqHeader)
        for d in r.dq.sorted(by: DQFinding.exportOrder) { csv.append(dqCells(d)) }
        return csv
    }

    /// One JSON object per event, in `events.csv` order, with the evidence (keys sorted).
    public static func evidence(_ r: ComputationResult) throws -> String { try evidence(r.events) }

    static func evidence(_ events: [EventRecord]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var s = ""
        for e in events.sorted(by: EventRecord.exportOrder) {
            s += String(decoding: try encoder.encode(e), as: UTF8.self) + "\n"
        }
        return s
    }

    /// Writes every export into `directory` (created if needed); returns the paths written.
    @discardableResult
    public static func write(_ r: ComputationResult, to directory: URL) throws -> [URL] {
        try write(rows: PeriodRows(r), to: directory)
    }

    /// Writes every export of a period's rows into `directory` (created if needed); returns
    /// the paths written. `facility_day.csv` and `dq.csv` are written as their rows stream
    /// (a stored city-scale month is never loaded whole, issue 5); each file appears whole.
    @discardableResult
    public static func write(rows: PeriodRows, to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let accounting = try PeriodAccounting(rows: rows)
        var written: [URL] = []
        func text(_ name: String, _ text: String) throws {
            let url = directory.appendingPathComponent(name)
            try Data(text.utf8).write(to: url, options: .atomic)
            written.append(url)
            try FailurePoint.reached("wrote \(name)")
        }
        func streamed(_ name: String, header: [String], _ rows: (CSVFile) throws -> Void) throws {
            let file = try CSVFile(url: directory.appendingPathComponent(name), header: header)
            try rows(file)
            try file.finish()
            written.append(file.url)
            try FailurePoint.reached("wrote \(name)")
        }
        try text("events.csv", events(rows.events).text)
        try streamed("facility_day.csv", header: facilityDayHeader) { file in
            try rows.forEachFacilityDay(byDateAndFacility: true) { try file.append(facilityDayCells($0)) }
        }
        try text("enterprise_day.csv", enterpriseDay(accounting.rollup).text)
        try text("district_day.csv", districtDay(accounting.rollup).text)
        try streamed("dq.csv", header: dqHeader) { file in
            try rows.forEachFinding(exportOrder: true) { try file.append(dqCells($0)) }
        }
        try text("allocation.csv", allocation(accounting.allocations).text)
        try text("reduction.csv", reduction(accounting.reductions).text)
        try text("revisions.csv", revisions(rows.revisions).text)
        try text("evidence.jsonl", try evidence(rows.events))
        let maxDeviation = rows.settings.outletMaxDeviation
        try streamed("outlet_day.csv", header: outletDayHeader) { file in
            try rows.forEachFacilityDay(byDateAndFacility: true) { f in
                if let o = OutletDay(f, maxDeviation: maxDeviation) { try file.append(outletDayCells(f, o)) }
            }
        }
        try text("exempted_events.csv", exemptedEvents(rows.exemptedEvents).text)
        try text("gaps.csv", gaps(rows.gaps).text)
        return written
    }
}
