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
    /// §9.1 rates over N (treatment only; nil when |N| = 0).
    public var syncRate: Double?
    public var effectiveRate: Double?
    public var collectionRate: Double?
    public var removalRate: Double?
    /// minutes of N in each condition (treatment only).
    public var stoppedMinutes: Int?
    public var ineffectiveMinutes: Int?
    public var lowMinutes: Int?
    /// kg (§9.2, production only).
    public var generatedKg: Double?
    public var emittedKg: Double?
    /// Slots of N (treatment only; the denominator of the rates, kept for roll-ups).
    public var nSlots: Int?
    /// Slots of N not STOPPED (treatment only; the numerator of the sync rate).
    public var syncSlots: Int?

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
