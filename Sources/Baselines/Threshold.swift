/// A point's start/stop threshold θ for one day (SPEC §5.2), in kW, and where it came from.
public struct Threshold: Sendable, Equatable {
    public enum Source: String, Sendable {
        /// `threshold_kw` from the registry (> 0).
        case registry
        /// `max(0.3 × p90, f × rated_kw, 0.05 kW)` over the 28 days before outside response
        /// days (SPEC 2; f = 0.1 for treatment points, 0.05 for the others).
        case derived
        /// `0.1 × rated_kw` (seed 001 §7, `thresholds.fallback_rated_factor`), when too little
        /// history.
        case rated
        /// Nothing to go on: the point's state is unknown (THRESHOLD_UNKNOWN).
        case unknown
    }
    /// kW; nil when `source == .unknown`.
    public var kw: Double?
    public var source: Source

    public init(kw: Double?, source: Source) {
        self.kw = kw
        self.source = source
    }

    public static let unknown = Threshold(kw: nil, source: .unknown)

    /// SPEC §5.1: running if `P ≥ θ`, stopped if `P < θ`, unknown if missing or θ undefined.
    @inlinable public func state(_ p: Double) -> SlotState {
        guard let kw, !p.isNaN else { return .unknown }
        return p >= kw ? .running : .stopped
    }
}
