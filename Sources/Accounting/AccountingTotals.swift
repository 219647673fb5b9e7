import PEMSCore

/// Totals of one entity (an enterprise, an industry, a district or the city) over one
/// bucket (a day, week or month), rolled up from stored facility-days (SPEC §9.2, §9.6).
public struct AccountingTotals: Sendable, Equatable {
    public var level: RollupLevel
    /// Enterprise id, industry name (e.g. 塑料), district code, or `RollupLevel.cityCode`.
    public var code: String
    public var period: RollupPeriod
    /// First day of the bucket (CST).
    public var start: Day
    /// Dates of the bucket that have stored results.
    public var days = 0
    /// Registered enterprises the entity counts.
    public var enterprises = 0
    /// kWh: all facilities' energy, and the production facilities' alone.
    public var energyKWh = 0.0
    public var productionEnergyKWh = 0.0
    /// kg (§9.2).
    public var generatedKg = 0.0
    public var emittedKg = 0.0
    /// §7 events that start inside the bucket.
    public var events = 0
    /// Σ non-STOPPED slots and Σ |N| of the treatment facilities (同步率).
    public var syncSlots = 0
    public var nSlots = 0
    /// Σ NORMAL slots, Σ collection rate × |N|, Σ removal rate × running slots of N, Σ running
    /// slots of N (the §9.1 rates rolled up as slot-weighted means).
    public var normalSlots = 0
    public var collectionSum = 0.0
    public var removalSum = 0.0
    public var removalSlots = 0
    /// Enterprise-days counted, and those with no §7 event overlapping the day (合规).
    public var enterpriseDays = 0
    public var compliantEnterpriseDays = 0

    public init(level: RollupLevel, code: String, period: RollupPeriod, start: Day) {
        self.level = level
        self.code = code
        self.period = period
        self.start = start
    }

    /// 同步率: Σ non-STOPPED / Σ |N|; nil when Σ |N| = 0.
    public var syncRate: Double? { TreatmentRates.sync(syncSlots: syncSlots, nSlots: nSlots) }
    /// 有效运行率: Σ NORMAL / Σ |N|.
    public var effectiveRate: Double? { TreatmentRates.effective(normalSlots: normalSlots, nSlots: nSlots) }
    /// 收集率 weighted by |N|.
    public var collectionRate: Double? { TreatmentRates.collection(sum: collectionSum, nSlots: nSlots) }
    /// 去除率 weighted by the running slots of N.
    public var removalRate: Double? { TreatmentRates.removal(sum: removalSum, runningSlots: removalSlots) }
    /// 合规率: the share of enterprise-days without any §7 event; nil without enterprise-days.
    public var complianceRate: Double? {
        enterpriseDays > 0 ? Double(compliantEnterpriseDays) / Double(enterpriseDays) : nil
    }
    /// kg of VOCs emitted per kWh of production energy; nil when that energy is 0.
    public var emittedKgPerKWh: Double? { productionEnergyKWh > 0 ? emittedKg / productionEnergyKWh : nil }

    /// The value of a metric (nil = not available).
    public func value(_ metric: AccountingMetric) -> Double? {
        switch metric {
        case .emittedKg: return emittedKg
        case .generatedKg: return generatedKg
        case .energyKWh: return energyKWh
        case .events: return Double(events)
        case .syncRate: return syncRate
        case .effectiveRate: return effectiveRate
        case .collectionRate: return collectionRate
        case .removalRate: return removalRate
        case .complianceRate: return complianceRate
        case .emittedKgPerKWh: return emittedKgPerKWh
        }
    }

    /// Adds another bucket's totals of the same entity (a longer period from its days):
    /// sums, except `enterprises`, which is the largest count seen.
    public mutating func merge(_ d: AccountingTotals) {
        days += d.days
        enterprises = max(enterprises, d.enterprises)
        energyKWh += d.energyKWh
        productionEnergyKWh += d.productionEnergyKWh
        generatedKg += d.generatedKg
        emittedKg += d.emittedKg
        events += d.events
        syncSlots += d.syncSlots
        nSlots += d.nSlots
        normalSlots += d.normalSlots
        collectionSum += d.collectionSum
        removalSum += d.removalSum
        removalSlots += d.removalSlots
        enterpriseDays += d.enterpriseDays
        compliantEnterpriseDays += d.compliantEnterpriseDays
    }

    mutating func add(_ e: EnterpriseDayRecord, compliant: Bool) {
        energyKWh += e.energyKWh
        productionEnergyKWh += e.productionEnergyKWh
        generatedKg += e.generatedKg
        emittedKg += e.emittedKg
        events += e.events
        syncSlots += e.syncSlots
        nSlots += e.nSlots
        normalSlots += e.normalSlots
        collectionSum += e.collectionSum
        removalSum += e.removalSum
        removalSlots += e.removalSlots
        enterpriseDays += 1
        if compliant { compliantEnterpriseDays += 1 }
    }
}

/// What rankings and comparisons look at (SPEC §9.6).
public enum AccountingMetric: String, Sendable, CaseIterable, Codable {
    case emittedKg = "emitted_kg"
    case generatedKg = "generated_kg"
    case energyKWh = "energy_kwh"
    case events
    case syncRate = "sync_rate"
    case effectiveRate = "effective_rate"
    case collectionRate = "collection_rate"
    case removalRate = "removal_rate"
    case complianceRate = "compliance_rate"
    case emittedKgPerKWh = "emitted_kg_per_kwh"
}
