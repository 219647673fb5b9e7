import Accounting
@testable import Baselines
import PEMSCore
import Testing

/// SPEC §5.3 facility states, the production side, and §5.4 treatment conditions (with
/// §13.7, §13.9, §13.10), fed slot values directly through `BaselineEngine.compute`.
///
/// City: the standard mini city (θ: p1 10 kW, ta/tb 5 kW, T1 `min_running` 1) plus a second
/// production point `p2` on P1 (θ 10), a treatment T2 with `min_running` 2 (points tc, td,
/// θ 5) linked to P1, and a treatment T3 (point te, θ 5) linked to nothing. Hour slots.
@Suite struct FacilityStateTests {
    static let d1 = Day("2024-07-01")!

    static func registry() throws -> Registry {
        var c = MiniCity.standard
        c.add("facilities.csv", "T2,E1,treatment,双风机,RTO,2,,,0.9,10000,,,,", "T3,E1,treatment,孤立,UV,1,,,0.3,5000,,,,")
        c.add("points.csv", "p2,E1,M1,pg1002,production,P1,设备2,100,10,,,",
              "tc,E1,M1,t20001,treatment,T2,风机1,20,5,,,", "td,E1,M1,t20002,treatment,T2,风机2,20,5,,,",
              "te,E1,M1,t30001,treatment,T3,风机,20,5,,,")
        c.add("links.csv", "P1,T2")
        return try c.registry()
    }

    /// Slot values per point id: `slots[id]` lists the first slots' values (NaN = missing),
    /// the rest of the day takes `rest[id]`; a point in neither has no data (nil).
    static func values(_ r: Registry, _ slots: [String: [Double]], rest: [String: Double] = [:]) -> [[Double]?] {
        r.points.map { p in
            guard slots[p.id] != nil || rest[p.id] != nil else { return nil }
            var v = [Double](repeating: rest[p.id] ?? .nan, count: 24)
            for (k, x) in (slots[p.id] ?? []).enumerated() { v[k] = x }
            return v
        }
    }

    static let nan = Double.nan

    @Test func productionFacilityRunsWhenAnyPointRunsStopsWhenAllStopElseUnknown() throws {
        let r = try Self.registry()
        let engine = BaselineEngine(registry: r, settings: MiniRun.hourly, source: nil)
        // slot 0: p1 10 (= θ, running), p2 0 → running; slot 1: 0, 0 → stopped;
        // slot 2: missing, 0 → unknown; slot 3: missing, 20 → running (any point runs).
        let city = engine.compute(Self.d1, pointValues: Self.values(r, ["p1": [10, 0, Self.nan, Self.nan], "p2": [0, 0, 0, 20]]))
        let p1 = city.facilities[r.facilityIndex("P1")]
        #expect(Array(p1.state[0..<4]) == [.running, .stopped, .unknown, .running])
        // Facility power = sum of its points; missing when one point is missing (§4, §13.7).
        #expect(p1.power[0] == 10)
        #expect(p1.power[1] == 0)
        #expect(p1.power[2].isNaN)
        #expect(p1.power[3].isNaN)
    }

    @Test func treatmentWithPrimaryDownAndBackupUpIsRunningAndBothDownIsStopped() throws {
        let r = try Self.registry()
        let engine = BaselineEngine(registry: r, settings: MiniRun.hourly, source: nil)
        // min_running 1. slot 0: ta 0, tb 6 → 1 running ≥ 1 → running; slot 1: 0, 0 → 0 + 0 < 1 → stopped;
        // slot 2: ta missing, tb 0 → running 0, unknown 1: 0 + 1 ≥ 1 and 0 < 1 → unknown;
        // slot 3: ta missing, tb 6 → running.
        let city = engine.compute(Self.d1, pointValues: Self.values(r, ["ta": [0, 0, Self.nan, Self.nan], "tb": [6, 0, 0, 6]]))
        let t1 = city.facilities[r.facilityIndex("T1")]
        #expect(Array(t1.state[0..<4]) == [.running, .stopped, .unknown, .running])
        #expect(t1.power[0] == 6)
    }

    @Test func treatmentNeedingTwoRunningPointsStopsWhenOnlyOneCanRun() throws {
        let r = try Self.registry()
        let engine = BaselineEngine(registry: r, settings: MiniRun.hourly, source: nil)
        // min_running 2. slot 0: tc 6, td 0 → running 1, unknown 0: 1 < 2 → stopped;
        // slot 1: tc 6, td missing → 1 + 1 = 2, not < 2, running 1 < 2 → unknown; slot 2: 6, 6 → running.
        let city = engine.compute(Self.d1, pointValues: Self.values(r, ["tc": [6, 6, 6], "td": [0, Self.nan, 6]]))
        let t2 = city.facilities[r.facilityIndex("T2")]
        #expect(Array(t2.state[0..<3]) == [.stopped, .unknown, .running])
    }

    @Test func productionSideFollowsTheLinkedProductionAndIsUnknownWithoutLinks() throws {
        let r = try Self.registry()
        let engine = BaselineEngine(registry: r, settings: MiniRun.hourly, source: nil)
        let city = engine.compute(Self.d1, pointValues: Self.values(r, ["p1": [50, 0, Self.nan], "p2": [0, 0, 0]],
                                                                    rest: ["te": 10]))
        let side = try #require(city.productionSide[r.facilityIndex("T1")])
        #expect(Array(side[0..<3]) == [.running, .stopped, .unknown])
        #expect(city.productionSide[r.facilityIndex("P1")] == nil)
        // §13.9: T3 has no linked production → its side is unknown and no slot is in N.
        let t3 = r.facilityIndex("T3")
        #expect(city.productionSide[t3]!.allSatisfy { $0 == .unknown })
        let day = TreatmentDay(facility: t3, city: city, registry: r, topology: CityTopology(r), settings: MiniRun.hourly)
        #expect(city.facilities[t3].state[0] == .running)
        #expect(!day.inN.contains(true))
    }

    @Test func conditionsStoppedIneffectiveLowAndNormalWithAFiveDayBaseline() throws {
        let r = try Self.registry()
        let topology = CityTopology(r)
        let engine = BaselineEngine(registry: r, settings: MiniRun.hourly, source: nil)
        let t1 = r.facilityIndex("T1")
        // D1…D3 normal days: p1 50 (running), ta 10, tb 0 → T1 running all day at 10 kW → baseline 10 kW.
        let normal = ["p1": 50.0, "p2": 0, "ta": 10, "tb": 0, "temp": 800]
        let first = engine.compute(Self.d1, pointValues: Self.values(r, [:], rest: normal))
        // No baseline yet: running slots are NORMAL and BASELINE_UNAVAILABLE is owed (§13.10).
        let firstDay = TreatmentDay(facility: t1, city: first, registry: r, topology: topology, settings: MiniRun.hourly)
        #expect(firstDay.condition.allSatisfy { $0 == .normal })
        #expect(firstDay.lowNeededBaseline)
        for i in 1...2 { _ = engine.compute(Self.d1.adding(days: i), pointValues: Self.values(r, [:], rest: normal)) }

        let n = Self.nan
        let city = engine.compute(Self.d1.adding(days: 3), pointValues: Self.values(r, [
            //       0  1   2    3  4   5    6   7   8   9   10
            "p1":   [50, 50, 50, 50, 50, 50, 50, 50, 50, 0, 50],
            "ta":   [0, 0, 7.9, 8, 10, 10, 10, 10, n, 0, 2],
            "tb":   [0, 10, 0, 0, 0, 0, 0, n, n, 0, 0],
            "temp": [800, 800, 800, 800, 700, 760, n, 800, 800, 800, 700],
        ], rest: normal))
        let b = try #require(city.baselines[t1])
        #expect(b.days == [Self.d1, Self.d1.adding(days: 1), Self.d1.adding(days: 2)])
        #expect(b.runningPowerKW == 10)
        let day = TreatmentDay(facility: t1, city: city, registry: r, topology: topology, settings: MiniRun.hourly)
        #expect(!day.lowNeededBaseline)
        let expected: [TreatmentCondition] = [
            .stopped,      // 0: both fans below 5 kW
            .normal,       // 1: backup runs, power 10
            .low,          // 2: 7.9 < 0.8 × 10 = 8
            .normal,       // 3: 8 is not < 8
            .ineffective,  // 4: 700 °C < valid_min 760
            .normal,       // 5: 760 is inside [760, ∞)
            .normal,       // 6: sensor value missing → not ineffective
            .normal,       // 7: running (ta 10), but power missing (tb) → LOW cannot fire (§13.7)
            .unknown,      // 8: both fans missing
            .stopped,      // 9: production stopped: still evaluated (§13.10) …
            .stopped,      // 10: stopped wins over an out-of-range sensor
        ]
        #expect(Array(day.condition[0..<11]) == expected)
        // N = production side running and treatment state known: not 8 (unknown), not 9 (P1 stopped).
        #expect(Array(day.inN[0..<11]) == [true, true, true, true, true, true, true, true, false, false, true])
        #expect(day.outOfRange[4] == [r.pointIndex("temp")])
    }
}
