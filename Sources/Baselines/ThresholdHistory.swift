import PEMSCore

/// The present slot powers of each electrical point over the last `threshold_lookback_days`
/// days, from which SPEC §5.2 derives θ.
///
/// Days are pushed in order; `resolve` for day D must be asked before D is pushed, so the
/// window is exactly `[D − 14, D − 1]`.
///
/// Each day's values are kept sorted, so the 90th percentile is found by walking down from
/// the largest values of the (at most 14) sorted days — about a tenth of the window — rather
/// than sorting the whole window for every point and day (that sort was a fifth of a
/// city-scale computation).
public struct ThresholdHistory {
    struct Entry {
        var day: Int
        /// The day's present slot powers (kW), ascending.
        var sorted: [Double]
    }
    var perPoint: [[Entry]]
    let settings: Settings
    let clock: SlotClock

    public init(pointCount: Int, settings: Settings) {
        perPoint = Array(repeating: [], count: pointCount)
        self.settings = settings
        clock = SlotClock(minutes: settings.slotMinutes)
    }

    /// Records a day's present slot powers for a point (NaN slots are skipped).
    public mutating func push(point: Int, day: Day, values: [Double]) {
        var present = values.filter { !$0.isNaN }
        present.sort()
        // In place: a copy of the list would copy (and retain) every day's array.
        perPoint[point].removeAll { $0.day <= day.index - settings.thresholdLookbackDays }
        if !present.isEmpty { perPoint[point].append(Entry(day: day.index, sorted: present)) }
    }

    /// θ of `point` for `day` (SPEC §5.2, §13.8).
    public func resolve(point: Int, _ p: Point, day: Day) -> Threshold {
        if let t = p.thresholdKW, t > 0 { return Threshold(kw: t, source: .registry) }
        let from = day.index - settings.thresholdLookbackDays
        let window = perPoint[point].filter { $0.day >= from && $0.day < day.index }
        let total = window.reduce(0) { $0 + $1.sorted.count }
        let rated = p.ratedKWOrZero
        if total >= settings.thresholdMinDays * clock.slotsPerDay, total > 0 {
            // Nearest-rank 90th percentile: the ⌈0.9·n⌉-th smallest value.
            let rank = (9 * total + 9) / 10  // integer ceil, no floating-point edge
            let p90 = Self.value(ofRank: max(1, min(total, rank)), in: window.map(\.sorted), total: total)
            let theta = max(settings.thresholdP90Factor * p90, settings.thresholdRatedFactor * rated, settings.thresholdMinKW)
            return Threshold(kw: theta, source: .derived)
        }
        if rated > 0 { return Threshold(kw: settings.thresholdFallbackRatedFactor * rated, source: .rated) }
        return .unknown
    }

    /// The `rank`-th smallest (1-based) of the union of ascending lists holding `total`
    /// values: the `(total − rank + 1)`-th largest, taken from the lists' tops.
    static func value(ofRank rank: Int, in lists: [[Double]], total: Int) -> Double {
        var top = lists.map { $0.count - 1 }  // index of each list's largest unused value
        var result = Double.nan
        for _ in 0..<(total - rank + 1) {
            var best = -1
            for j in lists.indices where top[j] >= 0 {
                if best < 0 || lists[j][top[j]] > lists[best][top[best]] { best = j }
            }
            result = lists[best][top[best]]
            top[best] -= 1
        }
        return result
    }
}
