/// A production facility (生产设施) or a treatment facility (治理设施) of an enterprise
/// (SPEC §2 `facilities.csv`).
///
/// Blank cells stay nil; the SPEC defaults are the `…OrDefault` properties. Every numeric
/// column is checked for form and range on every row, whichever kind uses it.
public struct Facility: Sendable, Codable, Equatable {
    public var id: String
    public var enterpriseID: String
    public var kind: FacilityKind
    public var name: String
    /// Treatment process; required for treatment facilities.
    public var process: TreatmentProcess?
    /// "X 用 X 备": how many of a treatment facility's points must run for it to run (≥ 1).
    public var minRunning: Int?
    /// VOCs generated per kWh of production energy, kg/kWh (≥ 0); required for production
    /// facilities (there is no default: a missing factor would silently zero the emissions).
    public var vocKgPerKWh: Double?
    /// Capture-hood efficiency of a production facility, 0 … 1.
    public var designCollection: Double?
    /// Design removal efficiency of a treatment facility, 0 … 1.
    public var designRemoval: Double?
    /// Design airflow of a treatment facility, m³/h (> 0); nil skips the flow method (§13.18).
    public var designAirflowM3h: Double?
    /// Activated-carbon limit: days since the last replacement (> 0; days are fractional).
    public var carbonCycleDays: Double?
    /// Activated-carbon limit: running hours since the last replacement (> 0).
    public var carbonMaxHours: Double?
    /// Activated-carbon limit: kWh since the last replacement (> 0).
    public var carbonMaxKWh: Double?
    /// Activated-carbon limit: treated air volume since the last replacement, m³ (> 0).
    public var carbonMaxM3: Double?

    public init(id: String, enterpriseID: String, kind: FacilityKind, name: String,
                process: TreatmentProcess? = nil, minRunning: Int? = nil, vocKgPerKWh: Double? = nil,
                designCollection: Double? = nil, designRemoval: Double? = nil, designAirflowM3h: Double? = nil,
                carbonCycleDays: Double? = nil, carbonMaxHours: Double? = nil, carbonMaxKWh: Double? = nil,
                carbonMaxM3: Double? = nil) {
        self.id = id
        self.enterpriseID = enterpriseID
        self.kind = kind
        self.name = name
        self.process = process
        self.minRunning = minRunning
        self.vocKgPerKWh = vocKgPerKWh
        self.designCollection = designCollection
        self.designRemoval = designRemoval
        self.designAirflowM3h = designAirflowM3h
        self.carbonCycleDays = carbonCycleDays
        self.carbonMaxHours = carbonMaxHours
        self.carbonMaxKWh = carbonMaxKWh
        self.carbonMaxM3 = carbonMaxM3
    }

    /// SPEC §2 / §13.19 default for a blank `design_collection`.
    public static let defaultDesignCollection = 0.8
    /// SPEC §13.19 default for a blank `design_removal`.
    public static let defaultDesignRemoval = 0.0
    /// SPEC §2 default for a blank `min_running`.
    public static let defaultMinRunning = 1

    /// `design_collection`, blank = 0.8.
    public var designCollectionOrDefault: Double { designCollection ?? Self.defaultDesignCollection }
    /// `design_removal`, blank = 0.
    public var designRemovalOrDefault: Double { designRemoval ?? Self.defaultDesignRemoval }
    /// `min_running`, blank = 1.
    public var minRunningOrDefault: Int { minRunning ?? Self.defaultMinRunning }

    /// Whether activated-carbon replacements and limits apply (process AC or AC+CO).
    public var usesActivatedCarbon: Bool { kind == .treatment && (process?.usesActivatedCarbon ?? false) }
}

/// What a facility is.
public enum FacilityKind: String, RegistryChoice {
    /// 生产设施: generates VOCs.
    case production
    /// 治理设施: captures and removes them.
    case treatment
}

extension Facility {
    /// Decodes one `facilities.csv` row; nil when any cell is bad (the reader holds the issues).
    init?(row: inout RegistryRowReader) {
        let id = row.required("facility_id")
        let enterprise = row.required("enterprise_id")
        let kind = row.choice("kind", FacilityKind.self, required: true)
        let name = row.required("name")
        let process = row.choice("process", TreatmentProcess.self, required: kind == .treatment,
                                 why: "a treatment facility needs one of \(TreatmentProcess.choicesText)")
        let minRunning = row.integer("min_running", .atLeastOne)
        let voc = kind == .production
            ? row.number("voc_kg_per_kwh", required: true, .nonNegative)
            : row.number("voc_kg_per_kwh", .nonNegative)
        let collection = row.number("design_collection", .unit)
        let removal = row.number("design_removal", .unit)
        let airflow = row.number("design_airflow_m3h", .positive)
        let cycle = row.number("carbon_cycle_days", .positive)
        let hours = row.number("carbon_max_hours", .positive)
        let kwh = row.number("carbon_max_kwh", .positive)
        let m3 = row.number("carbon_max_m3", .positive)
        guard row.isClean, let id, let enterprise, let kind, let name else { return nil }
        self.init(id: id, enterpriseID: enterprise, kind: kind, name: name, process: process,
                  minRunning: minRunning, vocKgPerKWh: voc, designCollection: collection,
                  designRemoval: removal, designAirflowM3h: airflow, carbonCycleDays: cycle,
                  carbonMaxHours: hours, carbonMaxKWh: kwh, carbonMaxM3: m3)
    }
}
