/// The receive time a receiving platform may log before a packet (SPEC §13.38): the line
/// starts with `YYYY-MM-DD HH:MM:SS.mmm` (CST wall clock, 23 characters) and exactly one
/// space, then the packet (`##…` frame or bare segment).
///
/// No HJ 212 packet starts with a digit (a frame starts with `##`, a bare segment with a
/// header key), so a line whose first byte (after a byte order mark) is an ASCII digit is
/// read as starting with a receive time; when that start is not exactly the form above (a
/// real calendar time, one space, a packet after it) the line is rejected as
/// `bad_receive_time` (`PacketReject`), never read as a packet. Lines starting otherwise are
/// packets as before.
public struct ReceiveTime: Equatable, Sendable {
    public var year: Int, month: Int, day: Int
    public var hour: Int, minute: Int, second: Int
    public var millisecond: Int

    /// The prefix's bytes: 23 of time and the one space.
    public static let prefixBytes = 24
    /// The time's bytes, without the space.
    public static let textBytes = 23

    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int) {
        self.year = year; self.month = month; self.day = day
        self.hour = hour; self.minute = minute; self.second = second
        self.millisecond = millisecond
    }

    /// The receive time `line` starts with (checked as `parse` checks it, a packet after it
    /// included), or nil: what a receiver reads back from the inbox files it wrote.
    public static func leading(_ line: some Collection<UInt8>) -> ReceiveTime? {
        let bytes = Array(line)
        return bytes.withUnsafeBufferPointer { b in b.baseAddress.flatMap { parse($0, start: 0, end: b.count) } }
    }

    /// Whether the byte starts a receive time (an ASCII digit), so that the line must carry one.
    @inline(__always)
    static func startsPrefix(_ b: UInt8) -> Bool { b &- Ascii.zero < 10 }

    /// The receive time at `base[start..<end]` (`end` after trailing spaces are trimmed), or
    /// nil when the bytes there are not `YYYY-MM-DD HH:MM:SS.mmm`, one space and at least one
    /// byte that is not a space or tab, or name no real time (month 1–12, the month's days,
    /// hour 0–23, minute and second 0–59).
    static func parse(_ base: UnsafePointer<UInt8>, start: Int, end: Int) -> ReceiveTime? {
        guard end - start > prefixBytes else { return nil }
        func digits(_ at: Int, _ n: Int) -> Int? {
            var v = 0
            for i in at..<(at + n) {
                let d = base[start + i] &- Ascii.zero
                guard d < 10 else { return nil }
                v = v * 10 + Int(d)
            }
            return v
        }
        func byte(_ at: Int, _ c: Character) -> Bool { base[start + at] == c.asciiValue }
        guard byte(4, "-"), byte(7, "-"), byte(10, " "), byte(13, ":"), byte(16, ":"), byte(19, "."), byte(23, " "),
              let y = digits(0, 4), let mo = digits(5, 2), let d = digits(8, 2),
              let h = digits(11, 2), let mi = digits(14, 2), let s = digits(17, 2), let ms = digits(20, 3)
        else { return nil }
        let next = base[start + prefixBytes]
        guard next != Ascii.space && next != Ascii.tab else { return nil }
        guard (1...12).contains(mo), d >= 1, d <= Self.days(year: y, month: mo), h < 24, mi < 60, s < 60 else { return nil }
        return ReceiveTime(year: y, month: mo, day: d, hour: h, minute: mi, second: s, millisecond: ms)
    }

    /// Days of a month of the proleptic Gregorian calendar.
    static func days(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD HH:MM:SS.mmm`, as logged.
    public var description: String {
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) \(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(millisecond, 3))"
    }
}
