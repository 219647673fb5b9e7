/// A monitoring point (监测点位): an electrical meter or a process sensor, addressed in the
/// packets by `(mn, code)` (SPEC §2 `points.csv`).
public struct Point: Sendable, Codable, Equatable {
    public var id: String
    public var enterpriseID: String
    /// The collector whose packets carry this point; a collector of the same enterprise.
    public var mn: String
    /// The factor code in the packets (`pg0001`, `t10001`, a seed 001 §6.3.2 code, or an
    /// HJ 212 pollutant code for sensors).
    public var code: String
    public var kind: PointKind
    /// The facility it measures; nil for total meters (and only for them).
    public var facilityID: String?
    public var name: String?
    /// Rated power, kW (≥ 0); nil when blank.
    public var ratedKW: Double?
    /// Start/stop threshold θ, kW (≥ 0); nil or 0 = derive it (SPEC §5.2).
    public var thresholdKW: Double?
    /// What a sensor measures; required for sensors, ignored for electrical points.
    public var role: SensorRole?
    /// Lower bound of a sensor's effective operating range, in the role's unit (°C, m³/h,
    /// mg/m³, 1 = door open …); nil = unbounded.
    public var validMin: Double?
    /// Upper bound of a sensor's effective operating range; nil = unbounded.
    public var validMax: Double?

    public init(id: String, enterpriseID: String, mn: String, code: String, kind: PointKind,
                facilityID: String? = nil, name: String? = nil, ratedKW: Double? = nil,
                thresholdKW: Double? = nil, role: SensorRole? = nil, validMin: Double? = nil,
                validMax: Double? = nil) {
        self.id = id
        self.enterpriseID = enterpriseID
        self.mn = mn
        self.code = code
        self.kind = kind
        self.facilityID = facilityID
        self.name = name
        self.ratedKW = ratedKW
        self.thresholdKW = thresholdKW
        self.role = role
        self.validMin = validMin
        self.validMax = validMax
    }

    /// `rated_kw` with a blank counted as 0 (SPEC §13.8).
    public var ratedKWOrZero: Double { ratedKW ?? 0 }

    /// Whether the point carries power data (total, production or treatment meter).
    public var isElectrical: Bool { kind != .sensor }
}

/// What a point measures (SPEC §2).
public enum PointKind: String, RegistryChoice {
    /// The enterprise's total meter (总电表); no facility.
    case total
    /// A production facility's meter.
    case production
    /// A treatment facility's meter.
    case treatment
    /// A process sensor of a facility (temperature, flow, …), with a `role`.
    case sensor

    /// The facility kind a point of this kind must belong to; nil for total (none) and
    /// sensor (any).
    public var requiredFacilityKind: FacilityKind? {
        switch self {
        case .production: return .production
        case .treatment: return .treatment
        case .total, .sensor: return nil
        }
    }
}

/// The process value a sensor point carries (SPEC §2).
public enum SensorRole: String, RegistryChoice {
    /// °C.
    case temperature
    /// Pressure (or pressure difference), in the unit the sensor reports (Pa, kPa).
    case pressure
    /// Airflow, m³/h.
    case flow
    /// Door state: 1 = open, 0 = closed.
    case door
    /// VOCs concentration at the inlet, mg/m³.
    case vocIn = "voc_in"
    /// VOCs concentration at the outlet, mg/m³.
    case vocOut = "voc_out"
    case other
}

extension Point {
    /// Decodes one `points.csv` row; nil when any cell is bad (the reader holds the issues).
    /// Checks that need other rows (facility, collector) are made by the parser.
    init?(row: inout RegistryRowReader) {
        let id = row.required("point_id")
        let enterprise = row.required("enterprise_id")
        let mn = row.required("mn")
        let code = row.required("code")
        let kind = row.choice("kind", PointKind.self, required: true)
        var facility = row.text("facility_id")
        if let kind {
            if kind == .total, let f = facility {
                row.report("facility_id", f, "facility_id '\(f)' must be blank for a total point")
                facility = nil
            } else if kind != .total, facility == nil {
                row.report("facility_id", nil, "facility_id is blank (a \(kind.rawValue) point needs its facility)")
            }
        }
        let rated = row.number("rated_kw", .nonNegative)
        let threshold = row.number("threshold_kw", .nonNegative)
        let role = row.choice("role", SensorRole.self, required: kind == .sensor,
                              why: "a sensor point needs one of \(SensorRole.choicesText)")
        let validMin = row.number("valid_min")
        let validMax = row.number("valid_max")
        if let lo = validMin, let hi = validMax, lo > hi, let a = row.text("valid_min"), let b = row.text("valid_max") {
            row.report("valid_min", a, "valid_min '\(a)' is greater than valid_max '\(b)'")
        }
        guard row.isClean, let id, let enterprise, let mn, let code, let kind else { return nil }
        self.init(id: id, enterpriseID: enterprise, mn: mn, code: code, kind: kind, facilityID: facility,
                  name: row.text("name"), ratedKW: rated, thresholdKW: threshold, role: role,
                  validMin: validMin, validMax: validMax)
    }
}
