/// Proleptic Gregorian calendar arithmetic on plain integers.
///
/// Every time in pems is China Standard Time wall-clock (UTC+08:00, no daylight saving;
/// SPEC §1). Because there is one zone and no DST, a wall-clock time maps one-to-one onto
/// "seconds since 1970-01-01 00:00 CST", and a day is simply `seconds / 86400`. We never go
/// through Foundation's `Calendar`/`TimeZone` on the hot path: these functions are exact,
/// allocation-free and independent of the machine's zone.
public enum CivilCalendar {
    /// Days since 1970-01-01 for a civil date (Howard Hinnant's `days_from_civil`).
    @inlinable
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The civil date of a day number (inverse of `days(year:month:day:)`).
    @inlinable
    public static func civil(days z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// Days in a month of a year.
    @inlinable
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        default:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        }
    }

    /// Whether y-m-d h:m:s is a real wall-clock time.
    @inlinable
    public static func isValid(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Bool {
        year >= 1970 && year <= 9999 && month >= 1 && month <= 12
            && day >= 1 && day <= daysInMonth(year: year, month: month)
            && hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 && second < 60
    }
}
