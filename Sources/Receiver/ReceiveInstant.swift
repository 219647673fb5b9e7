import Foundation
import PEMSCore

/// The receiver's wall clock at millisecond resolution: the receive time written before each
/// line (SPEC §13.38, `YYYY-MM-DD HH:MM:SS.mmm` in CST and one space; the loader reads it back
/// as `HJ212.ReceiveTime`) and the CST hour that names the inbox file a line goes to.
struct ReceiveInstant: Sendable, Comparable {
    /// Milliseconds since 1970-01-01 00:00 UTC.
    var milliseconds: Int64

    static func now() -> ReceiveInstant {
        ReceiveInstant(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    static func < (a: ReceiveInstant, b: ReceiveInstant) -> Bool { a.milliseconds < b.milliseconds }

    /// The CST wall-clock second (`Timestamp`: seconds since 1970-01-01 00:00 CST).
    var timestamp: Timestamp { Timestamp(seconds: (milliseconds + 8 * 3_600_000).floorDiv(1000)) }

    /// The CST hour, as hours since 1970-01-01 00:00 CST (one inbox file per hour).
    var hour: Int64 { (milliseconds + 8 * 3_600_000).floorDiv(3_600_000) }

    /// `YYYY-MM-DD HH:MM:SS.mmm` (CST), 23 characters: the prefix of SPEC §13.38 without its space.
    var text: String {
        timestamp.description + "." + Digits.pad(Int((milliseconds + 8 * 3_600_000) - timestamp.seconds * 1000), 3)
    }

    /// `YYYYMMDD-HH` of CST hour `hour` (hours since 1970-01-01 00:00 CST): the inbox file's name.
    static func hourName(_ hour: Int64) -> String {
        let t = Timestamp(seconds: hour * 3600)
        return t.day.description.filter { $0 != "-" } + "-" + Digits.pad(t.secondOfDay / 3600, 2)
    }
}
