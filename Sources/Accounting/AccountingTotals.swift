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
    public var syncRate: Double? { nSlots > 0 ? Double(syncSlots) / Double(nSlots) : nil }
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
        case .complianceRate: return complianceRate
        case .emittedKgPerKWh: return emittedKgPerKWh
        }
    }

    mutating func add(_ e: EnterpriseDayRecord, compliant: Bool) {
        energyKWh += e.energyKWh
        productionEnergyKWh += e.productionEnergyKWh
        generatedKg += e.generatedKg
        emittedKg += e.emittedKg
        events += e.events
        syncSlots += e.syncSlots
        nSlots += e.nSlots
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
    case complianceRate = "compliance_rate"
    case emittedKgPerKWh = "emitted_kg_per_kwh"
}
