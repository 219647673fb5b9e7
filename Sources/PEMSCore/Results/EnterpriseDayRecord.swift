/// One row of SPEC §12 `enterprise_day.csv`: an enterprise on a CST day, rolled up from its
/// facility-days (§13.25).
public struct EnterpriseDayRecord: Sendable, Codable, Equatable {
    public var date: Day
    public var enterpriseID: String
    public var districtCode: String
    public var industry: Industry
    /// kWh: the sum of its facilities' energy (production and treatment; not the total meter).
    public var energyKWh: Double
    /// kWh: the sum of its production facilities' energy (emission intensity, §9.6).
    public var productionEnergyKWh: Double
    /// kg (§9.2): sums over its production facilities.
    public var generatedKg: Double
    public var emittedKg: Double
    /// §7 events of every rule that start on the date.
    public var events: Int
    /// Σ non-STOPPED slots and Σ |N| over its treatment facilities.
    public var syncSlots: Int
    public var nSlots: Int
    /// Σ NORMAL slots of N (effective rate), Σ collection rate × |N|, Σ removal rate × running
    /// slots of N and Σ running slots of N over its treatment facilities: the §9.1 rates rolled
    /// up as slot-weighted means.
    public var normalSlots = 0
    public var collectionSum = 0.0
    public var removalSum = 0.0
    public var removalSlots = 0

    public init(date: Day, enterpriseID: String, districtCode: String, industry: Industry, energyKWh: Double = 0,
                productionEnergyKWh: Double = 0, generatedKg: Double = 0, emittedKg: Double = 0, events: Int = 0,
                syncSlots: Int = 0, nSlots: Int = 0) {
        self.date = date
        self.enterpriseID = enterpriseID
        self.districtCode = districtCode
        self.industry = industry
        self.energyKWh = energyKWh
        self.productionEnergyKWh = productionEnergyKWh
        self.generatedKg = generatedKg
        self.emittedKg = emittedKg
        self.events = events
        self.syncSlots = syncSlots
        self.nSlots = nSlots
    }

    /// 同步率 (§12): Σ non-STOPPED / Σ |N|; nil when Σ |N| = 0.
    public var syncRate: Double? { TreatmentRates.sync(syncSlots: syncSlots, nSlots: nSlots) }
    /// 有效运行率: Σ NORMAL / Σ |N|.
    public var effectiveRate: Double? { TreatmentRates.effective(normalSlots: normalSlots, nSlots: nSlots) }
    /// 收集率: the treatment facilities' collection rates weighted by |N|.
    public var collectionRate: Double? { TreatmentRates.collection(sum: collectionSum, nSlots: nSlots) }
    /// 去除率: their removal rates weighted by the running slots of N.
    public var removalRate: Double? { TreatmentRates.removal(sum: removalSum, runningSlots: removalSlots) }
}
