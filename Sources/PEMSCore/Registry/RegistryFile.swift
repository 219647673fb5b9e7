/// The files of a registry folder (SPEC §2) and the columns each must have.
///
/// A column whose cells may all be blank may be left out of the header (it then reads as
/// blank on every row); the columns listed in `requiredColumns` — those whose value is
/// needed on every row — must be in the header. A value needed only on some rows (a
/// treatment facility's `process`, a sensor's `role`, a limit's `ratio`) is checked row by row.
public enum RegistryFile: String, CaseIterable, Sendable {
    case districts = "districts.csv"
    case enterprises = "enterprises.csv"
    case collectors = "collectors.csv"
    case facilities = "facilities.csv"
    case points = "points.csv"
    case links = "links.csv"
    case plans = "plans.csv"
    case responses = "responses.csv"
    case weather = "weather.csv"
    case exemptions = "exemptions.csv"
    case carbon = "carbon.csv"
    case targets = "targets.csv"

    /// The file name in the folder.
    public var name: String { rawValue }

    /// Whether the folder must hold this file; an absent optional file means "none".
    public var isRequired: Bool {
        switch self {
        case .districts, .enterprises, .collectors, .facilities, .points, .links: return true
        case .plans, .responses, .weather, .exemptions, .carbon, .targets: return false
        }
    }

    /// Columns that must be in the header.
    public var requiredColumns: [String] {
        switch self {
        case .districts: return ["district_code", "district_name"]
        case .enterprises: return ["enterprise_id", "name", "district_code", "industry"]
        case .collectors: return ["mn", "enterprise_id"]
        case .facilities: return ["facility_id", "enterprise_id", "kind", "name"]
        case .points: return ["point_id", "enterprise_id", "mn", "code", "kind"]
        case .links: return ["production_facility_id", "treatment_facility_id"]
        case .plans: return ["enterprise_id", "level", "measure"]
        case .responses: return ["response_id", "level", "start", "end"]
        case .weather: return ["date", "district_code", "max_temp_c"]
        case .exemptions: return ["enterprise_id", "start", "end", "status"]
        case .carbon: return ["facility_id", "replaced_at"]
        case .targets: return ["response_id", "district_code", "reduction_kg_per_day"]
        }
    }
}
