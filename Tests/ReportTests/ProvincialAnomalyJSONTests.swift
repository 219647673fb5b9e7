import Foundation
import PEMSCore
import Reports
import Testing

/// The seed 003 附件3 payloads: field names and order, `yyyy-MM-dd HH:mm:ss` times, kW as strings.
@Suite struct ProvincialAnomalyJSONTests {
    let registry = Registry(
        districts: [District(code: "130602", name: "竞秀区")],
        enterprises: [Enterprise(id: "E1", name: "示例企业", districtCode: "130602", industry: .plastics)],
        facilities: [Facility(id: "P1", enterpriseID: "E1", kind: .production, name: "注塑线"),
                     Facility(id: "T1", enterpriseID: "E1", kind: .treatment, name: "活性炭箱")],
        points: [Point(id: "P1-a", enterpriseID: "E1", mn: "MN1", code: "pg0001", kind: .production, facilityID: "P1", thresholdKW: 15.746),
                 Point(id: "T1-B", enterpriseID: "E1", mn: "MN1", code: "t10002", kind: .treatment, facilityID: "T1"),
                 Point(id: "T1-A", enterpriseID: "E1", mn: "MN1", code: "t10001", kind: .treatment, facilityID: "T1"),
                 Point(id: "T1-S", enterpriseID: "E1", mn: "MN1", code: "a01012", kind: .sensor, facilityID: "T1", role: .temperature)],
        links: [Link(productionFacilityID: "P1", treatmentFacilityID: "T1")])

    func event(_ rule: AnomalyRule, facility: String, _ start: String, _ end: String, minutes: Int) -> EventRecord {
        var ev = EventEvidence()
        ev.thresholdsKW = ["T1-A": 1.078, "T1-B": 1.2]
        if rule == .limitViolation {
            ev.baselinePowerKW = 120
            ev.ratio = 0.5
            ev.allowedPowerKW = 60
            ev.meanPowerKW = 80.25
            ev.responseIDs = ["R1"]
            ev.levels = ["orange"]
        }
        return EventRecord(rule: rule, enterpriseID: "E1", facilityID: facility, start: Timestamp(start)!, end: Timestamp(end)!,
                           minutes: minutes, violatingMinutes: minutes, evidence: ev)
    }

    @Test func abnormalPayloadHasTheSeedFieldsInOrderWithPrimaryAndBackupPoints() {
        let events = [event(.treatmentStopped, facility: "T1", "2019-10-21 23:15:00", "2019-10-22 01:00:00", minutes: 105),
                      event(.limitViolation, facility: "P1", "2019-10-22 08:00:00", "2019-10-22 10:00:00", minutes: 120)]
        let text = ProvincialAnomalyJSON.text(ProvincialAnomalyJSON.abnormal(events, registry: registry, settings: Settings()))
        #expect(text == """
        [
          {
            "psId": "E1",
            "exDay": "2019-10-22",
            "productorEquipId": "P1",
            "treatmentId": "T1",
            "treatmentAmmeterId": "T1-A",
            "treatmentAmmeterIds": "T1-A,T1-B",
            "exTimeStart": "2019-10-21 23:15:00",
            "exTimeEnd": "2019-10-22 01:00:00",
            "productorEquipThreshold": "15.746",
            "treatmentAmmeterThreshold": "1.078",
            "treatmentAmmeterThresholdTime": "30",
            "remark": "生产设施运行期间治理设施停运105分钟"
          }
        ]

        """)
        // It is valid JSON with string values only.
        let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
        #expect(parsed?.first?.values.allSatisfy { $0 is String } == true)
    }

    @Test func limitPayloadDescribesTheMeasureAndItsJudgement() {
        let events = [event(.limitViolation, facility: "P1", "2019-10-22 08:00:00", "2019-10-23 00:00:00", minutes: 960),
                      event(.treatmentStopped, facility: "T1", "2019-10-21 23:15:00", "2019-10-22 01:00:00", minutes: 105)]
        let records = ProvincialAnomalyJSON.limit(events, registry: registry)
        #expect(records.count == 1)
        #expect(records[0].map(\.0) == ["psId", "exDay", "productorEquipId", "exTimeStart", "exTimeEnd", "remark"])
        // An event ending at midnight is dated by the day it ran on.
        #expect(records[0][1].1 == "2019-10-22")
        #expect(records[0][5].1 == "未按规定限产；应急响应 R1；级别 orange；判定：功率 > 0.5 × 基线 120 kW = 60 kW；实测平均 80.25 kW；持续 960 分钟")
        #expect(ProvincialAnomalyJSON.text([]) == "[]\n")
    }
}
