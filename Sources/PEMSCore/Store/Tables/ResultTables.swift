import Foundation

/// The columns of the computation tables (schema v2, v4, v5): `computations` and the result
/// rows each computation owns, declared once (`TableColumns`).
enum ResultTables {
    /// SPEC §4–§8: one row per stored computation.
    static let computations = TableColumns<ComputationInfo>(table: "computations", owner: nil, columns: [
        Column("computation_id", "INTEGER", notNull: false, inserted: false,
               bind: { $0.id }, read: { $0.id = $1.int($2) }),
        .day("from_day", \.from),
        .day("to_day", \.to),
        .day("streamed_from", \.streamedFrom),
        .integer("registry_version", \.registryVersion),
        .text("engine_version", \.engineVersion),
        .text("settings", \.settings),
        .text("fingerprint", \.fingerprint),
        .text("started_at", \.startedAt),
        .real("seconds", \.seconds),
        .integer("facility_days", \.facilityDaysComputed),
        .integer("events", \.events),
        .integer("findings", \.findings),
    ], blank: ComputationInfo(id: 0, from: Day(index: 0), to: Day(index: 0), streamedFrom: Day(index: 0),
                              registryVersion: nil, engineVersion: "", settings: "", fingerprint: "", startedAt: "",
                              seconds: 0, facilityDaysComputed: 0))

    /// SPEC §4–§6, §9.1–§9.2 per facility and date (schema v2, §9 columns v4, hours v5).
    static let facilityDays = TableColumns<FacilityDayRecord>(table: "result_facility_days", owner: "computation_id", columns: [
        .day("date", \.date),
        .text("facility_id", \.facilityID),
        .text("enterprise_id", \.enterpriseID),
        .parsed("kind", \.kind, text: { $0.rawValue }, parse: { FacilityKind(rawValue: $0) }),
        .real("completeness", \.completeness),
        .integer("running_minutes", \.runningMinutes),
        .real("energy_kwh", \.energyKWh),
        .real("baseline_power_kw", \.baselinePowerKW),
        .real("sync_rate", \.syncRate),
        .real("effective_rate", \.effectiveRate),
        .real("collection_rate", \.collectionRate),
        .real("removal_rate", \.removalRate),
        .integer("stopped_minutes", \.stoppedMinutes),
        .integer("ineffective_minutes", \.ineffectiveMinutes),
        .integer("low_minutes", \.lowMinutes),
        .real("generated_kg", \.generatedKg),
        .real("emitted_kg", \.emittedKg),
        .integer("n_slots", \.nSlots),
        .integer("sync_slots", \.syncSlots),
        .real("baseline_energy_kwh", \.baselineEnergyKWh),
        .real("captured_kg", \.capturedKg),
        .real("removed_kg", \.removedKg),
        .integer("normal_slots", \.normalSlots),
        .integer("removal_slots", \.removalSlots),
        .real("outlet_measured_kg", \.outletMeasuredKg),
        .real("outlet_estimated_kg", \.outletEstimatedKg),
        .integer("outlet_slots", \.outletSlots),
        .text("hourly_conditions", \.hourlyConditions),
    ], blank: FacilityDayRecord(date: Day(index: 0), facilityID: "", enterpriseID: "", kind: .production,
                                completeness: 0, runningMinutes: 0, energyKWh: 0))

    /// SPEC §7 events overlapping the computation's period, evidence as JSON (sorted keys).
    static let events = TableColumns<EventRecord>(table: "result_events", owner: "computation_id", columns: [
        .parsed("rule", \.rule, text: { $0.rawValue }, parse: { AnomalyRule(rawValue: $0) }),
        .text("enterprise_id", \.enterpriseID),
        .text("facility_id", \.facilityID),
        .timestamp("start", \.start),
        .timestamp("end", \.end),
        .integer("minutes", \.minutes),
        Column("evidence", "TEXT", notNull: true, bind: { e in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return String(decoding: try encoder.encode(e.evidence), as: UTF8.self)
        }, read: { e, row, i in
            e.evidence = try JSONDecoder().decode(EventEvidence.self, from: Data(row.text(i).utf8))
        }),
    ], blank: EventRecord(rule: .offline, enterpriseID: "", facilityID: nil, start: Timestamp(seconds: 0),
                          end: Timestamp(seconds: 0), minutes: 0, evidence: EventEvidence()))

    /// SPEC §8 findings.
    static let findings = TableColumns<DQFinding>(table: "result_dq", owner: "computation_id", columns: [
        .day("date", \.date),
        .text("point_id", \.pointID),
        .text("enterprise_id", \.enterpriseID),
        .parsed("check_name", \.check, text: { $0.rawValue }, parse: { DQCheck(rawValue: $0) }),
        .text("detail", \.detail),
    ], blank: DQFinding(date: Day(index: 0), pointID: "", enterpriseID: "", check: .noData))

    /// SPEC §9.4 activated-carbon status at the end of each day of the period (schema v4).
    static let carbonDays = TableColumns<CarbonDayRecord>(table: "result_carbon_days", owner: "computation_id", columns: [
        .day("date", \.date),
        .text("facility_id", \.facilityID),
        .text("enterprise_id", \.enterpriseID),
        .timestamp("replaced_at", \.replacedAt),
        .real("running_hours", \.runningHours),
        .real("energy_kwh", \.energyKWh),
        .real("air_volume_m3", \.airVolumeM3),
        .real("days", \.days),
        .real("remaining", \.remainingCapacity),
        Column("due", "INTEGER", notNull: true, bind: { $0.due ? 1 : 0 }, read: { $0.due = $1.int($2) != 0 }),
        Column("reached", "TEXT", notNull: true, bind: { $0.reached.joined(separator: " ") },
               read: { $0.reached = $1.text($2).split(separator: " ").map(String.init) }),
    ], blank: CarbonDayRecord(date: Day(index: 0), facilityID: "", enterpriseID: "", replacedAt: Timestamp(seconds: 0),
                              runningHours: 0, energyKWh: 0, airVolumeM3: 0, days: 0, remainingCapacity: nil,
                              due: false, reached: []))

    /// SPEC §9.5 baseline energy of each production facility on a response's first day (schema v4).
    static let responseBaselines = TableColumns<ResponseBaseline>(table: "result_response_baselines", owner: "computation_id", columns: [
        .text("response_id", \.responseID),
        .day("date", \.date),
        .text("facility_id", \.facilityID),
        .real("baseline_energy_kwh", \.baselineEnergyKWh),
    ], blank: ResponseBaseline(responseID: "", date: Day(index: 0), facilityID: "", baselineEnergyKWh: nil))
}
