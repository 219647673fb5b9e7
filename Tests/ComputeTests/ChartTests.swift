import Accounting
import Charts
import Foundation
import PEMSCore
import Testing
import TestSupport

/// SPEC §10 charts, brief and evidence pack on the shared demo city (`DemoFixture`): what
/// poppler sees in the PDFs (embedded CJK font, extractable Chinese and numbers, every page
/// renderable), byte-identical reruns, and pixel facts of the drawn charts.
@Suite struct ChartTests {
    static func tempDir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("pems-charts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    static func close(_ a: RGB?, _ b: RGB, tolerance: Double = 0.02) -> Bool {
        guard let a else { return false }
        return abs(a.r - b.r) <= tolerance && abs(a.g - b.g) <= tolerance && abs(a.b - b.b) <= tolerance
    }

    static func facts() throws -> PeriodFacts { PeriodFacts(try DemoFixture.shared().result) }

    /// Emitted kg per district, summed here from the facility-days (not through the roll-up).
    static func emittedByDistrict(_ r: ComputationResult) -> [String: Double] {
        var out: [String: Double] = [:]
        for f in r.facilityDays where f.kind == .production {
            guard let e = r.registry.enterprise(id: f.enterpriseID) else { continue }
            out[e.districtCode, default: 0] += f.emittedKg ?? 0
        }
        return out
    }

    @Test func briefEmbedsTheCJKFontAndItsTextCarriesTheStoredNumbers() throws {
        let facts = try Self.facts()
        let r = facts.result
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("brief.pdf")
        try Data(try BriefDocument(facts).render()).write(to: url)

        let fonts = try Poppler.run("pdffonts", [url.path])
        let cjk = fonts.split(separator: "\n").filter { $0.contains("NotoSansCJKsc") }
        #expect(cjk.count == 2)  // Regular and Bold
        for line in cjk {
            let cols = line.split(separator: " ", omittingEmptySubsequences: true)
            #expect(cols.suffix(5).prefix(3) == ["yes", "yes", "yes"], "emb sub uni: \(line)")
        }

        let text = try Poppler.run("pdftotext", [url.path, "-"]).filter { !$0.isWhitespace }
        let emitted = r.facilityDays.filter { $0.kind == .production }.reduce(0) { $0 + ($1.emittedKg ?? 0) }
        #expect(emitted > 1000)
        #expect(text.contains("全市VOCs排放量" + String(format: "%.2f", emitted / 1000) + "吨"))
        #expect(text.contains("共发现异常事件\(r.events.count)起"))
        let byDistrict = Self.emittedByDistrict(r)
        let top = try #require(byDistrict.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) })
        let topName = r.registry.district(code: top.key)?.name ?? top.key
        #expect(text.contains("排放量最大的区县为\(topName)"))
        for p in 1...BriefDocument.pageCount { #expect(text.contains("第\(p)/\(BriefDocument.pageCount)页")) }
        #expect(text.contains("报告期2026-06-01至2026-06-14"))
        #expect(text.contains("生成时间2026-06-1500:00"))
    }

    @Test func everyPageOfTheBriefAndTheEvidencePackRenders() throws {
        let demo = try DemoFixture.shared()
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let brief = dir.appendingPathComponent("brief.pdf"), pack = dir.appendingPathComponent("evidence.pdf")
        try Data(try BriefDocument(try Self.facts()).render()).write(to: brief)
        try Data(try demo.evidence.render()).write(to: pack)
        _ = try Poppler.run("pdftoppm", ["-r", "20", "-png", brief.path, dir.appendingPathComponent("b").path])
        _ = try Poppler.run("pdftoppm", ["-r", "20", "-png", pack.path, dir.appendingPathComponent("e").path])
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(files.filter { $0.hasPrefix("b-") && $0.hasSuffix(".png") }.count == BriefDocument.pageCount)
        #expect(demo.evidence.events.count == demo.result.events.count)
        #expect(files.filter { $0.hasPrefix("e-") && $0.hasSuffix(".png") }.count == demo.result.events.count)
        // Each evidence page names its event.
        let text = try Poppler.run("pdftotext", [pack.path, "-"])
        for e in demo.result.events { #expect(text.contains(EventID.of(e))) }
    }

    @Test func sameInputsGiveByteIdenticalPDFsAndPNGsDatedByThePeriod() throws {
        let demo = try DemoFixture.shared()
        let a = try BriefDocument(try Self.facts()).render(), b = try BriefDocument(try Self.facts()).render()
        #expect(a == b)
        #expect(String(decoding: a, as: UTF8.self).contains("/CreationDate (20260615000000+08'00)"))
        #expect(try demo.evidence.render() == demo.evidence.render())
        let ranking = DistrictRankingChart(try Self.facts())
        let png1 = try ranking.render(.png, pdfDate: "x"), png2 = try ranking.render(.png, pdfDate: "x")
        #expect(png1 == png2)
        #expect(Array(png1.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
    }

    @Test func longestEmissionBarBelongsToTheTopDistrict() throws {
        let facts = try Self.facts()
        let chart = DistrictRankingChart(facts)
        let (w, h) = chart.preferredSize
        let canvas = try Canvas(format: .png, width: w, height: h, scale: 2)
        let rect = Rect(x: 12, y: 10, w: w - 26, h: h - 20)
        chart.draw(on: canvas, in: rect)
        let panel = chart.panels[0]
        let layout = panel.layout(on: canvas, in: chart.panelRects(in: rect)[0])
        let bars = layout.bars.compactMap { $0 }
        #expect(bars.count == facts.registry.districts.count)
        let widest = try #require(bars.indices.max { bars[$0].w < bars[$1].w })
        #expect(widest == 0)
        let byDistrict = Self.emittedByDistrict(facts.result)
        let top = try #require(byDistrict.max { $0.value < $1.value })
        #expect(panel.items[0].label == facts.districtName(top.key))
        // Pixels: the end of the top bar is bar-coloured; the same x in the second row is not,
        // nor just past the top bar's end.
        #expect(bars[0].w - bars[1].w > 3)
        let x = bars[0].maxX - 1.5
        #expect(Self.close(canvas.pixel(x: x, y: bars[0].midY), Palette.primary))
        #expect(!Self.close(canvas.pixel(x: x, y: bars[1].midY), Palette.primary))
        #expect(!Self.close(canvas.pixel(x: bars[0].maxX + 1.5, y: bars[0].midY), Palette.primary))
        _ = try canvas.finish()
    }

    @Test func evidenceChartShadesTheEventSpanAndNothingOutsideIt() throws {
        let demo = try DemoFixture.shared()
        let pack = demo.evidence
        let e = try #require(pack.events.first { $0.rule == .treatmentStopped && $0.start.day == $0.end.day })
        let chart = pack.chart(e)
        // The chart has the treatment and production power (present slots) and the baseline band.
        #expect(chart.power.contains { $0.label.hasPrefix("治理设施") && $0.values.contains { !$0.isNaN } })
        #expect(chart.power.contains { $0.label.hasPrefix("生产设施") })
        #expect(chart.band != nil)
        let (w, h) = chart.preferredSize
        let canvas = try Canvas(format: .png, width: w, height: h, scale: 2)
        let rect = Rect(x: 12, y: 10, w: w - 26, h: h - 20)
        chart.draw(on: canvas, in: rect)
        let plot = chart.plots(on: canvas, in: rect).power
        let shade = Palette.background.mixed(with: Palette.alarm, 0.16)
        func shadedShare(at x: Double) -> Double {
            let ys = stride(from: plot.y + 8, to: plot.maxY - 2, by: 1.0).map { $0 }
            return Double(ys.filter { Self.close(canvas.pixel(x: x, y: $0), shade, tolerance: 0.03) }.count) / Double(ys.count)
        }
        let mid = Timestamp(seconds: (e.start.seconds + e.end.seconds) / 2)
        #expect(shadedShare(at: EvidenceChart.x(mid, day: chart.day, plot: plot)) > 0.5)
        // An hour no event of the enterprise covers: no shading at all.
        let free = try #require((0..<24).first { h in
            let t = Timestamp(seconds: chart.day.start.seconds + Int64(h * 3600 + 1800))
            return !chart.spans.contains { $0.start <= t.adding(seconds: -1800) && $0.end >= t.adding(seconds: 1800) || ($0.start <= t && $0.end > t) }
        })
        let t = Timestamp(seconds: chart.day.start.seconds + Int64(free * 3600 + 1800))
        #expect(shadedShare(at: EvidenceChart.x(t, day: chart.day, plot: plot)) == 0)
        _ = try canvas.finish()
    }

    /// No empty boxes and no refused report (issue 13): a character no installed font has
    /// (U+0378 is unassigned) is drawn as U+FFFD and reported; 𓀀 falls back to Noto Sans
    /// Egyptian Hieroglyphs (fonts-noto-core), and everyday text raises nothing.
    @Test func aStringNoInstalledFontCanShowIsDrawnWithAPlaceholderAndAWarning() throws {
        try ChartFont.verify()
        let canvas = try Canvas(format: .png, width: 100, height: 40)
        canvas.text("排放 \u{0378}", x: 4, y: 20, size: 10)
        canvas.text("排放 𓀀", x: 4, y: 32, size: 10)
        #expect(try canvas.finish().count > 100)
        #expect(canvas.warnings == [TextWarning(text: "排放 \u{0378}", replaced: ["\u{0378}"])])
        let ok = try Canvas(format: .pdf, width: 100, height: 40)
        ok.text("排放量 12.3 吨", x: 4, y: 20, size: 10)
        #expect(try ok.finish().count > 1000)
        #expect(ok.warnings.isEmpty)
    }

    @Test func ticksAreRoundNumbersCoveringTheData() {
        let t = Ticks(lo: 0, hi: 4.44, target: 5)
        #expect(t.step == 1)
        #expect(t.values == [0, 1, 2, 3, 4, 5])
        let r = Ticks(lo: 0, hi: 0.93, target: 5)
        #expect(abs(r.step - 0.2) < 1e-12)
        #expect(abs(r.hi - 1.0) < 1e-12)
        #expect(r.label(0.4) == "0.4")
        #expect(Ticks(lo: 0, hi: 1530, target: 5).values.last == 2000)
    }

    @Test func eventIDsAreUniqueAndNameRuleSubjectAndCSTStart() throws {
        let r = try DemoFixture.shared().result
        let ids = r.events.map(EventID.of)
        #expect(Set(ids).count == ids.count)
        let e = try #require(r.events.first { $0.facilityID != nil })
        let c = e.start.day.civil
        let s = e.start.secondOfDay
        let expected = "\(e.rule.rawValue).\(e.facilityID ?? "")." + String(format: "%04d%02d%02dT%02d%02d", c.year, c.month, c.day, s / 3600, s % 3600 / 60)
        #expect(EventID.of(e) == expected)
        #expect(EvidencePack.select(r.events, id: expected).count == 1)
    }

    @Test func trendCityLineIsEachDaysEmittedSumAndShadesTheOrangeResponse() throws {
        let facts = try Self.facts()
        let r = facts.result
        let trend = TrendChart(facts)
        #expect(trend.dates.count == 14)
        for (i, d) in trend.dates.enumerated() {
            let sum = r.facilityDays.filter { $0.date == d && $0.kind == .production }.reduce(0) { $0 + ($1.emittedKg ?? 0) }
            #expect(abs(trend.city.values[i] - sum) <= 1e-6 * max(1, sum))
        }
        #expect(trend.districts.count == r.registry.districts.count)
        let explicit = r.registry.responses.filter { $0.start < r.to.adding(days: 1).start && $0.end > r.from.start }
        #expect(trend.responses.count == explicit.count)
        #expect(!explicit.isEmpty)
    }

    @Test func mapAndHeatMapStatusesFollowTheEvents() throws {
        let facts = try Self.facts()
        let events = facts.result.events
        let map = EnterpriseMapChart(facts)
        let offline = Set(events.filter { $0.rule == .offline }.map(\.enterpriseID))
        let alarm = Set(events.map(\.enterpriseID)).subtracting(offline)
        #expect(!offline.isEmpty)
        #expect(map.dots.filter { $0.status == .offline }.count == offline.count)
        #expect(map.dots.filter { $0.status == .alarm }.count == alarm.count)
        #expect(map.dots.count + map.withoutCoordinates == facts.registry.enterprises.count)

        let heat = TreatmentHeatMapChart(facts, maxRows: 100)
        let treatment: Set<AnomalyRule> = [.treatmentStopped, .treatmentIneffective, .treatmentLow]
        // Every enterprise with a treatment event has a row (short episodes may add more).
        let rowLabels = Set(heat.rows.map(\.label))
        for id in Set(events.filter { treatment.contains($0.rule) }.map(\.enterpriseID)) {
            #expect(rowLabels.contains(facts.enterpriseName(id)), "no heat-map row for \(id)")
        }
        // An enterprise whose treatment stopped (minutes in facility_day) has a 停运 cell.
        let stoppedEnterprises = Set(facts.result.facilityDays.filter { ($0.stoppedMinutes ?? 0) > 0 }.map(\.enterpriseID))
        #expect(!stoppedEnterprises.isEmpty)
        for id in stoppedEnterprises {
            let r = heat.rows.first { $0.label == facts.enterpriseName(id) }
            #expect(r?.cells.contains { $0.condition == .stopped } == true, "\(id) stopped but no 停运 cell")
        }
        let stopped = try #require(events.first { $0.rule == .treatmentStopped && $0.start.day == $0.end.day })
        let row = try #require(heat.rows.first { $0.label == facts.enterpriseName(stopped.enterpriseID) })
        let hour = stopped.start.secondOfDay / 3600
        #expect(row.cells[hour].condition == .stopped)
        #expect(row.cells[hour].days >= 1)
    }
}
