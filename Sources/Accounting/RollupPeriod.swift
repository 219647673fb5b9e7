import PEMSCore

/// The calendar buckets results roll up by (SPEC §1: day `[D 00:00, D+1 00:00)` CST, week
/// Monday..Sunday, calendar month). A bucket is named by its first day.
public enum RollupPeriod: String, Sendable, CaseIterable, Codable {
    case day, week, month

    /// The first day of the bucket containing `d`.
    public func bucket(of d: Day) -> Day {
        switch self {
        case .day: return d
        case .week: return d.adding(days: -(d.isoWeekday - 1))
        case .month:
            let c = d.civil
            return Day(index: CivilCalendar.days(year: c.year, month: c.month, day: 1))
        }
    }

    /// The first day of the bucket after the one starting at `start`.
    public func next(_ start: Day) -> Day {
        switch self {
        case .day: return start.adding(days: 1)
        case .week: return start.adding(days: 7)
        case .month:
            let c = start.civil
            return Day(index: CivilCalendar.days(year: c.month == 12 ? c.year + 1 : c.year, month: c.month % 12 + 1, day: 1))
        }
    }

    /// The last day of the bucket starting at `start`.
    public func last(_ start: Day) -> Day { next(start).adding(days: -1) }

    /// 环比: the bucket just before (the previous day, week or month).
    public func previous(_ start: Day) -> Day {
        switch self {
        case .day: return start.adding(days: -1)
        case .week: return start.adding(days: -7)
        case .month:
            let c = start.civil
            return Day(index: CivilCalendar.days(year: c.month == 1 ? c.year - 1 : c.year, month: c.month == 1 ? 12 : c.month - 1, day: 1))
        }
    }

    /// 同比: the same bucket a year earlier — the same date (nil for 29 February), the week
    /// 52 weeks earlier (Monday-aligned, the same ISO week number in most years), or the same
    /// month.
    public func sameLastYear(_ start: Day) -> Day? {
        switch self {
        case .day:
            let c = start.civil
            return Day(year: c.year - 1, month: c.month, day: c.day)
        case .week: return start.adding(days: -364)
        case .month:
            let c = start.civil
            return Day(year: c.year - 1, month: c.month, day: 1)
        }
    }
}

/// Who results roll up to (SPEC §9.2: enterprise, industry, district and city).
public enum RollupLevel: String, Sendable, CaseIterable, Codable {
    case enterprise, industry, district, city

    /// The code of the city-level row.
    public static let cityCode = "city"
}
