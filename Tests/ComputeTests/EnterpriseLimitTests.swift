@testable import Accounting
import Baselines
import PEMSCore
import Testing

/// SPEC 2 §7, §13.31: LIMIT_VIOLATION judges all of an enterprise's limited lines together
/// (seed 001 §7.2 "污染源所有限产设备的负荷…在基线负荷的限产百分比之内"). Hour slots.
///
/// The standard mini city plus P2 (point p2, θ 10 kW). Three normal days 07-01…07-03 (p1 50 kW,
/// p2 40 kW) give baselines P1 50 kW and P2 40 kW. On 07-04 an orange response covers
/// 10:00–14:00; the plan limits every production line to 0.5 and P2 also to 0.4 (the smaller
/// ratio holds): allowed Σ = 0.5 × 50 + 0.4 × 40 = 41 kW.
@Suite struct EnterpriseLimitTests {
    static func city(extraLine: Bool = false) -> MiniCity {
        var c = MiniCity.standard
        c.add("facilities.csv", "P2,E1,production,调配,,,0.01,,,,,,,")
        c.add("points.csv", "p2,E1,M1,pg2001,production,P2,搅拌,100,10,,,")
        if extraLine {
            c.add("facilities.csv", "P3,E1,production,新线,,,0.01,,,,,,,")
            c.add("points.csv", "p3,E1,M1,pg3001,production,P3,新线,100,10,,,")
        }
        c.add("plans.csv", "E1,orange,,limit,0.5,", "E1,orange,P2,limit,0.4,")
        c.add("responses.csv", "R1,orange,2024-07-04 10:00,2024-07-04 14:00,130602")
        return c
    }

    /// Normal history, then 07-04 with p1/p2 (nil = no reading) in the response hours 10–13.
    static func run(_ c: MiniCity, p1: Double, p2: (Int) -> Double?, p3: Double? = nil) throws -> ComputationResult {
        var r = ReadingsFile()
        for d in ["2024-07-01", "2024-07-02", "2024-07-03"] {
            r.normalDay(d)
            r.hourly(d, "pg2001") { _ in 40 }
        }
        r.normalDay("2024-07-04") { code, h in code == "pg1001" && (10...13).contains(h) ? p1 : .none }
        r.hourly("2024-07-04", "pg2001") { h in (10...13).contains(h) ? p2(h) : 40 }
        if let p3 { r.hourly("2024-07-04", "pg3001") { _ in p3 } }
        return try MiniRun.compute(c, r, from: "2024-07-04", to: "2024-07-04")
    }

    @Test func movingLoadBetweenLimitedLinesWithinTheTotalIsNotAViolation() throws {
        // P1 at 35 kW is over its own 0.5 × 50 = 25, P2 at 5 kW far under its 16: Σ 40 ≤ 41.
        let result = try Self.run(Self.city(), p1: 35, p2: { _ in 5 })
        #expect(result.facilityDay("P1", "2024-07-04")?.baselinePowerKW == 50)
        #expect(result.facilityDay("P2", "2024-07-04")?.baselinePowerKW == 40)
        #expect(result.events(.limitViolation).isEmpty)
    }

    @Test func anEnterpriseOverItsLimitedTotalViolatesOnce() throws {
        // Σ 35 + 15 = 50 > 41 in 10:00–14:00: one event of the enterprise, facility_id empty.
        let result = try Self.run(Self.city(), p1: 35, p2: { _ in 15 })
        let e = result.events(.limitViolation)
        #expect(e.map(\.span) == ["2024-07-04 10:00:00 – 2024-07-04 14:00:00"])
        let event = try #require(e.first)
        #expect(event.enterpriseID == "E1")
        #expect(event.facilityID == nil)
        #expect(event.minutes == 240)
        #expect(event.violatingMinutes == 240)
        #expect(event.evidence.limitedFacilities == ["P1", "P2"])
        #expect(event.evidence.meanPowerKW == 50)
        #expect(event.evidence.maxPowerKW == 50)
        #expect(event.evidence.baselinePowerKW == 90)
        #expect(event.evidence.allowedPowerKW == 41)
        #expect(event.evidence.ratio == 41.0 / 90.0)
        #expect(event.evidence.levels == ["orange"])
        #expect(event.evidence.responseIDs == ["R1"])
    }

    @Test func onlyAWholeEnterpriseExemptionCoversAnEnterpriseLimit() throws {
        // An approved exemption naming P1 neither removes the event nor takes P1 out of L …
        var c = Self.city()
        c.set("exemptions.csv", ["E1,P1,2024-07-04 10:00,2024-07-04 14:00,检修,approved"])
        let named = try Self.run(c, p1: 35, p2: { _ in 15 }).events(.limitViolation)
        #expect(named.map(\.span) == ["2024-07-04 10:00:00 – 2024-07-04 14:00:00"])
        #expect(named.first?.evidence.limitedFacilities == ["P1", "P2"])
        // … a whole-enterprise one covering 12:00–14:00 leaves 10:00–12:00 (120 ≥ 60).
        c.add("exemptions.csv", "E1,,2024-07-04 12:00,2024-07-04 14:00,停电,approved")
        #expect(try Self.run(c, p1: 35, p2: { _ in 15 }).events(.limitViolation).map(\.span)
            == ["2024-07-04 10:00:00 – 2024-07-04 12:00:00"])
    }

    @Test func aLimitIsNotJudgedWhileALimitedLineHasNoBaseline() throws {
        // P3 (under the blank-facility 0.5 row) reports only from 07-04: no baseline, so the
        // enterprise's limit cannot be judged (Σ of P1 and P2 alone would be over) and
        // BASELINE_UNAVAILABLE stands for it.
        let result = try Self.run(Self.city(extraLine: true), p1: 35, p2: { _ in 15 }, p3: 20)
        #expect(result.facilityDay("P3", "2024-07-04")?.baselinePowerKW == nil)
        #expect(result.events(.limitViolation).isEmpty)
        #expect(result.dq(.baselineUnavailable, point: "p3", date: "2024-07-04").count == 1)
    }

    @Test func aLimitIsNotJudgedInASlotWhereALimitedLineHasNoPower() throws {
        // p2 missing at 13:00: that slot is not judged → 10:00–13:00 (180 ≥ 60).
        let e = try Self.run(Self.city(), p1: 35, p2: { h in h == 13 ? nil : 15 }).events(.limitViolation)
        #expect(e.map(\.span) == ["2024-07-04 10:00:00 – 2024-07-04 13:00:00"])
    }
}
