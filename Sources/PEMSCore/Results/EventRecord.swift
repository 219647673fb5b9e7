/// One anomaly event (SPEC §7) as computed for a period: full start and end (CST; an event
/// running into the period keeps its true start, one still running at the period's end is
/// cut there, §13.12) and the minutes inside the period.
public struct EventRecord: Sendable, Codable, Equatable {
    public var rule: AnomalyRule
    public var enterpriseID: String
    /// nil for OFFLINE and (SPEC 2) LIMIT_VIOLATION: enterprise-level events.
    public var facilityID: String?
    public var start: Timestamp
    public var end: Timestamp
    /// Minutes of `[start, end)` inside the period (gap slots included, §13.13).
    public var minutes: Int
    /// SPEC 2 §12: violating slots inside the period × S (gap slots excluded; CARBON_OVERDUE:
    /// equal to `minutes`).
    public var violatingMinutes: Int
    /// Why it fired: the numbers an officer needs to show (see `EventEvidence`).
    public var evidence: EventEvidence

    public init(rule: AnomalyRule, enterpriseID: String, facilityID: String?, start: Timestamp, end: Timestamp,
                minutes: Int, violatingMinutes: Int, evidence: EventEvidence) {
        self.rule = rule
        self.enterpriseID = enterpriseID
        self.facilityID = facilityID
        self.start = start
        self.end = end
        self.minutes = minutes
        self.violatingMinutes = violatingMinutes
        self.evidence = evidence
    }

    /// SPEC §12 sort key: rule, enterprise_id, facility_id, start.
    public static func exportOrder(_ a: EventRecord, _ b: EventRecord) -> Bool {
        if a.rule != b.rule { return a.rule < b.rule }
        if a.enterpriseID != b.enterpriseID { return a.enterpriseID < b.enterpriseID }
        if (a.facilityID ?? "") != (b.facilityID ?? "") { return (a.facilityID ?? "") < (b.facilityID ?? "") }
        return a.start < b.start
    }
}

/// The facts behind an event, kept with it so a report or an enforcement file can show why it
/// fired. Powers in kW, temperatures/concentrations in the sensor's unit.
public struct EventEvidence: Sendable, Codable, Equatable {
    /// Slots that violated the rule (gap slots and exempted slots excluded).
    public var violatingSlots: Int = 0
    /// Slots inside the event that did not violate (merged over, §7 `merge_gap_slots`).
    public var gapSlots: Int = 0
    /// Mean and max of the facility's power over the violating slots where it was present.
    public var meanPowerKW: Double?
    public var maxPowerKW: Double?
    /// The facility's five-day baseline running power when the rule used it.
    public var baselinePowerKW: Double?
    /// The allowed share of baseline (limit/shift) or `low_ratio` (LOW).
    public var ratio: Double?
    /// The power the rule allowed (ratio × baseline, or ratio × the window's baseline).
    public var allowedPowerKW: Double?
    /// The response level(s) whose plan row was in force (STOP/LIMIT/SHIFT).
    public var levels: [String]?
    /// The responses in force (ids; `heat` days have none).
    public var responseIDs: [String]?
    /// θ of each electrical point of the facility on the event's first day (kW).
    public var thresholdsKW: [String: Double]?
    /// Sensor points out of their valid range (INEFFECTIVE): point id → [min, max] seen.
    public var sensorRanges: [String: [Double]]?
    /// CARBON_OVERDUE: what reached its limit ("days", "hours", "kWh", "m3") and the values.
    public var carbon: [String: Double]?
    /// SPEC 2 LIMIT_VIOLATION (enterprise level, §7): the production facilities under a limit
    /// order in some slot of the event (the set L), by id. `meanPowerKW`/`maxPowerKW` are then
    /// Σ power over L, `baselinePowerKW` Σ baseline and `allowedPowerKW` Σ ratio × baseline.
    public var limitedFacilities: [String]?
    /// SPEC 2 STOP_VIOLATION (cumulative, §7, §13.30): each run of consecutive violating
    /// slots, `[start, end)` CST, so the evidence shades them and states the sum.
    public var violatingRuns: [EventSpan]?
    /// SPEC 2 EXEMPTION_BREACH (§7, §13.32): the approved exemption whose production kept running.
    public var exemption: ExemptionNote?

    public init() {}
}

/// A span `[start, end)` of CST time inside an event (SPEC 2: a run of violating slots).
public struct EventSpan: Sendable, Codable, Equatable {
    public var start: Timestamp
    public var end: Timestamp
    public init(start: Timestamp, end: Timestamp) {
        self.start = start
        self.end = end
    }
}

/// The approved exemption (报备) an EXEMPTION_BREACH event was found under (SPEC 2 §7).
public struct ExemptionNote: Sendable, Codable, Equatable {
    public var start: Timestamp
    public var end: Timestamp
    public var reason: String
    public init(start: Timestamp, end: Timestamp, reason: String) {
        self.start = start
        self.end = end
        self.reason = reason
    }
}
