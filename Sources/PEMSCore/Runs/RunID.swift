/// The id of one job run in the store's run ledger (`runs.run_id`, SPEC §11).
///
/// A distinct type rather than a bare `Int` so a run id is never passed where a computation
/// or registry version id is meant. Ids grow with time: a larger id started later.
public struct RunID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: Int

    public init(_ rawValue: Int) { self.rawValue = rawValue }

    /// Parses the decimal form users type (`pems runs show 12`); nil for anything else.
    public init?(_ text: some StringProtocol) {
        guard let v = Int(text), v > 0 else { return nil }
        rawValue = v
    }

    public var description: String { String(rawValue) }

    public static func < (a: RunID, b: RunID) -> Bool { a.rawValue < b.rawValue }
}
