/// Every named result set the engine provides to templates, with its fields and their types
/// (units: kW, kWh, kg, minutes; times CST, UTC+8). A template may only name these; the
/// check runs before any computation (`ReportTemplate.validate`). `ReportTemplates/README.md`
/// lists them for the staff who edit templates.
public enum ResultSetCatalog {
    static func f(_ n: String, _ t: FieldType, _ m: String) -> ResultField { ResultField(n, t, m) }

    /// 概览: key figures of the period, one row per indicator.
    public static let kpi = ResultSetSchema("kpi", "key figures of the period (概览)", [
        f("indicator", .text, "指标"), f("value", .number, "value (rates are percent cells)"), f("unit", .text, "unit"),
        f("earlier", .number, "the previous period's value (环比 base)"), f("change", .percent, "环比 change, blank when the earlier value is 0 or missing"),
        f("year_earlier", .number, "the same period a year earlier (同比 base)"), f("yoy_change", .percent, "同比 change"),
        f("note", .text, "how it is counted"),
    ])

    /// 企业运行: one row per registered enterprise over the period.
    public static let enterprises = ResultSetSchema("enterprises", "every enterprise over the period (企业运行)", [
        f("enterprise_id", .text, "enterprise id"), f("enterprise_name", .text, "name"),
        f("district_code", .text, "district code"), f("district_name", .text, "district name"),
        f("industry", .text, "industry (seed 003 class)"), f("days", .integer, "dates with results"),
        f("online", .text, "是 when any facility reported in the period"),
        f("completeness", .percent, "mean facility completeness (§4)"),
        f("production_running_minutes", .integer, "minutes: running time of its production facilities, summed"),
        f("treatment_running_minutes", .integer, "minutes: running time of its treatment facilities, summed"),
        f("energy_kwh", .number, "kWh of its facilities (§13.25)"), f("production_energy_kwh", .number, "kWh of production facilities"),
        f("sync_rate", .percent, "同步率 (§9.1, slot-weighted)"), f("effective_rate", .percent, "有效运行率"),
        f("collection_rate", .percent, "收集率"), f("removal_rate", .percent, "去除率"),
        f("generated_kg", .number, "kg VOCs generated (§9.2)"), f("emitted_kg", .number, "kg VOCs emitted (§9.2)"),
        f("events", .integer, "§7 events starting in the period"),
        f("stopped_minutes", .integer, "minutes of N with treatment STOPPED"),
        f("compliance_rate", .percent, "share of its days without any §7 event"),
        f("under_control", .text, "是 when a response with plan rows for it was in force"),
    ])

    /// 异常清单: every §7 event overlapping the period with its evidence.
    public static let events = ResultSetSchema("events", "every event overlapping the period, with its evidence (异常清单)", [
        f("rule", .text, "rule code (§7)"), f("rule_name", .text, "rule (中文)"),
        f("enterprise_id", .text, "enterprise id"), f("enterprise_name", .text, "enterprise"),
        f("district_name", .text, "district"), f("facility_id", .text, "facility id (empty for OFFLINE)"),
        f("facility_name", .text, "facility"), f("start", .datetime, "start (CST, the event's true start)"),
        f("end", .datetime, "end (CST; cut at the period's end when still running)"),
        f("minutes", .integer, "minutes inside the period"), f("thresholds", .text, "θ of the facility's points, kW"),
        f("threshold_kw", .number, "largest θ of the facility's points, kW"),
        f("baseline_power_kw", .number, "five-day baseline running power, kW"), f("ratio", .number, "allowed share of baseline"),
        f("allowed_power_kw", .number, "allowed power, kW"), f("mean_power_kw", .number, "mean power over violating slots, kW"),
        f("max_power_kw", .number, "max power over violating slots, kW"), f("violating_slots", .integer, "violating slots"),
        f("responses", .text, "responses / levels in force"), f("observed", .text, "sensor ranges or carbon limits reached"),
    ])

    /// 数据质量: every §8 finding in the period.
    public static let dqFindings = ResultSetSchema("dq_findings", "data-quality findings (§8)", [
        f("date", .date, "date"), f("point_id", .text, "point id (MN for UNKNOWN_MN)"), f("point_name", .text, "point"),
        f("enterprise_id", .text, "enterprise id"), f("enterprise_name", .text, "enterprise"),
        f("check", .text, "check code"), f("check_name", .text, "check (中文)"), f("detail", .text, "measurement"),
    ])

    /// Facility completeness per day against the 90 % check and the 99.8 % target.
    public static let completeness = ResultSetSchema("completeness", "facility completeness per day (§4, §8)", [
        f("date", .date, "date"), f("facility_id", .text, "facility id"), f("facility_name", .text, "facility"),
        f("enterprise_id", .text, "enterprise id"), f("enterprise_name", .text, "enterprise"), f("kind", .text, "生产/治理"),
        f("completeness", .percent, "present slots / slots (§4)"),
        f("meets_target", .text, "是 when ≥ the target (default 99.8 %)"), f("below_check", .text, "是 when < the check (default 90 %)"),
    ])

    /// 区县排名.
    public static let districtRanking = ResultSetSchema("district_ranking", "districts ranked by emitted VOCs (§9.6)", [
        f("rank", .integer, "rank by emitted kg (1 = largest, ties by code)"), f("district_code", .text, "code"),
        f("district_name", .text, "name"), f("enterprises", .integer, "registered enterprises"),
        f("emitted_kg", .number, "kg emitted"), f("events", .integer, "events starting in the period"),
        f("sync_rate", .percent, "同步率"), f("compliance_rate", .percent, "合规率"),
        f("rank_events", .integer, "rank by events"), f("rank_sync", .integer, "rank by sync rate (1 = best)"),
        f("earlier_emitted_kg", .number, "kg emitted in the previous period"), f("change", .percent, "环比 change"),
    ])

    /// Enterprise ranking by emitted VOCs.
    public static let enterpriseRanking = ResultSetSchema("enterprise_ranking", "enterprises ranked by emitted VOCs (§9.6)", [
        f("rank", .integer, "rank (1 = largest)"), f("enterprise_id", .text, "id"), f("enterprise_name", .text, "name"),
        f("district_name", .text, "district"), f("industry", .text, "industry"), f("emitted_kg", .number, "kg emitted"),
        f("events", .integer, "events"), f("sync_rate", .percent, "同步率"), f("rank_sync", .integer, "rank by sync rate"),
    ])

    /// 环比/同比 of each district and the city.
    public static let comparison = ResultSetSchema("comparison", "环比 and 同比 of emitted VOCs and events (§9.6)", [
        f("code", .text, "district code or city"), f("name", .text, "name"), f("emitted_kg", .number, "kg this period"),
        f("previous_kg", .number, "kg the previous period"), f("mom_change", .percent, "环比"),
        f("last_year_kg", .number, "kg the same period a year earlier"), f("yoy_change", .percent, "同比"),
        f("events", .integer, "events this period"), f("previous_events", .integer, "events the previous period"),
    ])

    /// Same-industry comparison.
    public static let industryComparison = ResultSetSchema("industry_comparison", "emission intensity against the industry median (§9.6)", [
        f("enterprise_id", .text, "id"), f("enterprise_name", .text, "name"), f("industry", .text, "industry"),
        f("emitted_kg_per_kwh", .number, "kg emitted per kWh of production energy"),
        f("industry_median", .number, "industry median"), f("ratio_to_median", .number, "value / median"),
        f("peers", .integer, "enterprises in the median"),
    ])

    /// Activated-carbon status at the period's last day.
    public static let carbon = ResultSetSchema("carbon", "activated-carbon status at the end of the period (§9.4)", [
        f("facility_id", .text, "facility id"), f("facility_name", .text, "facility"), f("enterprise_id", .text, "enterprise id"),
        f("enterprise_name", .text, "enterprise"), f("replaced_at", .datetime, "last replacement (CST)"),
        f("days", .number, "days since"), f("running_hours", .number, "hours run since"), f("energy_kwh", .number, "kWh since"),
        f("air_volume_m3", .number, "m³ of air since"), f("remaining", .percent, "remaining capacity"),
        f("due", .text, "是 when a limit is reached"), f("reached", .text, "limits reached"),
    ])

    /// Trend by day.
    public static let trend = ResultSetSchema("trend", "the city by day (§9.2)", [
        f("date", .date, "date"), f("emitted_kg", .number, "kg emitted"), f("generated_kg", .number, "kg generated"),
        f("energy_kwh", .number, "kWh"), f("events", .integer, "events starting that day"),
        f("sync_rate", .percent, "同步率"), f("compliance_rate", .percent, "合规率"),
    ])

    // Response assessment (应急减排评估).
    public static let responseSummary = ResultSetSchema("response_summary", "the response and its outcome", [
        f("item", .text, "项目"), f("value", .text, "text value"), f("number", .number, "numeric value"),
    ])
    public static let planMeasures = ResultSetSchema("plan_measures", "plan rows in force per enterprise (一厂一策)", [
        f("enterprise_id", .text, "id"), f("enterprise_name", .text, "name"), f("district_name", .text, "district"),
        f("facility_id", .text, "facility (blank = all production)"), f("facility_name", .text, "facility"),
        f("measure", .text, "stop/limit/shift"), f("measure_name", .text, "停产/限产/错峰"), f("ratio", .percent, "allowed share of baseline"),
        f("windows", .text, "shift windows"), f("violations", .integer, "violation events of this enterprise and measure"),
        f("violation_minutes", .integer, "minutes of them inside the response"),
    ])
    public static let measureCompliance = ResultSetSchema("measure_compliance", "compliance by measure", [
        f("measure", .text, "stop/limit/shift"), f("measure_name", .text, "措施"), f("enterprises", .integer, "enterprises with the measure"),
        f("violators", .integer, "enterprises with a violation"), f("events", .integer, "violation events"),
        f("minutes", .integer, "violation minutes"), f("compliance_rate", .percent, "share of enterprises without violation"),
    ])
    public static let allocation = ResultSetSchema("allocation", "allocated against achieved reduction (§9.5)", [
        f("district_code", .text, "district"), f("district_name", .text, "district"), f("enterprise_id", .text, "id"),
        f("enterprise_name", .text, "name"), f("baseline_kg_per_day", .number, "kg/day"), f("cap_kg_per_day", .number, "kg/day"),
        f("allocated_kg_per_day", .number, "kg/day"), f("achieved_kg_per_day", .number, "kg/day, mean over the response's dates"),
        f("completion", .percent, "achieved / allocated"),
    ])
    public static let reductionDays = ResultSetSchema("reduction_days", "reduction per enterprise and date (§9.3)", [
        f("date", .date, "date"), f("enterprise_id", .text, "id"), f("enterprise_name", .text, "name"),
        f("baseline_kg", .number, "kg"), f("emitted_kg", .number, "kg"), f("reduction_kg", .number, "kg"),
    ])

    // Data quality and coverage (数据质量与联网).
    public static let coverage = ResultSetSchema("coverage", "per-enterprise registry coverage (§8, §13.24)", [
        f("enterprise_id", .text, "id"), f("enterprise_name", .text, "name"), f("district_name", .text, "district"),
        f("industry", .text, "industry"), f("collectors", .integer, "数采仪"), f("total_points", .integer, "总电表"),
        f("production_points", .integer, "生产点位"), f("treatment_points", .integer, "治理点位"), f("sensors", .integer, "工况传感器"),
        f("problems", .text, "coverage checks that fire"), f("problem_count", .integer, "how many"),
        f("completeness", .percent, "mean facility completeness"),
    ])
    public static let unknownMNs = ResultSetSchema("unknown_mns", "packets from MNs not in the registry", [
        f("mn", .text, "MN"), f("packets", .integer, "packets kept aside"),
    ])
    public static let rejects = ResultSetSchema("rejects", "rejected lines by reason (§3.3)", [
        f("reason", .text, "reason code (a `dropped:` prefix = values dropped from accepted packets)"),
        f("reason_name", .text, "reason (中文)"), f("count", .integer, "lines or values"),
    ])
    public static let installationList = ResultSetSchema("installation_list", "安装联网企业清单 (seed 003 附件1)", [
        f("seq", .integer, "序号"), f("city", .text, "所属市"), f("district_name", .text, "所属县（市、区）"),
        f("enterprise_name", .text, "企业名称"), f("industry", .text, "行业类别"), f("planned", .date, "计划完成时间"),
    ])
    public static let installationProgress = ResultSetSchema("installation_progress", "安装联网进度表 (seed 003 附件2)", [
        f("seq", .integer, "序号"), f("city", .text, "所属市"), f("district_name", .text, "所属县(市、区)"),
        f("enterprise_name", .text, "企业名称"), f("industry", .text, "行业类别"), f("planned", .date, "计划完成时间"),
        f("connected", .date, "实际完成安装并与省平台联网时间"),
    ])

    /// All of them, by name.
    public static let all: [ResultSetSchema] = [kpi, enterprises, events, dqFindings, completeness, districtRanking,
        enterpriseRanking, comparison, industryComparison, carbon, trend, responseSummary, planMeasures, measureCompliance,
        allocation, reductionDays, coverage, unknownMNs, rejects, installationList, installationProgress]

    public static func schema(_ name: String) -> ResultSetSchema? { all.first { $0.name == name } }

    static let periodSources = ["kpi", "enterprises", "events", "dq_findings", "completeness", "district_ranking",
                                "enterprise_ranking", "comparison", "industry_comparison", "carbon", "trend"]

    /// The result sets each report provides.
    public static func sources(for kind: ReportKind) -> [String] {
        switch kind {
        case .daily, .weekly, .monthly: return periodSources
        case .quality: return periodSources + ["coverage", "unknown_mns", "rejects", "installation_list", "installation_progress"]
        case .response: return ["response_summary", "plan_measures", "measure_compliance", "allocation", "reduction_days", "events"]
        }
    }
}
