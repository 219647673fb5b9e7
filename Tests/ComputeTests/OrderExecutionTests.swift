import Accounting
import PEMSCore
import Testing

/// 落实情况 (issue 18; seed 000 "针对未落实、超期落实的企业自动触发报警"), worked out by hand on a
/// response of 2026-06-10 08:00 … 2026-06-11 08:00 (24 h) with `assessment.final_hours` 6: the
/// final stretch is 06-11 02:00 … 08:00.
@Suite struct OrderExecutionTests {
    static func t(_ s: String) -> Timestamp { Timestamp(s)! }
    static let response = Response(id: "R1", level: "orange", start: t("2026-06-10 08:00"), end: t("2026-06-11 08:00"))
    static let registry = Registry(
        enterprises: ["E1", "E2", "E3", "E4", "E5", "E6"].map { Enterprise(id: $0, name: $0, districtCode: "130602", industry: .plastics) },
        plans: [PlanRow(enterpriseID: "E1", level: "orange", measure: .stop),
                PlanRow(enterpriseID: "E2", level: "orange", facilityID: "E2-P1", measure: .limit, ratio: 0.5),
                PlanRow(enterpriseID: "E3", level: "orange", measure: .stop),
                PlanRow(enterpriseID: "E3", level: "orange", measure: .shift, ratio: 0),
                PlanRow(enterpriseID: "E4", level: "orange", measure: .stop),
                PlanRow(enterpriseID: "E5", level: "yellow", measure: .stop),   // another level: not judged
                PlanRow(enterpriseID: "E6", level: "orange", facilityID: "E6-P1", measure: .stop)],
        responses: [response])

    static func event(_ rule: AnomalyRule, _ enterprise: String, _ facility: String?, _ start: String, _ end: String,
                      violating: Int, response: String? = "R1") -> EventRecord {
        var evidence = EventEvidence()
        evidence.responseIDs = response.map { [$0] }
        let minutes = Int((t(end).seconds - t(start).seconds) / 60)
        return EventRecord(rule: rule, enterpriseID: enterprise, facilityID: facility, start: t(start), end: t(end),
                           minutes: minutes, violatingMinutes: violating, evidence: evidence)
    }

    @Test func eachEnterpriseIsOnTimeLateOrNotCarriedOutByItsLastEvent() {
        let events = [
            // E2: limit event 08:00–11:30 on its limited line → 超期落实, delay 11:30 − 08:00 = 210 min.
            Self.event(.limitViolation, "E2", "E2-P1", "2026-06-10 08:00", "2026-06-10 11:30", violating: 180),
            // E3: a stop event ending 01:45 (before the final stretch) and a shift event 02:00–03:00 inside it → 未落实.
            Self.event(.stopViolation, "E3", "E3-P1", "2026-06-10 09:00", "2026-06-11 01:45", violating: 600),
            Self.event(.shiftViolation, "E3", "E3-P2", "2026-06-11 02:00", "2026-06-11 03:00", violating: 45),
            // E4: an event ending exactly when the final stretch begins (02:00) → 超期落实, delay 18 h = 1080 min.
            Self.event(.stopViolation, "E4", "E4-P1", "2026-06-10 20:00", "2026-06-11 02:00", violating: 360),
            // E6: its row is for E6-P1; an event of E6-P2 violates no row of it → 按时落实.
            Self.event(.stopViolation, "E6", "E6-P2", "2026-06-10 10:00", "2026-06-10 12:00", violating: 120),
            // E1: an event of another response does not count → 按时落实.
            Self.event(.stopViolation, "E1", "E1-P1", "2026-06-10 10:00", "2026-06-10 12:00", violating: 120, response: "R0"),
            // Not an order rule.
            Self.event(.treatmentStopped, "E1", "E1-T1", "2026-06-10 10:00", "2026-06-10 12:00", violating: 120),
        ]
        let judged = OrderExecution.judge(Self.response, enterpriseIDs: ["E1", "E2", "E3", "E4", "E5", "E6"],
                                          registry: Self.registry, events: events, finalHours: 6)
        #expect(judged.map(\.enterpriseID) == ["E1", "E2", "E3", "E4", "E6"])
        let by = Dictionary(uniqueKeysWithValues: judged.map { ($0.enterpriseID, $0) })
        #expect(by["E1"]?.status == .onTime && by["E1"]?.events.isEmpty == true && by["E1"]?.delayMinutes == nil)
        #expect(by["E2"]?.status == .late && by["E2"]?.delayMinutes == 210 && by["E2"]?.violatingMinutes == 180)
        #expect(by["E3"]?.status == .notCarriedOut && by["E3"]?.events.count == 2 && by["E3"]?.violatingMinutes == 645)
        #expect(by["E3"]?.delayMinutes == nil && by["E3"]?.lastEventEnd == Self.t("2026-06-11 03:00"))
        #expect(by["E3"]?.measures == [.stop, .shift])
        #expect(by["E4"]?.status == .late && by["E4"]?.delayMinutes == 1080)
        #expect(by["E6"]?.status == .onTime)
        #expect(OrderExecution.Status.allCases.map(\.chineseName) == ["按时落实", "超期落实", "未落实"])
    }

    /// The final stretch follows the setting: with 12 h (06-10 20:00 … 06-11 08:00) E4's event
    /// ending at 02:00 falls inside it.
    @Test func theFinalStretchIsTheSettingsHoursBeforeTheEnd() {
        let e4 = Self.event(.stopViolation, "E4", "E4-P1", "2026-06-10 20:00", "2026-06-11 02:00", violating: 360)
        let six = OrderExecution.judge(Self.response, enterpriseIDs: ["E4"], registry: Self.registry, events: [e4], finalHours: 6)
        let twelve = OrderExecution.judge(Self.response, enterpriseIDs: ["E4"], registry: Self.registry, events: [e4], finalHours: 12)
        #expect(six.first?.status == .late && twelve.first?.status == .notCarriedOut)
    }
}
