import Foundation
import PEMSCore

/// The receiver's wall clock in CST (UTC+8, SPEC §1), at millisecond resolution: the receive
/// time written before each line (SPEC §13.38: `YYYY-MM-DD HH:MM:SS.mmm` and one space) and
/// the hour that names the inbox file a line goes to.
struct ReceiveTime: Sendable, Comparable {
    /// Milliseconds since 1970-01-01 00:00 UTC.
    var milliseconds: Int64

    static func now() -> ReceiveTime {
        ReceiveTime(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    static func < (a: ReceiveTime, b: ReceiveTime) -> Bool { a.milliseconds < b.milliseconds }

    /// Milliseconds since 1970-01-01 00:00 CST.
    private var local: Int64 { milliseconds + 8 * 3_600_000 }

    /// The CST hour, as hours since 1970-01-01 00:00 CST (one inbox file per hour).
    var hour: Int64 { Self.floorDiv(local, 3_600_000) }

    /// `YYYY-MM-DD HH:MM:SS.mmm` (CST), 23 characters: the prefix of SPEC §13.38 without its space.
    var text: String {
        let day = Self.floorDiv(local, 86_400_000)
        let msOfDay = local - day * 86_400_000
        let (y, m, d) = CivilCalendar.civil(days: Int(day))
        let h = msOfDay / 3_600_000, mi = msOfDay / 60_000 % 60, s = msOfDay / 1000 % 60, ms = msOfDay % 1000
        return "\(Self.pad(y, 4))-\(Self.pad(m, 2))-\(Self.pad(d, 2)) \(Self.pad(h, 2)):\(Self.pad(mi, 2)):\(Self.pad(s, 2)).\(Self.pad(ms, 3))"
    }

    /// `YYYYMMDD-HH` of CST hour `hour` (hours since 1970-01-01 00:00 CST): the inbox file's name.
    static func hourName(_ hour: Int64) -> String {
        let day = floorDiv(hour, 24)
        let (y, m, d) = CivilCalendar.civil(days: Int(day))
        return "\(pad(y, 4))\(pad(m, 2))\(pad(d, 2))-\(pad(hour - day * 24, 2))"
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    private static func pad(_ v: some BinaryInteger, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
