/// The data sources of the enterprise file (一企一档 监管记录, seed 000 §5.3.2.2; `pems dossier`,
/// `ReportTemplates/dossier.json`): one enterprise over one period. Each source's fields are
/// declared once, as for the period reports (`ResultSetCatalog`); units kW, kWh, kg, minutes,
/// times CST (UTC+8). The file also shows the `events` and `dq_findings` sources of that
/// enterprise.
public enum DossierSources {
    /// The dossier's own sources, in the README's order.
    public static let schemas: [ResultSetSchema] = [
        DossierProfileField.schema, DossierFigureField.schema, DossierRankingField.schema, DossierFacilityField.schema,
        DossierPointField.schema, DossierLinkField.schema, DossierPlanField.schema, DossierExemptionField.schema,
        DossierDayField.schema, DossierFacilityDayField.schema, DossierTreatmentField.schema, DossierCarbonField.schema,
        DossierHourField.schema,
    ]

    /// Every source a dossier template may name.
    static let names = schemas.map(\.name) + [EventsField.source, DQFindingsField.source]
}

/// `dossier_profile`: the enterprise as the registry describes it (一企一档 基本信息).
public enum DossierProfileField: String, ReportField {
    case item
    case value
    case number
    case unit
    public static let source = "dossier_profile"
    public static let sourceMeaning = "the enterprise's registry facts (一企一档 基本信息) and the period's comparison bases"
    public var declaration: (FieldType, String) {
        switch self {
        case .item: return (.text, "项目")
        case .value: return (.text, "text value")
        case .number: return (.number, "numeric value")
        case .unit: return (.text, "unit of the number")
        }
    }
}

/// `dossier_figures`: the enterprise's key figures with 环比 and 同比 (SPEC §9.6).
public enum DossierFigureField: String, ReportField {
    case indicator
    case value
    case unit
    case previous
    case momChange = "mom_change"
    case lastYear = "last_year"
    case yoyChange = "yoy_change"
    case note
    public static let source = "dossier_figures"
    public static let sourceMeaning = "the enterprise's key figures of the period with 环比 (the period of equal length just before) and 同比 (the same dates a year earlier), §9.6"
    public var declaration: (FieldType, String) {
        switch self {
        case .indicator: return (.text, "指标")
        case .value: return (.number, "value this period (rates are percent cells)")
        case .unit: return (.text, "unit")
        case .previous: return (.number, "the period of equal length just before (环比 base; blank when none of its days is stored)")
        case .momChange: return (.percent, "环比 change, blank when the earlier value is 0 or missing")
        case .lastYear: return (.number, "the same dates a year earlier (同比 base)")
        case .yoyChange: return (.percent, "同比 change")
        case .note: return (.text, "how it is counted")
        }
    }
}

/// `dossier_ranking`: the enterprise's place in its district and its industry by emitted VOCs.
public enum DossierRankingField: String, ReportField {
    case scope
    case scopeCode = "scope_code"
    case scopeName = "scope_name"
    case rank
    case entities
    case emittedKg = "emitted_kg"
    case scopeEmittedKg = "scope_emitted_kg"
    case share
    public static let source = "dossier_ranking"
    public static let sourceMeaning = "the enterprise's rank by emitted VOCs over the period among the enterprises of its district and of its industry (§9.6: 1 = largest, ties by id)"
    public var declaration: (FieldType, String) {
        switch self {
        case .scope: return (.text, "区县 or 行业")
        case .scopeCode: return (.text, "district code or industry")
        case .scopeName: return (.text, "district or industry name")
        case .rank: return (.integer, "rank (1 = largest emitted kg)")
        case .entities: return (.integer, "registered enterprises ranked")
        case .emittedKg: return (.number, "kg emitted by the enterprise")
        case .scopeEmittedKg: return (.number, "kg emitted by all of them")
        case .share: return (.percent, "the enterprise's share of it")
        }
    }
}

/// `dossier_facilities`: production and treatment facilities (一企一档 治理设施信息).
public enum DossierFacilityField: String, ReportField {
    case facilityID = "facility_id"
    case facilityName = "facility_name"
    case kind
    case process
    case linked
    case electricalPoints = "electrical_points"
    case sensors
    case minRunning = "min_running"
    case duty
    case vocKgPerKWh = "voc_kg_per_kwh"
    case designCollection = "design_collection"
    case designRemoval = "design_removal"
    case designAirflowM3h = "design_airflow_m3h"
    case carbonLimits = "carbon_limits"
    case lastReplacement = "last_replacement"
    public static let source = "dossier_facilities"
    public static let sourceMeaning = "the enterprise's facilities (一企一档 治理设施信息)"
    public var declaration: (FieldType, String) {
        switch self {
        case .facilityID: return (.text, "facility id")
        case .facilityName: return (.text, "name")
        case .kind: return (.text, "生产/治理")
        case .process: return (.text, "treatment process (处理工艺)")
        case .linked: return (.text, "linked facilities: the treatment of a production facility, the production of a treatment facility")
        case .electricalPoints: return (.integer, "electrical points")
        case .sensors: return (.integer, "process sensors")
        case .minRunning: return (.integer, "treatment: points that must run (min_running)")
        case .duty: return (.text, "treatment: X 用 Y 备 (primary and backup fans)")
        case .vocKgPerKWh: return (.number, "production: kg VOCs generated per kWh")
        case .designCollection: return (.percent, "production: capture efficiency (blank = 80 %)")
        case .designRemoval: return (.percent, "treatment: design removal efficiency")
        case .designAirflowM3h: return (.number, "treatment: design airflow, m³/h")
        case .carbonLimits: return (.text, "activated carbon: replacement limits (days, hours, kWh, m³)")
        case .lastReplacement: return (.datetime, "activated carbon: last replacement up to the period's end (CST)")
        }
    }
}

/// `dossier_points`: monitoring points (meters and sensors).
public enum DossierPointField: String, ReportField {
    case pointID = "point_id"
    case pointName = "point_name"
    case facilityID = "facility_id"
    case facilityName = "facility_name"
    case kind
    case duty
    case role
    case mn
    case code
    case ratedKW = "rated_kw"
    case thresholdKW = "threshold_kw"
    case validMin = "valid_min"
    case validMax = "valid_max"
    public static let source = "dossier_points"
    public static let sourceMeaning = "the enterprise's monitoring points: meters and process sensors"
    public var declaration: (FieldType, String) {
        switch self {
        case .pointID: return (.text, "point id")
        case .pointName: return (.text, "name")
        case .facilityID: return (.text, "facility id (empty for the total meter)")
        case .facilityName: return (.text, "facility")
        case .kind: return (.text, "总电表/生产/治理/工况传感器")
        case .duty: return (.text, "treatment meters: 主用 (the first min_running by id) or 备用")
        case .role: return (.text, "sensor: what it measures")
        case .mn: return (.text, "data collector MN")
        case .code: return (.text, "factor code")
        case .ratedKW: return (.number, "rated power, kW")
        case .thresholdKW: return (.number, "declared start/stop threshold θ, kW (blank = derived, §5.2)")
        case .validMin: return (.number, "sensor: lower bound of the valid range")
        case .validMax: return (.number, "sensor: upper bound of the valid range")
        }
    }
}

/// `dossier_links`: which treatment facility handles which production facility's exhaust.
public enum DossierLinkField: String, ReportField {
    case productionID = "production_id"
    case productionName = "production_name"
    case treatmentID = "treatment_id"
    case treatmentName = "treatment_name"
    case process
    public static let source = "dossier_links"
    public static let sourceMeaning = "production → treatment links (several treatment facilities on one production facility act in series)"
    public var declaration: (FieldType, String) {
        switch self {
        case .productionID: return (.text, "production facility id")
        case .productionName: return (.text, "production facility")
        case .treatmentID: return (.text, "treatment facility id")
        case .treatmentName: return (.text, "treatment facility")
        case .process: return (.text, "its process")
        }
    }
}

/// `dossier_plans`: the enterprise's emergency plan rows per response level (一厂一策).
public enum DossierPlanField: String, ReportField {
    case level
    case levelName = "level_name"
    case facilityID = "facility_id"
    case facilityName = "facility_name"
    case measure
    case measureName = "measure_name"
    case ratio
    case windows
    public static let source = "dossier_plans"
    public static let sourceMeaning = "the enterprise's plan rows per response level (一厂一策)"
    public var declaration: (FieldType, String) {
        switch self {
        case .level: return (.text, "response level")
        case .levelName: return (.text, "黄色/橙色/红色预警, 高温错峰")
        case .facilityID: return (.text, "facility (blank = all production)")
        case .facilityName: return (.text, "facility")
        case .measure: return (.text, "stop/limit/shift")
        case .measureName: return (.text, "停产/限产/错峰生产")
        case .ratio: return (.percent, "allowed share of baseline")
        case .windows: return (.text, "shift windows (CST)")
        }
    }
}

/// `dossier_exemptions`: the filed exemptions (报备) overlapping the period.
public enum DossierExemptionField: String, ReportField {
    case facilityID = "facility_id"
    case facilityName = "facility_name"
    case start
    case end
    case reason
    case status
    case statusName = "status_name"
    public static let source = "dossier_exemptions"
    public static let sourceMeaning = "the enterprise's filed exemptions (报备) overlapping the period; only approved ones exempt (§13.14)"
    public var declaration: (FieldType, String) {
        switch self {
        case .facilityID: return (.text, "facility (blank = every facility and OFFLINE)")
        case .facilityName: return (.text, "facility")
        case .start: return (.datetime, "start (CST)")
        case .end: return (.datetime, "end (CST)")
        case .reason: return (.text, "reason")
        case .status: return (.text, "approved/pending/rejected")
        case .statusName: return (.text, "已批准/待审核/已驳回")
        }
    }
}

/// `dossier_days`: the enterprise by day (`enterprise_day.csv` with the five-day baseline).
public enum DossierDayField: String, ReportField {
    case date
    case energyKWh = "energy_kwh"
    case productionEnergyKWh = "production_energy_kwh"
    case treatmentEnergyKWh = "treatment_energy_kwh"
    case baselineEnergyKWh = "baseline_energy_kwh"
    case generatedKg = "generated_kg"
    case emittedKg = "emitted_kg"
    case events
    case syncRate = "sync_rate"
    case effectiveRate = "effective_rate"
    case completeness
    public static let source = "dossier_days"
    public static let sourceMeaning = "the enterprise by day (its `enterprise_day.csv` rows) with its production facilities' five-day baseline energy (§6)"
    public var declaration: (FieldType, String) {
        switch self {
        case .date: return (.date, "date")
        case .energyKWh: return (.number, "kWh of its facilities (§13.25)")
        case .productionEnergyKWh: return (.number, "kWh of its production facilities")
        case .treatmentEnergyKWh: return (.number, "kWh of its treatment facilities")
        case .baselineEnergyKWh: return (.number, "Σ §6 baseline energy (running slots) of its production facilities, kWh (blank unless every one has a baseline that day)")
        case .generatedKg: return (.number, "kg VOCs generated (§9.2)")
        case .emittedKg: return (.number, "kg VOCs emitted (§9.2)")
        case .events: return (.integer, "§7 events starting that day")
        case .syncRate: return (.percent, "同步率 (§9.1)")
        case .effectiveRate: return (.percent, "有效运行率")
        case .completeness: return (.percent, "mean facility completeness (§4)")
        }
    }
}

/// `dossier_facility_days`: each facility by day (`facility_day.csv`), with its baseline.
public enum DossierFacilityDayField: String, ReportField {
    case date
    case facilityID = "facility_id"
    case facilityName = "facility_name"
    case kind
    case completeness
    case runningMinutes = "running_minutes"
    case energyKWh = "energy_kwh"
    case baselinePowerKW = "baseline_power_kw"
    case baselineEnergyKWh = "baseline_energy_kwh"
    case syncRate = "sync_rate"
    case effectiveRate = "effective_rate"
    case stoppedMinutes = "stopped_minutes"
    case generatedKg = "generated_kg"
    case emittedKg = "emitted_kg"
    public static let source = "dossier_facility_days"
    public static let sourceMeaning = "each facility of the enterprise by day (its `facility_day.csv` rows) with the five-day baseline (§6)"
    public var declaration: (FieldType, String) {
        switch self {
        case .date: return (.date, "date")
        case .facilityID: return (.text, "facility id")
        case .facilityName: return (.text, "facility")
        case .kind: return (.text, "生产/治理")
        case .completeness: return (.percent, "present slots / slots (§4)")
        case .runningMinutes: return (.integer, "minutes running")
        case .energyKWh: return (.number, "kWh (§4)")
        case .baselinePowerKW: return (.number, "five-day baseline running power, kW (blank when unavailable)")
        case .baselineEnergyKWh: return (.number, "five-day baseline energy in running slots, kWh")
        case .syncRate: return (.percent, "treatment: 同步率")
        case .effectiveRate: return (.percent, "treatment: 有效运行率")
        case .stoppedMinutes: return (.integer, "treatment: minutes of N with treatment STOPPED")
        case .generatedKg: return (.number, "production: kg generated")
        case .emittedKg: return (.number, "production: kg emitted")
        }
    }
}

/// `dossier_treatment`: each treatment facility over the period (§9.1 rates).
public enum DossierTreatmentField: String, ReportField {
    case facilityID = "facility_id"
    case facilityName = "facility_name"
    case process
    case linkedProduction = "linked_production"
    case runningMinutes = "running_minutes"
    case energyKWh = "energy_kwh"
    case nMinutes = "n_minutes"
    case syncRate = "sync_rate"
    case effectiveRate = "effective_rate"
    case collectionRate = "collection_rate"
    case removalRate = "removal_rate"
    case stoppedMinutes = "stopped_minutes"
    case ineffectiveMinutes = "ineffective_minutes"
    case lowMinutes = "low_minutes"
    public static let source = "dossier_treatment"
    public static let sourceMeaning = "each treatment facility over the period: the §9.1 rates over its slots N (production running, state known), slot-weighted over the days"
    public var declaration: (FieldType, String) {
        switch self {
        case .facilityID: return (.text, "facility id")
        case .facilityName: return (.text, "treatment facility")
        case .process: return (.text, "process")
        case .linkedProduction: return (.text, "the production facilities it serves")
        case .runningMinutes: return (.integer, "minutes running")
        case .energyKWh: return (.number, "kWh")
        case .nMinutes: return (.integer, "minutes of N: its production side running and its state known")
        case .syncRate: return (.percent, "同步率")
        case .effectiveRate: return (.percent, "有效运行率")
        case .collectionRate: return (.percent, "收集率")
        case .removalRate: return (.percent, "去除率")
        case .stoppedMinutes: return (.integer, "minutes of N STOPPED")
        case .ineffectiveMinutes: return (.integer, "minutes of N INEFFECTIVE")
        case .lowMinutes: return (.integer, "minutes of N LOW")
        }
    }
}

/// `dossier_carbon`: activated-carbon status at the period's end and when it is due (§9.4).
public enum DossierCarbonField: String, ReportField {
    case facilityID = "facility_id"
    case facilityName = "facility_name"
    case process
    case replacedAt = "replaced_at"
    case fillKg = "fill_kg"
    case days
    case runningHours = "running_hours"
    case energyKWh = "energy_kwh"
    case airVolumeM3 = "air_volume_m3"
    case limits
    case remaining
    case due
    case reached
    case dueDate = "due_date"
    case dueBasis = "due_basis"
    public static let source = "dossier_carbon"
    public static let sourceMeaning = "activated carbon of the enterprise's AC facilities at the end of the period (§9.4, the last day's status) and the day it fell or falls due"
    public var declaration: (FieldType, String) {
        switch self {
        case .facilityID: return (.text, "facility id")
        case .facilityName: return (.text, "facility")
        case .process: return (.text, "AC or AC+CO")
        case .replacedAt: return (.datetime, "last replacement (CST)")
        case .fillKg: return (.number, "kg of carbon filled then")
        case .days: return (.number, "days since")
        case .runningHours: return (.number, "hours run since")
        case .energyKWh: return (.number, "kWh since")
        case .airVolumeM3: return (.number, "m³ of air since")
        case .limits: return (.text, "the limits set (days, hours, kWh, m³)")
        case .remaining: return (.percent, "remaining capacity")
        case .due: return (.text, "是 when a limit is reached")
        case .reached: return (.text, "limits reached")
        case .dueDate: return (.date, "due: the first day of the period from which it stayed due; else the day the first limit is reached at its mean use per day since the replacement (the day limit exactly)")
        case .dueBasis: return (.text, "how the due date was found")
        }
    }
}

/// `dossier_hours`: the enterprise's electrical points by day, with the day's 24 hours as
/// columns (在线小时数据, seed 002; seed 004 §3.1.1(6) "小时总值…日总用电值、日均值"): one row
/// per point-day, a meter's month reading down. The same values as `point_day.csv` and
/// `point_hour.csv` (`PointHourTable`); an hour without any present slot is blank, and the
/// hours with some slots missing are named with their completeness.
public enum DossierHourField: String, ReportField {
    case date
    case pointID = "point_id"
    case pointName = "point_name"
    case facilityID = "facility_id"
    case facilityName = "facility_name"
    case kind
    case h00 = "h00"
    case h01 = "h01"
    case h02 = "h02"
    case h03 = "h03"
    case h04 = "h04"
    case h05 = "h05"
    case h06 = "h06"
    case h07 = "h07"
    case h08 = "h08"
    case h09 = "h09"
    case h10 = "h10"
    case h11 = "h11"
    case h12 = "h12"
    case h13 = "h13"
    case h14 = "h14"
    case h15 = "h15"
    case h16 = "h16"
    case h17 = "h17"
    case h18 = "h18"
    case h19 = "h19"
    case h20 = "h20"
    case h21 = "h21"
    case h22 = "h22"
    case h23 = "h23"
    case energyKWh = "energy_kwh"
    case meanKW = "mean_kw"
    case maxKW = "max_kw"
    case completeness
    case partialHours = "partial_hours"
    public static let source = "dossier_hours"
    public static let sourceMeaning = "each electrical point of the enterprise by CST day, its hours as columns (`point_day.csv` and `point_hour.csv`: its slot values, §4)"
    /// The field of CST hour `h` (0 … 23).
    public static func hour(_ h: Int) -> DossierHourField? { DossierHourField(rawValue: String(format: "h%02d", h)) }
    public var declaration: (FieldType, String) {
        switch self {
        case .date: return (.date, "date")
        case .pointID: return (.text, "point id")
        case .pointName: return (.text, "point")
        case .facilityID: return (.text, "facility id (empty for the total meter)")
        case .facilityName: return (.text, "facility")
        case .kind: return (.text, "总电表/生产/治理")
        case .energyKWh: return (.number, "kWh over the day's present slots (日总用电值; the sum of its hours)")
        case .meanKW: return (.number, "mean slot power over them, kW (日均值; blank without any)")
        case .maxKW: return (.number, "largest slot power of the day, kW (blank without any)")
        case .completeness: return (.percent, "present slots / slots of the day")
        case .partialHours: return (.text, "the hours with some but not all slots present, with their completeness (e.g. 3时 50%)")
        default: return (.number, "kWh over the present slots of hour \(Int(rawValue.dropFirst()) ?? 0) (小时总值; blank without any)")
        }
    }
}
