import Accounting
import Foundation
import PEMSCore

/// One enterprise with two limited production lines and a treatment unit, and one event of
/// each SPEC 2 kind built by hand as the computation documents them (EventRecord.swift): an
/// enterprise-level LIMIT_VIOLATION (facility blank, Σ over the limited lines), a cumulative
/// STOP_VIOLATION with its runs, an EXEMPTION_BREACH with its exemption, an idle
/// TREATMENT_STOPPED; and a finding of each new data-quality check.
enum SPEC2EventFixture {
    static let day = Day("2024-07-09")!

    static let registry = Registry(
        districts: [District(code: "130602", name: "竞秀区")],
        enterprises: [Enterprise(id: "E1", name: "示例企业", districtCode: "130602", industry: .plastics)],
        facilities: [Facility(id: "P1", enterpriseID: "E1", kind: .production, name: "注塑线1"),
                     Facility(id: "P2", enterpriseID: "E1", kind: .production, name: "注塑线2"),
                     Facility(id: "T1", enterpriseID: "E1", kind: .treatment, name: "活性炭箱")],
        points: [Point(id: "P1-a", enterpriseID: "E1", mn: "MN1", code: "pg0001", kind: .production, facilityID: "P1", thresholdKW: 15.746),
                 Point(id: "P2-a", enterpriseID: "E1", mn: "MN1", code: "pg0002", kind: .production, facilityID: "P2", thresholdKW: 12),
                 Point(id: "T1-A", enterpriseID: "E1", mn: "MN1", code: "t10001", kind: .treatment, facilityID: "T1")],
        links: [Link(productionFacilityID: "P1", treatmentFacilityID: "T1"),
                Link(productionFacilityID: "P2", treatmentFacilityID: "T1")],
        plans: [PlanRow(enterpriseID: "E1", level: "orange", facilityID: "P1", measure: .limit, ratio: 0.5),
                PlanRow(enterpriseID: "E1", level: "orange", facilityID: "P2", measure: .limit, ratio: 0.6),
                PlanRow(enterpriseID: "E1", level: "red", facilityID: "P1", measure: .stop)],
        responses: [Response(id: "R1", level: "orange", start: Timestamp("2024-07-09 00:00:00")!, end: Timestamp("2024-07-10 00:00:00")!),
                    Response(id: "R2", level: "red", start: Timestamp("2024-07-09 00:00:00")!, end: Timestamp("2024-07-10 00:00:00")!)],
        exemptions: [Exemption(enterpriseID: "E1", facilityID: "T1", start: Timestamp("2024-07-09 13:00:00")!,
                               end: Timestamp("2024-07-09 18:00:00")!, reason: "布袋更换", status: .approved)])

    static func t(_ s: String) -> Timestamp { Timestamp("2024-07-09 " + s)! }

    /// Σ power of P1 and P2 130 kW (max 150) against Σ ratio × baseline = 0.5 × 120 + 0.6 × 80 = 108 kW.
    static var enterpriseLimit: EventRecord {
        var ev = EventEvidence()
        ev.violatingSlots = 6
        ev.gapSlots = 2
        ev.limitedFacilities = ["P1", "P2"]
        ev.meanPowerKW = 130
        ev.maxPowerKW = 150
        ev.baselinePowerKW = 200
        ev.allowedPowerKW = 108
        ev.responseIDs = ["R1"]
        ev.levels = ["orange"]
        return EventRecord(rule: .limitViolation, enterpriseID: "E1", facilityID: nil, start: t("08:00:00"), end: t("10:00:00"),
                           minutes: 120, violatingMinutes: 90, evidence: ev)
    }

    /// P1 ran 15 minutes of every 45 from 06:00 to 09:00 under a stop order: four runs, 60 minutes.
    static var cumulativeStop: EventRecord {
        var ev = EventEvidence()
        ev.violatingSlots = 4
        ev.violatingRuns = ["06:00", "06:45", "07:30", "08:15"].map { s in
            let start = t(s + ":00")
            return EventSpan(start: start, end: start.adding(seconds: 900))
        }
        ev.meanPowerKW = 40
        ev.maxPowerKW = 45
        ev.responseIDs = ["R2"]
        ev.levels = ["red"]
        ev.thresholdsKW = ["P1-a": 15.746]
        return EventRecord(rule: .stopViolation, enterpriseID: "E1", facilityID: "P1", start: t("06:00:00"), end: t("08:30:00"),
                           minutes: 150, violatingMinutes: 60, evidence: ev)
    }

    /// T1 is declared down for 布袋更换 13:00–18:00; its production ran 14:00–15:30.
    static var exemptionBreach: EventRecord {
        var ev = EventEvidence()
        ev.violatingSlots = 6
        ev.meanPowerKW = 0.4
        ev.thresholdsKW = ["T1-A": 1.078]
        ev.exemption = ExemptionNote(start: t("13:00:00"), end: t("18:00:00"), reason: "布袋更换")
        return EventRecord(rule: .exemptionBreach, enterpriseID: "E1", facilityID: "T1", start: t("14:00:00"), end: t("15:30:00"),
                           minutes: 90, violatingMinutes: 90, evidence: ev)
    }

    /// T1 drew 3 kW against a 25 kW baseline (under 20 %) from 20:00 to 21:00.
    static var idleTreatment: EventRecord {
        var ev = EventEvidence()
        ev.violatingSlots = 4
        ev.meanPowerKW = 3
        ev.maxPowerKW = 3.5
        ev.baselinePowerKW = 25
        ev.thresholdsKW = ["T1-A": 1.078]
        return EventRecord(rule: .treatmentStopped, enterpriseID: "E1", facilityID: "T1", start: t("20:00:00"), end: t("21:00:00"),
                           minutes: 60, violatingMinutes: 60, evidence: ev)
    }

    static var events: [EventRecord] { [enterpriseLimit, cumulativeStop, exemptionBreach, idleTreatment] }

    static var findings: [DQFinding] {
        [DQFinding(date: day, pointID: "P1-a", enterpriseID: "E1", check: .voltageLoop, detail: "Uc 12 V"),
         DQFinding(date: day, pointID: "P2-a", enterpriseID: "E1", check: .currentLoop, detail: "Pb -3.2 kW"),
         DQFinding(date: day, pointID: "T1-A", enterpriseID: "E1", check: .thresholdSuspect, detail: "θ 40 kW")]
    }

    /// A computed day holding only these events and findings.
    static var result: ComputationResult {
        ComputationResult(from: day, to: day, settings: Settings(), registryVersion: 1, registry: registry, facilityDays: [],
                          events: events, dq: findings, carbonDays: [], responseBaselines: [], streamedFrom: day,
                          facilityDaysComputed: 0)
    }
}
