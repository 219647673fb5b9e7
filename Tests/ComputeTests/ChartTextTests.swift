import Accounting
@testable import Charts
import Foundation
import PEMSCore
import Testing
import TestSupport

/// Registry text in the charts, the brief and the evidence pack (issue 13): names in Uyghur,
/// Tibetan or Mongolian script and emoji are drawn through font fallback and shaping; control
/// characters, bidi overrides and characters no installed font has are drawn as a visible
/// placeholder and reported as warnings — the render never fails for them, and the same text
/// still gives the same bytes.
@Suite struct ChartTextTests {
    static let uyghur = "قەشقەر توقۇمىچىلىق زاۋۇتى"
    static let tibetan = "ལྷ་ས་ 水泥厂"
    static let mongolian = "ᠮᠣᠩᠭᠣᠯ 乳业"
    static let emoji = "🏭 新材料有限公司"
    /// 👁️‍🗨️: eye, VS16, ZWJ, left speech bubble, VS16.
    static let zwjSequence = "\u{1F441}\u{FE0F}\u{200D}\u{1F5E8}\u{FE0F} 视界科技"
    static let rlo = "\u{202E}司公限有料塑"
    static let esc = "华\u{1B}[31m北化工"
    static let del = "东方\u{7F}涂装"

    /// Names every installed script font can draw (Jobs/setup: fonts-noto-cjk, fonts-noto-core).
    static let drawable = [uyghur, tibetan, mongolian, emoji, zwjSequence]
    /// Names with characters no font draws (ESC, DEL, RLO).
    static let undrawable = [rlo, esc, del]

    /// Ink (non-background) pixels in the band of a text line drawn with its baseline at `y`.
    static func ink(_ canvas: Canvas, y: Double, size: Double, width: Double) -> Int {
        var n = 0
        for x in stride(from: 0.0, to: width, by: 0.5) {
            for dy in stride(from: -size, to: size * 0.3, by: 0.5) {
                if let p = canvas.pixel(x: x, y: y + dy), p != Palette.background { n += 1 }
            }
        }
        return n
    }

    @Test func uyghurTibetanMongolianAndEmojiAreDrawnThroughFallbackFonts() throws {
        try ChartFont.verify()
        for format in ChartFormat.allCases {
            let canvas = try Canvas(format: format, width: 420, height: 30 + 26 * Double(Self.drawable.count))
            for (i, s) in Self.drawable.enumerated() {
                canvas.text(s, x: 8, y: 24 + 26 * Double(i), size: 13)
            }
            if format == .png {
                for (i, s) in Self.drawable.enumerated() {
                    #expect(Self.ink(canvas, y: 24 + 26 * Double(i), size: 13, width: 420) > 50, "nothing drawn for \(s)")
                }
            }
            #expect(try canvas.finish().count > 1000)
            #expect(canvas.warnings.isEmpty, "\(canvas.warnings)")
        }
    }

    /// ESC, DEL and RLO are replaced before shaping; U+0378 (unassigned: in no font) after it.
    @Test func controlCharactersBidiOverridesAndCharactersInNoFontAreDrawnAsU_FFFDWithAWarning() throws {
        let unassigned = "排放\u{0378}量"
        let dir = try ChartTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let canvas = try Canvas(format: .pdf, width: 300, height: 120)
        for (i, s) in (Self.undrawable + [unassigned, Self.esc]).enumerated() {
            canvas.text(s, x: 4, y: 20 + 20 * Double(i), size: 10)
        }
        let url = dir.appendingPathComponent("t.pdf")
        try Data(try canvas.finish()).write(to: url)
        // One warning per text (ESC's text was drawn twice), naming what was replaced.
        #expect(canvas.warnings == [TextWarning(text: Self.rlo, replaced: ["\u{202E}"]),
                                    TextWarning(text: Self.esc, replaced: ["\u{1B}"]),
                                    TextWarning(text: Self.del, replaced: ["\u{7F}"]),
                                    TextWarning(text: unassigned, replaced: ["\u{0378}"])])
        // The message shows the controls escaped, never raw.
        let message = canvas.warnings[1].description
        #expect(message == "text '华\\u{1B}[31m北化工' has characters no installed font can draw (U+001B): drawn as U+FFFD")
        #expect(!message.unicodeScalars.contains { $0.properties.generalCategory == .control })
        // What a reader of the PDF gets: the placeholder where each character was, the rest in
        // logical order (the RLO reversed nothing).
        let text = try Poppler.run("pdftotext", [url.path, "-"])
        for expected in ["\u{FFFD}司公限有料塑", "华\u{FFFD}[31m北化工", "东方\u{FFFD}涂装", "排放\u{FFFD}量"] {
            #expect(text.contains(expected), "\(expected) not in \(text)")
        }
    }

    @Test func verifyFailsLoudlyWhenTheCJKFamilyItselfIsMissing() throws {
        try ChartFont.verify()
        #expect(throws: ChartError.fontMissing(family: "Noto Sans CJK ZZ", text: "工况用电监控排放量吨公斤同步率区县 0123456789.%kWh")) {
            try ChartFont.verify(family: "Noto Sans CJK ZZ")
        }
    }

    /// Uyghur is written with spaces between words: a line may break only there.
    @Test func wrappingNeverBreaksInsideAUyghurWord() throws {
        let canvas = try Canvas(format: .png, width: 200, height: 100)
        let text = Array(repeating: Self.uyghur, count: 4).joined(separator: " ")
        let words = Set(text.split(separator: " ").map(String.init))
        let lines = canvas.wrapped(text, maxWidth: 120, size: 9)
        #expect(lines.count > 1)
        for line in lines {
            for w in line.split(separator: " ") { #expect(words.contains(String(w)), "'\(w)' is not a whole word") }
        }
        #expect(lines.joined(separator: " ").split(separator: " ") == text.split(separator: " "))
    }

    /// Wrapping is greedy by tokens: every line but the last fits and would not fit with the
    /// next token, no token is split unless it alone is wider than a line, and the lines put
    /// back together (with the spaces a break swallowed) are the text — at several widths, for
    /// Chinese with numbers, ids and closing marks.
    @Test func wrappingFillsEachLineGreedilyAndLosesNothing() throws {
        let canvas = try Canvas(format: .png, width: 200, height: 100)
        let text = "生产线 E0001-P3 在 2026-06-03 08:15 至 11:45 运行，治理设施 E0001-T1 同步率 37.5%，"
            + "累计运行 90 分钟（6 段）；限产比例 0.600，Σ功率 412.345 kW 高于 Σ(比例×基线) 380.120 kW。"
        let tokens = Canvas.wrapTokens(text)
        #expect(tokens.joined() == text)
        for width in [60.0, 90, 140, 230, 400] {
            let lines = canvas.wrapped(text, maxWidth: width, size: 9)
            #expect(lines.count > 1, "\(width)")
            var rest = text[...]
            for (k, line) in lines.enumerated() {
                if k > 0, rest.hasPrefix(" "), !line.hasPrefix(" ") { rest = rest.dropFirst() }
                #expect(rest.hasPrefix(line), "\(width): line \(k) '\(line)' is not the next part of the text")
                rest = rest.dropFirst(line.count)
                guard k < lines.count - 1 else { continue }
                #expect(canvas.textWidth(line, size: 9) <= width, "\(width): line \(k) '\(line)' is too wide")
                // The next token would not have fitted (a token ends this line exactly).
                let next = Canvas.wrapTokens(String(rest)).first ?? ""
                if Canvas.wrapTokens(line).allSatisfy({ canvas.textWidth($0, size: 9) <= width }) {
                    #expect(canvas.textWidth(line + next, size: 9) > width, "\(width): '\(next)' fits after line \(k)")
                }
            }
            #expect(rest.isEmpty, "\(width): '\(rest)' left over")
        }
        #expect(canvas.wrapped(text, maxWidth: 10_000, size: 9) == [text])
        #expect(canvas.wrapped("", maxWidth: 100, size: 9).isEmpty)
    }

    /// The shared demo result with the first problem enterprises of the brief renamed.
    static func renamedFacts() throws -> PeriodFacts {
        let base = try DemoFixture.shared().result
        let top = BriefDocument(PeriodFacts(base)).content.problems.map(\.enterpriseID)
        let names = drawable + undrawable
        var rename: [String: String] = [:]
        for (id, name) in zip(top, names) { rename[id] = name }
        #expect(rename.count == names.count)
        let r = base.registry
        var result = base
        result.registry = Registry(districts: r.districts, enterprises: r.enterprises.map { e in
            var e = e
            e.name = rename[e.id] ?? e.name
            return e
        }, collectors: r.collectors, facilities: r.facilities, points: r.points, links: r.links, plans: r.plans,
        responses: r.responses, weather: r.weather, exemptions: r.exemptions, carbonReplacements: r.carbonReplacements,
        targets: r.targets)
        return PeriodFacts(result)
    }

    @Test func aBriefWithEnterpriseNamesInEveryScriptRendersTheSameBytesTwice() throws {
        let facts = try Self.renamedFacts()
        #expect(BriefDocument(facts).content.problems.first?.name == Self.uyghur)
        let rendered = try BriefDocument(facts).rendered()
        let a = rendered.bytes, b = try BriefDocument(facts).render()
        #expect(a == b)
        // Warnings: only the texts with ESC, DEL or RLO, each naming just that character.
        let bad: [Character: String] = ["\u{1B}": Self.esc, "\u{7F}": Self.del, "\u{202E}": Self.rlo]
        #expect(Set(rendered.warnings.flatMap(\.replaced)) == ["\u{1B}", "\u{7F}", "\u{202E}"])
        for w in rendered.warnings {
            #expect(w.replaced.count == 1)
            let name = try #require(w.replaced.first.flatMap { bad[Character($0)] })
            #expect(w.text.contains(name), "\(w)")
        }
        #expect(Set(rendered.warnings.map(\.text)).count == rendered.warnings.count)
        // The PDF embeds a subset of each script's font.
        let dir = try ChartTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("brief.pdf")
        try Data(a).write(to: url)
        let fonts = try Poppler.run("pdffonts", [url.path]).split(separator: "\n").dropFirst(2)
        for family in ["NotoSansCJKsc-Regular", "NotoSansCJKsc-Bold", "NotoSansArabic", "NotoSerifTibetan", "NotoSansMongolian"] {
            #expect(fonts.contains { $0.contains(family) }, "no \(family) in \(fonts)")
        }
        for line in fonts {
            let cols = line.split(separator: " ", omittingEmptySubsequences: true)
            #expect(cols.suffix(5).prefix(3) == ["yes", "yes", "yes"], "emb sub uni: \(line)")
        }
        let p1 = try BriefDocument(facts).renderPage(3), p2 = try BriefDocument(facts).renderPage(3)
        #expect(p1 == p2)
        let heat = TreatmentHeatMapChart(facts, maxRows: 20)
        #expect(try heat.render(.png, pdfDate: facts.pinnedDate) == heat.render(.png, pdfDate: facts.pinnedDate))
        #expect(try heat.render(.pdf, pdfDate: facts.pinnedDate) == heat.render(.pdf, pdfDate: facts.pinnedDate))
    }
}
