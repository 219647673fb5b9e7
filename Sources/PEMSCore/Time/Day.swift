/// A calendar day in China Standard Time: `[D 00:00, D+1 00:00)` (SPEC §1).
///
/// Stored as the number of days since 1970-01-01; ordering and arithmetic are integer
/// operations. `description` is `YYYY-MM-DD`, the format every export uses.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// Days since 1970-01-01 (CST).
    public var index: Int

    public init(index: Int) { self.index = index }

    public init?(year: Int, month: Int, day: Int) {
        guard CivilCalendar.isValid(year: year, month: month, day: day) else { return nil }
        index = CivilCalendar.days(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD` exactly (no surrounding spaces, no other separators).
    public init?(_ text: some StringProtocol) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
              let y = Digits.parse(u, 0, 4), let m = Digits.parse(u, 5, 2), let d = Digits.parse(u, 8, 2)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var civil: (year: Int, month: Int, day: Int) { CivilCalendar.civil(days: index) }

    /// 00:00 of this day.
    public var start: Timestamp { Timestamp(seconds: Int64(index) * 86_400) }

    public func adding(days n: Int) -> Day { Day(index: index + n) }

    /// Monday = 1 … Sunday = 7 (1970-01-01 was a Thursday).
    public var isoWeekday: Int { ((index % 7) + 7 + 3) % 7 + 1 }

    public var description: String {
        let c = civil
        return Digits.pad(c.year, 4) + "-" + Digits.pad(c.month, 2) + "-" + Digits.pad(c.day, 2)
    }

    public static func < (a: Day, b: Day) -> Bool { a.index < b.index }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// Small helpers for fixed-width decimal fields.
public enum Digits {
    /// The value of `count` ASCII digits at `offset`, or nil if any is not a digit.
    @inlinable
    public static func parse(_ u: [UInt8], _ offset: Int, _ count: Int) -> Int? {
        guard offset + count <= u.count else { return nil }
        var v = 0
        for i in offset..<(offset + count) {
            let d = Int(u[i]) - 48
            guard d >= 0 && d <= 9 else { return nil }
            v = v * 10 + d
        }
        return v
    }

    /// Zero-padded decimal.
    public static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
