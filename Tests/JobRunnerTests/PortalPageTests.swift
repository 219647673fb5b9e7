import Charts
import Foundation
import PEMSCore
import Testing

/// The web portal of the outbox (issue 18): the nightly of Sunday 06-07 (its day and week,
/// with county editions) told once by `DistrictEditionJobTests.story`, its pages read back.
/// The browser check (links answering over HTTP, images, filters, console) is Jobs/portal-check.
struct PortalPageTests {
    static let day = "daily/2026-06-07/", week = "weekly/2026-06-01/"

    static func text(_ d: Data?) -> String { d.flatMap { String(data: $0, encoding: .utf8) } ?? "" }

    /// Every `href="…"` and `src="…"` of a page, percent-decoded.
    static func links(_ html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"(?:href|src)="([^"]*)""#)
        let ns = html as NSString
        return pattern.matches(in: html, range: NSRange(location: 0, length: ns.length)).map {
            let raw = ns.substring(with: $0.range(at: 1))
            return raw.removingPercentEncoding ?? raw
        }.filter { $0 != "data:," }   // the page's empty icon
    }

    /// `link` relative to the page at `page` (both relative to the out folder), `..` resolved.
    static func resolve(_ link: String, from page: String) -> String {
        var parts = page.split(separator: "/").dropLast().map(String.init)
        for p in link.split(separator: "/").map(String.init) {
            if p == ".." { if !parts.isEmpty { parts.removeLast() } } else if p != "." { parts.append(p) }
        }
        return parts.joined(separator: "/")
    }

    static func rows(_ html: String) -> [String] {
        html.components(separatedBy: "\n").filter { $0.hasPrefix("<tr data-district=") }
    }

    @Test func everyLinkOfEveryPageNamesAFileOfTheOutFolderAndStaysInside() throws {
        let files = try DistrictEditionJobTests.story.get().withRootPages
        let pages = files.keys.filter { $0.hasSuffix("index.html") }.sorted()
        // The root, each district's root, and a page per step folder of the city and of each edition.
        let districts = try DistrictEditionJobTests.story.get().districts
        #expect(pages.count == 1 + districts.count + 2 * (1 + districts.count))
        for page in pages {
            let html = Self.text(files[page])
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">"), "\(page)")
            #expect(html.contains("@media print"), "\(page)")
            #expect(!html.contains("http:") && !html.contains("https:") && !html.contains("<script src") && !html.contains("stylesheet"), "\(page)")
            let links = Self.links(html)
            #expect(!links.isEmpty, "\(page)")
            for link in links {
                let target = Self.resolve(link, from: page)
                #expect(files[target] != nil, "\(page) → \(link)")
                // A county edition's pages never lead out of its folder (served alone).
                if page.hasPrefix("districts/") {
                    let own = page.split(separator: "/").prefix(2).joined(separator: "/") + "/"
                    #expect(target.hasPrefix(own), "\(page) → \(link)")
                }
            }
        }
    }

    @Test func aStepPageLinksEveryFileOfItsFolderAndShowsTheBriefsCharts() throws {
        let files = try DistrictEditionJobTests.story.get().withRootPages
        for folder in [Self.day, Self.week] {
            let html = Self.text(files[folder + "index.html"])
            let linked = Set(Self.links(html))
            let own = files.keys.filter { $0.hasPrefix(folder) && $0 != folder + "index.html" }
            #expect(own.count > 5)
            for f in own { #expect(linked.contains(String(f.dropFirst(folder.count))), "\(f)") }
            for chart in ["trend", "ranking", "alarms", "map", "treatment-hours"] {
                #expect(html.contains("<img src=\"\(chart).png\""), "\(folder) \(chart)")
            }
            #expect(html.contains("<div class=\"label\">VOCs排放量</div>"))
        }
    }

    /// The day's alarm list: one row per event of the day, each linking its evidence chart (the
    /// evidence pack draws every event overlapping the day); each county page lists its own
    /// district's rows, and together they are the city's.
    @Test func theAlarmListHasARowPerEventAndEachCountyPageItsOwn() throws {
        let s = try DistrictEditionJobTests.story.get()
        let files = s.withRootPages
        let city = Self.rows(Self.text(files[Self.day + "index.html"]))
        let evidence = files.keys.filter { $0.hasPrefix(Self.day + "evidence-") && $0.hasSuffix(".png") }
        #expect(!city.isEmpty)
        #expect(city.count == evidence.count)
        #expect(city.allSatisfy { $0.contains(">证据图</a>") })
        var countyRows = 0
        for code in s.districts {
            let rows = Self.rows(Self.text(files["districts/\(code)/" + Self.day + "index.html"]))
            #expect(rows.allSatisfy { $0.hasPrefix("<tr data-district=\"\(code)\"") }, "\(code)")
            #expect(rows.count == city.filter { $0.hasPrefix("<tr data-district=\"\(code)\"") }.count, "\(code)")
            countyRows += rows.count
        }
        #expect(countyRows == city.count)
        // The filter offers each district and each rule of the rows.
        let html = Self.text(files[Self.day + "index.html"])
        for code in Set(city.compactMap { $0.split(separator: "\"").dropFirst().first.map(String.init) }) {
            #expect(html.contains("<option value=\"\(code)\">"), "\(code)")
        }
    }

    @Test func theRootIndexLinksEveryStepPageAndEachCountyRootAndACountyRootOnlyItsOwn() throws {
        let s = try DistrictEditionJobTests.story.get()
        let root = Set(Self.links(Self.text(s.withRootPages["index.html"])))
        #expect(root.isSuperset(of: [Self.day + "index.html", Self.week + "index.html"]))
        for code in s.districts {
            #expect(root.contains("districts/\(code)/index.html"))
            let county = Self.links(Self.text(s.withRootPages["districts/\(code)/index.html"]))
            #expect(county.contains(Self.day + "index.html") && county.contains(Self.week + "index.html"))
            #expect(!county.contains { $0.hasPrefix("districts/") || $0.hasPrefix("..") })
        }
    }

    /// The root page sorts what it lists (newest first per kind): the same folders, in any order
    /// found, give the same bytes; a folder without a page has its files linked instead.
    @Test func theRootIndexIsTheSameForTheSameFoldersInAnyOrder() {
        let a = PortalListing.Folder(path: "daily/2026-06-07", files: ["index.html", "日报_2026-06-07.xlsx"])
        let b = PortalListing.Folder(path: "daily/2026-06-06", files: ["a#b.pdf"])
        let name = { (c: String) in c == "1" ? "<东区>" : c }
        let one = PortalIndex.render(PortalListing(folders: [a, b], districts: ["1"], alarms: []), edition: nil, districtName: name)
        let two = PortalIndex.render(PortalListing(folders: [b, a], districts: ["1"], alarms: []), edition: nil, districtName: name)
        #expect(one == two)
        #expect(one.range(of: "2026-06-07")!.lowerBound < one.range(of: "2026-06-06")!.lowerBound)
        #expect(one.contains("<a href=\"daily/2026-06-06/a%23b.pdf\">a#b.pdf</a>"))
        #expect(one.contains("&lt;东区&gt;（1）"))
        #expect(!one.contains("<东区>"))
    }

    @Test func htmlTextEscapesMarkupAndPercentEncodesLinks() {
        #expect(HTMLText.escape("A&B <script>\"x\"'") == "A&amp;B &lt;script&gt;&quot;x&quot;&#39;")
        #expect(HTMLText.href("日报 1?.xlsx") == "%E6%97%A5%E6%8A%A5%201%3F.xlsx")
        #expect(HTMLText.href("../../index.html") == "../../index.html")
    }
}
