/// An instant as China Standard Time wall-clock seconds since 1970-01-01 00:00 CST (SPEC §1).
///
/// Inputs carry CST wall-clock times; we store and compute in that one zone, so this is
/// *not* a UTC epoch: `Timestamp(seconds: 0)` is 1970-01-01 00:00 in Beijing.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01 00:00 CST.
    public var seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    public init?(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        guard CivilCalendar.isValid(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        let d = CivilCalendar.days(year: year, month: month, day: day)
        seconds = Int64(d) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// Parses `YYYY-MM-DD HH:MM` or `YYYY-MM-DD HH:MM:SS` (the registry and CSV formats).
    public init?(_ text: some StringProtocol) {
        let u = Array(text.utf8)
        guard u.count == 16 || u.count == 19, u[4] == 45, u[7] == 45, u[10] == 32, u[13] == 58,
              let y = Digits.parse(u, 0, 4), let mo = Digits.parse(u, 5, 2), let d = Digits.parse(u, 8, 2),
              let h = Digits.parse(u, 11, 2), let mi = Digits.parse(u, 14, 2) else { return nil }
        var s = 0
        if u.count == 19 {
            guard u[16] == 58, let sec = Digits.parse(u, 17, 2) else { return nil }
            s = sec
        }
        self.init(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
    }

    /// Parses the HJ 212 compact form `YYYYMMDDhhmmss`, also accepting the 17-digit form with
    /// milliseconds (which are dropped). Used for `DataTime` and the first 14 digits of `QN`.
    public init?(compact u: [UInt8]) {
        guard u.count == 14 || u.count == 17,
              let y = Digits.parse(u, 0, 4), let mo = Digits.parse(u, 4, 2), let d = Digits.parse(u, 6, 2),
              let h = Digits.parse(u, 8, 2), let mi = Digits.parse(u, 10, 2), let s = Digits.parse(u, 12, 2)
        else { return nil }
        if u.count == 17 { guard Digits.parse(u, 14, 3) != nil else { return nil } }
        self.init(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
    }

    /// The CST day containing this instant.
    public var day: Day { Day(index: Int(seconds.floorDiv(86_400))) }

    /// Seconds since 00:00 of `day` (0 ..< 86400).
    public var secondOfDay: Int { Int(seconds - Int64(day.index) * 86_400) }

    public func adding(seconds n: Int64) -> Timestamp { Timestamp(seconds: seconds + n) }

    /// `YYYY-MM-DD HH:MM:SS`, the export format (SPEC §12).
    public var description: String {
        let s = secondOfDay
        return day.description + " " + Digits.pad(s / 3600, 2) + ":" + Digits.pad(s / 60 % 60, 2) + ":" + Digits.pad(s % 60, 2)
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.seconds < b.seconds }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    @inlinable
    public func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
