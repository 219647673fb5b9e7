import DemoCity
import PEMSCore
@testable import Baselines
import Testing

/// SPEC §5.1 point state and §5.2 threshold θ (with §13.8), on hand-made histories.
/// Hour slots: 24 per day, so "7 days' worth" = 7 × 24 = 168 present slots in [D−14, D−1].
@Suite struct ThresholdTests {
    static let d = Day("2024-07-15")!
    static var settings: Settings { MiniRun.hourly }

    func point(rated: Double? = nil, threshold: Double? = nil, kind: PointKind = .production) -> Point {
        Point(id: "p", enterpriseID: "E1", mn: "M1", code: "pg1001", kind: kind, facilityID: kind == .total ? nil : "P1",
              ratedKW: rated, thresholdKW: threshold)
    }

    /// A history with one point whose day `D − back` holds `values`, for each (back, values).
    func history(_ days: [(back: Int, values: [Double])]) -> ThresholdHistory {
        var h = ThresholdHistory(pointCount: 1, settings: Self.settings)
        for (back, values) in days.sorted(by: { $0.back > $1.back }) {
            h.push(point: 0, day: Self.d.adding(days: -back), values: values)
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
        let h = history((1...14).map { ($0, Array(repeating: 100.0, count: 24)) })
        expectTheta(h.resolve(point: 0, point(rated: 40, threshold: 2.5), day: Self.d), 2.5, .registry)
    }

    @Test func zeroRegistryThresholdMeansDeriveIt() {
        // threshold_kw 0 is not > 0; no history → 0.1 × 40 = 4 kW.
        let h = history([])
        expectTheta(h.resolve(point: 0, point(rated: 40, threshold: 0), day: Self.d), 4, .rated)
    }

    @Test func derivedThresholdIsThirtyPercentOfTheNearestRankP90() {
        // 168 values: 151 × 10 kW and 17 × 100 kW. Nearest rank ⌈0.9 × 168⌉ = ⌈151.2⌉ = 152 → the
        // 152nd smallest = 100 → θ = max(0.3 × 100, 0.05 × 0, 0.05) = 30.
        // (Linear interpolation would give 10 + 0.3·… < 100; the mean would give ≈ 19.1.)
        var days: [(Int, [Double])] = (2...7).map { ($0, Array(repeating: 10.0, count: 24)) }  // 144 × 10
        days.append((1, Array(repeating: 10.0, count: 7) + Array(repeating: 100.0, count: 17)))
        expectTheta(history(days).resolve(point: 0, point(), day: Self.d), 30, .derived)
    }

    @Test func nearestRankP90StaysOnTheLowerValueWhenOneMoreSlotIsLow() {
        // 152 × 10 and 16 × 100: the 152nd smallest is 10 → θ = 0.3 × 10 = 3.
        var days: [(Int, [Double])] = (2...7).map { ($0, Array(repeating: 10.0, count: 24)) }
        days.append((1, Array(repeating: 10.0, count: 8) + Array(repeating: 100.0, count: 16)))
        let t = history(days).resolve(point: 0, point(), day: Self.d)
        #expect(t.source == .derived)
        #expect(abs(t.kw! - 3) < 1e-12)
    }

    @Test func derivedThresholdIsAtLeastFivePercentOfRated() {
        // p90 = 10 → 0.3 × 10 = 3 < 0.05 × 100 = 5 → θ = 5.
        let h = history((1...7).map { ($0, Array(repeating: 10.0, count: 24)) })
        expectTheta(h.resolve(point: 0, point(rated: 100), day: Self.d), 5, .derived)
    }

    @Test func derivedThresholdIsAtLeastFiftyWatts() {
        // p90 = 0.1 → 0.03; rated blank = 0 → θ = 0.05 kW.
        let h = history((1...7).map { ($0, Array(repeating: 0.1, count: 24)) })
        expectTheta(h.resolve(point: 0, point(), day: Self.d), 0.05, .derived)
    }

    @Test func sevenDaysWorthCountsPresentSlotsNotDays() {
        // 14 half days: 14 × 12 = 168 present slots (NaN slots do not count) → derived, θ = 0.3 × 20 = 6.
        let half = Array(repeating: 20.0, count: 12) + Array(repeating: Double.nan, count: 12)
        let enough = history((1...14).map { ($0, half) })
        let t = enough.resolve(point: 0, point(rated: 50), day: Self.d)
        #expect(t.source == .derived)
        #expect(abs(t.kw! - 6) < 1e-12)
        // One slot fewer (167 < 168) → fallback 0.1 × rated 50 = 5.
        var days: [(Int, [Double])] = (2...14).map { ($0, half) }
        days.append((1, Array(repeating: 20.0, count: 11) + Array(repeating: Double.nan, count: 13)))
        expectTheta(history(days).resolve(point: 0, point(rated: 50), day: Self.d), 5, .rated)
    }

    @Test func onlyTheFourteenDaysBeforeDCount() {
        // 7 full days at D−14 … D−8: 168 slots inside [D−14, D−1] → derived (0.3 × 20 = 6).
        let inside = history((8...14).map { ($0, Array(repeating: 20.0, count: 24)) })
        #expect(inside.resolve(point: 0, point(rated: 50), day: Self.d).source == .derived)
        // 7 full days at D−15 … D−9: D−15 is outside, 144 slots remain → 0.1 × 50 = 5.
        let outside = history((9...15).map { ($0, Array(repeating: 20.0, count: 24)) })
        expectTheta(outside.resolve(point: 0, point(rated: 50), day: Self.d), 5, .rated)
    }

    @Test func fallbackIsTenPercentOfRated() {
        expectTheta(history([]).resolve(point: 0, point(rated: 75), day: Self.d), 7.5, .rated)
    }

    @Test func noHistoryAndNoRatedLeavesTheThresholdUnknown() {
        let t = history([]).resolve(point: 0, point(), day: Self.d)
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
}
