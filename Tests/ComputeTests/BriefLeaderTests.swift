import Accounting
@testable import Charts
import Foundation
import PEMSCore
import Testing
import TestSupport

/// The brief's key enterprises, 513 zone and alarms by industry on the shared demo city
/// (`DemoFixture`), against figures summed here from its facility-days and events.
@Suite struct BriefLeaderTests {
    static func facts() throws -> PeriodFacts { PeriodFacts(try DemoFixture.shared().result) }

    @Test func keyTiersAndTheZoneCarryTheirEmissionAndEventsAgainstTheCity() throws {
        let f = try Self.facts()
        let r = f.result
        let summary = KeyEnterpriseSummary(f)
        var emitted: [String: Double] = [:], online: Set<String> = []
        for d in r.facilityDays {
            if d.kind == .production { emitted[d.enterpriseID, default: 0] += d.emittedKg ?? 0 }
            if d.completeness > 0 { online.insert(d.enterpriseID) }
        }
        var events: [String: Int] = [:]
        for e in r.events { events[e.enterpriseID, default: 0] += 1 }
        let cityKg = emitted.values.reduce(0, +), cityEvents = r.events.count
        func check(_ g: KeyEnterpriseSummary.Group, _ members: [Enterprise]) {
            let kg = members.reduce(0) { $0 + (emitted[$1.id] ?? 0) }, n = members.reduce(0) { $0 + (events[$1.id] ?? 0) }
            #expect(g.enterprises == members.count, "\(g.label)")
            #expect(g.online == members.filter { online.contains($0.id) }.count)
            #expect(abs(g.emittedKg - kg) <= 1e-9 * max(1, kg), "\(g.label) kg")
            #expect(abs((g.emittedShare ?? -1) - kg / cityKg) <= 1e-9, "\(g.label) share")
            #expect(g.events == n && g.eventShare == Double(n) / Double(cityEvents), "\(g.label) events")
        }
        let all = r.registry.enterprises
        let key = all.filter { ($0.annualVOCTonnes ?? 0) > 50 }
        let general = all.filter { ($0.annualVOCTonnes ?? 0) > 10 && ($0.annualVOCTonnes ?? 0) <= 50 }
        #expect(!key.isEmpty && !general.isEmpty)
        check(summary.tiers[0], key)
        check(summary.tiers[1], general)
        #expect(summary.tiers.map(\.label) == ["重点企业（> 50 吨/年）", "一般重点企业（10–50 吨/年）"])
        let zone = Set(r.registry.districts.filter { $0.zone513 == true }.map(\.code))
        #expect(zone.count == 2)
        let z = try #require(summary.zone)
        check(z, all.filter { zone.contains($0.districtCode) })
        #expect(z.label == "513区域（竞秀区、莲池区）")
        check(summary.city, all)
        #expect(summary.city.emittedShare == 1)
        let registered = all.reduce(0) { $0 + ($1.annualVOCTonnes ?? 0) }
        #expect(summary.registeredTonnes == registered)
        #expect(summary.monitoredShare == all.filter { online.contains($0.id) }.reduce(0) { $0 + ($1.annualVOCTonnes ?? 0) } / registered)
        #expect(summary.sentence.hasPrefix("重点企业 \(key.count) 家排放全市的 "))
    }

    @Test func alarmsByIndustryCountEveryRuleOfTheEventsOverlappingThePeriod() throws {
        let f = try Self.facts()
        let table = IndustryAlarmTable(f)
        var expected: [String: [AnomalyRule: Int]] = [:]
        for e in f.result.events {
            let industry = try #require(f.registry.enterprise(id: e.enterpriseID)).industry.rawValue
            expected[industry, default: [:]][e.rule, default: 0] += 1
        }
        #expect(table.rows.map(\.industry).sorted() == expected.keys.sorted())
        for row in table.rows {
            #expect(row.counts == AnomalyRule.allCases.map { expected[row.industry]?[$0] ?? 0 }, "\(row.industry)")
            #expect(row.total == expected[row.industry]?.values.reduce(0, +))
        }
        #expect(table.rows.map(\.total).reduce(0, +) == f.result.events.count)
        #expect(table.rows.map(\.total) == table.rows.map(\.total).sorted(by: >))
        // Every rule has a column title of its own.
        #expect(Set(AnomalyRule.allCases.map(IndustryAlarmTable.shortName)).count == AnomalyRule.allCases.count)
    }

    @Test func theBriefShowsTheKeyEnterpriseTableAndTheIndustryAlarmsOnTheirPages() throws {
        let f = try Self.facts()
        let dir = try ChartTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("brief.pdf")
        try Data(try BriefDocument(f).render()).write(to: url)
        func page(_ n: Int) throws -> String {
            try Poppler.run("pdftotext", ["-f", "\(n)", "-l", "\(n)", url.path, "-"]).filter { !$0.isWhitespace }
        }
        let two = try page(2), three = try page(3)
        #expect(two.contains("各行业报警类型（期内事件数）"))
        let top = try #require(IndustryAlarmTable(f).rows.first)
        #expect(two.contains(top.industry))
        #expect(three.contains("重点企业与513区域"))
        #expect(three.contains("513区域（竞秀区、莲池区）"))
        #expect(three.contains(KeyEnterpriseSummary(f).sentence.filter { !$0.isWhitespace }))
        #expect(try page(4).contains("第4/4页"))
    }
}

/// The brief's key-enterprise section in county editions: the district's enterprises against
/// the district (its own line last), no zone line, the zone named in the sentence.
@Suite struct CountyBriefLeaderTests {
    @Test func aCountysTiersPartitionTheCitysAndItsSentenceSaysWhetherItLiesInTheZone() throws {
        let f = try BriefLeaderTests.facts()
        let city = KeyEnterpriseSummary(f)
        #expect(city.zone != nil && !city.inZone513)
        var keys = 0, generals = 0
        for d in f.registry.districts {
            let s = KeyEnterpriseSummary(f.edition(.district(d.code)))
            keys += s.tiers[0].enterprises
            generals += s.tiers[1].enterprises
            #expect(s.zone == nil, "\(d.code)")
            #expect(s.inZone513 == d.isInZone513)
            #expect(s.sentence.hasPrefix("\(d.name)属513重点区域") == d.isInZone513, "\(s.sentence)")
            #expect(s.groups.last?.label == d.name && s.city.emittedShare.map { $0 == 1 } ?? true)
        }
        #expect(keys == city.tiers[0].enterprises && generals == city.tiers[1].enterprises)
    }
}
