/// An enterprise under monitoring (一企一档; SPEC §2 `enterprises.csv`).
public struct Enterprise: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    /// Unified social credit code (统一社会信用代码); not checked for form.
    public var creditCode: String?
    public var districtCode: String
    public var industry: Industry
    /// Latitude in degrees (WGS-84 as given), −90 … 90; nil when blank.
    public var lat: Double?
    /// Longitude in degrees, −180 … 180; nil when blank. `lat` and `lon` are given together.
    public var lon: Double?
    /// Declared annual VOCs emission, tonnes per year (≥ 0).
    public var annualVOCTonnes: Double?
    /// 绩效分级 A–D; nil when blank (not graded).
    public var performanceGrade: PerformanceGrade?
    /// Share of load that cannot be cut, 0 … 1 (SPEC §9.5); nil when blank.
    public var minLoadRatio: Double?

    public init(id: String, name: String, creditCode: String? = nil, districtCode: String, industry: Industry,
                lat: Double? = nil, lon: Double? = nil, annualVOCTonnes: Double? = nil,
                performanceGrade: PerformanceGrade? = nil, minLoadRatio: Double? = nil) {
        self.id = id
        self.name = name
        self.creditCode = creditCode
        self.districtCode = districtCode
        self.industry = industry
        self.lat = lat
        self.lon = lon
        self.annualVOCTonnes = annualVOCTonnes
        self.performanceGrade = performanceGrade
        self.minLoadRatio = minLoadRatio
    }

    /// SPEC §2 default for a blank `min_load_ratio`.
    public static let defaultMinLoadRatio = 0.0

    /// `min_load_ratio`, blank = 0.
    public var minLoadRatioOrDefault: Double { minLoadRatio ?? Self.defaultMinLoadRatio }
}

/// Emergency-response performance grade (绩效分级). Grade A enterprises get no reduction
/// cap (SPEC §9.5).
public enum PerformanceGrade: String, RegistryChoice {
    case a = "A", b = "B", c = "C", d = "D"
}

extension Enterprise {
    /// Decodes one `enterprises.csv` row; nil when any cell is bad (the reader holds the issues).
    init?(row: inout RegistryRowReader) {
        let id = row.required("enterprise_id")
        let name = row.required("name")
        let district = row.required("district_code")
        let industry = row.choice("industry", Industry.self, required: true)
        let lat = row.number("lat", .latitude)
        let lon = row.number("lon", .longitude)
        // A half position cannot be drawn on the map: both or neither.
        if let t = row.text("lat"), row.text("lon") == nil {
            row.report("lon", nil, "lon is blank while lat '\(t)' is given")
        } else if let t = row.text("lon"), row.text("lat") == nil {
            row.report("lat", nil, "lat is blank while lon '\(t)' is given")
        }
        let annual = row.number("annual_voc_t", .nonNegative)
        let grade = row.choice("performance_grade", PerformanceGrade.self)
        let minLoad = row.number("min_load_ratio", .unit)
        guard row.isClean, let id, let name, let district, let industry else { return nil }
        self.init(id: id, name: name, creditCode: row.text("credit_code"), districtCode: district,
                  industry: industry, lat: lat, lon: lon, annualVOCTonnes: annual,
                  performanceGrade: grade, minLoadRatio: minLoad)
    }
}
