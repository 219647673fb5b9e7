/// One row of an enterprise's emergency plan (一厂一策; SPEC §2 `plans.csv`): what a facility
/// must do while a response of `level` is in force.
public struct PlanRow: Sendable, Codable, Equatable {
    public var enterpriseID: String
    /// `yellow`, `orange`, `red`, `heat` or the level of a response, ASCII-lowercased so a
    /// plan's `Orange` meets a response's `orange`.
    public var level: String
    /// A production facility of the enterprise; nil = all its production facilities (§13.15).
    public var facilityID: String?
    public var measure: Measure
    /// Allowed share of baseline load, 0 … 1: required for `limit`, optional for `shift`
    /// (blank = 0, stop inside the windows), blank or 0 for `stop`.
    public var ratio: Double?
    /// Daily CST windows of a `shift`; empty (blank) for `stop` and `limit`.
    public var windows: [TimeWindow]

    public init(enterpriseID: String, level: String, facilityID: String? = nil, measure: Measure,
                ratio: Double? = nil, windows: [TimeWindow] = []) {
        self.enterpriseID = enterpriseID
        self.level = level
        self.facilityID = facilityID
        self.measure = measure
        self.ratio = ratio
        self.windows = windows
    }

    /// The share of baseline load allowed while the measure is in force (inside the windows
    /// for `shift`): 0 for `stop`, `ratio` for `limit`, `ratio` or 0 for `shift`.
    public var allowedLoadShare: Double {
        switch measure {
        case .stop: return 0
        case .limit, .shift: return ratio ?? 0
        }
    }
}

/// What a plan row orders (SPEC §2, §7).
public enum Measure: String, RegistryChoice {
    /// 停产: the facility must not run.
    case stop
    /// 限产: power ≤ ratio × baseline running power.
    case limit
    /// 错峰生产: inside the windows, ratio 0 → must not run, else power ≤ ratio × window baseline.
    case shift
}

extension PlanRow {
    /// The levels a plan may name without a response using them (SPEC §2).
    static let standardLevels = ["yellow", "orange", "red", "heat"]

    /// Decodes one `plans.csv` row; nil when any cell is bad (the reader holds the issues).
    /// Checks that need other files (enterprise, facility, response levels) are the parser's.
    init?(row: inout RegistryRowReader) {
        let enterprise = row.required("enterprise_id")
        let level = row.required("level")
        let measure = row.choice("measure", Measure.self, required: true)
        let ratio = row.number("ratio", .unit)
        let windows = row.windows("windows")
        switch measure {
        case .limit?:
            if row.text("ratio") == nil { row.report("ratio", nil, "ratio is blank (a limit measure needs one)") }
        case .shift?:
            if row.text("windows") == nil { row.report("windows", nil, "windows is blank (a shift measure needs them)") }
        case .stop?:
            if let r = ratio, r != 0, let t = row.text("ratio") {
                row.report("ratio", t, "ratio '\(t)' does not apply to a stop measure (leave it blank)")
            }
        case nil:
            break
        }
        if let m = measure, m != .shift, let t = row.text("windows") {
            row.report("windows", t, "windows '\(t)' only apply to a shift measure, not \(m.rawValue)")
        }
        guard row.isClean, let enterprise, let level, let measure, let windows else { return nil }
        self.init(enterpriseID: enterprise, level: level.lowercased(), facilityID: row.text("facility_id"),
                  measure: measure, ratio: ratio, windows: windows)
    }
}
