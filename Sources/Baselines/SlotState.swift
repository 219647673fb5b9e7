/// A point's or facility's state in one slot (SPEC §5).
public enum SlotState: UInt8, Sendable {
    /// Missing data or no threshold: nothing can be said.
    case unknown = 0
    /// Power below the threshold θ.
    case stopped = 1
    /// Power at or above θ.
    case running = 2
}
