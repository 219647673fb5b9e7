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
                                         dqCSV: MachineExports.dq(result).text,
                                         facilityDayCSV: MachineExports.facilityDay(result).text,
                                         revisionsCSV: MachineExports.revisions(result.revisions).text,
                                         pointsCSV: demo.pointsCSV)

        // The small city still hosts every kind: all nine rules have injected events, and
        // the no_event situations and data-quality faults are there.
        #expect(check.recall.map(\.rule).sorted() == GroundTruthCheck.rules.sorted(), "\(check.recall)")
        #expect(check.noEventRows >= 20)
        #expect(check.dqRows >= 25 && check.dqUnchecked.isEmpty)
        // SPEC 2: the intermittent stop violator's violating minutes, the energy of the line metered
        // by phase powers only, and no phase-fault or suspect-threshold row the city did not inject.
        #expect(check.violatingRows == 1 && check.violatingCompared == 1)
        #expect(check.energyRows == 1 && !check.energyUnchecked)
        #expect(check.energyMismatches.isEmpty, "\(check.energyMismatches.map { "\($0.row.facilityID): \($0.found ?? "-") vs \($0.row.value)" })")
        #expect(check.dqExtras.isEmpty, "\(check.dqExtras)")
        // Every re-sent changed value is a revisions.csv row, the reading replaced twice as two rows
        // in load order, and there is no other row.
        #expect(check.revisionRows >= 2 && check.revisionsUnchecked == nil)
        #expect(check.revisionMismatches.isEmpty, "\(check.revisionMismatches.map { "\($0.rows.map(\.text)) vs \($0.found.map(\.text))" })")
        #expect(check.revisionExtras.isEmpty, "\(check.revisionExtras.map(\.text))")

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

    @Test func theCheckComparesViolatingMinutesEnergyRevisionsAndTheSPEC2ChecksBothWays() throws {
        let truth = """
        kind,rule,enterprise_id,facility_id,point_id,start,end,detail,value,old_value
        event,STOP_VIOLATION,E001,E001-P1,,2026-06-02 08:00:00,2026-06-02 12:00:00,runs 15 of every 45,90,
        event,STOP_VIOLATION,E002,E002-P1,,2026-06-02 08:00:00,2026-06-02 12:00:00,the same with 60,60,
        dq,VOLTAGE_LOOP,E003,,E003-100000,2026-06-02 00:00:00,2026-06-03 00:00:00,lost phase,,
        energy,energy_kwh,E004,E004-P1,E004-pa1001,2026-06-02 00:00:00,2026-06-03 00:00:00,phases,1234.5,
        energy,energy_kwh,E005,E005-P1,E005-pa1001,2026-06-02 00:00:00,2026-06-03 00:00:00,phases,10,
        revision,Pt,E006,E006-P1,E006-pa1001,2026-06-02 10:45:00,2026-06-02 11:00:00,first,41.2,40
        revision,Pt,E006,E006-P1,E006-pa1001,2026-06-02 10:45:00,2026-06-02 11:00:00,second,42,41.2

        """
        let events = """
        rule,enterprise_id,facility_id,start,end,minutes,violating_minutes
        STOP_VIOLATION,E001,E001-P1,2026-06-02 08:00:00,2026-06-02 12:00:00,240,90
        STOP_VIOLATION,E002,E002-P1,2026-06-02 08:00:00,2026-06-02 12:00:00,240,90

        """
        let dq = """
        date,point_id,enterprise_id,check
        2026-06-02,E003-100000,E003,VOLTAGE_LOOP
        2026-06-03,E003-100000,E003,VOLTAGE_LOOP
        2026-06-02,E009-pa1001,E009,BASELINE_UNAVAILABLE

        """
        let facilityDay = "date,facility_id,energy_kwh\n2026-06-02,E004-P1,1234.500000001\n2026-06-02,E005-P1,10.5\n"
        let points = "point_id,mn,code\nE006-pa1001,13060200060180,pa1001\n"
        let inLoadOrder = "time,mn,code,param,old_value,new_value\n2026-06-02 10:45:00,13060200060180,pa1001,Pt,40,41.2\n2026-06-02 10:45:00,13060200060180,pa1001,Pt,41.2,42\n"
        let c = try GroundTruthCheck(truthCSV: truth, eventsCSV: events, dqCSV: dq, facilityDayCSV: facilityDay,
                                     revisionsCSV: inLoadOrder, pointsCSV: points)
        // 90 violating minutes match; the second event's 90 is not the truth's 60.
        #expect(c.missed.map(\.enterpriseID) == ["E002"] && c.extras.map(\.enterpriseID) == ["E002"])
        #expect(c.violatingRows == 2 && c.violatingCompared == 1)
        // A VOLTAGE_LOOP row the truth does not list is an extra; BASELINE_UNAVAILABLE is one-way.
        #expect(c.dqExtras == [GroundTruthCheck.Finding(date: "2026-06-03", pointID: "E003-100000", enterpriseID: "E003", check: "VOLTAGE_LOOP")])
        // 1234.500000001 is within 1e-6 relative of 1234.5; 10.5 is not 10.
        #expect(c.energyMismatches.map(\.row.facilityID) == ["E005-P1"])
        #expect(c.revisionsUnchecked == nil && c.revisionMismatches.isEmpty && c.revisionExtras.isEmpty)
        #expect(!c.passed)

        // The two revisions of one reading in the other order, and one more of another reading.
        let swapped = "time,mn,code,param,old_value,new_value\n2026-06-02 10:45:00,13060200060180,pa1001,Pt,41.2,42\n2026-06-02 10:45:00,13060200060180,pa1001,Pt,40,41.2\n2026-06-02 10:30:00,13060200060180,pa1001,Pt,1,2\n"
        let d = try GroundTruthCheck(truthCSV: truth, eventsCSV: events, dqCSV: dq, facilityDayCSV: facilityDay,
                                     revisionsCSV: swapped, pointsCSV: points)
        #expect(d.revisionMismatches.count == 1 && d.revisionMismatches[0].found.count == 2)
        #expect(d.revisionExtras.map(\.time.description) == ["2026-06-02 10:30:00"])
        #expect(d.text.contains("revisions: 0 of 2 replaced readings in revisions.csv, 1 extra ✗"))
        // Without revisions.csv (an engine before SPEC 2) the rows are named as not compared.
        let e = try GroundTruthCheck(truthCSV: truth, eventsCSV: events, dqCSV: dq, pointsCSV: points)
        #expect(e.revisionsUnchecked == "no revisions.csv in the export" && e.energyUnchecked)
    }
}
