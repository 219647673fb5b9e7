import Accounting
@testable import Baselines
import Foundation
import PEMSCore
import TestSupport
import Testing

/// Day summaries (issue 20, docs/COMPUTE.md "Day summaries"): a look-back day passed over from
/// its summary gives exactly what computing it again gives, and a summary is used only while
/// everything it was computed from is unchanged.
@Suite struct DaySummaryTests {
    /// Settings under which the conformance fixture's look-back has days of every kind: the
    /// event look-back is one day and θ reads two, so of the look-back days 07-01 … 07-09 of
    /// the period 07-10 … 07-12, 07-09 is needed whole, 07-08 for its slot powers and the
    /// others only for their normal days and carries.
    static var shortWindows: Settings {
        var s = Settings()
        s.eventLookbackDays = 1
        s.thresholdLookbackDays = 2
        s.dqThresholdSuspectDays = 2
        s.dqThresholdSuspectMinDays = 1
        s.thresholdMinDays = 1
        return s
    }

    /// The conformance store with a registry version (from 07-01) without activated-carbon
    /// replacements: with them, §9.4 needs every day from 04-07 whole, and no look-back day
    /// would be passed over from its summary alone.
    static func withoutCarbon(label: String) throws -> StoreWorkspace {
        let ws = try ConformanceStore.workspace(.packets, label: label)
        let registry = ws.dir.appendingPathComponent("registry-without-carbon")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: SharedFixture.path("conformance-spec2/registry")), to: registry)
        try "facility_id,replaced_at,fill_kg\n".write(to: registry.appendingPathComponent("carbon.csv"), atomically: true, encoding: .utf8)
        _ = try ws.importRegistry(registry.path, from: "2024-07-01")
        return ws
    }

    static func run(_ ws: StoreWorkspace, settings: Settings = shortWindows, from: String = "2024-07-10",
                    to: String = "2024-07-12", cache: Bool) throws -> ComputationResult {
        try StoredComputation.run(store: ws.store, settings: settings, from: Day(from)!, to: Day(to)!,
                                  engineVersion: "test", reuse: false, useDayCache: cache).result()
    }

    @Test func lookBackDaysTakenFromTheirSummariesGiveTheSameResultsAsComputingThem() throws {
        let ws = try Self.withoutCarbon(label: "day-summary")
        let fresh = try Self.run(ws, cache: false)
        let filling = try Self.run(ws, cache: true)
        // 07-01 … 07-09 are look-back; 07-10 and 07-11 have a readable next day.
        #expect(filling.daySummaryHits == 0)
        #expect(filling.daySummaryWrites == 11)
        let summarized = try Self.run(ws, cache: true)
        #expect(summarized.daySummaryHits == 9)
        #expect(summarized.daySummaryWrites == 0)
        // Only 07-08 (θ of 07-10) and 07-09 (the event look-back) are read: 07-08 as its tops,
        // 07-09 whole from the day cache — and 07-08 whole as well for each point whose θ its
        // tops cannot settle (none here; DayTopsTests has both ways).
        #expect(summarized.dayTopsHits == 1)
        #expect(summarized.unsettledThresholds == 0)
        #expect(summarized.dayCacheHits == 1)
        DayCacheTests.expectSameResults(fresh, filling)
        DayCacheTests.expectSameResults(fresh, summarized)
        #expect(fresh.responseBaselines == summarized.responseBaselines)
        // The comparison can fail: the fixture's period has events and baselines to get wrong.
        #expect(!fresh.events.isEmpty)
        #expect(fresh.facilityDays.contains { $0.baselineEnergyKWh != nil })
    }

    @Test func withTheSpecsWindowsTheFixturesPeriodIsTheSameFromSummaries() throws {
        let ws = try ConformanceStore.workspace(.packets, label: "day-summary-spec")
        let fresh = try Self.run(ws, settings: Settings(), cache: false)
        _ = try Self.run(ws, settings: Settings(), cache: true)
        let summarized = try Self.run(ws, settings: Settings(), cache: true)
        #expect(summarized.daySummaryHits == 9)
        DayCacheTests.expectSameResults(fresh, summarized)
    }

    @Test func lateDataInsideADaysThresholdWindowRecomputesThatDaysSummary() throws {
        let ws = try ConformanceStore.workspace(.packets, label: "day-summary-late")
        let before = try Self.run(ws, cache: true)
        // Late data for 07-05 (as in DayCacheTests): the summaries whose key reads 07-05 are
        // those of 07-04 (its counter pair closes on 07-05) … 07-07 (θ reads two days back).
        try DayCacheTests.loadLateZeroDay(ws)

        let summarized = try Self.run(ws, cache: true)
        let fresh = try Self.run(ws, cache: false)
        #expect(summarized.daySummaryHits == 5)  // 07-01 … 07-03, 07-08, 07-09
        #expect(summarized.daySummaryWrites == 4)  // 07-04 … 07-07 again
        DayCacheTests.expectSameResults(summarized, fresh)
        #expect(summarized.facilityDays != before.facilityDays)
    }

    @Test func aComputationStartingLaterDoesNotUseSummariesMadeWithALongerThresholdHistory() throws {
        // Look-back of three days of baselines and two of θ: the period 07-08 streams from
        // 07-03, the period 07-09 from 07-04. 07-04 and 07-05 had θ history back to 07-03 when
        // first computed; the later computation gives them less, so their summaries differ.
        var s = Self.shortWindows
        s.baselineLookbackDays = 3
        s.baselineMinDays = 1
        let ws = try Self.withoutCarbon(label: "day-summary-start")
        _ = try Self.run(ws, settings: s, from: "2024-07-08", to: "2024-07-08", cache: true)
        let later = try Self.run(ws, settings: s, from: "2024-07-09", to: "2024-07-09", cache: true)
        let fresh = try Self.run(ws, settings: s, from: "2024-07-09", to: "2024-07-09", cache: false)
        #expect(later.streamedFrom == Day("2024-07-04")!)
        // 07-06 and 07-07; not 07-04 and 07-05, and 07-08 was the first period's last day (its
        // next day unread then), so it was never summarized.
        #expect(later.daySummaryHits == 2)
        DayCacheTests.expectSameResults(later, fresh)
    }

    @Test func anotherSettingMakesEverySummaryAMiss() throws {
        let ws = try ConformanceStore.workspace(.packets, label: "day-summary-settings")
        _ = try Self.run(ws, cache: true)
        var other = Self.shortWindows
        other.thresholdP90Factor = 0.5
        let changed = try Self.run(ws, settings: other, cache: true)
        #expect(changed.daySummaryHits == 0)
        DayCacheTests.expectSameResults(changed, try Self.run(ws, settings: other, cache: false))
    }

    @Test func aSummaryDecodesToTheSameBits() throws {
        let power: [Double] = [1.5, .nan, -0.0, 1e-300, 42]
        let summary = DaySummary(
            thresholds: [Threshold(kw: 2.5, source: .registry), Threshold(kw: 0.05, source: .derived),
                         Threshold(kw: 4, source: .rated), .unknown],
            normal: [DaySummary.NormalDay(runningPowerKW: 3.25, runningEnergyKWh: 7.125, power: power), nil,
                     DaySummary.NormalDay(runningPowerKW: nil, runningEnergyKWh: 0, power: power)],
            carries: [PointCarry(lastEnergy: .init(second: 1_720_000_000, value: 12.5)), nil,
                      PointCarry(head: .init(value: 3, first: 10, last: 20), tail: .init(value: 4, first: 30, last: 40)), nil])
        let bytes = DaySummaryCodec.encode(summary, slotsPerDay: 5)
        let back = try DaySummaryCodec.decode(bytes, slotsPerDay: 5, pointCount: 4, facilityCount: 3)
        #expect(back.thresholds == summary.thresholds)
        #expect(back.carries == summary.carries)
        #expect(back.normal.map { $0 == nil } == [false, true, false])
        for fi in [0, 2] {
            #expect(back.normal[fi]?.power.map(\.bitPattern) == power.map(\.bitPattern))
            #expect(back.normal[fi]?.runningPowerKW == summary.normal[fi]?.runningPowerKW)
            #expect(back.normal[fi]?.runningEnergyKWh == summary.normal[fi]?.runningEnergyKWh)
        }
        // A summary made for another registry shape is not read.
        #expect(throws: DayCacheCodec.DecodeError.self) {
            try DaySummaryCodec.decode(bytes, slotsPerDay: 5, pointCount: 4, facilityCount: 2)
        }
        #expect(throws: DayCacheCodec.DecodeError.self) {
            try DaySummaryCodec.decode(Array(bytes.dropLast(3)), slotsPerDay: 5, pointCount: 4, facilityCount: 3)
        }
    }
}
