/// A response in force somewhere: an explicit row of `responses.csv`, or the implicit `heat`
/// response of a district whose `max_temp_c ≥ heat_shift_min_temp_c` (SPEC §2 `weather.csv`),
/// which lasts the whole CST day.
public struct ActiveResponse: Sendable, Equatable {
    /// The `response_id`; nil for an implicit heat day.
    public var responseID: String?
    /// ASCII-lowercased level; selects the plan rows of that level.
    public var level: String
    /// CST; slots starting in `[start, end)` are covered (SPEC §13.15).
    public var start: Timestamp
    public var end: Timestamp

    public init(responseID: String?, level: String, start: Timestamp, end: Timestamp) {
        self.responseID = responseID
        self.level = level
        self.start = start
        self.end = end
    }

    /// Whether a slot starting at `t` is covered.
    @inlinable public func covers(_ t: Timestamp) -> Bool { t >= start && t < end }
}

extension Registry {
    /// The responses (explicit and implicit heat days) that cover `districtCode` and overlap
    /// `[from, to)`, explicit ones first in file order.
    public func responses(covering districtCode: String, overlapping from: Timestamp, _ to: Timestamp,
                          heatMinTempC: Double) -> [ActiveResponse] {
        var out: [ActiveResponse] = []
        for r in responses where r.covers(districtCode: districtCode) && r.start < to && r.end > from {
            out.append(ActiveResponse(responseID: r.id, level: r.level, start: r.start, end: r.end))
        }
        var d = from.day
        while d.start < to {
            if let w = weather(districtCode: districtCode, on: d), w.maxTempC >= heatMinTempC {
                out.append(ActiveResponse(responseID: nil, level: "heat", start: d.start, end: d.adding(days: 1).start))
            }
            d = d.adding(days: 1)
        }
        return out
    }
}
