import DemoCity
import PEMSCore
@testable import Baselines
import Testing

/// SPEC §5.1 point state and §5.2 threshold θ (with §13.8, §13.28), on hand-made histories.
/// Hour slots: 24 per day. Most tests use the conformance fixture's window (14 days' look-back,
/// 7 days' worth = 7 × 24 = 168 present slots in [D−14, D−1]) to keep the histories short; the
/// SPEC 2 defaults (28 days, 14 days' worth) have tests of their own.
@Suite struct ThresholdTests {
    static let d = Day("2024-07-15")!
    static var settings: Settings {
        var s = MiniRun.hourly
        s.thresholdLookbackDays = 14
        s.thresholdMinDays = 7
        return s
    }

    func point(rated: Double? = nil, threshold: Double? = nil, kind: PointKind = .production) -> Point {
        Point(id: "p", enterpriseID: "E1", mn: "M1", code: "pg1001", kind: kind, facilityID: kind == .total ? nil : "P1",
              ratedKW: rated, thresholdKW: threshold)
    }

    /// A history with one point whose day `D − back` holds `values`, for each (back, values).
    /// (The history keeps what a point deriving its θ keeps: the days outside responses.)
    func history(_ days: [(back: Int, values: [Double])], settings: Settings = Self.settings) -> ThresholdHistory {
        var h = ThresholdHistory(points: [point()], settings: settings)
        for (back, values) in days.sorted(by: { $0.back > $1.back }) {
            h.push(point: 0, day: Self.d.adding(days: -back), values: values, responseDay: false)
        }
        return h
    }

    func expectTheta(_ t: Threshold, _ kw: Double, _ source: Threshold.Source,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(t.source == source, sourceLocation: sourceLocation)
        #expect(t.kw.map { abs($0 - kw) < 1e-12 } == true, "θ \(String(describing: t.kw)) ≠ \(kw)", sourceLocation: sourceLocation)
    }

    // MARK: §5.1

    @Test func slotExactlyAtThresholdIsRunning() {
        let t = Threshold(kw: 5, source: .registry)
        #expect(t.state(5) == .running)       // P == θ → running
        #expect(t.state(4.999) == .stopped)   // P < θ
        #expect(t.state(.nan) == .unknown)    // missing
        #expect(Threshold.unknown.state(100) == .unknown)  // θ undefined
    }

    // MARK: §5.2

    @Test func registryThresholdWinsWhenPositive() {
        var h = history((1...14).map { ($0, Array(repeating: 100.0, count: 24)) })
        expectTheta(h.resolve(point: 0, point(rated: 40, threshold: 2.5), day: Self.d), 2.5, .registry)
    }

    @Test func zeroRegistryThresholdMeansDeriveIt() {
        // threshold_kw 0 is not > 0; no history → 0.1 × 40 = 4 kW.
        var h = history([])
        expectTheta(h.resolve(point: 0, point(rated: 40, threshold: 0), day: Self.d), 4, .rated)
    }

    @Test func derivedThresholdIsThirtyPercentOfTheNearestRankP90() {
        // 168 values: 151 × 10 kW and 17 × 100 kW. Nearest rank ⌈0.9 × 168⌉ = ⌈151.2⌉ = 152 → the
        // 152nd smallest = 100 → θ = max(0.3 × 100, 0.05 × 0, 0.05) = 30.
        // (Linear interpolation would give 10 + 0.3·… < 100; the mean would give ≈ 19.1.)
        var days: [(Int, [Double])] = (2...7).map { ($0, Array(repeating: 10.0, count: 24)) }  // 144 × 10
        days.append((1, Array(repeating: 10.0, count: 7) + Array(repeating: 100.0, count: 17)))
        expectTheta(history(days).resolving(point: 0, point(), day: Self.d), 30, .derived)
    }

    @Test func nearestRankP90StaysOnTheLowerValueWhenOneMoreSlotIsLow() {
        // 152 × 10 and 16 × 100: the 152nd smallest is 10 → θ = 0.3 × 10 = 3.
        var days: [(Int, [Double])] = (2...7).map { ($0, Array(repeating: 10.0, count: 24)) }
        days.append((1, Array(repeating: 10.0, count: 8) + Array(repeating: 100.0, count: 16)))
        let t = history(days).resolving(point: 0, point(), day: Self.d)
        #expect(t.source == .derived)
        #expect(abs(t.kw! - 3) < 1e-12)
    }

    @Test func derivedThresholdIsAtLeastFivePercentOfRated() {
        // p90 = 10 → 0.3 × 10 = 3 < 0.05 × 100 = 5 → θ = 5.
        var h = history((1...7).map { ($0, Array(repeating: 10.0, count: 24)) })
        expectTheta(h.resolve(point: 0, point(rated: 100), day: Self.d), 5, .derived)
    }

    @Test func derivedThresholdIsAtLeastFiftyWatts() {
        // p90 = 0.1 → 0.03; rated blank = 0 → θ = 0.05 kW.
        var h = history((1...7).map { ($0, Array(repeating: 0.1, count: 24)) })
        expectTheta(h.resolve(point: 0, point(), day: Self.d), 0.05, .derived)
    }

    @Test func sevenDaysWorthCountsPresentSlotsNotDays() {
        // 14 half days: 14 × 12 = 168 present slots (NaN slots do not count) → derived, θ = 0.3 × 20 = 6.
        let half = Array(repeating: 20.0, count: 12) + Array(repeating: Double.nan, count: 12)
        var enough = history((1...14).map { ($0, half) })
        let t = enough.resolve(point: 0, point(rated: 50), day: Self.d)
        #expect(t.source == .derived)
        #expect(abs(t.kw! - 6) < 1e-12)
        // One slot fewer (167 < 168) → fallback 0.1 × rated 50 = 5.
        var days: [(Int, [Double])] = (2...14).map { ($0, half) }
        days.append((1, Array(repeating: 20.0, count: 11) + Array(repeating: Double.nan, count: 13)))
        expectTheta(history(days).resolving(point: 0, point(rated: 50), day: Self.d), 5, .rated)
    }

    @Test func onlyTheFourteenDaysBeforeDCount() {
        // 7 full days at D−14 … D−8: 168 slots inside [D−14, D−1] → derived (0.3 × 20 = 6).
        var inside = history((8...14).map { ($0, Array(repeating: 20.0, count: 24)) })
        #expect(inside.resolve(point: 0, point(rated: 50), day: Self.d).source == .derived)
        // 7 full days at D−15 … D−9: D−15 is outside, 144 slots remain → 0.1 × 50 = 5.
        var outside = history((9...15).map { ($0, Array(repeating: 20.0, count: 24)) })
        expectTheta(outside.resolve(point: 0, point(rated: 50), day: Self.d), 5, .rated)
    }

    @Test func fallbackIsTenPercentOfRated() {
        expectTheta(history([]).resolving(point: 0, point(rated: 75), day: Self.d), 7.5, .rated)
    }

    @Test func noHistoryAndNoRatedLeavesTheThresholdUnknown() {
        let t = history([]).resolving(point: 0, point(), day: Self.d)
        #expect(t.source == .unknown)
        #expect(t.kw == nil)
        #expect(t.state(50) == .unknown)
    }
    /// The p90 taken from the tops of the sorted days equals the sorted-window definition,
    /// ties and negative (usable) powers included.
    @Test func rankFromSortedDaysEqualsTheRankOfTheSortedWindow() {
        var rng = SplitMix64(seed: 7)
        for trial in 0..<200 {
            let lists = (0..<(1 + trial % 14)).map { _ in
                (0..<Int(rng.next() % 30)).map { _ in Double(Int(rng.next() % 21) - 3) / 2 }.sorted()
            }
            let all = lists.flatMap { $0 }.sorted()
            guard !all.isEmpty else { continue }
            for rank in [1, (9 * all.count + 9) / 10, all.count] {
                #expect(ThresholdHistory.value(ofRank: rank, in: lists, total: all.count) == all[rank - 1])
            }
        }
    }

    // MARK: SPEC 2 §5.2

    @Test func theDefaultWindowIsTwentyEightDaysWithFourteenDaysWorth() {
        // SPEC 2 defaults: 14 × 24 = 336 present slots in [D−28, D−1].
        let spec2 = MiniRun.hourly
        #expect(spec2.thresholdLookbackDays == 28 && spec2.thresholdMinDays == 14)
        // 14 full days at D−28 … D−15 → derived, θ = 0.3 × 20 = 6.
        var inside = history((15...28).map { ($0, Array(repeating: 20.0, count: 24)) }, settings: spec2)
        expectTheta(inside.resolve(point: 0, point(rated: 50), day: Self.d), 6, .derived)
        // 14 full days at D−29 … D−16: D−29 is outside, 13 days' worth remain → 0.1 × 50 = 5.
        var outside = history((16...29).map { ($0, Array(repeating: 20.0, count: 24)) }, settings: spec2)
        expectTheta(outside.resolve(point: 0, point(rated: 50), day: Self.d), 5, .rated)
        // 13 full days and 23 slots of the 14th: one slot short → 5.
        var short: [(Int, [Double])] = (2...14).map { ($0, Array(repeating: 20.0, count: 24)) }
        short.append((1, Array(repeating: 20.0, count: 23) + [Double.nan]))
        expectTheta(history(short, settings: spec2).resolving(point: 0, point(rated: 50), day: Self.d), 5, .rated)
    }

    @Test func aTreatmentPointsDerivedThresholdIsAtLeastTenPercentOfItsRating() {
        // p90 = 10 → 0.3 × 10 = 3. Treatment (seed 001 §7 "低于额定功率的10%"): max(3, 0.1 × 100, 0.05) = 10;
        // production and total meters keep 0.05 × 100 = 5.
        var h = history((1...7).map { ($0, Array(repeating: 10.0, count: 24)) })
        expectTheta(h.resolve(point: 0, point(rated: 100, kind: .treatment), day: Self.d), 10, .derived)
        expectTheta(h.resolve(point: 0, point(rated: 100, kind: .production), day: Self.d), 5, .derived)
        expectTheta(h.resolve(point: 0, point(rated: 100, kind: .total), day: Self.d), 5, .derived)
        // Where 0.3 × p90 is larger it still wins: p90 = 50 → 15 > 10.
        var busy = history((1...7).map { ($0, Array(repeating: 50.0, count: 24)) })
        expectTheta(busy.resolve(point: 0, point(rated: 100, kind: .treatment), day: Self.d), 15, .derived)
    }

    @Test func theTreatmentFloorFollowsItsSetting() {
        var s = Self.settings
        s.thresholdTreatmentRatedFactor = 0.2
        var h = history((1...7).map { ($0, Array(repeating: 10.0, count: 24)) }, settings: s)
        expectTheta(h.resolve(point: 0, point(rated: 100, kind: .treatment), day: Self.d), 20, .derived)
    }

    @Test func theFallbackFollowsItsSetting() {
        var s = Self.settings
        s.thresholdFallbackRatedFactor = 0.25
        expectTheta(history([], settings: s).resolving(point: 0, point(rated: 40), day: Self.d), 10, .rated)
    }
}

/// SPEC 2 §5.2 with §13.28: the days a response (heat days included) covers the enterprise's
/// district are left out of the threshold history. Stepped through `BaselineEngine` with hand-made
/// slot values (hour slots, 14 days' look-back, 7 days' worth).
@Suite struct ThresholdResponseDayTests {
    static let d = Day("2024-07-15")!

    /// The standard city with p1 deriving its threshold (rated 100 kW, no threshold_kw).
    func city(_ extra: [String: [String]] = [:]) -> MiniCity {
        var c = MiniCity.standard
        c.set("points.csv", c.rows["points.csv"]!.map { $0.hasPrefix("p1,") ? "p1,E1,M1,pg1001,production,P1,设备,100,,,," : $0 })
        for (file, rows) in extra { c.set(file, rows) }
        return c
    }

    /// θ of p1 on D when p1 ran at 50 kW all day on each of the 7 days D−7 … D−1 (and sent
    /// nothing before).
    func thetaOnD(_ c: MiniCity) throws -> Threshold {
        let registry = try c.registry()
        var s = MiniRun.hourly
        s.thresholdLookbackDays = 14
        s.thresholdMinDays = 7
        let engine = BaselineEngine(registry: registry, settings: s, source: nil)
        let p1 = registry.pointIndex("p1")
        var day = Self.d.adding(days: -14)
        var city: CityDay?
        while day <= Self.d {
            var values = [[Double]?](repeating: nil, count: registry.points.count)
            if day < Self.d, day >= Self.d.adding(days: -7) { values[p1] = Array(repeating: 50, count: 24) }
            city = engine.compute(day, pointValues: values)
            day = day.adding(days: 1)
        }
        return try #require(city).thresholds[p1]
    }

    @Test func withSevenDaysWorthTheThresholdIsDerived() throws {
        // 7 × 24 = 168 slots of 50 kW → θ = max(0.3 × 50, 0.05 × 100, 0.05) = 15.
        let t = try thetaOnD(city())
        #expect(t == Threshold(kw: 15, source: .derived))
    }

    @Test func responseDaysAreLeftOutOfTheThresholdHistory() throws {
        // An orange response 07-10 08:00 → 07-11 00:00 covers 07-10 only: 6 days' worth remain
        // → 0.1 × 100 = 10.
        let t = try thetaOnD(city(["responses.csv": ["R1,orange,2024-07-10 08:00,2024-07-11 00:00,"]]))
        #expect(t == Threshold(kw: 10, source: .rated))
    }

    @Test func aResponseEndingAtMidnightDoesNotCoverTheNextDay() throws {
        // 07-07 08:00 → 07-08 00:00 covers 07-07, which has no data; 07-08 … 07-14 all count.
        let t = try thetaOnD(city(["responses.csv": ["R1,orange,2024-07-07 08:00,2024-07-08 00:00,"]]))
        #expect(t == Threshold(kw: 15, source: .derived))
    }

    @Test func aResponseInAnotherDistrictLeavesTheHistoryAlone() throws {
        let t = try thetaOnD(city(["responses.csv": ["R1,orange,2024-07-10 08:00,2024-07-11 00:00,130606"]]))
        #expect(t == Threshold(kw: 15, source: .derived))
    }

    @Test func aHeatDayIsLeftOutOfTheThresholdHistory() throws {
        // 07-12 reaches 35 °C in E1's district (an implicit heat response, §13.11) → 6 days' worth.
        let t = try thetaOnD(city(["weather.csv": ["2024-07-12,130602,35.0", "2024-07-13,130606,38.0"]]))
        #expect(t == Threshold(kw: 10, source: .rated))
    }
}

extension ThresholdHistory {
    /// `resolve` on a copy, for a history built inline.
    func resolving(point: Int, _ p: Point, day: Day) -> Threshold {
        var h = self
        return h.resolve(point: point, p, day: day)
    }

    /// `suspectP90` on a copy, for a history built inline.
    func suspectingP90(point: Int, day: Day) -> Double? {
        var h = self
        return h.suspectP90(point: point, day: day)
    }
}

/// Issue 20: a point's first percentile is selected from its unsorted days, later ones are
/// taken from its sorted days — the same nearest-rank value either way.
@Suite struct ThresholdSelectionTests {
    @Test func selectionGivesTheRankOfTheSortedValues() {
        var rng = SplitMix64(seed: 11)
        for trial in 0..<300 {
            let values = (0..<(1 + Int(rng.next() % 400))).map { _ in Double(Int(rng.next() % UInt64(3 + trial % 40)) - 2) / 4 }
            let sorted = values.sorted()
            for rank in Set([1, (9 * values.count + 9) / 10, values.count, 1 + Int(rng.next() % UInt64(values.count))]) {
                var copy = values
                #expect(ThresholdHistory.select(&copy, rank: rank) == sorted[rank - 1])
            }
        }
    }

    @Test func aPointAskedOnConsecutiveDaysGetsTheSortedWindowsP90EachDay() {
        var settings = Settings()
        settings.slotMinutes = 60
        let point = Point(id: "p", enterpriseID: "E1", mn: "M1", code: "pg1001", kind: .production, facilityID: "P1",
                          ratedKW: 0, thresholdKW: nil)
        var h = ThresholdHistory(points: [point], settings: settings)
        var rng = SplitMix64(seed: 5)
        var days: [(Int, [Double])] = []
        let first = Day("2024-06-01")!
        for k in 0..<40 {
            let day = first.adding(days: k)
            if k >= 30 {
                // Expected: the ⌈0.9·n⌉-th smallest of the 28 days before, by sorting them all.
                let window = days.filter { $0.0 >= day.index - 28 && $0.0 < day.index }.flatMap(\.1).sorted()
                let p90 = window[(9 * window.count + 9) / 10 - 1]
                let t = h.resolve(point: 0, point, day: day)
                #expect(t.source == .derived)
                #expect(t.kw == max(settings.thresholdP90Factor * p90, settings.thresholdMinKW), "day \(k)")
            }
            let values = (0..<24).map { _ in Double(rng.next() % 2000) / 8 }
            days.append((day.index, values))
            h.push(point: 0, day: day, values: values, responseDay: false)
        }
    }
}
