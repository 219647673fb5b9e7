import Accounting
import Charts
import Foundation
import PEMSCore
import Testing
import TestSupport

/// County editions of the brief and the evidence pack (issue 17 deliver 1) on the shared demo
/// city: a district's facts are its own, the city's stay beside them, the editions partition
/// the city's events and totals, and the PDF says whose it is.
@Suite struct CountyBriefTests {
    static func facts() throws -> PeriodFacts { PeriodFacts(try DemoFixture.shared().result) }

    @Test func countyFactsPartitionTheCitysEventsAndTotals() throws {
        let city = try Self.facts()
        let r = city.result
        let byDistrict = ChartTests.emittedByDistrict(r)
        var emitted = 0.0, events = 0, enterprises = 0
        for d in r.registry.districts {
            let f = city.edition(.district(d.code))
            #expect(f.editionName == d.name)
            // Its own totals are its district's, summed here from the facility-days.
            #expect(abs(f.total.emittedKg - (byDistrict[d.code] ?? 0)) <= 1e-9 * max(1, f.total.emittedKg))
            // The city's stay the city's.
            #expect(f.city == city.city)
            #expect(f.districts == city.districts)
            #expect(f.events.allSatisfy { r.registry.enterprise(id: $0.enterpriseID)?.districtCode == d.code })
            #expect(f.enterprises.allSatisfy { r.registry.enterprise(id: $0.code)?.districtCode == d.code })
            #expect(f.daily.map(\.emittedKg).reduce(0, +).isApproximatelyEqual(to: f.total.emittedKg))
            let rank = Ranking.rank(city.districts, by: .emittedKg).first { $0.code == d.code }?.rank
            #expect(f.districtRank == rank)
            emitted += f.total.emittedKg
            events += f.events.count
            enterprises += f.enterprises.count
        }
        #expect(emitted.isApproximatelyEqual(to: city.city.emittedKg))
        #expect(events == city.events.count)
        #expect(enterprises == city.enterprises.count)
        #expect(city.scope == .city && city.total == city.city)
    }

    @Test func aCountyBriefIsTitledWithItsDistrictAndGivesTheCitysFigureBesideItsOwn() throws {
        let city = try Self.facts()
        // The district with the most events (its brief has problem enterprises to show).
        let counts = Dictionary(grouping: city.events) { city.registry.enterprise(id: $0.enterpriseID)?.districtCode ?? "" }
        let code = try #require(counts.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }?.key)
        let f = city.edition(.district(code))
        let name = try #require(f.editionName)
        let content = BriefContent(f)
        #expect(content.kpis.allSatisfy { $0.city?.hasPrefix("全市 ") == true })
        #expect(content.kpis[0].value == NumberText.mass(f.total.emittedKg))
        #expect(content.kpis[0].city == "全市 " + NumberText.mass(city.city.emittedKg))
        #expect(content.kpis[1].value == "\(f.events.count) 起")
        #expect(content.problems.allSatisfy { f.registry.enterprise(id: $0.enterpriseID)?.districtCode == code })
        #expect(content.summary.first?.contains("\(name)VOCs排放量") == true)
        #expect(content.summary.first?.contains("排第 \(f.districtRank ?? 0) 位") == true)
        #expect(BriefContent(city).kpis.allSatisfy { $0.city == nil })
        // The key-enterprise table of a county brief counts the district's enterprises, and its
        // own line is the district's (kg and events its own).
        let own = KeyEnterpriseSummary(f)
        let members = f.registry.enterprises.filter { $0.districtCode == code }
        #expect(own.city.label == name && own.city.enterprises == members.count)
        #expect(own.city.events == f.events.count)
        #expect(own.city.emittedKg.isApproximatelyEqual(to: members.reduce(0.0) { sum, e in
            sum + (f.enterprises.first { $0.code == e.id }?.emittedKg ?? 0) }))
        #expect(own.tiers.reduce(0) { $0 + $1.enterprises } <= members.count)
        #expect(KeyEnterpriseSummary(city).city.enterprises == city.registry.enterprises.count)

        let dir = try ChartTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let written = try ChartFiles.writeBrief(f, to: dir)
        let names = Set(written.files.map(\.lastPathComponent))
        #expect(names.contains("brief_\(code).pdf") && names.contains("trend_\(code).png") && names.contains("ranking_\(code).png"))
        #expect(!names.contains("brief.pdf"))
        let pdf = dir.appendingPathComponent("brief_\(code).pdf")
        let text = try Poppler.run("pdftotext", [pdf.path, "-"]).filter { !$0.isWhitespace }
        #expect(text.contains("\(name)工况用电监控简报"))
        #expect(text.contains("全市" + NumberText.mass(city.city.emittedKg).filter { !$0.isWhitespace }))
        #expect(try Poppler.run("pdfinfo", [pdf.path]).contains("Pages:           4"))  // the brief's four pages
        // Same facts, same bytes.
        #expect(try BriefDocument(f).render() == (try Data(contentsOf: pdf)).map { $0 })
    }

    @Test func aCountyEvidencePackHoldsItsDistrictsEventsOnly() throws {
        let pack = try DemoFixture.shared().evidence
        let registry = pack.result.registry
        var total = 0
        for d in registry.districts {
            let own = pack.edition(.district(d.code))
            #expect(own.events.allSatisfy { registry.enterprise(id: $0.enterpriseID)?.districtCode == d.code })
            let selected = EvidencePack.select(pack.events, scope: .district(d.code), registry: registry)
            #expect(selected.map { EventID.of($0) } == own.events.map { EventID.of($0) })
            total += own.events.count
        }
        #expect(total == pack.events.count)
    }
}

extension Double {
    func isApproximatelyEqual(to other: Double) -> Bool { abs(self - other) <= 1e-9 * Swift.max(1, abs(other)) }
}
