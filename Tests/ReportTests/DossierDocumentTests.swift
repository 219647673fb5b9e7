import Accounting
import Charts
import Foundation
import PEMSCore
import Reports
import Testing
import TestSupport

/// The enterprise file's PDF (一企一档): A4 portrait, numbered pages, the enterprise and each of
/// its events named, one evidence chart per event, dated at the period's end.
@Suite(.serialized) struct DossierDocumentTests {
    static func pages(_ url: URL) throws -> Int? {
        try Poppler.run("pdfinfo", [url.path]).split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) }
    }

    @Test(arguments: DossierFixture.enterprises)
    func thePDFNamesTheEnterpriseAndEachEventAndNumbersItsPages(_ id: String) throws {
        let f = try DossierFixture.shared()
        let url = f.pdf(id)
        let n = try #require(try Self.pages(url))
        let info = try Poppler.run("pdfinfo", [url.path])
        #expect(info.contains("Page size:") && info.contains("595.28 x 841.89 pts (A4)"))
        #expect(info.contains("CreationDate:") && info.contains("2024"))
        // pdftotext drops or adds spaces between glyph runs: compare without them.
        let text = try Poppler.run("pdftotext", [url.path, "-"]).filter { !$0.isWhitespace }
        let name = try #require(f.result.registry.enterprise(id: id)?.name)
        #expect(text.contains("一企一档监管记录"))
        #expect(text.contains(name))
        for p in 1...n { #expect(text.contains("第\(p)/\(n)页"), "page \(p) of \(n)") }
        #expect(!text.contains("第\(n + 1)/"))
        let events = try f.csv("events.csv").filter { $0["enterprise_id"] == id }
        let rules = Dictionary(uniqueKeysWithValues: AnomalyRule.allCases.map { ($0.rawValue, $0.chineseName) })
        for e in events {
            let rule = try #require(rules[e["rule"] ?? ""])
            #expect(text.contains(rule), "\(id): \(rule)")
            // The evidence chart's caption names its start (minute) and the event id's stamp.
            let start = String((e["start"] ?? "").prefix(16)).filter { !$0.isWhitespace }
            #expect(text.contains(start), "\(id): \(start)")
        }
        // One evidence chart per event, captioned "事件 k / n", two to a page after the tables.
        for k in 1...events.count { #expect(text.contains("事件\(k)/\(events.count)："), "\(id) caption \(k)") }
        #expect(n >= 2 + (events.count + 1) / 2)
        #expect(text.contains("异常事件证据图"))
    }

    @Test func theEvidenceChartOfAnEventShowsItsDaysSlotValues() throws {
        let f = try DossierFixture.shared()
        // E001's exemption breach on 07-08: the chart draws the treatment and its production lines.
        let e = try #require(f.result.events.first { $0.enterpriseID == "E001" && $0.rule == .exemptionBreach })
        let points = EvidenceChartBuilder.pointIDs(of: e, registry: f.result.registry)
        let day = try EvidenceDay.read(store: f.ws.store, registry: f.result.registry, settings: f.settings,
                                       day: Day("2024-07-08")!, pointIDs: points)
        // Only the wanted points are read, each with one value per slot, some present.
        #expect(!day.values.isEmpty && Set(day.values.keys).isSubset(of: points))
        #expect(day.values.values.allSatisfy { $0.count == 96 && $0.contains { !$0.isNaN } })
        // The same points and values as a whole-day read (the channel-restricted read changes nothing).
        let whole = try EvidenceDay.read(store: f.ws.store, registry: f.result.registry, settings: f.settings,
                                         day: Day("2024-07-08")!)
        #expect(Set(whole.values.keys).intersection(points) == Set(day.values.keys))
        for (p, v) in day.values {
            let w = try #require(whole.values[p])
            #expect(zip(v, w).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(p)")
        }
    }

    @Test func anEnterpriseWithoutEventsHasNoEvidenceCharts() throws {
        let f = try DossierFixture.shared()
        // E003 with its events left out: the file says so and has no evidence section.
        var result = f.result
        result.events.removeAll { $0.enterpriseID == "E003" }
        let context = try DossierContext(result: result, store: nil)
        let data = try DossierData(context: context, enterpriseID: "E003", facilityDays: result.facilityDays, events: result.events,
                                   findings: result.dq, carbonDays: result.carbonDays, pointDays: [])
        let pdf = try DossierDocument(data, evidence: [:]).rendered()
        let url = f.ws.dir.appendingPathComponent("no-events.pdf")
        try Data(pdf.bytes).write(to: url)
        let text = try Poppler.run("pdftotext", [url.path, "-"]).filter { !$0.isWhitespace }
        #expect(text.contains("统计期内无异常事件。"))
        #expect(!text.contains("异常事件证据图"))
        #expect(text.contains("无可比数据"))   // no store: no 环比/同比 base
        #expect(pdf.warnings.isEmpty)
    }
}
