import PEMSCore

/// The present slot powers of each electrical point over the last `threshold_lookback_days`
/// days, from which SPEC §5.2 derives θ.
///
/// Days are pushed in order; `resolve` for day D must be asked before D is pushed, so the
/// window is exactly `[D − 14, D − 1]`.
public struct ThresholdHistory {
    struct Entry {
        var day: Int
        var values: [Double]
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
        let present = values.filter { !$0.isNaN }
        var list = perPoint[point]
        list.removeAll { $0.day <= day.index - settings.thresholdLookbackDays }
        if !present.isEmpty { list.append(Entry(day: day.index, values: present)) }
        perPoint[point] = list
    }

    /// θ of `point` for `day` (SPEC §5.2, §13.8).
    public func resolve(point: Int, _ p: Point, day: Day) -> Threshold {
        if let t = p.thresholdKW, t > 0 { return Threshold(kw: t, source: .registry) }
        let from = day.index - settings.thresholdLookbackDays
        var total = 0
        for e in perPoint[point] where e.day >= from && e.day < day.index { total += e.values.count }
        let rated = p.ratedKWOrZero
        if total >= settings.thresholdMinDays * clock.slotsPerDay, total > 0 {
            var all: [Double] = []
            all.reserveCapacity(total)
            for e in perPoint[point] where e.day >= from && e.day < day.index { all.append(contentsOf: e.values) }
            all.sort()
            // Nearest-rank 90th percentile: the ⌈0.9·n⌉-th smallest value.
            let rank = (9 * all.count + 9) / 10  // integer ceil, no floating-point edge
            let p90 = all[max(0, min(all.count - 1, rank - 1))]
            let theta = max(settings.thresholdP90Factor * p90, settings.thresholdRatedFactor * rated, settings.thresholdMinKW)
            return Threshold(kw: theta, source: .derived)
        }
        if rated > 0 { return Threshold(kw: settings.thresholdFallbackRatedFactor * rated, source: .rated) }
        return .unknown
    }
}
