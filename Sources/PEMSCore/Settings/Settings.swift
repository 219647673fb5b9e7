/// Every tunable of the engine, with SPEC's defaults built in (SPEC: "every number called
/// default is a setting"). Read from one YAML file (`--config`, see `SettingsFile`); the
/// effective values are rendered by `SettingsFile.render` and recorded with each run.
public struct Settings: Sendable, Equatable {
    // Where things live.
    /// The store file; `--store` overrides; default `./pems.db`.
    public var store: String? = nil
    /// Folder the nightly job loads new files from.
    public var inbox: String? = nil
    /// Folder jobs write outputs under; default `./out`.
    public var out: String? = nil

    // SPEC §3.1
    /// What to do with a packet whose CRC does not match.
    public var crcPolicy: CRCPolicy = .reject

    // SPEC §13.36
    /// A value that is not finite or whose magnitude exceeds this (in the value's own unit:
    /// beyond any meter) is rejected at load on its own as `value_out_of_range`.
    /// The largest `load.max_abs_value` a settings file may set (SPEC §13.36): sums of readings
    /// stay finite below it.
    public static let loadMaxAbsValueCeiling = 1e15
    public var loadMaxAbsValue = 1e10

    // SPEC §1, §4
    /// Slot length in minutes: 1, 5, 15, 30 or 60.
    public var slotMinutes = 15

    // SPEC §5.2 thresholds (SPEC 2: two weeks of normal data in the 28 days before D)
    /// days before D whose present slot powers (response days left out) a threshold is derived from
    public var thresholdLookbackDays = 28
    /// days' worth of present slots needed in that window (× slots per day)
    public var thresholdMinDays = 14
    public var thresholdP90Factor = 0.3
    /// θ ≥ f × rated_kw for total and production points
    public var thresholdRatedFactor = 0.05
    /// θ ≥ f × rated_kw for treatment points (SPEC 2, seed 001 §7 "低于额定功率的10%")
    public var thresholdTreatmentRatedFactor = 0.1
    /// kW
    public var thresholdMinKW = 0.05
    public var thresholdFallbackRatedFactor = 0.1

    // SPEC §5.4
    public var lowRatio = 0.8
    /// SPEC 2: a running treatment facility whose present power is below this share of its
    /// five-day baseline running power is STOPPED (idling, seed 001 §7 "低于…20%以下").
    public var idleRatio = 0.2

    // SPEC §6 five-day baseline
    public var baselineDays = 5
    public var baselineMinDays = 3
    public var baselineLookbackDays = 60
    public var normalDayMinCompleteness = 0.9
    /// minutes
    public var normalDayMinRunningMinutes = 240

    // SPEC §7 events
    public var mergeGapSlots = 1
    /// minutes, per rule name of SPEC §7.
    public var minMinutes: [String: Int] = [
        "TREATMENT_STOPPED": 30, "TREATMENT_INEFFECTIVE": 30, "TREATMENT_LOW": 60,
        "STOP_VIOLATION": 30, "LIMIT_VIOLATION": 60, "SHIFT_VIOLATION": 30, "OFFLINE": 60,
        "EXEMPTION_BREACH": 30, "CARBON_OVERDUE": 0,
    ]
    /// °C
    public var heatShiftMinTempC = 35.0
    /// days of look-back so an event running into a period keeps its true start (SPEC §13.12)
    public var eventLookbackDays = 7

    // SPEC §8 data quality
    public var dqCompletenessMin = 0.9
    public var dqCompletenessTarget = 0.998
    public var dqEnergyPowerFactor = 25.0
    /// kWh
    public var dqEnergyTooLargeKWh = 200_000.0
    /// minutes
    public var dqConstantMinutes = 240
    public var dqCounterJumpFactor = 3.0
    public var dqSumExceedsTotalFactor = 1.1
    public var dqTotalMinCompleteness = 0.9
    /// minutes
    public var dqClockMaxSkewMinutes = 10
    /// SPEC 2 VOLTAGE_LOOP / CURRENT_LOOP: slots in a day with the phase fault before it is raised
    public var dqPhaseFaultMinSlots = 4
    /// SPEC 2 THRESHOLD_SUSPECT: days before D whose slot powers (response days included) are compared
    public var dqThresholdSuspectDays = 14
    /// SPEC 2 THRESHOLD_SUSPECT: days' worth of present slots needed in that window
    public var dqThresholdSuspectMinDays = 7

    // SPEC §9 accounting
    /// A measured outlet emission and its estimate deviating by more than this share are
    /// listed (SPEC §9.2 "over 30 %").
    public var outletMaxDeviation = 0.3

    // Reports for every reader (issue 17; no SPEC formula: what the seeds' readers use)
    /// The jobs also write one edition of every report, brief and evidence pack per district
    /// (`districts/<code>/…`, seed 002 "旗县区环保局用户…只能查看本辖区").
    public var districtEditions = true
    /// Tier bounds on `annual_voc_t`, tonnes per year, descending: an enterprise above the
    /// first is 重点 (key), above the second (up to the first) 一般重点 (seed 000: "年污染物产生量
    /// 大于50吨的重点工业源", "大于10吨小于50吨").
    public var keyEnterpriseTiers: [Double] = [50, 10]
    /// 排放异常企业: emission per kWh above (1 + this) × the industry's median.
    public var comparisonIndustryDeviation = 0.5
    /// 排放异常企业: emission changed by more than this share against the previous period …
    public var comparisonChangeThreshold = 0.5
    /// … while energy changed by less than this share.
    public var comparisonEnergySteady = 0.1
    /// 落实情况 of a response's orders: an enterprise with a STOP/LIMIT/SHIFT event in the
    /// response's last this many hours did not carry them out (未落实); hours.
    public var assessmentFinalHours = 6.0

    // Delivery to the province (seed 003 附件3; issue 19). Not computing settings: they are left
    // out of the computation fingerprint (`SettingsFile.renderComputing`).
    /// The province's interface address without the payload's name, e.g.
    /// `https://fbjd.newhero.com.cn/pcom/ps/ex/join`: the day's `abnormal` payload is POSTed to
    /// `<url>/abnormal`, its `limit` payload to `<url>/limit` (seed 003 附件3 §三). nil: the
    /// nightly job pushes nothing and `pems push` refuses to run.
    public var provinceURL: String? = nil
    /// Seconds one POST may take, connecting included, before it counts as timed out.
    public var provinceTimeoutSeconds = 30.0
    /// Further attempts after a failed one (no answer, a timeout, HTTP 5xx, 408 or 429).
    public var provinceRetries = 3
    /// Seconds waited before the first retry; each later retry waits twice as long as the one
    /// before (5, 10, 20 s by default). No jitter: one city, one push a night.
    public var provinceBackoffSeconds = 5.0

    public init() {}
}

/// SPEC §3.1 `crc_policy`.
public enum CRCPolicy: String, Sendable, CaseIterable {
    /// The packet is rejected and counted; the rest of the file still loads (default).
    case reject
    /// The packet is loaded and counted as a CRC warning.
    case warn
}
