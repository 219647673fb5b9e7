import PEMSCore

/// The present slot powers of each electrical point over the recent days, from which SPEC §5.2
/// derives θ and SPEC 2 §8 THRESHOLD_SUSPECT judges a declared one.
///
/// Days are pushed in order; `resolve` and `suspectP90` for day D must be asked before D is
/// pushed. What a point keeps depends on what it needs (SPEC 2, §13.8, §13.28, §13.34):
/// - a point that derives θ (`threshold_kw` blank or ≤ 0) keeps the `thresholds.lookback_days`
///   (28) days before D **outside response days** — a response day is never kept;
/// - a production or treatment point with a declared θ keeps the
///   `data_quality.threshold_suspect_days` (14) days before D, response days **included**;
/// - any other point (a total meter with a declared θ) keeps nothing.
///
/// A point's first percentile in a computation is found by selection (`select`: linear in the
/// window's values) over its days as they were pushed; a point asked again (the next day of a
/// period) has its days sorted once, and from then on a 90th percentile is found by taking the
/// largest values from the tops of the sorted days through a small heap — about a tenth of the
/// window. So a night computing one day after a look-back taken from day summaries sorts
/// nothing, and a month's rerun sorts each day once (issue 20). Both give the same value: the
/// ⌈0.9·n⌉-th smallest, zero always as +0.
///
/// A day may also be pushed as its tops (`DayTops`: its present count and largest quarter).
/// A window holding such a day is settled from the kept values when that is provably exact
/// (`unsettled` names the points for which it is not; `fill` then gives them the whole days),
/// so every way of pushing a day gives the same θ (docs/COMPUTE.md "Day tops").
public struct ThresholdHistory {
    struct Entry {
        var day: Int
        /// The day's present slot powers (kW): in slot order as pushed, ascending once sorted;
        /// for a day pushed as its tops, only its largest (ascending).
        var values: [Double]
        var sorted: Bool
        /// How many present slot powers the day had (`values.count` unless truncated).
        var count: Int
        var truncated: Bool { values.count < count }
    }

    /// A nearest-rank 90th percentile, as far as the kept values tell it.
    enum Percentile: Equatable {
        case value(Double)
        /// Fewer than the minimum days' worth of present slot powers (§13.8).
        case tooFew
        /// The window holds days cut to their tops and the value cannot be proven from them.
        case unsettled
    }

    /// What a point's history is for.
    enum Need {
        /// θ derived (§5.2): the look-back window, response days left out.
        case derived
        /// A declared θ to judge (§8 THRESHOLD_SUSPECT): the fixed window, response days in.
        case suspect
        case none
    }

    var perPoint: [[Entry]]
    /// Per point: whether a percentile has been asked of it (the next one sorts its days).
    var asked: [Bool]
    /// The window's values gathered for `select` (reused).
    var scratch: [Double] = []
    /// Percentiles already found for a day (`unsettled`), by point: the day index and value.
    var found: [Int: (day: Int, value: Percentile)] = [:]
    let needs: [Need]
    let settings: Settings
    let clock: SlotClock

    /// A history for the registry's points (`points[i]` is point index i).
    public init(points: [Point], settings: Settings) {
        perPoint = Array(repeating: [], count: points.count)
        asked = Array(repeating: false, count: points.count)
        needs = points.map { p in
            if !(p.thresholdKW.map { $0 > 0 } ?? false) { return .derived }
            return p.kind == .production || p.kind == .treatment ? .suspect : .none
        }
        self.settings = settings
        clock = SlotClock(minutes: settings.slotMinutes)
    }

    /// Records a day's present slot powers for a point (NaN slots are skipped).
    /// `responseDay`: a response (heat days included) covers the enterprise's district on
    /// some part of the day (§13.28).
    public mutating func push(point: Int, day: Day, values: [Double], responseDay: Bool) {
        push(point: point, day: day, present: values.filter { !$0.isNaN }, responseDay: responseDay)
    }

    /// `push` of a day's present slot powers already taken out (no NaN), in slot order.
    mutating func push(point: Int, day: Day, present: [Double], responseDay: Bool) {
        guard admits(point: point, day: day, responseDay: responseDay), !present.isEmpty else { return }
        perPoint[point].append(Entry(day: day.index, values: present, sorted: false, count: present.count))
    }

    /// Records a day's tops for a point (`DayTops.Point`; nil: no present slot power), kept in
    /// place of its whole day.
    public mutating func push(point: Int, day: Day, tops: DayTops.Point?, responseDay: Bool) {
        guard admits(point: point, day: day, responseDay: responseDay), let tops, !tops.values.isEmpty else { return }
        perPoint[point].append(Entry(day: day.index, values: tops.values, sorted: true, count: tops.count))
    }

    /// Drops the point's days that fell out of its window, and says whether `day` is kept.
    mutating func admits(point: Int, day: Day, responseDay: Bool) -> Bool {
        let keepDays: Int
        switch needs[point] {
        case .none: return false
        case .derived: keepDays = settings.thresholdLookbackDays
        case .suspect: keepDays = settings.dqThresholdSuspectDays
        }
        // In place: a copy of the list would copy (and retain) every day's array.
        if let first = perPoint[point].first, first.day <= day.index - keepDays {
            perPoint[point].removeAll { $0.day <= day.index - keepDays }
        }
        return !(needs[point] == .derived && responseDay)
    }

    /// Whether the point keeps a threshold history (what `DayTops` are taken for).
    public func keepsHistory(point: Int) -> Bool { needs[point] != .none }

    /// The points whose percentile for `day` the kept tops cannot settle (θ of a point that
    /// derives it; with `judge`, §8's p90 of a point with a declared θ). Each percentile found
    /// on the way is kept for `resolve` and `suspectP90`.
    public mutating func unsettled(day: Day, judge: Bool) -> [Int] {
        var asks: [(point: Int, days: Int, minDays: Int)] = []
        for i in perPoint.indices where perPoint[i].contains(where: { $0.truncated && $0.day < day.index }) {
            switch needs[i] {
            case .derived: asks.append((i, settings.thresholdLookbackDays, settings.thresholdMinDays))
            case .suspect where judge: asks.append((i, settings.dqThresholdSuspectDays, settings.dqThresholdSuspectMinDays))
            default: continue
            }
        }
        // The windows holding tops are answered from their kept values alone, which only
        // reads the history: the points are shared out among the cores. A window without
        // tops (nil here) is answered as `percentile` answers it.
        let history = perPoint, slotsPerDay = clock.slotsPerDay
        let fromTops = ParallelMap.map(asks.count, minimumPerThread: 256) { j -> Percentile? in
            let ask = asks[j]
            var scratch: [Double] = []
            return Self.topsPercentile(history[ask.point], from: day.index - ask.days, before: day.index,
                                       minimum: ask.minDays * slotsPerDay, scratch: &scratch)
        }
        var out: [Int] = []
        for (j, ask) in asks.enumerated() {
            let p: Percentile
            if let known = fromTops[j] {
                p = known
                if case .value = known { asked[ask.point] = true }
            } else {
                p = percentile(point: ask.point, day: day, days: ask.days, minDays: ask.minDays)
            }
            found[ask.point] = (day.index, p)
            if p == .unsettled { out.append(ask.point) }
        }
        return out
    }

    /// The days before `day` on which `points` were kept as tops, ascending.
    public func truncatedDays(points: [Int], before day: Day) -> [Int] {
        var days = Set<Int>()
        for i in points { for e in perPoint[i] where e.truncated && e.day < day.index { days.insert(e.day) } }
        return days.sorted()
    }

    /// Puts the whole of `dayIndex` (its slot values) in place of the tops kept for `point`.
    public mutating func fill(point: Int, dayIndex: Int, values: [Double]) {
        guard let j = perPoint[point].firstIndex(where: { $0.day == dayIndex && $0.truncated }) else { return }
        let present = values.filter { !$0.isNaN }
        perPoint[point][j] = Entry(day: dayIndex, values: present, sorted: false, count: present.count)
        found[point] = nil
    }

    /// θ of `point` for `day` (SPEC §5.2, §13.8, §13.28).
    public mutating func resolve(point: Int, _ p: Point, day: Day) -> Threshold {
        if let t = p.thresholdKW, t > 0 { return Threshold(kw: t, source: .registry) }
        let rated = p.ratedKWOrZero
        if let p90 = p90(point: point, day: day, days: settings.thresholdLookbackDays, minDays: settings.thresholdMinDays) {
            // SPEC 2: a treatment point's floor is 10 % of its rating (seed 001 §7); others 5 %.
            let f = p.kind == .treatment ? settings.thresholdTreatmentRatedFactor : settings.thresholdRatedFactor
            let theta = max(settings.thresholdP90Factor * p90, f * rated, settings.thresholdMinKW)
            return Threshold(kw: theta, source: .derived)
        }
        if rated > 0 { return Threshold(kw: settings.thresholdFallbackRatedFactor * rated, source: .rated) }
        return .unknown
    }

    /// SPEC 2 §8 THRESHOLD_SUSPECT (§13.34): the nearest-rank p90 of the point's present slot
    /// powers in the `threshold_suspect_days` days before `day` (response days included), or
    /// nil with fewer than `threshold_suspect_min_days` days' worth — or when the point keeps
    /// no such history (it derives θ, or is not a production or treatment point).
    public mutating func suspectP90(point: Int, day: Day) -> Double? {
        guard needs[point] == .suspect else { return nil }
        return p90(point: point, day: day, days: settings.dqThresholdSuspectDays, minDays: settings.dqThresholdSuspectMinDays)
    }

    /// The nearest-rank 90th percentile of the point's kept values of `[day − days, day − 1]`
    /// when at least `minDays` × slots-per-day of them are present (§13.8), else nil. The
    /// window must be settled (`unsettled`, `fill`).
    mutating func p90(point: Int, day: Day, days: Int, minDays: Int) -> Double? {
        let p: Percentile
        if let known = found[point], known.day == day.index {
            p = known.value
        } else {
            p = percentile(point: point, day: day, days: days, minDays: minDays)
        }
        switch p {
        case .value(let v): return v
        case .tooFew: return nil
        case .unsettled: preconditionFailure("θ of point \(point) asked before its window was settled")
        }
    }

    /// The percentile of `p90`, or `.unsettled` when the window's tops cannot prove it.
    mutating func percentile(point: Int, day: Day, days: Int, minDays: Int) -> Percentile {
        let from = day.index - days
        var total = 0, kept = 0, allSorted = true, truncated = false
        for e in perPoint[point] where e.day >= from && e.day < day.index {
            total += e.count
            kept += e.values.count
            allSorted = allSorted && e.sorted
            truncated = truncated || e.truncated
        }
        guard total > 0, total >= minDays * clock.slotsPerDay else { return .tooFew }
        // Nearest-rank 90th percentile: the ⌈0.9·n⌉-th smallest value.
        let rank = max(1, min(total, (9 * total + 9) / 10))  // integer ceil, no floating-point edge
        let value: Double
        if truncated {
            scratch.removeAll(keepingCapacity: true)
            guard let p = Self.topsPercentile(perPoint[point], from: from, before: day.index,
                                              minimum: minDays * clock.slotsPerDay, scratch: &scratch) else {
                preconditionFailure("a window with tops read as one without")
            }
            guard case .value(let v) = p else { return p }
            value = v
        } else if !allSorted && !asked[point] {
            // First time asked: select from the window as it is (its days may never be asked again).
            scratch.removeAll(keepingCapacity: true)
            for e in perPoint[point] where e.day >= from && e.day < day.index { scratch.append(contentsOf: e.values) }
            value = Self.select(&scratch, rank: rank)
        } else {
            var lists: [[Double]] = []
            lists.reserveCapacity(perPoint[point].count)
            for j in perPoint[point].indices where perPoint[point][j].day >= from && perPoint[point][j].day < day.index {
                if !perPoint[point][j].sorted {
                    perPoint[point][j].values.sort()
                    perPoint[point][j].sorted = true
                }
                lists.append(perPoint[point][j].values)
            }
            value = Self.value(ofRank: rank, in: lists, total: total)
        }
        asked[point] = true
        return .value(value == 0 ? 0 : value)  // −0 and +0 are one value; give it one sign whichever way it was found
    }

    /// The percentile of a window `[from, before)` of `entries` that holds days kept as tops,
    /// from the kept values alone (reads only: safe on several threads at once); nil when the
    /// window holds no such day. `minimum`: the present slot powers a percentile needs (§13.8).
    ///
    /// The percentile is the (total − rank + 1)-th largest of all values. Taken as the
    /// same-ranked largest of the kept values t, it is exact when every day cut short kept a
    /// value ≤ t: what such a day left out is ≤ its smallest kept value, so no value left out
    /// is above t, and the kept values alone hold as many values ≥ t as needed.
    static func topsPercentile(_ entries: [Entry], from: Int, before end: Int, minimum: Int,
                               scratch: inout [Double]) -> Percentile? {
        var total = 0, kept = 0, truncated = false
        for e in entries where e.day >= from && e.day < end {
            total += e.count
            kept += e.values.count
            truncated = truncated || e.truncated
        }
        guard truncated else { return nil }
        guard total > 0, total >= minimum else { return .tooFew }
        let rank = max(1, min(total, (9 * total + 9) / 10))  // as `percentile`
        let fromTop = total - rank + 1
        guard kept >= fromTop else { return .unsettled }
        scratch.reserveCapacity(kept)
        for e in entries where e.day >= from && e.day < end { scratch.append(contentsOf: e.values) }
        let value = select(&scratch, rank: kept - fromTop + 1)
        for e in entries where e.day >= from && e.day < end && e.truncated {
            guard let smallest = e.values.first, smallest <= value else { return .unsettled }
        }
        return .value(value == 0 ? 0 : value)
    }

    /// The `rank`-th smallest (1-based) of `values` (no NaN), reordering them: Hoare's
    /// selection as Wirth writes it, linear on average.
    static func select(_ values: inout [Double], rank: Int) -> Double {
        let k = rank - 1
        return values.withUnsafeMutableBufferPointer { a in
            var l = 0, m = a.count - 1
            while l < m {
                let x = a[k]
                var i = l, j = m
                repeat {
                    while a[i] < x { i += 1 }
                    while x < a[j] { j -= 1 }
                    if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
                } while i <= j
                if j < k { l = i }
                if k < i { m = j }
            }
            return a[k]
        }
    }

    /// The `rank`-th smallest (1-based) of the union of ascending lists holding `total`
    /// values: the `(total − rank + 1)`-th largest, taken from the lists' tops through a
    /// max-heap of the lists ordered by their largest unused value.
    static func value(ofRank rank: Int, in lists: [[Double]], total: Int) -> Double {
        var top = lists.map { $0.count - 1 }  // index of each list's largest unused value
        var heap = lists.indices.filter { top[$0] >= 0 }
        func key(_ j: Int) -> Double { lists[j][top[j]] }
        func siftDown(_ start: Int) {
            var i = start
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < heap.count, key(heap[l]) > key(heap[m]) { m = l }
                if r < heap.count, key(heap[r]) > key(heap[m]) { m = r }
                if m == i { return }
                heap.swapAt(i, m)
                i = m
            }
        }
        for i in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(i) }
        var result = Double.nan
        for _ in 0..<(total - rank + 1) {
            let best = heap[0]
            result = lists[best][top[best]]
            top[best] -= 1
            if top[best] < 0 {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
            }
            if !heap.isEmpty { siftDown(0) }
        }
        return result
    }
}
