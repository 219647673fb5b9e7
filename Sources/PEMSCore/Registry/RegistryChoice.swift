/// A closed set of values written as text in a registry cell (kind, process, role, …).
///
/// Registry cells are matched without regard to ASCII case (`rto`, `Production` are
/// accepted) and stored as the canonical raw value; Chinese values match exactly.
public protocol RegistryChoice: CaseIterable, RawRepresentable, Sendable, Codable, Hashable
where RawValue == String {}

extension RegistryChoice {
    /// The case whose raw value equals `cell`, ignoring ASCII case.
    public init?(cell: String) {
        if let exact = Self(rawValue: cell) {
            self = exact
            return
        }
        let folded = cell.lowercased()
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == folded }) else { return nil }
        self = match
    }

    /// The raw values in declaration order, comma-separated, for messages.
    public static var choicesText: String {
        allCases.map { $0.rawValue }.joined(separator: ", ")
    }
}
