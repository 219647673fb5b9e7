import PEMSCore

// The sources of the views leaders steer by (issue 17: key enterprises, the 513 zone,
// industries, emission anomalies; seed 000, seed 001 §5.5.5). Built in
// `PeriodReportData+Leaders.swift`; listed in `ResultSetCatalog`. Units: kg, kWh, t/year.

/// `key_enterprises`: the enterprises of the key tiers (重点企业, seed 000).
public enum KeyEnterprisesField: String, ReportField {
    case tier
    case enterpriseID = "enterprise_id"
    case enterpriseName = "enterprise_name"
    case districtName = "district_name"
    case industry
    case annualVOCTonnes = "annual_voc_t"
    case online
    case emittedKg = "emitted_kg"
    case emittedShare = "emitted_share"
    case events
    case syncRate = "sync_rate"
    case earlierEmittedKg = "earlier_emitted_kg"
    case change
    case districtCode = "district_code"
    public static let source = "key_enterprises"
    public static let sourceMeaning = "enterprises of the key tiers by declared annual VOCs (重点企业, seed 000), 重点 first, then by emitted kg"
    public var declaration: (FieldType, String) {
        switch self {
        case .tier: return (.text, "重点 (annual_voc_t > key_enterprise.tiers[0], default 50 t) or 一般重点 (> tiers[1], default 10 t, up to tiers[0])")
        case .enterpriseID: return (.text, "enterprise id")
        case .enterpriseName: return (.text, "name")
        case .districtName: return (.text, "district")
        case .industry: return (.text, "industry")
        case .annualVOCTonnes: return (.number, "t/year: the registry's declared annual VOCs (annual_voc_t)")
        case .online: return (.text, "是 when a facility of it had a present slot in the period (可监控)")
        case .emittedKg: return (.number, "kg emitted in the period (§9.2)")
        case .emittedShare: return (.percent, "its share of the city's emitted kg")
        case .events: return (.integer, "§7 events overlapping the period (its rows of 异常清单)")
        case .syncRate: return (.percent, "同步率 (§9.1)")
        case .earlierEmittedKg: return (.number, "kg emitted in the previous period (环比 base; blank when not stored)")
        case .change: return (.percent, "环比 change of emitted kg")
        case .districtCode: return (.text, "district code")
        }
    }
}

/// `zone_513`: the enterprises of the 513 key zone's districts (seed 000 "513重点区域VOCs排放管控").
public enum Zone513Field: String, ReportField {
    case rank
    case districtName = "district_name"
    case enterpriseName = "enterprise_name"
    case industry
    case tier
    case emittedKg = "emitted_kg"
    case zoneShare = "zone_share"
    case events
    case syncRate = "sync_rate"
    case enterpriseID = "enterprise_id"
    case districtCode = "district_code"
    public static let source = "zone_513"
    public static let sourceMeaning = "enterprises of the districts with zone_513, ranked by emitted kg within the zone (513区域)"
    public var declaration: (FieldType, String) {
        switch self {
        case .rank: return (.integer, "rank by emitted kg within the zone (1 = largest, ties by id)")
        case .districtName: return (.text, "district")
        case .enterpriseName: return (.text, "name")
        case .industry: return (.text, "industry")
        case .tier: return (.text, "重点 / 一般重点 (as `key_enterprises`), blank below the tiers")
        case .emittedKg: return (.number, "kg emitted in the period (§9.2)")
        case .zoneShare: return (.percent, "its share of the zone's emitted kg")
        case .events: return (.integer, "§7 events overlapping the period")
        case .syncRate: return (.percent, "同步率 (§9.1)")
        case .enterpriseID: return (.text, "enterprise id")
        case .districtCode: return (.text, "district code")
        }
    }
}

/// `industry_stats`: per industry (行业统计, seed 001 §5.5.5 "按地区、行业进行统计、对比").
public enum IndustryStatsField: String, ReportField {
    case industry
    case enterprises
    case online
    case energyKWh = "energy_kwh"
    case productionEnergyKWh = "production_energy_kwh"
    case emittedKg = "emitted_kg"
    case emittedShare = "emitted_share"
    case emittedKgPerKWh = "emitted_kg_per_kwh"
    case syncRate = "sync_rate"
    case eventsTreatmentStopped = "events_treatment_stopped"
    case eventsTreatmentIneffective = "events_treatment_ineffective"
    case eventsTreatmentLow = "events_treatment_low"
    case eventsStopViolation = "events_stop_violation"
    case eventsLimitViolation = "events_limit_violation"
    case eventsShiftViolation = "events_shift_violation"
    case eventsOffline = "events_offline"
    case eventsExemptionBreach = "events_exemption_breach"
    case eventsCarbonOverdue = "events_carbon_overdue"
    case events
    public static let source = "industry_stats"
    public static let sourceMeaning = "per industry: enterprises, energy, emission, intensity, events by rule, sync rate (行业统计), by emitted kg"

    /// The column counting a rule's events: one per rule, by an exhaustive switch, so a new
    /// rule cannot go uncounted.
    public static func events(of rule: AnomalyRule) -> IndustryStatsField {
        switch rule {
        case .treatmentStopped: return .eventsTreatmentStopped
        case .treatmentIneffective: return .eventsTreatmentIneffective
        case .treatmentLow: return .eventsTreatmentLow
        case .stopViolation: return .eventsStopViolation
        case .limitViolation: return .eventsLimitViolation
        case .shiftViolation: return .eventsShiftViolation
        case .offline: return .eventsOffline
        case .exemptionBreach: return .eventsExemptionBreach
        case .carbonOverdue: return .eventsCarbonOverdue
        }
    }

    /// The rule a per-rule column counts (nil for the other columns).
    public var rule: AnomalyRule? { AnomalyRule.allCases.first { Self.events(of: $0) == self } }

    public var declaration: (FieldType, String) {
        switch self {
        case .eventsTreatmentStopped, .eventsTreatmentIneffective, .eventsTreatmentLow, .eventsStopViolation,
             .eventsLimitViolation, .eventsShiftViolation, .eventsOffline, .eventsExemptionBreach, .eventsCarbonOverdue:
            let name = rule.map { "\($0.rawValue) (\($0.chineseName))" } ?? ""
            return (.integer, "\(name) events overlapping the period")
        case .industry: return (.text, "industry (seed 003 class)")
        case .enterprises: return (.integer, "registered enterprises of the industry")
        case .online: return (.integer, "of them with a present slot in the period")
        case .energyKWh: return (.number, "kWh of all their facilities (§13.25)")
        case .productionEnergyKWh: return (.number, "kWh of their production facilities")
        case .emittedKg: return (.number, "kg emitted (§9.2)")
        case .emittedShare: return (.percent, "share of the city's emitted kg")
        case .emittedKgPerKWh: return (.number, "kg emitted per kWh of production energy (the intensity `industry_comparison` compares)")
        case .syncRate: return (.percent, "同步率 (§9.1, slot-weighted over the industry)")
        case .events: return (.integer, "all §7 events overlapping the period (Σ of the rule columns)")
        }
    }
}

/// `abnormal_enterprises`: 排放异常企业 (seed 000 "及时发现排放异常的企业"; 同类型企业横向对比, 环比).
public enum AbnormalEnterprisesField: String, ReportField {
    case enterpriseID = "enterprise_id"
    case enterpriseName = "enterprise_name"
    case districtName = "district_name"
    case industry
    case reason
    case intensityFlag = "intensity_flag"
    case changeFlag = "change_flag"
    case emittedKgPerKWh = "emitted_kg_per_kwh"
    case industryMedian = "industry_median"
    case intensityLimit = "intensity_limit"
    case ratioToMedian = "ratio_to_median"
    case emittedKg = "emitted_kg"
    case earlierEmittedKg = "earlier_emitted_kg"
    case emittedChange = "emitted_change"
    case energyKWh = "energy_kwh"
    case earlierEnergyKWh = "earlier_energy_kwh"
    case energyChange = "energy_change"
    public static let source = "abnormal_enterprises"
    public static let sourceMeaning = "enterprises whose emission stands out from their industry or changed while their energy did not (排放异常企业), with the numbers that put them there"
    public var declaration: (FieldType, String) {
        switch self {
        case .enterpriseID: return (.text, "enterprise id")
        case .enterpriseName: return (.text, "name")
        case .districtName: return (.text, "district")
        case .industry: return (.text, "industry")
        case .reason: return (.text, "why it is listed, in words")
        case .intensityFlag: return (.text, "是 when emitted_kg_per_kwh > (1 + comparison.industry_deviation) × the industry median")
        case .changeFlag: return (.text, "是 when |emitted_change| > comparison.change_threshold while |energy_change| < comparison.energy_steady")
        case .emittedKgPerKWh: return (.number, "kg emitted per kWh of production energy")
        case .industryMedian: return (.number, "the industry's median of that (all the city's enterprises of the industry with a value)")
        case .intensityLimit: return (.number, "(1 + comparison.industry_deviation) × median")
        case .ratioToMedian: return (.number, "value / median")
        case .emittedKg: return (.number, "kg emitted in the period")
        case .earlierEmittedKg: return (.number, "kg emitted in the previous period")
        case .emittedChange: return (.percent, "环比 change of emitted kg")
        case .energyKWh: return (.number, "kWh of all its facilities in the period")
        case .earlierEnergyKWh: return (.number, "kWh in the previous period")
        case .energyChange: return (.percent, "环比 change of kWh")
        }
    }
}
