import Foundation
import PEMSCore

/// Walks CST days in order and produces each day's `CityDay` (SPEC §4–§6), carrying the
/// look-back state from day to day: the slot-power history for thresholds (§5.2: 28 days,
/// response days left out; §8 THRESHOLD_SUSPECT: 14 days) and each facility's recent normal
/// days for baselines (§6).
///
/// Days must be stepped consecutively; a day's thresholds and baselines use only earlier
/// days, and a day uses no data stamped after it (§13.12).
public final class BaselineEngine {
    public let registry: Registry
    public let settings: Settings
    public let clock: SlotClock
    public let topology: CityTopology
    let source: DayReadingSource?
    var thresholds: ThresholdHistory
    var history: BaselineHistory
    /// Per point: its enterprise's district code ("" when the enterprise is unknown).
    let districtOfPoint: [String]
    /// The indices of the electrical points (those with slot powers, SPEC §4).
    let electricalPoints: [Int]
    var lastDay: Day?
    /// Points whose θ (or §8 p90) needed their days read whole because their tops could not
    /// settle it (`settleThresholds`), counted once per point and day.
    public private(set) var unsettledPoints = 0
    var second: DayReadingSource?
    var secondOpened = false

    /// `source` nil steps over days with no data (tests build days from readings directly).
    public init(registry: Registry, settings: Settings, source: DayReadingSource?) {
        self.registry = registry
        self.settings = settings
        clock = SlotClock(minutes: settings.slotMinutes)
        topology = CityTopology(registry)
        self.source = source
        thresholds = ThresholdHistory(points: registry.points, settings: settings)
        history = BaselineHistory(facilityCount: registry.facilities.count, settings: settings)
        electricalPoints = registry.points.indices.filter { registry.points[$0].isElectrical }
        let topology = topology
        districtOfPoint = registry.points.indices.map { i in
            let e = topology.enterpriseOfPoint[i]
            return e >= 0 ? registry.enterprises[e].districtCode : ""
        }
    }

    /// Sees one point's usable readings of a day before they are dropped (the data-quality
    /// checks of §8 use them).
    public typealias ReadingObserver = (_ point: Int, _ readings: PointDayReadings) -> Void

    /// The parts a day is read in, each on a thread of its own with its own connection.
    public static let readParts = 2

    /// Reads `day` from the store and computes it. `observe` gives, for each part of the day's
    /// read (`0 ..< readParts`, read concurrently on their own threads, with disjoint points),
    /// the observer of that part's points' readings.
    ///
    /// `nextDayReadable`: whether the day after may be read (it is inside the period). A
    /// counter-only point's last reading of the day pairs with the next day's first reading
    /// (SPEC §4: the sample belongs to `t1`), but never with data after the period (§13.12).
    ///
    /// `cache`: when given, the day read is kept in it for the look-back of later
    /// computations — with its next day readable as a day-cache entry and a summary, else (the
    /// period's last day) as an open entry the next computation finishes (`OpenDay`).
    public func step(_ day: Day, nextDayReadable: Bool = false, cache: DayCache? = nil,
                     observe: ((_ part: Int) -> ReadingObserver)? = nil) throws -> CityDay {
        let keep = cache != nil && nextDayReadable
        let open = cache != nil && !nextDayReadable
        let read = try read(day, nextDayReadable: nextDayReadable, carries: cache != nil, openPairs: open, observe: observe)
        if keep, let cache { try cache.save(day, read) }
        try settleThresholds(day, judge: true, cache: cache)
        let city = compute(day, pointValues: read.values, judgeThresholds: true)
        // Tonight's period is tomorrow's look-back: its summary spares computing it again.
        if keep, let cache { try keepSummary(day, city, values: read.values, carries: read.carries, cache: cache) }
        if open, let cache {
            try cache.saveOpen(day, OpenDay(read: CachedDay(values: read.values, carries: read.carries),
                                            thresholds: city.thresholds, pairs: read.openPairs))
        }
        return city
    }

    /// Steps over a look-back day (before the period, so its next day is readable and its
    /// own data-quality findings are not reported): from the cache when it holds the day, else
    /// from its open entry when it was an earlier period's last day (`stepOpen`), else read and
    /// then cached. Returns the day and each point's carry for the reading checks.
    public func stepLookBack(_ day: Day, cache: DayCache?) throws -> (CityDay, [PointCarry?]) {
        if let cache, let cached = try cache.load(day) {
            try settleThresholds(day, judge: false, cache: cache)
            let city = compute(day, pointValues: cached.values, judgeThresholds: false)
            try keepSummary(day, city, values: cached.values, carries: cached.carries, cache: cache)
            return (city, cached.carries)
        }
        if let cache, let finished = try stepOpen(day, cache: cache) { return finished }
        let read = try read(day, nextDayReadable: true, carries: true, observe: nil)
        try cache?.save(day, read)
        try settleThresholds(day, judge: false, cache: cache)
        let city = compute(day, pointValues: read.values, judgeThresholds: false)
        if let cache { try keepSummary(day, city, values: read.values, carries: read.carries, cache: cache) }
        return (city, read.carries)
    }

    /// Steps over a look-back day that was the last day of an earlier period, from its open
    /// entry (docs/COMPUTE.md "Open days"): each open counter pair is closed with the next
    /// day's first reading, exactly as reading the day with its next day readable would, and
    /// the day is computed with the θ it had; its day-cache entry and summary are then kept.
    /// nil when no open entry is kept for the current inputs.
    public func stepOpen(_ day: Day, cache: DayCache) throws -> (CityDay, [PointCarry?])? {
        guard let open = try cache.loadOpen(day) else { return nil }
        var finished = open.read
        if let source {
            let next = day.adding(days: 1)
            for (i, pair) in open.pairs {
                guard let first = try source.firstEnergyReading(point: i, day: next) else { continue }
                finished.values[i] = pair.closed(finished.values[i], slotsPerDay: clock.slotsPerDay, next: first)
            }
        }
        try cache.save(day, finished)
        let city = compute(day, pointValues: finished.values, judgeThresholds: false, thresholds: open.thresholds)
        try keepSummary(day, city, values: finished.values, carries: finished.carries, cache: cache)
        return (city, finished.carries)
    }

    /// Keeps a day computed with its next day readable for later computations: its summary
    /// and its tops (docs/COMPUTE.md "Day summaries", "Day tops").
    func keepSummary(_ day: Day, _ city: CityDay, values: [[Double]?], carries: [PointCarry?], cache: DayCache) throws {
        try cache.saveSummary(day, DaySummary(city, carries: carries))
        try cache.saveTops(day) { tops(values) }
    }

    /// The tops of a day's slot values for the points that keep a threshold history.
    public func tops(_ values: [[Double]?]) -> DayTops {
        DayTops(values: values) { registry.points[$0].isElectrical && thresholds.keepsHistory(point: $0) }
    }

    /// Makes every θ of `day` (and with `judge` every §8 p90) answerable before `compute`: a
    /// point whose window holds days kept as tops that cannot settle its percentile has those
    /// days read whole — from the day cache, else from the store (docs/COMPUTE.md "Day tops").
    /// A day read whole replaces the tops of every point (a later day's θ then need not read
    /// it again).
    func settleThresholds(_ day: Day, judge: Bool, cache: DayCache?) throws {
        let short = thresholds.unsettled(day: day, judge: judge)
        guard !short.isEmpty else { return }
        for d in thresholds.truncatedDays(points: short, before: day) {
            let values = try lookBackValues(Day(index: d), cache: cache)
            for i in electricalPoints { thresholds.fill(point: i, dayIndex: d, values: values[i] ?? []) }
        }
        unsettledPoints += short.count
        let left = thresholds.unsettled(day: day, judge: judge)
        precondition(left.isEmpty, "the whole days leave θ of points \(left) unsettled")
    }

    /// Steps over a look-back day whose summary is kept (`DayCache.loadSummary`) and whose
    /// whole day is needed (the event or activated-carbon look-back): its slot values are read
    /// (from the day cache when it holds them) and its states computed with the summary's θ
    /// instead of resolving θ from the threshold history again.
    /// `values`: the day's slot values when already read.
    public func stepLookBack(_ day: Day, cache: DayCache?, summary: DaySummary, values: [[Double]?]? = nil) throws -> CityDay {
        compute(day, pointValues: try values ?? lookBackValues(day, cache: cache), judgeThresholds: false,
                thresholds: summary.thresholds)
    }

    /// Passes over a look-back day from its summary alone (docs/COMPUTE.md "Day summaries"):
    /// its normal days join the baseline history, and — when a later day's θ reads this day
    /// (`values`: its slot values, `lookBackValues`) — its present slot powers join the
    /// threshold history, exactly as `compute` would add them. No state is computed.
    /// Ask `baseline(facility:for:)` for the day before absorbing it.
    public func absorb(_ day: Day, summary: DaySummary, values: [[Double]?]?) {
        if let lastDay { precondition(day.index == lastDay.index + 1, "days must be stepped in order") }
        lastDay = day
        for (fi, normal) in summary.normal.enumerated() {
            if let normal { history.pushNormal(facility: fi, day: day, normal) }
        }
        guard let values else { return }
        var responseDistricts: [String: Bool] = [:]
        pushThresholdHistory(day, values: values, responseDistricts: &responseDistricts)
    }

    /// `absorb` for a day whose threshold history is taken from its tops (`DayTops`) rather
    /// than its slot values: a later θ that they cannot settle reads the day whole.
    public func absorb(_ day: Day, summary: DaySummary, tops: DayTops) {
        absorb(day, summary: summary, values: nil)
        var responseDistricts: [String: Bool] = [:]
        for i in electricalPoints {
            let response = responseDay(districtOfPoint[i], on: day, known: &responseDistricts)
            thresholds.push(point: i, day: day, tops: i < tops.points.count ? tops.points[i] : nil, responseDay: response)
        }
    }

    /// Whether a response (heat days included) overlaps any part of `day` in `district`
    /// (§13.11, §13.28: one ending at 00:00 does not cover the next day), looked up once per
    /// district and day (`known`).
    func responseDay(_ district: String, on day: Day, known: inout [String: Bool]) -> Bool {
        if let found = known[district] { return found }
        let overlapped = !registry.responses(covering: district, overlapping: day.start, day.adding(days: 1).start,
                                             heatMinTempC: settings.heatShiftMinTempC).isEmpty
        known[district] = overlapped
        return overlapped
    }

    /// The day's slot powers join the threshold history of every electrical point; SPEC 2
    /// §5.2: response days are left out of what derives θ (kept for §8).
    func pushThresholdHistory(_ day: Day, values: [[Double]?], responseDistricts: inout [String: Bool]) {
        // Each point's present slot powers, taken out on the cores; then pushed in point order.
        let points = electricalPoints
        let present = ParallelMap.map(points.count, minimumPerThread: 256) { j in
            values[points[j]].map { $0.filter { !$0.isNaN } } ?? []
        }
        for (j, i) in points.enumerated() {
            let response = responseDay(districtOfPoint[i], on: day, known: &responseDistricts)
            thresholds.push(point: i, day: day, present: present[j], responseDay: response)
        }
    }

    /// The slot values of a look-back day: from the day cache when it holds the day, else
    /// read (and then cached).
    public func lookBackValues(_ day: Day, cache: DayCache?) throws -> [[Double]?] {
        if let cached = try cache?.load(day) { return cached.values }
        let read = try read(day, nextDayReadable: true, carries: true, observe: nil)
        try cache?.save(day, read)
        return read.values
    }

    /// The §6 baseline of `facility` for `day` from the days stepped so far (ask before
    /// stepping or absorbing `day`).
    public func baseline(facility: Int, for day: Day) -> Baseline? {
        history.baseline(facility: facility, for: day)
    }

    /// Slot values of every point on `day` (and, when asked, each point's carry).
    ///
    /// The day is read on two threads (`readParts`), each with its own connection and half of
    /// the channels: decoding is most of a day's cost and the points are independent. Part k's
    /// readings go to `observe(k)`, on part k's thread; a store that is not a file is read in
    /// one part, on this thread.
    func read(_ day: Day, nextDayReadable: Bool, carries wantCarries: Bool, openPairs: Bool = false,
              observe: ((_ part: Int) -> ReadingObserver)?) throws -> CachedDay {
        guard let source else {
            return CachedDay(values: Array(repeating: nil, count: registry.points.count),
                             carries: Array(repeating: nil, count: wantCarries ? registry.points.count : 0))
        }
        guard let second = try secondReader() else {
            return try read(day, from: source, channels: Int.min...Int.max, nextDayReadable: nextDayReadable,
                            carries: wantCarries, openPairs: openPairs, observe: observe?(0))
        }
        let sources = [source, second]
        assert(sources.count == Self.readParts)
        let ranges = source.channelRanges(parts: sources.count)
        guard ranges.count == sources.count else {
            return try read(day, from: source, channels: Int.min...Int.max, nextDayReadable: nextDayReadable,
                            carries: wantCarries, openPairs: openPairs, observe: observe?(0))
        }
        let observers = sources.indices.map { k in observe?(k) }
        var parts = [Result<CachedDay, Error>](repeating: .failure(CancellationError()), count: sources.count)
        parts.withUnsafeMutableBufferPointer { buffer in
            // Each thread reads with its own connection, hands its points' readings to its own
            // observer and writes only its own slot of `parts`; the engine's state used
            // (registry, clock) is immutable.
            let shared = Unchecked((engine: self, sources: sources, ranges: ranges, observers: observers, out: buffer))
            DispatchQueue.concurrentPerform(iterations: sources.count) { k in
                let w = shared.value
                w.out[k] = Result {
                    try w.engine.read(day, from: w.sources[k], channels: w.ranges[k], nextDayReadable: nextDayReadable,
                                      carries: wantCarries, openPairs: openPairs, observe: w.observers[k])
                }
            }
        }
        var merged = try parts[0].get()
        for part in parts.dropFirst() {
            let p = try part.get()
            for i in p.values.indices where p.values[i] != nil { merged.values[i] = p.values[i] }
            for i in p.carries.indices where p.carries[i] != nil { merged.carries[i] = p.carries[i] }
            merged.openPairs.merge(p.openPairs) { a, _ in a }
        }
        return merged
    }

    /// The second connection, opened once (nil when the store is not a file).
    func secondReader() throws -> DayReadingSource? {
        if !secondOpened {
            secondOpened = true
            second = try source?.secondReader()
        }
        return second
    }

    /// `read` over the channels in `channels`, from `source`.
    func read(_ day: Day, from source: DayReadingSource, channels: ClosedRange<Int>, nextDayReadable: Bool,
              carries wantCarries: Bool, openPairs: Bool = false,
              observe: ReadingObserver?) throws -> CachedDay {
        var out = CachedDay(values: Array(repeating: nil, count: registry.points.count),
                            carries: Array(repeating: nil, count: wantCarries ? registry.points.count : 0))
        try visit(day, from: source, channels: channels, nextDayReadable: nextDayReadable, observe: observe,
                  carry: wantCarries ? { out.carries[$0] = $1 } : nil,
                  pair: openPairs ? { out.openPairs[$0] = $1 } : nil,
                  value: { out.values[$0] = $1 })
        return out
    }

    /// The slot values of the points on `channels` that have data on `day`, by registry point
    /// index: what `read` gives for them, without the two registry-sized arrays `read` makes
    /// (an enterprise file reads one enterprise's few channels per day, and at city scale
    /// making and freeing those arrays cost more than decoding the channels).
    func readSelected(_ day: Day, from source: DayReadingSource, channels: ClosedRange<Int>,
                      nextDayReadable: Bool) throws -> [Int: [Double]] {
        var out: [Int: [Double]] = [:]
        try visit(day, from: source, channels: channels, nextDayReadable: nextDayReadable, observe: nil, carry: nil,
                  pair: nil, value: { i, v in if let v { out[i] = v } })
        return out
    }

    /// Reads `day` over `channels` and hands over each point's carry (electrical points, when
    /// `carry` is given), the counter pair its last reading leaves open (when the next day is
    /// not readable and `pair` is given) and slot values (nil: no usable data), in the order
    /// `read` fills them.
    private func visit(_ day: Day, from source: DayReadingSource, channels: ClosedRange<Int>, nextDayReadable: Bool,
                       observe: ReadingObserver?, carry: ((Int, PointCarry) -> Void)?,
                       pair: ((Int, OpenPair) -> Void)?, value: (Int, [Double]?) -> Void) throws {
        var pending: [(Int, PointDayReadings)] = []
        try source.readDay(day, channels: channels, phases: observe != nil) { i, readings in
            observe?(i, readings)
            let electrical = registry.points[i].isElectrical
            if let carry, electrical { carry(i, PointCarry(readings, day: day)) }
            if let pair, electrical, !nextDayReadable, let open = OpenPair(readings, clock: clock) { pair(i, open) }
            if electrical, nextDayReadable, let last = readings.energy.last,
               !SlotValues.hasPower(readings, slot: clock.slot(ofSecond: Int(last.second)), clock: clock) {
                pending.append((i, readings))
                return
            }
            value(i, Self.slotValues(readings, clock: clock, electrical: electrical))
        }
        let next = day.adding(days: 1)
        for (i, var readings) in pending {
            if let first = try source.firstEnergyReading(point: i, day: next) {
                readings.energy.append(Reading(second: first.second + 86_400, value: first.value))
            }
            value(i, Self.slotValues(readings, clock: clock, electrical: true))
        }
    }

    static func slotValues(_ readings: PointDayReadings, clock: SlotClock, electrical: Bool) -> [Double]? {
        guard !(readings.fine.isEmpty && readings.hour.isEmpty && readings.energy.count < 2) else { return nil }
        let v = SlotValues.compute(readings, clock: clock, useEnergy: electrical)
        return v.contains(where: { !$0.isNaN }) ? v : nil
    }

    /// Computes `day` from given slot values (one array per point, nil = no data).
    /// `judgeThresholds`: also give each declared threshold's §8 THRESHOLD_SUSPECT p90
    /// (`CityDay.suspectP90`; a look-back day, whose findings are not reported, skips it).
    /// `thresholds`: θ of every point when already known (a day summary's), else resolved
    /// from the threshold history.
    func compute(_ day: Day, pointValues values: [[Double]?], judgeThresholds: Bool = true,
                        thresholds known: [Threshold]? = nil) -> CityDay {
        if let lastDay { precondition(day.index == lastDay.index + 1, "days must be stepped in order") }
        lastDay = day
        let n = clock.slotsPerDay
        let points = registry.points
        var theta = known ?? [Threshold](repeating: .unknown, count: points.count)
        var suspectP90 = [Double?](repeating: nil, count: points.count)
        for (i, p) in points.enumerated() where p.isElectrical {
            if known == nil { theta[i] = thresholds.resolve(point: i, p, day: day) }
            if judgeThresholds { suspectP90[i] = thresholds.suspectP90(point: i, day: day) }
        }
        // §5.3 facility states and powers: each facility from its own points only, so the
        // facilities are shared out among the cores (`ParallelMap`, results in facility order).
        let resolved = theta
        let facilities = registry.facilities, electricalPoints = topology.electricalPoints, clock = self.clock
        let facilityDays = ParallelMap.map(facilities.count) { fi -> FacilityDay in
            let f = facilities[fi]
            let elec = electricalPoints[fi]
            if elec.isEmpty { return .empty(clock: clock) }
            var power = [Double](repeating: 0, count: n)
            var running = [Int](repeating: 0, count: n)
            var unknown = [Int](repeating: 0, count: n)
            for pi in elec {
                let th = resolved[pi]
                if let v = values[pi] {
                    for k in 0..<n {
                        let p = v[k]
                        power[k] += p  // NaN propagates: a missing point makes the facility slot missing
                        switch th.state(p) {
                        case .running: running[k] += 1
                        case .unknown: unknown[k] += 1
                        case .stopped: break
                        }
                    }
                } else {
                    for k in 0..<n { power[k] = .nan; unknown[k] += 1 }
                }
            }
            var state = [SlotState](repeating: .unknown, count: n)
            if f.kind == .production {
                for k in 0..<n {
                    state[k] = running[k] > 0 ? .running : (unknown[k] == 0 ? .stopped : .unknown)
                }
            } else {
                let need = f.minRunningOrDefault
                for k in 0..<n {
                    state[k] = running[k] >= need ? .running : (running[k] + unknown[k] < need ? .stopped : .unknown)
                }
            }
            return FacilityDay(state: state, power: power, clock: clock)
        }
        // §5.3 production side of each treatment facility.
        var side = [[SlotState]?](repeating: nil, count: registry.facilities.count)
        for (fi, f) in registry.facilities.enumerated() where f.kind == .treatment {
            let linked = topology.linkedProduction[fi]
            var s = [SlotState](repeating: .unknown, count: n)
            if !linked.isEmpty {
                for k in 0..<n {
                    var anyRunning = false, allStopped = true
                    for p in linked {
                        switch facilityDays[p].state[k] {
                        case .running: anyRunning = true; allStopped = false
                        case .unknown: allStopped = false
                        case .stopped: break
                        }
                    }
                    s[k] = anyRunning ? .running : (allStopped ? .stopped : .unknown)
                }
            }
            side[fi] = s
        }
        // §6 baselines as of this day, then this day joins the history.
        // Each facility's baseline reads only its own history: shared out among the cores.
        let past = history
        let baselines = ParallelMap.map(facilities.count) { past.baseline(facility: $0, for: day) }
        var normal = [Bool](repeating: false, count: registry.facilities.count)
        var responseDistricts: [String: Bool] = [:]
        for (fi, f) in registry.facilities.enumerated() {
            let district = registry.enterprise(id: f.enterpriseID)?.districtCode ?? ""
            normal[fi] = BaselineHistory.isNormal(facilityDays[fi],
                                                  responseOverlaps: responseDay(district, on: day, known: &responseDistricts),
                                                  clock: clock, settings: settings)
            if normal[fi] { history.pushNormal(facility: fi, day: day, facilityDays[fi]) }
        }
        pushThresholdHistory(day, values: values, responseDistricts: &responseDistricts)
        return CityDay(day: day, clock: clock, pointValues: values, thresholds: theta, facilities: facilityDays,
                       baselines: baselines, normal: normal, productionSide: side, suspectP90: suspectP90)
    }
}

/// Hands values that are not `Sendable` to the threads of one `concurrentPerform` whose
/// safety is argued at the call site.
struct Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
