import Accounting
@testable import Baselines
import DemoCity
import Foundation
import PEMSCore
import TestSupport
import Testing

/// The day cache (docs/COMPUTE.md): a look-back day read from the cache gives exactly what a
/// fresh read gives, and any change to what the day was computed from is a cache miss.
@Suite struct DayCacheTests {
    static let conformance = SharedFixture.path("conformance-spec2")

    /// A store with the conformance registry and packets.
    static func conformanceStore() throws -> ComputeWorkspace {
        try ConformanceStore.workspace(.packets, label: "day-cache")
    }

    static func run(_ ws: ComputeWorkspace, settings: Settings = Settings(), cache: Bool) throws -> ComputationResult {
        try StoredComputation.run(store: ws.store, settings: settings, from: Day("2024-07-08")!, to: Day("2024-07-12")!,
                                  engineVersion: "test", reuse: false, useDayCache: cache).result()
    }

    static func expectSameResults(_ a: ComputationResult, _ b: ComputationResult,
                                  sourceLocation: SourceLocation = #_sourceLocation) {
        // Name the first differing row rather than dumping every row.
        func first<T: Equatable>(_ x: [T], _ y: [T]) -> String? {
            if let i = x.indices.first(where: { $0 < y.count && x[$0] != y[$0] }) { return "row \(i): \(x[i]) ≠ \(y[i])" }
            return x.count == y.count ? nil : "\(x.count) ≠ \(y.count) rows"
        }
        #expect(first(a.facilityDays, b.facilityDays) == nil, sourceLocation: sourceLocation)
        #expect(first(a.events, b.events) == nil, sourceLocation: sourceLocation)
        #expect(first(a.dq, b.dq) == nil, sourceLocation: sourceLocation)
    }

    @Test func lookBackDaysFromTheCacheGiveTheSameResultAsReadingThem() throws {
        let ws = try Self.conformanceStore()
        let fresh = try Self.run(ws, cache: false)
        #expect(fresh.dayCacheHits == 0 && fresh.dayCacheWrites == 0)
        let filling = try Self.run(ws, cache: true)
        // 07-01 … 07-07 are look-back, 07-08 … 07-11 have a readable next day; 07-12 is never cached.
        #expect(filling.dayCacheHits == 0)
        #expect(filling.dayCacheWrites == 11)
        let cached = try Self.run(ws, cache: true)
        #expect(cached.dayCacheHits == 7)
        Self.expectSameResults(fresh, filling)
        Self.expectSameResults(fresh, cached)
        #expect(cached.events.count == 23)  // the SPEC 2 fixture's expected events.csv
    }

    /// `load.max_abs_value` decides which readings make a day's values: a day cached under
    /// another one is read again. At 50 the fixture's 55 kW fans and its energy counters lose
    /// readings, so the results differ from the default's.
    @Test func anotherLargestAcceptedValueReadsTheDaysAgain() throws {
        let ws = try Self.conformanceStore()
        _ = try Self.run(ws, cache: true)
        var s = Settings()
        s.loadMaxAbsValue = 50
        let cached = try Self.run(ws, settings: s, cache: true)
        #expect(cached.dayCacheHits == 0)
        let fresh = try Self.run(ws, settings: s, cache: false)
        Self.expectSameResults(fresh, cached)
        #expect(fresh.facilityDays != (try Self.run(ws, cache: false)).facilityDays)
    }

    /// Late data: E001's production meter reported 0 kW all of 07-05 (a conflict with the
    /// fixture's readings, so the later file wins).
    static func loadLateZeroDay(_ ws: StoreWorkspace) throws {
        var csv = "time,mn,code,param,value,flag\n"
        for m in 0..<1440 { csv += String(format: "2024-07-05 %02d:%02d,13060200010180,pg1001,Pt,0.00,N\n", m / 60, m % 60) }
        let file = ws.dir.appendingPathComponent("late-2024-07-05.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        try ws.load([file.path], registryDay: "2024-07-12")
    }

    @Test func lateDataForALookBackDayIsReadAgainNotTakenFromTheCache() throws {
        let ws = try Self.conformanceStore()
        let before = try Self.run(ws, cache: true)
        // Late data: E001's production meter reported 0 kW all of 07-05 (a conflict, so the
        // later file wins): 07-05 is no longer a normal day of E001-P1.
        try Self.loadLateZeroDay(ws)

        let cached = try Self.run(ws, cache: true)
        let fresh = try Self.run(ws, cache: false)
        // 07-05 changed, and 07-04's entry depends on 07-05 (its counter pair over midnight).
        #expect(cached.dayCacheHits == 5)
        Self.expectSameResults(cached, fresh)
        #expect(cached.facilityDays != before.facilityDays)
    }

    @Test func aCachedDayDecodesToTheSameBits() throws {
        let n = 4
        var nan = Double.nan
        withUnsafeMutableBytes(of: &nan) { $0[0] ^= 1 }  // a NaN with another payload survives too
        let day = CachedDay(
            values: [[1.5, .nan, -0.0, 1e-300], nil, [nan, 2, 3, 4]],
            carries: [PointCarry(lastEnergy: .init(second: 1_720_000_000, value: 12.25),
                                 head: .init(value: 5, first: 10, last: 20), tail: .init(value: 0, first: 30, last: 40)),
                      PointCarry(head: .init(value: 7, first: 1, last: 2)), nil])
        let bytes = DayCacheCodec.encode(day, slotsPerDay: n)
        let back = try DayCacheCodec.decode(bytes, slotsPerDay: n, pointCount: 3)
        #expect(back.carries == day.carries)
        for (a, b) in zip(back.values, day.values) {
            #expect(a?.map(\.bitPattern) == b?.map(\.bitPattern))
        }
        #expect(throws: DayCacheCodec.DecodeError.self) { try DayCacheCodec.decode(bytes, slotsPerDay: 96, pointCount: 3) }
        #expect(throws: DayCacheCodec.DecodeError.self) { try DayCacheCodec.decode(Array(bytes.dropLast()), slotsPerDay: n, pointCount: 3) }
    }

    /// SPEC 2 §4 changed what a day's values mean (a point with phase powers and no `Pt` now has
    /// their sum as power): an entry in the format written before (1) is never read back, and
    /// the format is part of every cache key, so such an entry is a miss and the day is read again.
    @Test func anEntryWrittenBeforePhaseSumsIsNotRead() throws {
        let day = CachedDay(values: [[1, 2, 3, 4]], carries: [nil])
        var bytes = DayCacheCodec.encode(day, slotsPerDay: 4)
        #expect(try DayCacheCodec.decode(bytes, slotsPerDay: 4, pointCount: 1).values == day.values)
        bytes[0] = 1
        #expect(throws: DayCacheCodec.DecodeError.self) { try DayCacheCodec.decode(bytes, slotsPerDay: 4, pointCount: 1) }
    }

    /// Skimming a day by its carry leaves the checks where observing its readings would:
    /// random days of runs of repeated values (zeros and gaps included), the first days
    /// skimmed, the rest observed, compared on the period's CONSTANT days and counter facts.
    @Test func skimmingLookBackDaysByTheirCarryEqualsObservingThem() throws {
        let reg = try MiniCity.standard.registry()
        let p1 = reg.pointIndex("p1")
        let d0 = Day("2024-07-01")!
        var rng = SplitMix64(seed: 11)
        for _ in 0..<300 {
            let days = (0..<6).map { _ in Self.randomDay(&rng) }
            let lookBack = Int(rng.next() % 5)
            var observed = ReadingChecks(registry: reg, settings: MiniRun.hourly)
            var skimmed = ReadingChecks(registry: reg, settings: MiniRun.hourly)
            for (k, r) in days.enumerated() {
                let day = d0.adding(days: k)
                let a = observed.observe(point: p1, day: day, r)
                if k < lookBack {
                    skimmed.skim(point: p1, PointCarry(r, day: day))
                } else {
                    #expect(skimmed.observe(point: p1, day: day, r) == a)
                }
            }
            observed.finish()
            skimmed.finish()
            let inPeriod = { (s: Set<Int>?) in (s ?? []).filter { $0 >= d0.index + lookBack } }
            #expect(inPeriod(observed.constantDays[p1]) == inPeriod(skimmed.constantDays[p1]))
        }
    }

    /// A day of hourly power readings in runs (values 0, 5 or 6; some hours missing) and an
    /// energy counter that sometimes steps back.
    static func randomDay(_ rng: inout SplitMix64) -> PointDayReadings {
        var r = PointDayReadings()
        var value: Double = rng.next() % 3 == 0 ? 0 : 5
        var counter = Double(rng.next() % 1000)
        for h in 0..<24 {
            if rng.next() % 4 == 0 { value = [0, 5, 6][Int(rng.next() % 3)] }
            if rng.next() % 6 != 0 { r.fine.append(Reading(second: Int32(h * 3600), value: value)) }
            if rng.next() % 3 == 0 {
                counter += rng.next() % 10 == 0 ? -5 : Double(rng.next() % 50)
                r.energy.append(Reading(second: Int32(h * 3600 + 60), value: counter))
            }
        }
        if rng.next() % 8 == 0 { r.fine = [] }
        return r
    }
}
