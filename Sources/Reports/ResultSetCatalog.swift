/// Every named result set the engine provides to templates: each source's fields are
/// declared once, typed, by a `ReportField` enum below (units: kW, kWh, kg, minutes; times CST,
/// UTC+8). A template may only name these; the check runs before any computation
/// (`TemplateLoader.validate`). The data-source section of `ReportTemplates/README.md` is
/// `markdown`: `TemplateReadmeTests` fails when the two differ, and rewrites the section when
/// run with `PEMS_WRITE_TEMPLATE_README=1`.
public enum ResultSetCatalog {
    /// All of them, in the README's order.
    public static let all: [ResultSetSchema] = [
        KPIField.schema, EnterprisesField.schema, EventsField.schema, DQFindingsField.schema, CompletenessField.schema,
        DistrictRankingField.schema, EnterpriseRankingField.schema, ComparisonField.schema, IndustryComparisonField.schema,
        CarbonField.schema, TrendField.schema, ResponseSummaryField.schema, PlanMeasuresField.schema,
        MeasureComplianceField.schema, AllocationField.schema, ReductionDaysField.schema, CoverageField.schema,
        UnknownMNsField.schema, RejectsField.schema, InstallationListField.schema, InstallationProgressField.schema,
        RevisionsField.schema, KeyEnterprisesField.schema, Zone513Field.schema, IndustryStatsField.schema,
        AbnormalEnterprisesField.schema, OutletDayField.schema, OrderExecutionField.schema, ExemptionField.schema,
        ExemptedEventField.schema, TransmissionField.schema, GapListField.schema,
    ] + DossierSources.schemas

    public static func schema(_ name: String) -> ResultSetSchema? { all.first { $0.name == name } }

    static let periodSources = [KPIField.source, EnterprisesField.source, EventsField.source, DQFindingsField.source,
                                CompletenessField.source, DistrictRankingField.source, EnterpriseRankingField.source,
                                ComparisonField.source, IndustryComparisonField.source, CarbonField.source, TrendField.source,
                                KeyEnterprisesField.source, Zone513Field.source, IndustryStatsField.source,
                                AbnormalEnterprisesField.source, OutletDayField.source, ExemptionField.source,
                                ExemptedEventField.source, TransmissionField.source]
    static let qualitySources = [CoverageField.source, UnknownMNsField.source, RejectsField.source,
                                 InstallationListField.source, InstallationProgressField.source, RevisionsField.source,
                                 GapListField.source]
    static let responseSources = [ResponseSummaryField.source, PlanMeasuresField.source, MeasureComplianceField.source,
                                  AllocationField.source, ReductionDaysField.source, EventsField.source,
                                  OrderExecutionField.source]

    /// The result sets each report provides.
    public static func sources(for kind: ReportKind) -> [String] {
        switch kind {
        case .daily, .weekly, .monthly: return periodSources
        case .quality: return periodSources + qualitySources
        case .response: return responseSources
        case .dossier: return DossierSources.names
        }
    }

    /// The "Data sources" section of `ReportTemplates/README.md` (from its heading to the end
    /// of the file), made from the declarations.
    public static var markdown: String {
        func list(_ names: [String]) -> String { names.map { "`\($0)`" }.joined(separator: ", ") }
        var out = """
        ## Data sources

        Units: kW, kWh, kg, minutes; times are China Standard Time (UTC+8). The sources each report provides:

        - daily, weekly and monthly: \(list(periodSources));
        - quality: those and \(list(qualitySources));
        - response: \(list(responseSources)) (its `events` are the violations of the response);
        - dossier (the enterprise file, `pems dossier`): \(list(DossierSources.names)) (its `events` and `dq_findings` are the enterprise's).

        """
        for s in all {
            out += "\n### `\(s.name)` — \(s.meaning)\n\n| field | type | meaning |\n|---|---|---|\n"
            for f in s.fields { out += "| `\(f.name)` | \(f.type.rawValue) | \(f.meaning) |\n" }
        }
        return out
    }
}

/// `kpi`: key figures of the period (概览).
public enum KPIField: String, ReportField {
    case indicator
    case value
    case unit
    case earlier
    case change
    case yearEarlier = "year_earlier"
    case yoyChange = "yoy_change"
    case note
    case cityValue = "city_value"
    public static let source = "kpi"
    public static let sourceMeaning = "key figures of the period (概览)"
    public var declaration: (FieldType, String) {
        switch self {
        case .indicator: return (.text, "指标")
        case .value: return (.number, "value (rates are percent cells)")
        case .unit: return (.text, "unit")
        case .earlier: return (.number, "the previous period's value (环比 base)")
        case .change: return (.percent, "环比 change, blank when the earlier value is 0 or missing")
        case .yearEarlier: return (.number, "the same period a year earlier (同比 base)")
        case .yoyChange: return (.percent, "同比 change")
        case .note: return (.text, "how it is counted")
        case .cityValue: return (.number, "a county edition: the whole city's value beside the district's (left out of the city edition)")
        }
    }
}

/// `enterprises`: every enterprise over the period (企业运行).
public enum EnterprisesField: String, ReportField {
    case enterpriseID = "enterprise_id"
    case enterpriseName = "enterprise_name"
    case districtCode = "district_code"
    case districtName = "district_name"
    case industry
    case days
    case online
    case completeness
    case productionRunningMinutes = "production_running_minutes"
    case treatmentRunningMinutes = "treatment_running_minutes"
    case energyKWh = "energy_kwh"
    case productionEnergyKWh = "production_energy_kwh"
    case syncRate = "sync_rate"
    case effectiveRate = "effective_rate"
    case collectionRate = "collection_rate"
    case removalRate = "removal_rate"
    case generatedKg = "generated_kg"
    case emittedKg = "emitted_kg"
    case events
    case stoppedMinutes = "stopped_minutes"
    case complianceRate = "compliance_rate"
    case underControl = "under_control"
    public static let source = "enterprises"
    public static let sourceMeaning = "every enterprise over the period (企业运行)"
    public var declaration: (FieldType, String) {
        switch self {
        case .enterpriseID: return (.text, "enterprise id")
        case .enterpriseName: return (.text, "name")
        case .districtCode: return (.text, "district code")
        case .districtName: return (.text, "district name")
        case .industry: return (.text, "industry (seed 003 class)")
        case .days: return (.integer, "dates with results")
        case .online: return (.text, "是 when any facility reported in the period")
        case .completeness: return (.percent, "mean facility completeness (§4)")
        case .productionRunningMinutes: return (.integer, "minutes: running time of its production facilities, summed")
        case .treatmentRunningMinutes: return (.integer, "minutes: running time of its treatment facilities, summed")
        case .energyKWh: return (.number, "kWh of its facilities (§13.25)")
        case .productionEnergyKWh: return (.number, "kWh of production facilities")
        case .syncRate: return (.percent, "同步率 (§9.1, slot-weighted)")
        case .effectiveRate: return (.percent, "有效运行率")
        case .collectionRate: return (.percent, "收集率")
        case .removalRate: return (.percent, "去除率")
        case .generatedKg: return (.number, "kg VOCs generated (§9.2)")
        case .emittedKg: return (.number, "kg VOCs emitted (§9.2)")
        case .events: return (.integer, "§7 events starting in the period")
        case .stoppedMinutes: return (.integer, "minutes of N with treatment STOPPED")
        case .complianceRate: return (.percent, "share of its days without any §7 event")
        case .underControl: return (.text, "是 when a response with plan rows for it was in force")
        }
    }
}

/// `events`: every event overlapping the period, with its evidence (异常清单).
public enum EventsField: String, ReportField {
    case rule
    case ruleName = "rule_name"
    case enterpriseID = "enterprise_id"
    case enterpriseName = "enterprise_name"
    case districtName = "district_name"
    case facilityID = "facility_id"
    case facilityName = "facility_name"
    case start
    case end
    case minutes
    case violatingMinutes = "violating_minutes"
    case thresholds
    case thresholdKW = "threshold_kw"
    case baselinePowerKW = "baseline_power_kw"
    case ratio
    case allowedPowerKW = "allowed_power_kw"
    case meanPowerKW = "mean_power_kw"
    case maxPowerKW = "max_power_kw"
    case violatingSlots = "violating_slots"
    case responses
    case observed
    case remark
    public static let source = "events"
    public static let sourceMeaning = "every event overlapping the period, with its evidence (异常清单)"
    public var declaration: (FieldType, String) {
        switch self {
        case .rule: return (.text, "rule code (§7)")
        case .ruleName: return (.text, "rule (中文)")
        case .enterpriseID: return (.text, "enterprise id")
        case .enterpriseName: return (.text, "enterprise")
        case .districtName: return (.text, "district")
        case .facilityID: return (.text, "facility id (empty for OFFLINE and the enterprise-level LIMIT_VIOLATION)")
        case .facilityName: return (.text, "facility (全厂限产设备 for an enterprise-level LIMIT_VIOLATION)")
        case .start: return (.datetime, "start (CST, the event's true start)")
        case .end: return (.datetime, "end (CST; cut at the period's end when still running)")
        case .minutes: return (.integer, "minutes inside the period")
        case .violatingMinutes: return (.integer, "violating slots inside the period × S, gap slots left out (SPEC 2 §12)")
        case .thresholds: return (.text, "θ of the facility's points, kW")
        case .thresholdKW: return (.number, "largest θ of the facility's points, kW")
        case .baselinePowerKW: return (.number, "five-day baseline running power, kW (Σ for an enterprise-level limit)")
        case .ratio: return (.number, "allowed share of baseline")
        case .allowedPowerKW: return (.number, "allowed power, kW (Σ ratio × baseline for an enterprise-level limit)")
        case .meanPowerKW: return (.number, "mean power over violating slots, kW (Σ over the limited facilities for an enterprise-level limit)")
        case .maxPowerKW: return (.number, "max power over violating slots, kW (likewise Σ)")
        case .violatingSlots: return (.integer, "violating slots")
        case .responses: return (.text, "responses / levels in force")
        case .observed: return (.text, "sensor ranges or carbon limits reached")
        case .remark: return (.text, "how it was judged (SPEC 2 §7): the limited facilities, the violating runs and their sum, the exemption")
        }
    }
}

/// `dq_findings`: data-quality findings (§8).
public enum DQFindingsField: String, ReportField {
    case date
    case pointID = "point_id"
    case pointName = "point_name"
    case enterpriseID = "enterprise_id"
    case enterpriseName = "enterprise_name"
    case check
    case checkName = "check_name"
    case detail
    public static let source = "dq_findings"
    public static let sourceMeaning = "data-quality findings (§8)"
    public var declaration: (FieldType, String) {
        switch self {
        case .date: return (.date, "date")
        case .pointID: return (.text, "point id (MN for UNKNOWN_MN)")
        case .pointName: return (.text, "point")
        case .enterpriseID: return (.text, "enterprise id")
        case .enterpriseName: return (.text, "enterprise")
        case .check: return (.text, "check code")
        case .checkName: return (.text, "check (中文)")
        case .detail: return (.text, "measurement")
        }
    }
}

/// `completeness`: facility completeness per day (§4, §8).
public enum CompletenessField: String, ReportField {
    case date
    case facilityID = "facility_id"
    case facilityName = "facility_name"
    case enterpriseID = "enterprise_id"
    case enterpriseName = "enterprise_name"
    case kind
    case completeness
    case meetsTarget = "meets_target"
    case belowCheck = "below_check"
    public static let source = "completeness"
    public static let sourceMeaning = "facility completeness per day (§4, §8)"
    public var declaration: (FieldType, String) {
        switch self {
        case .date: return (.date, "date")
        case .facilityID: return (.text, "facility id")
        case .facilityName: return (.text, "facility")
        case .enterpriseID: return (.text, "enterprise id")
        case .enterpriseName: return (.text, "enterprise")
        case .kind: return (.text, "生产/治理")
        case .completeness: return (.percent, "present slots / slots (§4)")
        case .meetsTarget: return (.text, "是 when ≥ the target (default 99.8 %)")
        case .belowCheck: return (.text, "是 when < the check (default 90 %)")
        }
    }
}

/// `district_ranking`: districts ranked by emitted VOCs (§9.6).
public enum DistrictRankingField: String, ReportField {
    case rank
    case districtCode = "district_code"
    case districtName = "district_name"
    case enterprises
    case emittedKg = "emitted_kg"
    case events
    case syncRate = "sync_rate"
    case complianceRate = "compliance_rate"
    case rankEvents = "rank_events"
    case rankSync = "rank_sync"
    case earlierEmittedKg = "earlier_emitted_kg"
    case change
    case own
    public static let source = "district_ranking"
    public static let sourceMeaning = "districts ranked by emitted VOCs (§9.6)"
    public var declaration: (FieldType, String) {
        switch self {
        case .rank: return (.integer, "rank by emitted kg (1 = largest, ties by code)")
        case .districtCode: return (.text, "code")
        case .districtName: return (.text, "name")
        case .enterprises: return (.integer, "registered enterprises")
        case .emittedKg: return (.number, "kg emitted")
        case .events: return (.integer, "events starting in the period")
        case .syncRate: return (.percent, "同步率")
        case .complianceRate: return (.percent, "合规率")
        case .rankEvents: return (.integer, "rank by events")
        case .rankSync: return (.integer, "rank by sync rate (1 = best)")
        case .earlierEmittedKg: return (.number, "kg emitted in the previous period")
        case .change: return (.percent, "环比 change")
        case .own: return (.text, "a county edition: 是 on its own district's row (left out of the city edition)")
        }
    }
}

/// `enterprise_ranking`: enterprises ranked by emitted VOCs (§9.6).
public enum EnterpriseRankingField: String, ReportField {
    case rank
    case enterpriseID = "enterprise_id"
    case enterpriseName = "enterprise_name"
    case districtName = "district_name"
    case industry
    case emittedKg = "emitted_kg"
    case events
    case syncRate = "sync_rate"
    case rankSync = "rank_sync"
    case earlierEmittedKg = "earlier_emitted_kg"
    case change
    case yearEarlierEmittedKg = "year_earlier_emitted_kg"
    case yoyChange = "yoy_change"
    public static let source = "enterprise_ranking"
    public static let sourceMeaning = "enterprises ranked by emitted VOCs (§9.6)"
    public var declaration: (FieldType, String) {
        switch self {
        case .rank: return (.integer, "rank (1 = largest)")
        case .enterpriseID: return (.text, "id")
        case .enterpriseName: return (.text, "name")
        case .districtName: return (.text, "district")
        case .industry: return (.text, "industry")
        case .emittedKg: return (.number, "kg emitted")
        case .events: return (.integer, "events")
        case .syncRate: return (.percent, "同步率")
        case .rankSync: return (.integer, "rank by sync rate")
        case .earlierEmittedKg: return (.number, "kg emitted in the previous period (环比 base; blank when not stored)")
        case .change: return (.percent, "环比 change of emitted kg")
        case .yearEarlierEmittedKg: return (.number, "kg emitted in the same period a year earlier (同比 base; blank when not stored)")
        case .yoyChange: return (.percent, "同比 change of emitted kg")
        }
    }
}

/// `comparison`: 环比 and 同比 of emitted VOCs and events (§9.6).
public enum ComparisonField: String, ReportField {
    case code
    case name
    case emittedKg = "emitted_kg"
    case previousKg = "previous_kg"
    case momChange = "mom_change"
    case lastYearKg = "last_year_kg"
    case yoyChange = "yoy_change"
    case events
    case previousEvents = "previous_events"
    public static let source = "comparison"
    public static let sourceMeaning = "环比 and 同比 of emitted VOCs and events (§9.6)"
    public var declaration: (FieldType, String) {
        switch self {
        case .code: return (.text, "district code or city")
        case .name: return (.text, "name")
        case .emittedKg: return (.number, "kg this period")
        case .previousKg: return (.number, "kg the previous period")
        case .momChange: return (.percent, "环比")
        case .lastYearKg: return (.number, "kg the same period a year earlier")
        case .yoyChange: return (.percent, "同比")
        case .events: return (.integer, "events this period")
        case .previousEvents: return (.integer, "events the previous period")
        }
    }
}

/// `industry_comparison`: emission intensity against the industry median (§9.6).
public enum IndustryComparisonField: String, ReportField {
    case enterpriseID = "enterprise_id"
    case enterpriseName = "enterprise_name"
    case industry
    case emittedKgPerKWh = "emitted_kg_per_kwh"
    case industryMedian = "industry_median"
    case ratioToMedian = "ratio_to_median"
    case peers
    public static let source = "industry_comparison"
    public static let sourceMeaning = "emission intensity against the industry median (§9.6)"
    public var declaration: (FieldType, String) {
        switch self {
        case .enterpriseID: return (.text, "id")
        case .enterpriseName: return (.text, "name")
        case .industry: return (.text, "industry")
        case .emittedKgPerKWh: return (.number, "kg emitted per kWh of production energy")
        case .industryMedian: return (.number, "industry median")
        case .ratioToMedian: return (.number, "value / median")
        case .peers: return (.integer, "enterprises in the median")
        }
    }
}

/// `carbon`: activated-carbon status at the end of the period (§9.4).
public enum CarbonField: String, ReportField {
    case facilityID = "facility_id"
    case facilityName = "facility_name"
    case enterpriseID = "enterprise_id"
    case enterpriseName = "enterprise_name"
    case replacedAt = "replaced_at"
    case days
    case runningHours = "running_hours"
    case energyKWh = "energy_kwh"
    case airVolumeM3 = "air_volume_m3"
    case remaining
    case due
    case reached
    public static let source = "carbon"
    public static let sourceMeaning = "activated-carbon status at the end of the period (§9.4)"
    public var declaration: (FieldType, String) {
        switch self {
        case .facilityID: return (.text, "facility id")
        case .facilityName: return (.text, "facility")
        case .enterpriseID: return (.text, "enterprise id")
        case .enterpriseName: return (.text, "enterprise")
        case .replacedAt: return (.datetime, "last replacement (CST)")
        case .days: return (.number, "days since")
        case .runningHours: return (.number, "hours run since")
        case .energyKWh: return (.number, "kWh since")
        case .airVolumeM3: return (.number, "m³ of air since")
        case .remaining: return (.percent, "remaining capacity")
        case .due: return (.text, "是 when a limit is reached")
        case .reached: return (.text, "limits reached")
        }
    }
}

/// `trend`: the city by day (§9.2).
public enum TrendField: String, ReportField {
    case date
    case emittedKg = "emitted_kg"
    case generatedKg = "generated_kg"
    case energyKWh = "energy_kwh"
    case events
    case syncRate = "sync_rate"
    case complianceRate = "compliance_rate"
    public static let source = "trend"
    public static let sourceMeaning = "the city by day (§9.2)"
    public var declaration: (FieldType, String) {
        switch self {
        case .date: return (.date, "date")
        case .emittedKg: return (.number, "kg emitted")
        case .generatedKg: return (.number, "kg generated")
        case .energyKWh: return (.number, "kWh")
        case .events: return (.integer, "events starting that day")
        case .syncRate: return (.percent, "同步率")
        case .complianceRate: return (.percent, "合规率")
        }
    }
}

/// `response_summary`: the response and its outcome.
public enum ResponseSummaryField: String, ReportField {
    case item
    case value
    case number
    public static let source = "response_summary"
    public static let sourceMeaning = "the response and its outcome"
    public var declaration: (FieldType, String) {
        switch self {
        case .item: return (.text, "项目")
        case .value: return (.text, "text value")
        case .number: return (.number, "numeric value")
        }
    }
}

/// `plan_measures`: plan rows in force per enterprise (一厂一策).
public enum PlanMeasuresField: String, ReportField {
    case enterpriseID = "enterprise_id"
    case enterpriseName = "enterprise_name"
    case districtName = "district_name"
    case facilityID = "facility_id"
    case facilityName = "facility_name"
    case measure
    case measureName = "measure_name"
    case ratio
    case windows
    case violations
    case violationMinutes = "violation_minutes"
    public static let source = "plan_measures"
    public static let sourceMeaning = "plan rows in force per enterprise (一厂一策)"
    public var declaration: (FieldType, String) {
        switch self {
        case .enterpriseID: return (.text, "id")
        case .enterpriseName: return (.text, "name")
        case .districtName: return (.text, "district")
        case .facilityID: return (.text, "facility (blank = all production)")
        case .facilityName: return (.text, "facility")
        case .measure: return (.text, "stop/limit/shift")
        case .measureName: return (.text, "停产/限产/错峰")
        case .ratio: return (.percent, "allowed share of baseline")
        case .windows: return (.text, "shift windows")
        case .violations: return (.integer, "violation events of this enterprise and measure (a facility's row: its own and the enterprise-level limit events that held it, SPEC 2)")
        case .violationMinutes: return (.integer, "violating minutes of them (SPEC 2 §12)")
        }
    }
}

/// `measure_compliance`: compliance by measure.
public enum MeasureComplianceField: String, ReportField {
    case measure
    case measureName = "measure_name"
    case enterprises
    case violators
    case events
    case minutes
    case complianceRate = "compliance_rate"
    public static let source = "measure_compliance"
    public static let sourceMeaning = "compliance by measure"
    public var declaration: (FieldType, String) {
        switch self {
        case .measure: return (.text, "stop/limit/shift")
        case .measureName: return (.text, "措施")
        case .enterprises: return (.integer, "enterprises with the measure")
        case .violators: return (.integer, "enterprises with a violation")
        case .events: return (.integer, "violation events")
        case .minutes: return (.integer, "violating minutes of the events (SPEC 2 §12)")
        case .complianceRate: return (.percent, "share of enterprises without violation")
        }
    }
}

/// `allocation`: allocated against achieved reduction (§9.5).
public enum AllocationField: String, ReportField {
    case districtCode = "district_code"
    case districtName = "district_name"
    case enterpriseID = "enterprise_id"
    case enterpriseName = "enterprise_name"
    case baselineKgPerDay = "baseline_kg_per_day"
    case capKgPerDay = "cap_kg_per_day"
    case allocatedKgPerDay = "allocated_kg_per_day"
    case achievedKgPerDay = "achieved_kg_per_day"
    case completion
    public static let source = "allocation"
    public static let sourceMeaning = "allocated against achieved reduction (§9.5)"
    public var declaration: (FieldType, String) {
        switch self {
        case .districtCode: return (.text, "district")
        case .districtName: return (.text, "district")
        case .enterpriseID: return (.text, "id")
        case .enterpriseName: return (.text, "name")
        case .baselineKgPerDay: return (.number, "kg/day")
        case .capKgPerDay: return (.number, "kg/day")
        case .allocatedKgPerDay: return (.number, "kg/day")
        case .achievedKgPerDay: return (.number, "kg/day, mean over the response's dates")
        case .completion: return (.percent, "achieved / allocated")
        }
    }
}

/// `reduction_days`: reduction per enterprise and date (§9.3).
public enum ReductionDaysField: String, ReportField {
    case date
    case enterpriseID = "enterprise_id"
    case enterpriseName = "enterprise_name"
    case baselineKg = "baseline_kg"
    case emittedKg = "emitted_kg"
    case reductionKg = "reduction_kg"
    public static let source = "reduction_days"
    public static let sourceMeaning = "reduction per enterprise and date (§9.3)"
    public var declaration: (FieldType, String) {
        switch self {
        case .date: return (.date, "date")
        case .enterpriseID: return (.text, "id")
        case .enterpriseName: return (.text, "name")
        case .baselineKg: return (.number, "kg")
        case .emittedKg: return (.number, "kg")
        case .reductionKg: return (.number, "kg")
        }
    }
}

/// `coverage`: per-enterprise registry coverage (§8, §13.24).
public enum CoverageField: String, ReportField {
    case enterpriseID = "enterprise_id"
    case enterpriseName = "enterprise_name"
    case districtName = "district_name"
    case industry
    case collectors
    case totalPoints = "total_points"
    case productionPoints = "production_points"
    case treatmentPoints = "treatment_points"
    case sensors
    case problems
    case problemCount = "problem_count"
    case completeness
    public static let source = "coverage"
    public static let sourceMeaning = "per-enterprise registry coverage (§8, §13.24)"
    public var declaration: (FieldType, String) {
        switch self {
        case .enterpriseID: return (.text, "id")
        case .enterpriseName: return (.text, "name")
        case .districtName: return (.text, "district")
        case .industry: return (.text, "industry")
        case .collectors: return (.integer, "数采仪")
        case .totalPoints: return (.integer, "总电表")
        case .productionPoints: return (.integer, "生产点位")
        case .treatmentPoints: return (.integer, "治理点位")
        case .sensors: return (.integer, "工况传感器")
        case .problems: return (.text, "coverage checks that fire")
        case .problemCount: return (.integer, "how many")
        case .completeness: return (.percent, "mean facility completeness")
        }
    }
}

/// `unknown_mns`: packets from MNs not in the registry.
public enum UnknownMNsField: String, ReportField {
    case mn
    case packets
    public static let source = "unknown_mns"
    public static let sourceMeaning = "packets from MNs not in the registry"
    public var declaration: (FieldType, String) {
        switch self {
        case .mn: return (.text, "MN")
        case .packets: return (.integer, "packets kept aside")
        }
    }
}

/// `revisions`: the replaced readings of the period (数据修改记录, SPEC §12, §13.35; seed 001
/// §4.2 "原始数据暂不允许修约").
public enum RevisionsField: String, ReportField {
    case time
    case mn
    case code
    case param
    case oldValue = "old_value"
    case newValue = "new_value"
    case oldFlag = "old_flag"
    case newFlag = "new_flag"
    case file
    case loadedAt = "loaded_at"
    public static let source = "revisions"
    public static let sourceMeaning = "readings of the period replaced by a later load with another value (§13.35), by MN, code, parameter, time and load order"
    public var declaration: (FieldType, String) {
        switch self {
        case .time: return (.datetime, "the reading's time (CST)")
        case .mn: return (.text, "data collector MN")
        case .code: return (.text, "factor code")
        case .param: return (.text, "parameter as stored (`Pt`, `Ept`, `Pa`…`Ic`, `Rtd`; `-Hour` for CN 2061)")
        case .oldValue: return (.number, "value before (kW, kWh, V, A or the sensor's unit)")
        case .newValue: return (.number, "value after")
        case .oldFlag: return (.text, "HJ 212 data flag before")
        case .newFlag: return (.text, "HJ 212 data flag after")
        case .file: return (.text, "the file that brought the new value")
        case .loadedAt: return (.datetime, "when that load ran (CST)")
        }
    }
}

/// `rejects`: rejected lines by reason (§3.3).
public enum RejectsField: String, ReportField {
    case reason
    case reasonName = "reason_name"
    case count
    public static let source = "rejects"
    public static let sourceMeaning = "rejected lines by reason (§3.3)"
    public var declaration: (FieldType, String) {
        switch self {
        case .reason: return (.text, "reason code (a `dropped:` prefix = values dropped from accepted packets)")
        case .reasonName: return (.text, "reason (中文)")
        case .count: return (.integer, "lines or values")
        }
    }
}

/// `installation_list`: 安装联网企业清单 (seed 003 附件1).
public enum InstallationListField: String, ReportField {
    case seq
    case city
    case districtName = "district_name"
    case enterpriseName = "enterprise_name"
    case industry
    case planned
    public static let source = "installation_list"
    public static let sourceMeaning = "安装联网企业清单 (seed 003 附件1)"
    public var declaration: (FieldType, String) {
        switch self {
        case .seq: return (.integer, "序号")
        case .city: return (.text, "所属市")
        case .districtName: return (.text, "所属县（市、区）")
        case .enterpriseName: return (.text, "企业名称")
        case .industry: return (.text, "行业类别")
        case .planned: return (.date, "计划完成时间")
        }
    }
}

/// `installation_progress`: 安装联网进度表 (seed 003 附件2).
public enum InstallationProgressField: String, ReportField {
    case seq
    case city
    case districtName = "district_name"
    case enterpriseName = "enterprise_name"
    case industry
    case planned
    case connected
    public static let source = "installation_progress"
    public static let sourceMeaning = "安装联网进度表 (seed 003 附件2)"
    public var declaration: (FieldType, String) {
        switch self {
        case .seq: return (.integer, "序号")
        case .city: return (.text, "所属市")
        case .districtName: return (.text, "所属县(市、区)")
        case .enterpriseName: return (.text, "企业名称")
        case .industry: return (.text, "行业类别")
        case .planned: return (.date, "计划完成时间")
        case .connected: return (.date, "实际完成安装并与省平台联网时间")
        }
    }
}

/// `transmission`: 传输情况 per district and the city (seed 003 通报; seed 001 §6.1 99.8 %;
/// definitions in docs/REPORTS.md).
public enum TransmissionField: String, ReportField {
    case districtCode = "district_code"
    case districtName = "district_name"
    case registeredEnterprises = "registered_enterprises"
    case onlineEnterprises = "online_enterprises"
    case onlineRate = "online_rate"
    case registeredPoints = "registered_points"
    case reportingPoints = "reporting_points"
    case transmissionRate = "transmission_rate"
    case meanCompleteness = "mean_completeness"
    case pointsAtTarget = "points_at_target"
    case shareAtTarget = "share_at_target"
    case missingSlots = "missing_slots"
    case gapRuns = "gap_runs"
    case rejectedLines = "rejected_lines"
    case resentLateLines = "resent_late_lines"
    case maxResendLagMinutes = "max_resend_lag_minutes"
    public static let source = "transmission"
    public static let sourceMeaning = "data transmission per district and the city over the period (a county edition: its district and the city)"
    public var declaration: (FieldType, String) {
        switch self {
        case .districtCode: return (.text, "district code; empty on the city row")
        case .districtName: return (.text, "district, or 全市")
        case .registeredEnterprises: return (.integer, "enterprises in the registry")
        case .onlineEnterprises: return (.integer, "enterprises with a facility-day of completeness > 0")
        case .onlineRate: return (.percent, "online / registered enterprises")
        case .registeredPoints: return (.integer, "points in the registry (every kind)")
        case .reportingPoints: return (.integer, "points with at least one present slot (§4)")
        case .transmissionRate: return (.percent, "present point-slots / (points × days × slots per day)")
        case .meanCompleteness: return (.percent, "mean facility completeness (title rows' 数据完整率)")
        case .pointsAtTarget: return (.integer, "points whose period completeness ≥ completeness_target (0.998)")
        case .shareAtTarget: return (.percent, "points at target / registered points")
        case .missingSlots: return (.integer, "missing point-slots")
        case .gapRuns: return (.integer, "lines of the 补采清单")
        case .rejectedLines: return (.integer, "rejected lines of the loads dated in the period (the day a load brought most readings for): the city's all, a district's those whose MN is one of its collectors'")
        case .resentLateLines: return (.integer, "CN 2011 lines with a receive time (SPEC §13.38) whose DataTime is in the period, counted once per point they carry, received more than 1 hour after their DataTime (seed 001 §6.1 补传滞后时间不超过1小时); a district's its points'")
        case .maxResendLagMinutes: return (.number, "the largest receive time − DataTime of those lines, minutes; empty without lines with a receive time")
        }
    }
}

/// `gap_list`: 补采清单, the runs of missing slots per point to request again from the
/// collector (seed 001 §5.5.2 补采).
public enum GapListField: String, ReportField {
    case mn
    case pointID = "point_id"
    case pointKind = "point_kind"
    case enterpriseID = "enterprise_id"
    case enterpriseName = "enterprise_name"
    case districtName = "district_name"
    case from
    case to
    case missingSlots = "missing_slots"
    case minutes
    public static let source = "gap_list"
    public static let sourceMeaning = "runs of missing slots (§4) per point, joined over midnight, by MN, point and start"
    public var declaration: (FieldType, String) {
        switch self {
        case .mn: return (.text, "data collector MN")
        case .pointID: return (.text, "point id")
        case .pointKind: return (.text, "总电表, 生产, 治理 or 工况传感器")
        case .enterpriseID: return (.text, "id")
        case .enterpriseName: return (.text, "name")
        case .districtName: return (.text, "district")
        case .from: return (.datetime, "first missing slot's start (CST)")
        case .to: return (.datetime, "end of the run, exclusive (CST)")
        case .missingSlots: return (.integer, "slots in the run")
        case .minutes: return (.integer, "missing slots × S")
        }
    }
}
