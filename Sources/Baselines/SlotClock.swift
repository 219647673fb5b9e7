import PEMSCore

/// The day's slot grid (SPEC §1): `slotsPerDay` fixed intervals of `minutes` each; slot k of
/// day D is `[D 00:00 + k·S, +S)` CST, and a reading belongs to the slot containing its time.
public struct SlotClock: Sendable, Equatable {
    /// Slot length S in minutes (1, 5, 15, 30 or 60).
    public let minutes: Int
    /// 1440 / S.
    public let slotsPerDay: Int
    /// S in seconds.
    public let seconds: Int
    /// S in hours, for energy (kWh = kW × hours).
    public let hours: Double

    public init(minutes: Int) {
        precondition([1, 5, 15, 30, 60].contains(minutes), "slot_minutes must be 1, 5, 15, 30 or 60")
        self.minutes = minutes
        slotsPerDay = 1440 / minutes
        seconds = minutes * 60
        hours = Double(minutes) / 60
    }

    /// The slot of a time given as seconds since 00:00 CST.
    @inlinable public func slot(ofSecond s: Int) -> Int { s / seconds }

    /// The start of slot k of day d.
    public func start(of k: Int, on d: Day) -> Timestamp {
        Timestamp(seconds: d.start.seconds + Int64(k * seconds))
    }
}
