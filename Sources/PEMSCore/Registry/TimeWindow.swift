/// A daily clock window `HH:MM-HH:MM` of a `shift` plan row (SPEC §2 `plans.csv` `windows`),
/// CST wall-clock.
///
/// A slot is inside when its start minute lies in `[start, end)`; an end at or before the
/// start wraps over midnight (SPEC §13.15), so `22:00-06:00` is the night and `08:00-08:00`
/// the whole day. `24:00` is accepted as an end and means midnight (`20:00-24:00`).
/// Hours may be written with one digit (`9:00`).
public struct TimeWindow: Sendable, Codable, Hashable, CustomStringConvertible {
    /// Minute of the day the window opens, 0 ..< 1440.
    public var startMinute: Int
    /// Minute of the day the window closes, 0 ... 1440 (1440 = 24:00).
    public var endMinute: Int

    public init(startMinute: Int, endMinute: Int) {
        self.startMinute = startMinute
        self.endMinute = endMinute
    }

    /// Whether the window runs over midnight (end ≤ start).
    public var wrapsMidnight: Bool { endMinute <= startMinute }

    /// Whether a slot starting at `minuteOfDay` (0 ..< 1440) is inside the window.
    public func contains(minuteOfDay m: Int) -> Bool {
        wrapsMidnight ? (m >= startMinute || m < endMinute) : (m >= startMinute && m < endMinute)
    }

    /// Length in minutes (a wrapping window counts through midnight).
    public var minutes: Int { wrapsMidnight ? 1440 - startMinute + endMinute : endMinute - startMinute }

    /// `HH:MM-HH:MM`.
    public var description: String { Self.clock(startMinute) + "-" + Self.clock(endMinute) }

    private static func clock(_ m: Int) -> String { Digits.pad(m / 60, 2) + ":" + Digits.pad(m % 60, 2) }

    /// Parses `HH:MM-HH:MM`.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let a = Self.minute(parts[0], allowMidnightEnd: false),
              let b = Self.minute(parts[1], allowMidnightEnd: true) else { return nil }
        self.init(startMinute: a, endMinute: b)
    }

    /// Parses `HH:MM-HH:MM[;HH:MM-HH:MM…]` (spaces around parts allowed); nil when any part is bad
    /// or there is none.
    public static func list(_ text: some StringProtocol) -> [TimeWindow]? {
        var result: [TimeWindow] = []
        for part in text.split(separator: ";") {
            let trimmed = part.trimmingCharacters(in: " \t")
            if trimmed.isEmpty { continue }
            guard let w = TimeWindow(trimmed) else { return nil }
            result.append(w)
        }
        return result.isEmpty ? nil : result
    }

    private static func minute(_ text: some StringProtocol, allowMidnightEnd: Bool) -> Int? {
        let u = Array(text.trimmingCharacters(in: " \t").utf8)
        guard u.count == 4 || u.count == 5, u[u.count - 3] == UInt8(ascii: ":"),
              let h = Digits.parse(u, 0, u.count - 3), let m = Digits.parse(u, u.count - 2, 2), m < 60
        else { return nil }
        if h < 24 { return h * 60 + m }
        return allowMidnightEnd && h == 24 && m == 0 ? 1440 : nil
    }
}

extension StringProtocol {
    /// The text without leading and trailing characters from `set` (a tiny, Foundation-free trim).
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
