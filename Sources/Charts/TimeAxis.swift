import PEMSCore

/// Dates and times on time axes, in Beijing time (CST, UTC+08:00). pems timestamps already
/// count CST wall-clock seconds (SPEC §1), so no conversion happens here: a label is the
/// wall-clock time bureau staff read on their meters.
public enum TimeAxis {
    /// "6/14" for a day.
    public static func shortDate(_ d: Day) -> String {
        let c = d.civil
        return "\(c.month)/\(c.day)"
    }

    /// "2026-06-14" for a day.
    public static func date(_ d: Day) -> String { d.description }

    /// "HH:MM" of a timestamp (CST).
    public static func clock(_ t: Timestamp) -> String {
        let s = t.secondOfDay
        return Digits.pad(s / 3600, 2) + ":" + Digits.pad(s % 3600 / 60, 2)
    }

    /// "2026-06-14 08:30" (CST).
    public static func minute(_ t: Timestamp) -> String { t.day.description + " " + clock(t) }

    /// Day ticks for `n` days: every day up to 10, then every 2nd, 7th … so labels never crowd.
    public static func dayStep(count n: Int, width: Double, labelWidth: Double = 28) -> Int {
        let fit = max(1, Int(saturating: width / labelWidth)) // a layout width may be anything: never trap
        for step in [1, 2, 3, 7, 14, 28, 56] where (n + step - 1) / step <= fit { return step }
        return max(1, n / fit)
    }
}
