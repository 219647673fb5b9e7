import Accounting
import Charts
import Foundation
import PEMSCore
import Testing
import TestSupport

/// The evidence pages of the SPEC 2 events (非现场执法): what the chart builder draws and what
/// the facts say, for events and slot values built by hand as the computation documents them
/// (EventRecord.swift), and the pages rendered through poppler.
@Suite struct EvidencePageTests {
    static let day = Day("2024-07-09")!
    static func t(_ s: String) -> Timestamp { Timestamp("2024-07-09 " + s)! }
    static func slot(_ s: String) -> Int { Int(t(s + ":00").secondOfDay) / 900 }

    static let registry = Registry(
        districts: [District(code: "130602", name: "竞秀区")],
        enterprises: [Enterprise(id: "E1", name: "示例企业", districtCode: "130602", industry: .plastics)],
        facilities: [Facility(id: "P1", enterpriseID: "E1", kind: .production, name: "注塑线1"),
                     Facility(id: "P2", enterpriseID: "E1", kind: .production, name: "注塑线2"),
                     Facility(id: "T1", enterpriseID: "E1", kind: .treatment, name: "活性炭箱")],
        points: [Point(id: "P1-a", enterpriseID: "E1", mn: "MN1", code: "pg0001", kind: .production, facilityID: "P1", thresholdKW: 15),
                 Point(id: "P2-a", enterpriseID: "E1", mn: "MN1", code: "pg0002", kind: .production, facilityID: "P2", thresholdKW: 12),
                 Point(id: "T1-A", enterpriseID: "E1", mn: "MN1", code: "t10001", kind: .treatment, facilityID: "T1", thresholdKW: 1)],
        links: [Link(productionFacilityID: "P1", treatmentFacilityID: "T1"),
                Link(productionFacilityID: "P2", treatmentFacilityID: "T1")])

    /// Σ of P1 and P2 (130 kW mean) over Σ ratio × baseline = 108 kW, 08:00–10:00.
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

    static let stopRuns = ["04:00", "04:45", "05:30", "06:15"]

    /// P1 ran 15 minutes of every 45 from 04:00 to 06:30 under a stop order: four runs, 60 minutes.
    static var cumulativeStop: EventRecord {
        var ev = EventEvidence()
        ev.violatingSlots = 4
        ev.violatingRuns = stopRuns.map { EventSpan(start: t($0 + ":00"), end: t($0 + ":00").adding(seconds: 900)) }
        ev.meanPowerKW = 40
        ev.responseIDs = ["R2"]
        ev.levels = ["red"]
        return EventRecord(rule: .stopViolation, enterpriseID: "E1", facilityID: "P1", start: t("04:00:00"), end: t("06:30:00"),
                           minutes: 150, violatingMinutes: 60, evidence: ev)
    }

    /// T1 declared down for 布袋更换 13:00–18:00; its production ran 14:00–15:30.
    static var exemptionBreach: EventRecord {
        var ev = EventEvidence()
        ev.violatingSlots = 6
        ev.exemption = ExemptionNote(start: t("13:00:00"), end: t("18:00:00"), reason: "布袋更换")
        return EventRecord(rule: .exemptionBreach, enterpriseID: "E1", facilityID: "T1", start: t("14:00:00"), end: t("15:30:00"),
                           minutes: 90, violatingMinutes: 90, evidence: ev)
    }

    /// T1 drew 3 kW, under 20 % of its 25 kW baseline, 20:00–21:00 while P1 ran.
    static var idleTreatment: EventRecord {
        var ev = EventEvidence()
        ev.violatingSlots = 4
        ev.meanPowerKW = 3
        ev.baselinePowerKW = 25
        ev.ratio = 0.2
        ev.allowedPowerKW = 5
        return EventRecord(rule: .treatmentStopped, enterpriseID: "E1", facilityID: "T1", start: t("20:00:00"), end: t("21:00:00"),
                           minutes: 60, violatingMinutes: 60, evidence: ev)
    }

    /// Slot values of the day: P1 and P2 at 70 and 60 kW 08:00–10:00 (P2 missing at 09:00),
    /// P1 at 40 kW in the stop runs, 50 kW 14:00–15:30 and 20:00–21:00; T1 at 25 kW while
    /// production runs, 0.4 kW during the breach, 3 kW idle.
    static var evidenceDay: EvidenceDay {
        var p1 = [Double](repeating: 0, count: 96), p2 = [Double](repeating: 0, count: 96), t1 = [Double](repeating: 0, count: 96)
        for k in slot("08:00")..<slot("10:00") { p1[k] = 70; p2[k] = 60; t1[k] = 25 }
        p2[slot("09:00")] = .nan
        for r in stopRuns { p1[slot(r)] = 40 }
        for k in slot("14:00")..<slot("15:30") { p1[k] = 50; t1[k] = 0.4 }
        for k in slot("20:00")..<slot("21:00") { p1[k] = 50; t1[k] = 3 }
        return EvidenceDay(day: day, slotMinutes: 15, values: ["P1-a": p1, "P2-a": p2, "T1-A": t1])
    }

    static var pack: EvidencePack {
        var days: [FacilityDayRecord] = []
        for (id, kind, baseline) in [("P1", FacilityKind.production, 120.0), ("P2", .production, 80), ("T1", .treatment, 25)] {
            var f = FacilityDayRecord(date: day, facilityID: id, enterpriseID: "E1", kind: kind, completeness: 1,
                                      runningMinutes: 300, energyKWh: 100)
            f.baselinePowerKW = baseline
            days.append(f)
        }
        let events = [enterpriseLimit, cumulativeStop, exemptionBreach, idleTreatment]
        let result = ComputationResult(from: day, to: day, settings: Settings(), registryVersion: 1, registry: registry,
                                       facilityDays: days, events: events, dq: [], carbonDays: [], responseBaselines: [],
                                       streamedFrom: day, facilityDaysComputed: 3)
        return EvidencePack(result: result, events: events, days: [day: evidenceDay])
    }

    /// The chart drawn on a PNG canvas, with its power plot.
    static func drawn(_ chart: EvidenceChart) throws -> (Canvas, Rect) {
        let (w, h) = chart.preferredSize
        let canvas = try Canvas(format: .png, width: w, height: h, scale: 2)
        let rect = Rect(x: 12, y: 10, w: w - 26, h: h - 20)
        chart.draw(on: canvas, in: rect)
        return (canvas, chart.plots(on: canvas, in: rect).power)
    }

    /// Share of a vertical line through the power plot at time `s` painted `colour`.
    static func share(_ canvas: Canvas, _ plot: Rect, at s: String, _ colour: RGB) -> Double {
        let x = EvidenceChart.x(t(s + ":00"), day: day, plot: plot)
        let ys = Array(stride(from: plot.y + 30, to: plot.maxY - 2, by: 1.0))
        return Double(ys.filter { ChartTests.close(canvas.pixel(x: x, y: $0), colour, tolerance: 0.03) }.count) / Double(ys.count)
    }

    @Test func anEnterpriseLevelLimitChartDrawsTheSumOfTheLimitedLinesAgainstTheLimitLine() throws {
        let chart = Self.pack.chart(Self.enterpriseLimit)
        #expect(chart.title == "示例企业 · 全厂限产设备 · 未按规定限产")
        let sum = try #require(chart.power.first, "the sum is the first line")
        #expect(sum.label == "限产设备合计功率（注塑线1、注塑线2）")
        let k = Self.slot("08:30")
        #expect(sum.values[k] == 130)
        #expect(sum.values[Self.slot("09:00")].isNaN, "a slot where one limited line is missing has no sum")
        #expect(sum.values[Self.slot("12:00")] == 0)
        #expect(chart.power.dropFirst().map(\.label) == ["生产设施 注塑线1", "生产设施 注塑线2"])
        #expect(!chart.power.contains { $0.label.hasPrefix("治理设施") })
        let allowed = try #require(chart.levels.first { $0.value == 108 })
        #expect(allowed.label == "合计允许功率 Σ(比例×基线) 108.0 kW")
        #expect(chart.levels.contains { $0.value == 200 && $0.label == "基线运行功率合计 200.0 kW" })
        let facts = Dictionary(Self.pack.facts(Self.enterpriseLimit), uniquingKeysWith: { a, _ in a })
        #expect(facts["设施"] == "全厂限产设备：注塑线1（P1）、注塑线2（P2）")
        #expect(facts["判定"] == "限产设备合计功率 > 合计允许功率（各设施限产比例 × 基线之和）")
        #expect(facts["违规时长"] == "90 分钟")
    }

    @Test func aCumulativeStopChartShadesEachViolatingRunAndNotTheGapsBetweenThem() throws {
        let chart = Self.pack.chart(Self.cumulativeStop)
        let main = try #require(chart.spans.first { $0.main })
        #expect(main.runs.map { TimeAxis.clock($0.start) } == Self.stopRuns)
        #expect(main.label == "未按规定停产 04:00–06:30 累计运行 60 分钟（4 段）")
        let (canvas, plot) = try Self.drawn(chart)
        let shade = Palette.background.mixed(with: Palette.alarm, 0.16)
        for r in Self.stopRuns {
            let mid = TimeAxis.clock(Self.t(r + ":00").adding(seconds: 450))
            #expect(Self.share(canvas, plot, at: mid, shade) > 0.5, "run at \(r)")
        }
        #expect(Self.share(canvas, plot, at: "04:30", shade) == 0, "the gap between two runs")
        #expect(Self.share(canvas, plot, at: "05:15", shade) == 0, "the gap between two runs")
        _ = try canvas.finish()
        let facts = Dictionary(Self.pack.facts(Self.cumulativeStop), uniquingKeysWith: { a, _ in a })
        #expect(facts["违规运行段"] == "4 段，累计 60 分钟：04:00–04:15、04:45–05:00、05:30–05:45、06:15–06:30")
    }

    @Test func anExemptionBreachChartShadesTheExemptionAndShowsTheProductionPowerAndTheReason() throws {
        let chart = Self.pack.chart(Self.exemptionBreach)
        let exemption = try #require(chart.exemption)
        #expect(exemption.start == Self.t("13:00:00") && exemption.end == Self.t("18:00:00"))
        #expect(exemption.label == "报备期 13:00–18:00：布袋更换")
        let production = try #require(chart.power.first { $0.label == "生产设施 注塑线1" })
        #expect(production.values[Self.slot("14:30")] == 50)
        let (canvas, plot) = try Self.drawn(chart)
        let shade = Palette.background.mixed(with: EvidenceChart.exemptionColor, EvidenceChart.exemptionAlpha)
        #expect(Self.share(canvas, plot, at: "16:30", shade) > 0.5, "inside the exemption, after the event")
        #expect(Self.share(canvas, plot, at: "12:00", shade) == 0, "before the exemption")
        _ = try canvas.finish()
        let facts = Dictionary(Self.pack.facts(Self.exemptionBreach), uniquingKeysWith: { a, _ in a })
        #expect(facts["报备"] == "2024-07-09 13:00 至 2024-07-09 18:00，布袋更换")
        #expect(facts["判定"] == "报备期间对应生产设施运行，未同步停运")
    }

    @Test func anIdleTreatmentChartDrawsTheTwentyPercentLine() throws {
        let chart = Self.pack.chart(Self.idleTreatment)
        let idle = try #require(chart.levels.first { $0.label.contains("20%") })
        #expect(idle.value == 5)
        #expect(idle.label == "空转判定线 20% × 基线 = 5.0 kW")
        #expect(chart.levels.filter { $0.value == 5 }.count == 1, "the allowed power of an idle event is the idle line, drawn once")
        #expect(chart.band.map { $0.hi } == 25)
        let facts = Dictionary(Self.pack.facts(Self.idleTreatment), uniquingKeysWith: { a, _ in a })
        #expect(facts["空转判定"] == "功率低于五日基线 25.0 kW 的 20%（5.0 kW）即视为停运")
    }

    /// One page of each new kind as PNG (pdftoppm -r 80), with its Chinese facts extractable.
    /// `PEMS_KEEP_EVIDENCE=DIR` keeps the PDF and PNGs there to look at.
    @Test func onePageOfEachNewKindRendersToPNG() throws {
        let dir = try ChartTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdf = dir.appendingPathComponent("evidence.pdf")
        try Data(try Self.pack.render()).write(to: pdf)
        _ = try Poppler.run("pdftoppm", ["-png", "-r", "80", pdf.path, dir.appendingPathComponent("page").path])
        let pages = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".png") }
        #expect(pages.count == 4)
        let text = try Poppler.run("pdftotext", [pdf.path, "-"])
        for s in ["全厂限产设备", "累计运行 60 分钟", "布袋更换", "空转判定线 20%"] { #expect(text.contains(s), "\(s)") }
        if let keep = ProcessInfo.processInfo.environment["PEMS_KEEP_EVIDENCE"] {
            for f in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
                let to = URL(fileURLWithPath: keep).appendingPathComponent(f)
                try? FileManager.default.removeItem(at: to)
                try FileManager.default.copyItem(at: dir.appendingPathComponent(f), to: to)
            }
        }
    }
}
