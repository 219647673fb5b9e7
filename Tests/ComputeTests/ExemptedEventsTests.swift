import Accounting
import Foundation
import PEMSCore
import Reports
import TestSupport
import Testing

/// Issue 18, exemptions in the open, on the SPEC 2 conformance city (its README: E001-T1 is off
/// 07-08 13:00–15:00 inside an approved exemption for E001-T1, 12:45–15:15; E003 sends nothing
/// 07-08 01:00–03:00 inside an approved whole-enterprise exemption, 00:30–03:30; E002-T1 is off
/// 13:00–15:00 inside an approved exemption while its production is stopped too; the 07-11
/// exemption is rejected and the 07-12 one pending).
@Suite(.serialized) struct ExemptedEventsTests {
    static let from = Day("2024-07-08")!, to = Day("2024-07-12")!

    /// The conformance period computed, and the store it was computed in.
    static func computed() throws -> (StoreWorkspace, ComputationResult) {
        let ws = try ConformanceStore.workspace(.packets, label: "exempted-events")
        let result = try StoredComputation.run(store: ws.store, settings: try ConformanceComputeTests.settings(), from: from,
                                               to: to, engineVersion: "test", reuse: false).result()
        return (ws, result)
    }

    /// `events.csv`'s columns of an event.
    static func key(_ e: EventRecord) -> [String] {
        [e.rule.rawValue, e.enterpriseID, e.facilityID ?? "", e.start.description, e.end.description, String(e.minutes),
         String(e.violatingMinutes)]
    }

    /// Whether an approved exemption overlaps event `e`, as SPEC §13.14 and §13.31–§13.32 scope
    /// them, in time widened by the one slot (15 minutes, merge_gap_slots 1) that could have
    /// merged into it — for STOP_VIOLATION its day, whose slots merge whatever the gaps (§13.30).
    static func overlapsApprovedExemption(_ e: EventRecord, _ registry: Registry) -> Bool {
        registry.exemptions.contains { x in
            guard x.status == .approved, x.enterpriseID == e.enterpriseID else { return false }
            switch e.rule {
            case .carbonOverdue: return false
            case .exemptionBreach: return x.facilityID == e.facilityID && x.start < e.end && x.end > e.start
            case .offline, .limitViolation: if x.facilityID != nil { return false }
            default: if let f = x.facilityID, f != e.facilityID { return false }
            }
            let a = e.rule == .stopViolation ? e.start.day.start : e.start.adding(seconds: -900)
            let b = e.rule == .stopViolation ? e.start.day.adding(days: 1).start : e.end.adding(seconds: 900)
            return x.start < b && x.end > a
        }
    }

    @Test func everyExemptionRejectedGivesTheExemptedEventsPlusTheEventsNoApprovedExemptionOverlaps() throws {
        let (ws, result) = try Self.computed()
        let r = result.registry
        let rejected = Registry(districts: r.districts, enterprises: r.enterprises, collectors: r.collectors,
                                facilities: r.facilities, points: r.points, links: r.links, plans: r.plans,
                                responses: r.responses, weather: r.weather,
                                exemptions: r.exemptions.map { var x = $0; x.status = .rejected; return x },
                                carbonReplacements: r.carbonReplacements, targets: r.targets)
        let rerun = try PeriodComputation(store: ws.store, registry: rejected, registryVersion: nil,
                                          settings: try ConformanceComputeTests.settings()).run(from: Self.from, to: Self.to)
        #expect(rerun.exemptedEvents.isEmpty, "no approved exemption, nothing exempted")
        let exempted = Set(result.exemptedEvents.map { Self.key($0.event) })
        let untouched = result.events.filter { !Self.overlapsApprovedExemption($0, r) }.map(Self.key)
        #expect(!exempted.isEmpty && untouched.count < result.events.count, "the fixture's approved exemptions matter")
        let expected = exempted.union(untouched)
        #expect(expected.count == exempted.count + untouched.count)
        let actual = rerun.events.map(Self.key)
        #expect(actual.count == expected.count)
        #expect(Set(actual) == expected,
                "missing \(expected.subtracting(actual).sorted { $0.joined() < $1.joined() }), extra \(Set(actual).subtracting(expected))")
    }

    @Test func theApprovedExemptionsKeepOutTheOutageAndTheStoppedTreatmentTheReadmeNames() throws {
        let (ws, result) = try Self.computed()
        let out = ws.dir.appendingPathComponent("exports")
        try MachineExports.write(result, to: out)
        let csv = try String(contentsOf: out.appendingPathComponent("exempted_events.csv"), encoding: .utf8)
        #expect(csv == """
            rule,enterprise_id,facility_id,start,end,minutes,violating_minutes,exemption_enterprise_id,exemption_facility_id,\
            exemption_start,exemption_end,exemption_reason,suppressed_minutes
            OFFLINE,E003,,2024-07-08 01:00:00,2024-07-08 03:00:00,120,120,E003,,2024-07-08 00:30:00,2024-07-08 03:30:00,厂区停电,120
            TREATMENT_STOPPED,E001,E001-T1,2024-07-08 13:00:00,2024-07-08 15:00:00,120,120,E001,E001-T1,\
            2024-07-08 12:45:00,2024-07-08 15:15:00,治理设施检修,120

            """)
        // Stored and read back: the reused computation hands out the same rows.
        let reused = try StoredComputation.run(store: ws.store, settings: try ConformanceComputeTests.settings(), from: Self.from,
                                               to: Self.to, engineVersion: "test", reuse: true)
        #expect(reused.reused)
        #expect(reused.rows.exemptedEvents == result.exemptedEvents)
    }

    @Test func theExemptionSheetListsEveryStatusAndWhatEachApprovedOneKeptOutAndACountyOnlyItsOwn() throws {
        let (_, result) = try Self.computed()
        let data = try PeriodReportData(result: result, period: .week, store: nil)
        let set = data.exemptions()
        func column(_ f: ExemptionField) -> [ReportCell] {
            let i = ExemptionField.allCases.firstIndex(of: f)!
            return set.rows.map { $0[i] }
        }
        // By start: E003 00:30, E001 12:45, E002 13:00 (07-08), E001 07-11, E001 07-12.
        #expect(column(.number) == [.integer(4), .integer(1), .integer(5), .integer(2), .integer(3)])
        #expect(column(.statusName) == ["已批准", "已批准", "已批准", "已驳回", "待审批"].map { ReportCell.text($0) })
        #expect(column(.suppressedEvents) == [.integer(1), .integer(1), .integer(0), .empty, .empty])
        #expect(column(.suppressedSlots) == [.integer(8), .integer(8), .integer(0), .empty, .empty])
        #expect(column(.periodMinutes) == [.integer(180), .integer(150), .integer(120), .integer(90), .integer(60)])
        #expect(column(.suppressed)[0] == .text("离线 全厂 120分钟"))
        #expect(column(.facilityName)[0] == .text("全厂"))
        let events = data.exemptedEvents()
        #expect(events.rows.count == 2)
        // A county edition (E001's district 130602): E001's three exemptions and its one event only.
        let county = try PeriodReportData(result: result, period: .week, store: nil, scope: .district("130602"))
        #expect(county.exemptions().rows.map { $0[0] } == [.integer(1), .integer(2), .integer(3)])
        #expect(county.exemptedEvents().rows.count == 1)
    }
}
