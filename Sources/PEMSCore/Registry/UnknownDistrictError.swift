/// A county edition asked for a district the registry does not have (`--district CODE`).
public struct UnknownDistrictError: Error, CustomStringConvertible, Equatable {
    public let code: String
    /// The registry's district codes, in registry order.
    public let known: [String]

    public var description: String {
        "district '\(code)' is not in the registry's districts.csv (known: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
    }
}

extension ReportScope {
    /// The edition of district `code`, checked against `registry` (nil: the city edition), so a
    /// mistyped code stops a command before any work with the codes it could have been.
    public static func checked(district code: String?, in registry: Registry) throws -> ReportScope {
        guard let code else { return .city }
        guard registry.district(code: code) != nil else {
            throw UnknownDistrictError(code: code, known: registry.districts.map(\.code))
        }
        return .district(code)
    }
}
