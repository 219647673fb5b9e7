import Accounting
@testable import Baselines
import DemoCity
import Foundation
import PEMSCore
import TestSupport
import Testing

/// Day tops (issue 20, docs/COMPUTE.md "Day tops"): a threshold history holding some days as
/// their largest quarter gives exactly the θ (SPEC §5.2) and §8 p90 of one holding the whole
/// days — settled from the tops when they prove it, from the whole days when they do not.
@Suite struct DayTopsTests {
    static let d = Day("2024-07-29")!

    /// SPEC 2's windows (28 days, 14 days' worth; §8: 14 days, 7 days' worth), hour slots.
    static var settings: Settings {
        var s = MiniRun.hourly
        s.thresholdLookbackDays = 28
        s.thresholdMinDays = 14
        s.dqThresholdSuspectDays = 14
        s.dqThresholdSuspectMinDays = 7
        return s
    }

    /// Point 0 derives θ; point 1 declares one, so §8 judges it from its 14 days.
    static let points = [
        Point(id: "p0", enterpriseID: "E1", mn: "M1", code: "pg1001", kind: .production, facilityID: "P1", ratedKW: 40),
        Point(id: "p1", enterpriseID: "E1", mn: "M1", code: "pg1002", kind: .treatment, facilityID: "T1", thresholdKW: 5),
    ]

    /// One random point-day: missing, idle (0–10 kW), busy (50–100 kW), idle with a busy
    /// spell, or all one value; some slots NaN, zeros of both signs. `usual`: the kind of most
    /// of the point's days (one day in five is of any kind).
    static func day(_ rng: inout SplitMix64, usual: UInt64) -> [Double]? {
        let kind = rng.next() % 5 == 0 ? rng.next() % 6 : usual
        if kind == 0 { return nil }
        return (0..<24).map { _ in
            if rng.next() % 9 == 0 { return .nan }
            switch kind {
            case 1: return Double(rng.next() % 41) / 4
            case 2: return 50 + Double(rng.next() % 201) / 4
            case 3: return rng.next() % 5 == 0 ? 60 + Double(rng.next() % 81) / 2 : Double(rng.next() % 9)
            case 4: return rng.next() % 2 == 0 ? 0.0 : -0.0
            default: return 7.5
            }
        }
    }

    /// The same θ (source and bits of its kW) and the same §8 p90 bits.
    static func expectSame(_ a: Threshold, _ b: Threshold, _ pa: Double?, _ pb: Double?, trial: Int,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.source == b.source && a.kw?.bitPattern == b.kw?.bitPattern, "trial \(trial): θ \(a) ≠ \(b)",
                sourceLocation: sourceLocation)
        #expect(pa?.bitPattern == pb?.bitPattern, "trial \(trial): p90 \(String(describing: pa)) ≠ \(String(describing: pb))",
                sourceLocation: sourceLocation)
    }

    @Test func aHistoryOfTopsGivesTheThresholdsOfTheWholeDays() {
        var rng = SplitMix64(seed: 20)
        var settledFromTops = 0, readWhole = 0
        for trial in 0..<600 {
            // 30 days before D (the first two fall out of the window), then D and D + 1 are
            // asked and pushed whole, as a period's days are.
            let usual = [1 + rng.next() % 5, 1 + rng.next() % 5]
            func pointDays() -> [[Double]?] { [Self.day(&rng, usual: usual[0]), Self.day(&rng, usual: usual[1])] }
            var days: [(values: [[Double]?], response: Bool)] = []
            for _ in 0..<30 { days.append((pointDays(), rng.next() % 10 == 0)) }
            var whole = ThresholdHistory(points: Self.points, settings: Self.settings)
            var cut = ThresholdHistory(points: Self.points, settings: Self.settings)
            let wholeFrom = Int(rng.next() % 8)  // the last days of the look-back pushed whole (the event look-back)
            for (k, day) in days.enumerated() {
                let date = Self.d.adding(days: k - 30)
                let tops = DayTops(values: day.values) { cut.keepsHistory(point: $0) }
                for i in 0..<2 {
                    whole.push(point: i, day: date, values: day.values[i] ?? [], responseDay: day.response)
                    if k >= 30 - wholeFrom {
                        cut.push(point: i, day: date, values: day.values[i] ?? [], responseDay: day.response)
                    } else {
                        cut.push(point: i, day: date, tops: tops.points[i], responseDay: day.response)
                    }
                }
            }
            for step in 0..<2 {
                let date = Self.d.adding(days: step)
                let short = cut.unsettled(day: date, judge: true)
                if short.isEmpty { settledFromTops += step == 0 ? 1 : 0 } else { readWhole += 1 }
                for dayIndex in cut.truncatedDays(points: short, before: date) {
                    let k = dayIndex - Self.d.index + 30
                    for i in short { cut.fill(point: i, dayIndex: dayIndex, values: days[k].values[i] ?? []) }
                }
                #expect(cut.unsettled(day: date, judge: true).isEmpty)
                let a = whole.resolve(point: 0, Self.points[0], day: date), b = cut.resolve(point: 0, Self.points[0], day: date)
                let pa = whole.suspectP90(point: 1, day: date), pb = cut.suspectP90(point: 1, day: date)
                Self.expectSame(a, b, pa, pb, trial: trial)
                let next = pointDays()
                for i in 0..<2 {
                    whole.push(point: i, day: date, values: next[i] ?? [], responseDay: false)
                    cut.push(point: i, day: date, values: next[i] ?? [], responseDay: false)
                }
            }
        }
        // Both ways were taken, often: the comparison covers the proof and the fall-back.
        #expect(settledFromTops > 50, "\(settledFromTops) windows settled from their tops")
        #expect(readWhole > 100, "\(readWhole) windows needed whole days")
    }

    @Test func aDayKeepsTheLargestQuarterOfItsPresentValuesAscending() {
        let values: [Double] = [3, .nan, 9, 1, 9, 4, .nan, 7, 2]  // 7 present → ⌈7 / 4⌉ = 2 kept
        let tops = DayTops(values: [values, nil, [.nan], values]) { $0 != 3 }
        #expect(tops.points[0] == DayTops.Point(count: 7, values: [9, 9]))
        #expect(tops.points[0]?.truncated == true)
        #expect(tops.points[1] == nil)  // no data
        #expect(tops.points[2] == nil)  // nothing present
        #expect(tops.points[3] == nil)  // keeps no history
        #expect(DayTops(values: [[5]]) { _ in true }.points[0] == DayTops.Point(count: 1, values: [5]))
        #expect(DayTops.kept(1) == 1 && DayTops.kept(4) == 1 && DayTops.kept(5) == 2 && DayTops.kept(1440) == 360)
    }

    @Test func topsDecodeToTheSameBits() throws {
        let tops = DayTops(points: [DayTops.Point(count: 5, values: [-0.0, 1e-300]), nil,
                                    DayTops.Point(count: 1, values: [42.5])])
        let bytes = DayTopsCodec.encode(tops)
        let back = try DayTopsCodec.decode(bytes, slotsPerDay: 24, pointCount: 3)
        #expect(back.points.map { $0?.count } == [5, nil, 1])
        #expect(back.points.map { $0?.values.map(\.bitPattern) } == tops.points.map { $0?.values.map(\.bitPattern) })
    }

    @Test func anEntryOfAnotherShapeIsRefused() {
        let tops = DayTops(points: [DayTops.Point(count: 5, values: [1, 2]), DayTops.Point(count: 2, values: [3])])
        let bytes = DayTopsCodec.encode(tops)
        func refused(_ b: [UInt8], pointCount: Int = 2, slotsPerDay: Int = 24) -> Bool {
            (try? DayTopsCodec.decode(b, slotsPerDay: slotsPerDay, pointCount: pointCount)) == nil
        }
        #expect(!refused(bytes))
        #expect(refused(bytes, pointCount: 3))                   // another registry
        #expect(refused(bytes, slotsPerDay: 4))                  // 5 present values in a day of 4 slots
        #expect(refused([bytes[0] &+ 1] + bytes.dropFirst()))     // another format
        #expect(refused(Array(bytes.dropLast())))                 // cut short
        // Point 0's values swapped (2, 1): not ascending.
        var swapped = bytes
        let first = 1 + 4 + 12
        for k in 0..<8 { swapped.swapAt(first + k, first + 8 + k) }
        #expect(refused(swapped))
        // Point 0 claims 9 present values: ⌈9 / 4⌉ = 3 would be kept, not 2.
        var miscounted = bytes
        miscounted[1 + 4 + 4] = 9
        #expect(refused(miscounted))
        // A NaN as point 0's smallest kept value.
        var nan = bytes
        withUnsafeBytes(of: Double.nan.bitPattern.littleEndian) { for k in 0..<8 { nan[first + k] = $0[k] } }
        #expect(refused(nan))
    }

    /// E001's first production meter ran at 1,000 kW all of 07-07 (late data; the later file
    /// wins). With θ read from the four days before (07-06 … 07-08 as tops, 07-09 whole: the
    /// event look-back), 07-07 is a busy day in a quiet window: all it kept lies above the 90th
    /// percentile the tops give, so they cannot settle θ of 07-10 — whose true p90 is 1,000 kW
    /// (1,440 of the window's ~5,760 values). Its days are read whole, and every row equals a
    /// computation without caches.
    @Test func aBusyDayInAQuietWindowIsReadWholeAndGivesTheResultsOfAComputationWithoutCaches() throws {
        var s = DaySummaryTests.shortWindows
        s.thresholdLookbackDays = 4
        let ws = try DaySummaryTests.withoutCarbon(label: "day-tops-busy")
        var csv = "time,mn,code,param,value,flag\n"
        for m in 0..<1440 { csv += String(format: "2024-07-07 %02d:%02d,13060200010180,pg1001,Pt,1000.00,N\n", m / 60, m % 60) }
        let file = ws.dir.appendingPathComponent("late-2024-07-07.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        try ws.load([file.path], registryDay: "2024-07-12")

        let fresh = try DaySummaryTests.run(ws, settings: s, cache: false)
        _ = try DaySummaryTests.run(ws, settings: s, cache: true)
        let fromTops = try DaySummaryTests.run(ws, settings: s, cache: true)
        #expect(fromTops.dayTopsHits == 3)  // 07-06, 07-07, 07-08
        #expect(fromTops.unsettledThresholds >= 1)
        DayCacheTests.expectSameResults(fresh, fromTops)
        // The busy day counts: E001-P1 is stopped on 07-10 under θ = 0.3 × 1,000 kW.
        let p1 = fresh.facilityDays.first { $0.facilityID == "E001-P1" && $0.date == Day("2024-07-10")! }
        #expect(p1?.runningMinutes == 0)
    }
}
