@testable import Accounting
import Baselines
import PEMSCore
import Testing

/// SPEC 2 §7, §13.32: EXEMPTION_BREACH (报备期间生产未停, seed 003 附件4 "对应的生产设施必须同步
/// 停运"): an approved exemption naming a treatment facility holds only while the production it
/// serves is stopped. Hour slots, the standard mini city (P1 → T1).
@Suite struct ExemptionBreachTests {
    /// T1 off (ta 0) 10:00–14:00 on 07-01; p1 runs (50 kW) at 10 and 11, is stopped (0) at 12
    /// and 13; the given exemption rows.
    static func run(_ exemptions: [String]) throws -> ComputationResult {
        var c = MiniCity.standard
        c.set("exemptions.csv", exemptions)
        var r = ReadingsFile()
        r.normalDay("2024-07-01") { code, h in
            switch (code, h) {
            case ("t10001", 10...13): return 0
            case ("pg1001", 12...13): return 0
            default: return .none
            }
        }
        return try MiniRun.compute(c, r, from: "2024-07-01", to: "2024-07-01")
    }

    @Test func anExemptionHoldsOnlyWhileItsProductionIsStopped() throws {
        // Approved for T1 10:00–14:00: T1's stop is exempted (no TREATMENT_STOPPED), but P1 runs
        // at 10 and 11 → EXEMPTION_BREACH for T1 10:00–12:00 (120 ≥ 30); at 12 and 13 P1 is
        // stopped, as the exemption requires.
        let result = try Self.run(["E1,T1,2024-07-01 10:00,2024-07-01 14:00,检修,approved"])
        #expect(result.events(.treatmentStopped).isEmpty)
        let e = result.events(.exemptionBreach)
        #expect(e.map(\.span) == ["2024-07-01 10:00:00 – 2024-07-01 12:00:00"])
        let event = try #require(e.first)
        #expect(event.facilityID == "T1")
        #expect(event.enterpriseID == "E1")
        #expect(event.minutes == 120)
        #expect(event.violatingMinutes == 120)
        #expect(event.evidence.exemption == ExemptionNote(start: Timestamp("2024-07-01 10:00")!,
                                                          end: Timestamp("2024-07-01 14:00")!, reason: "检修"))
    }

    @Test func aBreachIsNeverItselfExempted() throws {
        // A whole-enterprise approved exemption over the same hours does not remove the breach.
        let result = try Self.run(["E1,T1,2024-07-01 10:00,2024-07-01 14:00,检修,approved",
                                   "E1,,2024-07-01 09:00,2024-07-01 15:00,停电,approved"])
        #expect(result.events(.exemptionBreach).map(\.span) == ["2024-07-01 10:00:00 – 2024-07-01 12:00:00"])
    }

    @Test func aPendingExemptionNeverRaisesABreach() throws {
        let result = try Self.run(["E1,T1,2024-07-01 10:00,2024-07-01 14:00,检修,pending"])
        #expect(result.events(.exemptionBreach).isEmpty)
        // Nothing is exempted either: T1's stop while P1 runs is TREATMENT_STOPPED 10:00–12:00.
        #expect(result.events(.treatmentStopped).map(\.span) == ["2024-07-01 10:00:00 – 2024-07-01 12:00:00"])
    }

    @Test func rejectedBlankAndProductionExemptionsNeverRaiseABreach() throws {
        for row in ["E1,T1,2024-07-01 10:00,2024-07-01 14:00,检修,rejected",
                    "E1,,2024-07-01 10:00,2024-07-01 14:00,停电,approved",
                    "E1,P1,2024-07-01 10:00,2024-07-01 14:00,检修,approved"] {
            #expect(try Self.run([row]).events(.exemptionBreach).isEmpty, "\(row)")
        }
    }

    @Test func aBreachShorterThanThirtyMinutesIsNoEvent() throws {
        // 15-minute slots: an exemption for T1 10:00–10:15 while P1 runs → 15 < 30 minutes.
        var c = MiniCity.standard
        c.set("exemptions.csv", ["E1,T1,2024-07-01 10:00,2024-07-01 10:15,检修,approved"])
        var r = ReadingsFile()
        CumulativeStopTests.quarterDay("2024-07-01", into: &r)
        #expect(try MiniRun.compute(c, r, from: "2024-07-01", to: "2024-07-01", settings: Settings())
            .events(.exemptionBreach).isEmpty)
        // 10:00–10:30 → 30 minutes: an event.
        c.set("exemptions.csv", ["E1,T1,2024-07-01 10:00,2024-07-01 10:30,检修,approved"])
        #expect(try MiniRun.compute(c, r, from: "2024-07-01", to: "2024-07-01", settings: Settings())
            .events(.exemptionBreach).map(\.span) == ["2024-07-01 10:00:00 – 2024-07-01 10:30:00"])
    }
}
