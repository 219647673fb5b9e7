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
        let records = ProvincialAnomalyJSON.limit(events, registry: registry, settings: Settings())
        #expect(records.count == 1)
        #expect(records[0].map(\.0) == ["psId", "exDay", "productorEquipId", "exTimeStart", "exTimeEnd", "remark"])
        // An event ending at midnight is dated by the day it ran on.
        #expect(records[0][1].1 == "2019-10-22")
        #expect(records[0][5].1 == "未按规定限产；应急响应 R1；级别 orange；判定：功率 > 0.5 × 基线 120 kW = 60 kW；实测平均 80.25 kW；持续 960 分钟")
        #expect(ProvincialAnomalyJSON.text([]) == "[]\n")
    }

    // MARK: SPEC 2 events (seed 003 附件3 fields; docs/REPORTS.md says how each rule maps)

    @Test func everyRuleIsSentInTheSeedsPayloadForItOrDeliberatelyNotAtAll() {
        var sent: [String: [AnomalyRule]] = [:]
        for rule in AnomalyRule.allCases {
            sent[ProvincialAnomalyJSON.payload(of: rule)?.rawValue ?? "none", default: []].append(rule)
        }
        #expect(sent == ["abnormal": [.treatmentStopped, .exemptionBreach],
                         "limit": [.stopViolation, .limitViolation, .shiftViolation],
                         "none": [.treatmentIneffective, .treatmentLow, .offline, .carbonOverdue]])
    }

    @Test func anEnterpriseLevelLimitEventGivesOneLimitRowPerLimitedProductionFacility() {
        let records = ProvincialAnomalyJSON.limit([SPEC2EventFixture.enterpriseLimit], registry: SPEC2EventFixture.registry,
                                                  settings: Settings())
        #expect(records.map { $0.first { $0.0 == "productorEquipId" }?.1 } == ["P1", "P2"])
        for r in records {
            #expect(r.map(\.0) == ["psId", "exDay", "productorEquipId", "exTimeStart", "exTimeEnd", "remark"])
            #expect(r[0].1 == "E1" && r[1].1 == "2024-07-09")
            #expect(r[3].1 == "2024-07-09 08:00:00" && r[4].1 == "2024-07-09 10:00:00")
            #expect(r[5].1 == "未按规定限产（全厂限产设备合计判定）；应急响应 R1；级别 orange；"
                + "判定：限产设备 P1、P2 合计功率 > 合计允许功率 Σ(限产比例 × 基线) = 108 kW（基线合计 200 kW）；"
                + "合计实测平均 130 kW，最大 150 kW；持续 120 分钟，其中违规 90 分钟")
        }
    }

    @Test func aCumulativeStopEventStatesItsRunningMinutesAgainstTheLimit() {
        let records = ProvincialAnomalyJSON.limit([SPEC2EventFixture.cumulativeStop], registry: SPEC2EventFixture.registry,
                                                  settings: Settings())
        #expect(records.count == 1)
        #expect(records[0][2].1 == "P1")
        #expect(records[0][5].1 == "未按规定停产；应急响应 R2；级别 red；"
            + "停产措施期间生产设施当日累计运行 60 分钟（4 段），达到门限 30 分钟；实测平均 40 kW；持续 150 分钟，其中违规 60 分钟")
    }

    @Test func anExemptionBreachIsAnAbnormalRecordOfTheTreatmentFacilityItsExemptionNamed() {
        let events = [SPEC2EventFixture.exemptionBreach, SPEC2EventFixture.enterpriseLimit]
        var settings = Settings()
        settings.minMinutes["EXEMPTION_BREACH"] = 45
        let records = ProvincialAnomalyJSON.abnormal(events, registry: SPEC2EventFixture.registry, settings: settings)
        #expect(records.count == 1)
        let r = Dictionary(uniqueKeysWithValues: records[0])
        #expect(r["treatmentId"] == "T1" && r["productorEquipId"] == "P1" && r["treatmentAmmeterId"] == "T1-A")
        #expect(r["exTimeStart"] == "2024-07-09 14:00:00" && r["exTimeEnd"] == "2024-07-09 15:30:00")
        #expect(r["productorEquipThreshold"] == "15.746" && r["treatmentAmmeterThreshold"] == "1.078")
        #expect(r["treatmentAmmeterThresholdTime"] == "45")
        #expect(r["remark"] == "报备期间生产未停：治理设施报备 2024-07-09 13:00:00 至 2024-07-09 18:00:00（布袋更换），"
            + "对应生产设施未同步停运，运行 90 分钟")
    }
}
