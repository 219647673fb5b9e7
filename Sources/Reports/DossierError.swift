import PEMSCore

/// What stops an enterprise file (一企一档) before anything is written.
public enum DossierError: Error, CustomStringConvertible, Equatable {
    /// The id, the day whose registry was asked, and the ids it has (sorted).
    case unknownEnterprise(String, registryDay: Day, known: [String])

    public var description: String {
        switch self {
        case let .unknownEnterprise(id, day, known):
            let shown = known.prefix(10).joined(separator: ", ") + (known.count > 10 ? ", …" : "")
            return "enterprise '\(id)' is not in the registry in force on \(day) (\(known.count) enterprises: \(shown))"
        }
    }

    /// The error for `id` missing from `registry` (in force on `day`).
    public static func unknown(_ id: String, in registry: Registry, on day: Day) -> DossierError {
        .unknownEnterprise(id, registryDay: day, known: registry.enterprises.map(\.id).sorted())
    }
}
