import PEMSCore

/// `outlet_days`: every treatment facility-day whose outlet was measured (`voc_out` and
/// `flow` sensors present in at least one slot), estimate against measurement (排放核算比对;
/// seed 000 §5.3.2.4 "折算污染物排放总量与实际排放量进行实时比对", seed 001 §5.4.12; SPEC §9.2).
public enum OutletDayField: String, ReportField {
    case date
    case districtName = "district_name"
    case enterpriseID = "enterprise_id"
    case enterpriseName = "enterprise_name"
    case facilityID = "facility_id"
    case facilityName = "facility_name"
    case estimatedKg = "estimated_kg"
    case measuredKg = "measured_kg"
    case deviation
    case flagged
    case slots
    public static let source = "outlet_days"
    public static let sourceMeaning = "treatment facility-days with a measured outlet: the estimated organised emission against the measured one (§9.2)"
    public var declaration: (FieldType, String) {
        switch self {
        case .date: return (.date, "date")
        case .districtName: return (.text, "district")
        case .enterpriseID: return (.text, "enterprise id")
        case .enterpriseName: return (.text, "enterprise")
        case .facilityID: return (.text, "treatment facility id")
        case .facilityName: return (.text, "treatment facility")
        case .estimatedKg: return (.number, "kg: captured − removed of the linked production facilities over the measured slots")
        case .measuredKg: return (.number, "kg: Σ voc_out × flow × S/60 × 1e-6 over the slots where both are present")
        case .deviation: return (.percent, "(estimated − measured) / measured; blank when measured is 0")
        case .flagged: return (.text, "是 when |deviation| > accounting.outlet_max_deviation, or measured is 0 while estimated > 0")
        case .slots: return (.integer, "slots where the outlet was measured")
        }
    }
}
