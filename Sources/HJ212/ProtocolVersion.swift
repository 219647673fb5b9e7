/// The HJ 212 edition a packet claims, read from its Flag (NOTES.md "HJ 212-2017 facts").
///
/// Flag bits are `V5..V0 D A`: `Flag >> 2` is the version, 0 → 2005, 1 → 2017 (Flag 4–7),
/// 2 → 2025 (Flag 8/9). A packet without Flag is a 2005-style packet. The loader records
/// the version with each packet; anything else is `.unknown(flag)` (with `-1` when the Flag
/// is not a decimal number).
public enum ProtocolVersion: Equatable, Hashable, Sendable {
    case hj212_2005
    case hj212_2017
    case hj212_2025
    case unknown(Int)

    /// The version a Flag value announces; `nil` (no Flag) is 2005-style.
    public init(flag: Int?) {
        guard let flag else { self = .hj212_2005; return }
        guard flag >= 0 else { self = .unknown(flag); return }
        switch flag >> 2 {
        case 0: self = .hj212_2005
        case 1: self = .hj212_2017
        case 2: self = .hj212_2025
        default: self = .unknown(flag)
        }
    }

    /// `"2005"`, `"2017"`, `"2025"` or `"unknown"`, as stored and shown.
    public var label: String {
        switch self {
        case .hj212_2005: return "2005"
        case .hj212_2017: return "2017"
        case .hj212_2025: return "2025"
        case .unknown: return "unknown"
        }
    }
}
