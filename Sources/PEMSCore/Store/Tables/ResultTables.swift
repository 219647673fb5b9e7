import Foundation

/// The columns of the computation tables (schema v2, v4, v5): `computations` and the result
/// rows each computation owns, declared once (`TableColumns`).
enum ResultTables {
    /// SPEC §4–§8: one row per stored computation.
    static let computations = TableColumns<ComputationInfo>(table: "computations", owner: nil, columns: [
        Column("computation_id", "INTEGER", notNull: false, inserted: false,
               bind: { $0.id }, read: { $0.id = $1.int($2) }),
        .day("from_day", { $0.from }, { $0.from = $1 }),
        .day("to_day", { $0.to }, { $0.to = $1 }),
        .day("streamed_from", { $0.streamedFrom }, { $0.streamedFrom = $1 }),
        .integer("registry_version", { $0.registryVersion }, { $0.registryVersion = $1 }),
        .text("engine_version", { $0.engineVersion }, { $0.engineVersion = $1 }),
        .text("settings", { $0.settings }, { $0.settings = $1 }),
        .text("fingerprint", { $0.fingerprint }, { $0.fingerprint = $1 }),
        .text("started_at", { $0.startedAt }, { $0.startedAt = $1 }),
        .real("seconds", { $0.seconds }, { $0.seconds = $1 }),
        .integer("facility_days", { $0.facilityDaysComputed }, { $0.facilityDaysComputed = $1 }),
        .integer("events", { $0.events }, { $0.events = $1 }),
        .integer("findings", { $0.findings }, { $0.findings = $1 }),
    ], blank: ComputationInfo(id: 0, from: Day(index: 0), to: Day(index: 0), streamedFrom: Day(index: 0),
                              registryVersion: nil, engineVersion: "", settings: "", fingerprint: "", startedAt: "",
                              seconds: 0, facilityDaysComputed: 0))

    /// SPEC §4–§6, §9.1–§9.2 per facility and date (schema v2, §9 columns v4, hours v5).
    static let facilityDays = TableColumns<FacilityDayRecord>(table: "result_facility_days", owner: "computation_id", columns: [
        .day("date", { $0.date }, { $0.date = $1 }),
        .text("facility_id", { $0.facilityID }, { $0.facilityID = $1 }),
        .text("enterprise_id", { $0.enterpriseID }, { $0.enterpriseID = $1 }),
        .parsed("kind", { $0.kind }, { $0.kind = $1 }, text: { $0.rawValue }, parse: { FacilityKind(rawValue: $0) }),
        .real("completeness", { $0.completeness }, { $0.completeness = $1 }),
        .integer("running_minutes", { $0.runningMinutes }, { $0.runningMinutes = $1 }),
        .real("energy_kwh", { $0.energyKWh }, { $0.energyKWh = $1 }),
        .real("baseline_power_kw", { $0.baselinePowerKW }, { $0.baselinePowerKW = $1 }),
        .real("sync_rate", { $0.syncRate }, { $0.syncRate = $1 }),
        .real("effective_rate", { $0.effectiveRate }, { $0.effectiveRate = $1 }),
        .real("collection_rate", { $0.collectionRate }, { $0.collectionRate = $1 }),
        .real("removal_rate", { $0.removalRate }, { $0.removalRate = $1 }),
        .integer("stopped_minutes", { $0.stoppedMinutes }, { $0.stoppedMinutes = $1 }),
        .integer("ineffective_minutes", { $0.ineffectiveMinutes }, { $0.ineffectiveMinutes = $1 }),
        .integer("low_minutes", { $0.lowMinutes }, { $0.lowMinutes = $1 }),
        .real("generated_kg", { $0.generatedKg }, { $0.generatedKg = $1 }),
        .real("emitted_kg", { $0.emittedKg }, { $0.emittedKg = $1 }),
        .integer("n_slots", { $0.nSlots }, { $0.nSlots = $1 }),
        .integer("sync_slots", { $0.syncSlots }, { $0.syncSlots = $1 }),
        .real("baseline_energy_kwh", { $0.baselineEnergyKWh }, { $0.baselineEnergyKWh = $1 }),
        .real("captured_kg", { $0.capturedKg }, { $0.capturedKg = $1 }),
        .real("removed_kg", { $0.removedKg }, { $0.removedKg = $1 }),
        .integer("normal_slots", { $0.normalSlots }, { $0.normalSlots = $1 }),
        .integer("removal_slots", { $0.removalSlots }, { $0.removalSlots = $1 }),
        .real("outlet_measured_kg", { $0.outletMeasuredKg }, { $0.outletMeasuredKg = $1 }),
        .real("outlet_estimated_kg", { $0.outletEstimatedKg }, { $0.outletEstimatedKg = $1 }),
        .integer("outlet_slots", { $0.outletSlots }, { $0.outletSlots = $1 }),
        .text("hourly_conditions", { $0.hourlyConditions }, { $0.hourlyConditions = $1 }),
    ], blank: FacilityDayRecord(date: Day(index: 0), facilityID: "", enterpriseID: "", kind: .production,
                                completeness: 0, runningMinutes: 0, energyKWh: 0))

    /// The completeness columns of `facilityDays` alone (`FacilityDayCompleteness`): read, never
    /// inserted, so not one of the declarations checked against the live table.
    static let facilityDayCompleteness = TableColumns<FacilityDayCompleteness>(table: "result_facility_days", owner: "computation_id", columns: [
        .day("date", { $0.date }, { $0.date = $1 }),
        .text("facility_id", { $0.facilityID }, { $0.facilityID = $1 }),
        .text("enterprise_id", { $0.enterpriseID }, { $0.enterpriseID = $1 }),
        .parsed("kind", { $0.kind }, { $0.kind = $1 }, text: { $0.rawValue }, parse: { FacilityKind(rawValue: $0) }),
        .real("completeness", { $0.completeness }, { $0.completeness = $1 }),
    ], blank: FacilityDayCompleteness(date: Day(index: 0), facilityID: "", enterpriseID: "", kind: .production, completeness: 0))

    /// SPEC §7 events overlapping the computation's period, evidence as JSON (sorted keys).
    static let events = TableColumns<EventRecord>(table: "result_events", owner: "computation_id", columns: [
        .parsed("rule", { $0.rule }, { $0.rule = $1 }, text: { $0.rawValue }, parse: { AnomalyRule(rawValue: $0) }),
        .text("enterprise_id", { $0.enterpriseID }, { $0.enterpriseID = $1 }),
        .text("facility_id", { $0.facilityID }, { $0.facilityID = $1 }),
        .timestamp("start", { $0.start }, { $0.start = $1 }),
        .timestamp("end", { $0.end }, { $0.end = $1 }),
        .integer("minutes", { $0.minutes }, { $0.minutes = $1 }),
        Column("evidence", "TEXT", notNull: true, bind: { e in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return String(decoding: try encoder.encode(e.evidence), as: UTF8.self)
        }, read: { e, row, i in
            e.evidence = try JSONDecoder().decode(EventEvidence.self, from: Data(row.text(i).utf8))
        }),
        // SPEC 2 (schema 9): added by ALTER TABLE, so it is the table's last column.
        .integer("violating_minutes", { $0.violatingMinutes }, { $0.violatingMinutes = $1 }),
    ], blank: EventRecord(rule: .offline, enterpriseID: "", facilityID: nil, start: Timestamp(seconds: 0),
                          end: Timestamp(seconds: 0), minutes: 0, violatingMinutes: 0, evidence: EventEvidence()))

    /// Issue 18 (schema 10): the events a second §7 pass finds with every exemption ignored that
    /// an approved exemption reaches, one row per event and exemption (`ExemptedEventRecord`).
    static let exemptedEvents = TableColumns<ExemptedEventRecord>(table: "result_exempted_events", owner: "computation_id", columns: [
        .parsed("rule", { $0.event.rule }, { $0.event.rule = $1 }, text: { $0.rawValue }, parse: { AnomalyRule(rawValue: $0) }),
        .text("enterprise_id", { $0.event.enterpriseID }, { $0.event.enterpriseID = $1 }),
        .text("facility_id", { $0.event.facilityID }, { $0.event.facilityID = $1 }),
        .timestamp("start", { $0.event.start }, { $0.event.start = $1 }),
        .timestamp("end", { $0.event.end }, { $0.event.end = $1 }),
        .integer("minutes", { $0.event.minutes }, { $0.event.minutes = $1 }),
        .integer("violating_minutes", { $0.event.violatingMinutes }, { $0.event.violatingMinutes = $1 }),
        .integer("exemption_no", { $0.exemptionNumber }, { $0.exemptionNumber = $1 }),
        .text("exemption_enterprise_id", { $0.exemptionEnterpriseID }, { $0.exemptionEnterpriseID = $1 }),
        .text("exemption_facility_id", { $0.exemptionFacilityID }, { $0.exemptionFacilityID = $1 }),
        .timestamp("exemption_start", { $0.exemptionStart }, { $0.exemptionStart = $1 }),
        .timestamp("exemption_end", { $0.exemptionEnd }, { $0.exemptionEnd = $1 }),
        .text("exemption_reason", { $0.exemptionReason }, { $0.exemptionReason = $1 }),
        .integer("suppressed_minutes", { $0.suppressedMinutes }, { $0.suppressedMinutes = $1 }),
    ], blank: ExemptedEventRecord(
        event: EventRecord(rule: .offline, enterpriseID: "", facilityID: nil, start: Timestamp(seconds: 0),
                           end: Timestamp(seconds: 0), minutes: 0, violatingMinutes: 0, evidence: EventEvidence()),
        exemptionNumber: 0, exemption: Exemption(enterpriseID: "", start: Timestamp(seconds: 0), end: Timestamp(seconds: 0),
                                                 status: .approved),
        suppressedMinutes: 0))

    /// SPEC §8 findings.
    static let findings = TableColumns<DQFinding>(table: "result_dq", owner: "computation_id", columns: [
        .day("date", { $0.date }, { $0.date = $1 }),
        .text("point_id", { $0.pointID }, { $0.pointID = $1 }),
        .text("enterprise_id", { $0.enterpriseID }, { $0.enterpriseID = $1 }),
        .parsed("check_name", { $0.check }, { $0.check = $1 }, text: { $0.rawValue }, parse: { DQCheck(rawValue: $0) }),
        .text("detail", { $0.detail }, { $0.detail = $1 }),
    ], blank: DQFinding(date: Day(index: 0), pointID: "", enterpriseID: "", check: .noData))

    /// SPEC §9.4 activated-carbon status at the end of each day of the period (schema v4).
    static let carbonDays = TableColumns<CarbonDayRecord>(table: "result_carbon_days", owner: "computation_id", columns: [
        .day("date", { $0.date }, { $0.date = $1 }),
        .text("facility_id", { $0.facilityID }, { $0.facilityID = $1 }),
        .text("enterprise_id", { $0.enterpriseID }, { $0.enterpriseID = $1 }),
        .timestamp("replaced_at", { $0.replacedAt }, { $0.replacedAt = $1 }),
        .real("running_hours", { $0.runningHours }, { $0.runningHours = $1 }),
        .real("energy_kwh", { $0.energyKWh }, { $0.energyKWh = $1 }),
        .real("air_volume_m3", { $0.airVolumeM3 }, { $0.airVolumeM3 = $1 }),
        .real("days", { $0.days }, { $0.days = $1 }),
        .real("remaining", { $0.remainingCapacity }, { $0.remainingCapacity = $1 }),
        Column("due", "INTEGER", notNull: true, bind: { $0.due ? 1 : 0 }, read: { $0.due = $1.int($2) != 0 }),
        Column("reached", "TEXT", notNull: true, bind: { $0.reached.joined(separator: " ") },
               read: { $0.reached = $1.text($2).split(separator: " ").map(String.init) }),
    ], blank: CarbonDayRecord(date: Day(index: 0), facilityID: "", enterpriseID: "", replacedAt: Timestamp(seconds: 0),
                              runningHours: 0, energyKWh: 0, airVolumeM3: 0, days: 0, remainingCapacity: nil,
                              due: false, reached: []))

    /// SPEC §9.5 baseline energy of each production facility on a response's first day (schema v4).
    static let responseBaselines = TableColumns<ResponseBaseline>(table: "result_response_baselines", owner: "computation_id", columns: [
        .text("response_id", { $0.responseID }, { $0.responseID = $1 }),
        .day("date", { $0.date }, { $0.date = $1 }),
        .text("facility_id", { $0.facilityID }, { $0.facilityID = $1 }),
        .real("baseline_energy_kwh", { $0.baselineEnergyKWh }, { $0.baselineEnergyKWh = $1 }),
    ], blank: ResponseBaseline(responseID: "", date: Day(index: 0), facilityID: "", baselineEnergyKWh: nil))

    /// SPEC §4 missing-slot runs per point and CST day (补采, seed 001 §5.5.2; schema v11).
    static let pointGaps = TableColumns<PointGapRecord>(table: "result_point_gaps", owner: "computation_id", columns: [
        .day("date", { $0.date }, { $0.date = $1 }),
        .text("point_id", { $0.pointID }, { $0.pointID = $1 }),
        .text("enterprise_id", { $0.enterpriseID }, { $0.enterpriseID = $1 }),
        .text("mn", { $0.mn }, { $0.mn = $1 }),
        .timestamp("start", { $0.start }, { $0.start = $1 }),
        .timestamp("end", { $0.end }, { $0.end = $1 }),
        .integer("slots", { $0.slots }, { $0.slots = $1 }),
    ], blank: PointGapRecord(date: Day(index: 0), pointID: "", enterpriseID: "", mn: "", start: Timestamp(seconds: 0),
                             end: Timestamp(seconds: 0), slots: 0))
}
