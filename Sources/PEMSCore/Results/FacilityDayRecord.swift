/// One row of SPEC §12 `facility_day.csv`: a facility on a CST day. Optional numbers are
/// "not applicable / not available" (an empty cell).
public struct FacilityDayRecord: Sendable, Codable, Equatable {
    public var date: Day
    public var facilityID: String
    public var enterpriseID: String
    public var kind: FacilityKind
    /// 0…1 (§4, facility level).
    public var completeness: Double
    /// minutes: running slots × S.
    public var runningMinutes: Int
    /// kWh over present slots.
    public var energyKWh: Double
    /// kW; nil when the baseline is unavailable.
    public var baselinePowerKW: Double?
    /// kWh: the §6 baseline energy (mean energy in running slots over the baseline days) as of
    /// this date; nil when the baseline is unavailable. §9.3 reductions use it.
    public var baselineEnergyKWh: Double?
    /// §9.1 rates over N (treatment only; nil when |N| = 0).
    public var syncRate: Double?
    public var effectiveRate: Double?
    public var collectionRate: Double?
    public var removalRate: Double?
    /// minutes of N in each condition (treatment only).
    public var stoppedMinutes: Int?
    public var ineffectiveMinutes: Int?
    public var lowMinutes: Int?
    /// kg (§9.2, production only): VOCs generated in running slots, captured by the hoods and
    /// treatment, removed by the treatment, and emitted (generated − removed).
    public var generatedKg: Double?
    public var capturedKg: Double?
    public var removedKg: Double?
    public var emittedKg: Double?
    /// Slots of N (treatment only; the denominator of the rates, kept for roll-ups).
    public var nSlots: Int?
    /// Slots of N not STOPPED (treatment only; the numerator of the sync rate).
    public var syncSlots: Int?
    /// Slots of N whose condition is NORMAL (treatment only; the effective rate's numerator).
    public var normalSlots: Int?
    /// Slots of N where the treatment runs (treatment only; the removal rate's denominator).
    public var removalSlots: Int?
    /// kg (§9.2, treatment with `voc_out` and `flow` sensors): the measured outlet emission
    /// Σ conc × flow × S/60 × 1e-6 over the slots where both are present; nil without sensors.
    public var outletMeasuredKg: Double?
    /// kg: the estimated organised emission (captured − removed) of the linked production
    /// facilities over the same slots; set with `outletMeasuredKg`.
    public var outletEstimatedKg: Double?
    /// Slots where the outlet was measured (both sensors present).
    public var outletSlots: Int?
    /// Treatment only: the worst §5.4 condition of each CST hour 00…23 over the hour's slots
    /// of N, one character per hour (`HourlyConditions`): what the reports' hour-of-day heat
    /// map shows without recomputing slots. Stored, not exported.
    public var hourlyConditions: String?

    public init(date: Day, facilityID: String, enterpriseID: String, kind: FacilityKind, completeness: Double,
                runningMinutes: Int, energyKWh: Double) {
        self.date = date
        self.facilityID = facilityID
        self.enterpriseID = enterpriseID
        self.kind = kind
        self.completeness = completeness
        self.runningMinutes = runningMinutes
        self.energyKWh = energyKWh
    }
}
