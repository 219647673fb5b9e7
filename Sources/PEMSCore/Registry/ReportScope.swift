/// Whom a report is for: the city bureau (every district) or one county bureau (its district
/// only; seed 002 "旗县区环保局用户…只能查看本辖区", seed 003 各县(市、区)分局). A county edition
/// shows its district's enterprises and events, and the district's rank among the city's
/// districts with the city figure beside it.
public enum ReportScope: Sendable, Hashable, CustomStringConvertible {
    case city
    /// A district by its code (`districts.csv` `district_code`).
    case district(String)

    /// The district code of a county edition; nil for the city.
    public var districtCode: String? {
        if case .district(let c) = self { return c }
        return nil
    }

    /// Whether an enterprise of district `code` belongs to the edition.
    public func includes(districtCode code: String) -> Bool {
        switch self {
        case .city: return true
        case .district(let c): return c == code
        }
    }

    /// Whether enterprise `id` belongs to the edition (false for an id the registry lacks, in a
    /// county edition).
    public func includes(enterpriseID id: String, in registry: Registry) -> Bool {
        switch self {
        case .city: return true
        case .district(let c): return registry.enterprise(id: id)?.districtCode == c
        }
    }

    public var description: String { districtCode.map { "district \($0)" } ?? "city" }
}
