import Accounting
import DemoCity
import Foundation
import PEMSCore
import Reports
import Testing

/// The demo city's event-level ground truth, checked end to end: the shared small demo city
/// (`DemoFixture`: generated, imported, loaded and computed once), its SPEC §12 exports
/// compared with `ground_truth.csv` through `GroundTruthCheck`, the comparison `pems demo`
/// prints.
@Suite struct DemoRecallTests {
    @Test func everyInjectedAnomalyOfASmallDemoCityIsFoundAndNothingFiresWhereTheTruthSaysNone() throws {
        let demo = try DemoFixture.shared()
        let result = demo.result
        let check = try GroundTruthCheck(truthCSV: demo.truthCSV, eventsCSV: MachineExports.events(result).text,
                                         dqCSV: MachineExports.dq(result).text)

        // The small city still hosts every kind: all eight rules have injected events, and
        // the no_event situations and data-quality faults are there.
        #expect(check.recall.map(\.rule).sorted() == GroundTruthCheck.rules.sorted(), "\(check.recall)")
        #expect(check.noEventRows >= 20)
        #expect(check.dqRows >= 25 && check.dqUnchecked.isEmpty)

        // Recall 100 %: every injected event with its rule, enterprise, facility, start and end within one slot.
        for r in check.recall { #expect(r.found == r.total, "\(r.rule): \(r.found) of \(r.total) found") }
        #expect(check.missed.isEmpty, "missed: \(check.missed.map(\.text))")
        #expect(check.found == check.injected && check.injected >= 30)
        // Nothing fires over a situation that must not raise an event.
        #expect(check.overlaps.isEmpty, "\(check.overlaps.map { "\($0.event.text) over \($0.row.text)" })")
        // Every injected data-quality fault is in dq.csv on each of its days.
        #expect(check.dqMissing.isEmpty, "\(check.dqMissing.map { "\($0.row.rule) \($0.row.pointID) \($0.dates)" })")
        // This city raises no event beyond the injected ones.
        #expect(check.extras.isEmpty, "extra: \(check.extras.map(\.text))")
        #expect(check.passed)
    }

    @Test func theCheckMatchesWithinOneSlotAndReportsMissesOverlapsAndExtras() throws {
        let truth = """
        kind,rule,enterprise_id,facility_id,point_id,start,end,detail
        event,TREATMENT_STOPPED,E001,E001-T1,,2026-06-02 09:00:00,2026-06-02 11:00:00,x
        event,OFFLINE,E002,,,2026-06-02 14:00:00,2026-06-02 16:00:00,y
        no_event,TREATMENT_STOPPED,E003,E003-T1,,2026-06-02 13:00:00,2026-06-02 15:00:00,"a, b"
        dq,NEGATIVE,E004,,E004-pa1001,2026-06-02 00:00:00,2026-06-04 00:00:00,z

        """
        let events = """
        rule,enterprise_id,facility_id,start,end,minutes
        OFFLINE,E002,,2026-06-02 14:15:00,2026-06-02 16:30:00,135
        TREATMENT_STOPPED,E001,E001-T1,2026-06-02 08:45:00,2026-06-02 11:15:00,150
        TREATMENT_STOPPED,E003,E003-T1,2026-06-02 14:45:00,2026-06-02 15:30:00,45

        """
        let dq = "date,point_id,enterprise_id,check\n2026-06-02,E004-pa1001,E004,NEGATIVE\n"
        let c = try GroundTruthCheck(truthCSV: truth, eventsCSV: events, dqCSV: dq)
        #expect(c.recall == [GroundTruthCheck.RuleRecall(rule: "TREATMENT_STOPPED", found: 1, total: 1),
                             GroundTruthCheck.RuleRecall(rule: "OFFLINE", found: 0, total: 1)])
        #expect(c.missed.map(\.rule) == ["OFFLINE"])   // the end is 30 min off
        #expect(c.overlaps.count == 1 && c.overlaps[0].row.detail == "a, b")
        #expect(c.dqMissing.count == 1 && c.dqMissing[0].dates == ["2026-06-03"])
        #expect(c.extras.map(\.rule) == ["OFFLINE", "TREATMENT_STOPPED"])
        #expect(!c.passed)
        #expect(c.text.contains("OFFLINE: injected 1, found 0 ✗"))
    }
}
