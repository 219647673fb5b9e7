import Accounting
import PEMSCore

/// The evidence pack for 非现场执法 (SPEC §7, §10; `pems evidence`): one A4 landscape PDF page
/// per event — the evidence chart of the event's day and the event's facts (ids, times in CST,
/// minutes, the powers, baseline, ratio, thresholds and sensor ranges that made it fire; SPEC 2:
/// the limited lines and their sum, the violating runs, the exemption, the idle line).
/// A county edition (`scope`) holds its district's events only.
public struct EvidencePack: Sendable {
    public static let width = PageFrame.height
    public static let height = PageFrame.width

    public let result: ComputationResult
    public let events: [EventRecord]
    /// The day every chart shows when the pack is for one day (events running into it from
    /// earlier days are drawn on it); nil: each event's own start day.
    public let chartDay: Day?
    /// Slot values per day shown.
    let days: [Day: EvidenceDay]
    /// The city's pack, or a county edition's.
    public let scope: ReportScope

    /// The pack of `events` of the computed period `result`, drawn with the slot values `days`
    /// that the computing side read for `wanted(…)` (`EvidenceDay.read`): the pack computes nothing.
    public init(result: ComputationResult, events: [EventRecord], days: [Day: EvidenceDay], day: Day? = nil,
                scope: ReportScope = .city) {
        self.result = result
        self.events = events.filter { scope.includes(enterpriseID: $0.enterpriseID, in: result.registry) }
            .sorted { EventID.of($0) < EventID.of($1) }
        chartDay = day
        self.days = days
        self.scope = scope
    }

    /// The county edition of this (the city's) pack: the district's events, drawn with the slot
    /// values already read for the city's (nothing is read again); none may be left.
    public func edition(_ scope: ReportScope) -> EvidencePack {
        EvidencePack(result: result, events: events, days: days, day: chartDay, scope: scope)
    }

    /// The days and points whose slot values the charts of `events` show (each event's start
    /// day within the period, or `day` for a one-day pack).
    public static func wanted(_ events: [EventRecord], result: ComputationResult, day: Day? = nil) -> [Day: Set<String>] {
        var wanted: [Day: Set<String>] = [:]
        for e in events {
            wanted[day ?? EvidenceChartBuilder.day(of: e, periodFrom: result.from), default: []]
                .formUnion(EvidenceChartBuilder.pointIDs(of: e, registry: result.registry))
        }
        return wanted
    }

    /// The events of `day` (overlapping it), or the one with `id`; of the enterprises of
    /// `scope` (a county edition's district) only, `registry` telling whose an enterprise is.
    public static func select(_ events: [EventRecord], id: String? = nil, day: Day? = nil, scope: ReportScope = .city,
                              registry: Registry = Registry()) -> [EventRecord] {
        events.filter { e in
            if !scope.includes(enterpriseID: e.enterpriseID, in: registry) { return false }
            if let id, EventID.of(e) != id { return false }
            if let day, !(e.start < day.adding(days: 1).start && e.end > day.start) { return false }
            return true
        }
    }

    /// The day `e`'s chart shows.
    public func day(of e: EventRecord) -> Day { chartDay ?? EvidenceChartBuilder.day(of: e, periodFrom: result.from) }

    public func chart(_ e: EventRecord) -> EvidenceChart {
        let d = day(of: e)
        let day = days[d] ?? EvidenceDay(day: d, slotMinutes: result.settings.slotMinutes, values: [:])
        return EvidenceChartBuilder.chart(e, registry: result.registry, settings: result.settings,
                                          facilityDays: result.facilityDays, events: result.events, day: day)
    }

    /// The PDF bytes (`rendered` also gives the text warnings).
    public func render() throws -> [UInt8] { try rendered().bytes }

    /// The PDF: one page per event, dated at the end of the computed period; and its text warnings.
    public func rendered() throws -> RenderedChart {
        guard !events.isEmpty else { throw ChartError.noData("no events selected") }
        let canvas = try Canvas(format: .pdf, width: Self.width, height: Self.height,
                                pdfDate: PeriodFacts.pinnedDate(result.to), title: "工况用电监控 异常事件证据包")
        for (i, e) in events.enumerated() {
            if i > 0 { canvas.newPage() }
            drawPage(e, index: i, on: canvas)
        }
        return try RenderedChart(finishing: canvas)
    }

    /// One page as PNG.
    public func renderPage(_ i: Int, scale: Double = 1.5) throws -> [UInt8] {
        let canvas = try Canvas(format: .png, width: Self.width, height: Self.height, scale: scale)
        drawPage(events[i], index: i, on: canvas)
        return try canvas.finish()
    }

    func drawPage(_ e: EventRecord, index: Int, on canvas: Canvas) {
        let m = 32.0
        let district = scope.districtCode.map { result.registry.district(code: $0)?.name ?? $0 }
        canvas.text((district.map { "\($0) · " } ?? "") + "异常事件证据 · 非现场执法", x: m, y: m - 6, size: 8, color: Palette.mutedInk)
        canvas.segment(m, m, Self.width - m, m, Palette.axis, width: 0.6)
        let footY = Self.height - m + 8
        canvas.segment(m, footY - 10, Self.width - m, footY - 10, Palette.axis, width: 0.6)
        canvas.text("数据期 \(result.from) 至 \(result.to) · 生成时间 \(result.to.adding(days: 1)) 00:00（北京时间，按数据期固定）· pems",
                    x: m, y: footY, size: 7.5, color: Palette.mutedInk)
        canvas.text("第 \(index + 1) / \(events.count) 页", x: Self.width - m, y: footY, size: 7.5, color: Palette.mutedInk, align: .right)
        let chartRect = Rect(x: m, y: m + 8, w: Self.width - 2 * m - 262, h: Self.height - 2 * m - 24)
        chart(e).draw(on: canvas, in: chartRect)
        let fx = chartRect.maxX + 16
        var y = PageFrame.heading(canvas, "事件要素", x: fx, y: m + 10, width: 246)
        for (k, v) in facts(e) {
            canvas.text(k, x: fx, y: y, size: 8, color: Palette.mutedInk, valign: .top)
            for line in canvas.wrapped(v, maxWidth: 246 - 58, size: 8) {
                canvas.text(line, x: fx + 58, y: y, size: 8, valign: .top)
                y += 12.5
            }
            y += 2
        }
    }

    /// A facility's §6 baseline running power on `day` (kW), from the computed facility-days.
    func baseline(of facility: String, on day: Day) -> Double? {
        result.facilityDays.first { $0.facilityID == facility && $0.date == day }?.baselinePowerKW
    }

    /// "HH:MM" of a run's end; the end of the day reads 24:00.
    static func clockEnd(_ t: Timestamp) -> String {
        t.secondOfDay == 0 ? "24:00" : TimeAxis.clock(t)
    }

    /// The event's facts as label/value lines.
    public func facts(_ e: EventRecord) -> [(String, String)] {
        let reg = result.registry
        let ent = reg.enterprise(id: e.enterpriseID)
        let fac = e.facilityID.flatMap { reg.facility(id: $0) }
        let ev = e.evidence
        let enterpriseLimit = EvidenceChartBuilder.isEnterpriseLimit(e)
        func kw(_ v: Double?) -> String? { v.map { NumberText.fixed($0, 1) + " kW" } }
        var out: [(String, String)] = [
            ("事件编号", EventID.of(e)),
            ("异常类型", "\(e.rule.chineseName)（\(e.rule.rawValue)）"),
            ("企业", "\(ent?.name ?? e.enterpriseID)（\(e.enterpriseID)）"),
        ]
        if let ent {
            out.append(("区县/行业", "\(reg.district(code: ent.districtCode)?.name ?? ent.districtCode) / \(ent.industry.rawValue)"))
        }
        if enterpriseLimit {
            let lines = EvidenceChartBuilder.limitedFacilities(of: e, registry: reg).map { "\($0.name)（\($0.id)）" }
            out.append(("设施", "全厂限产设备：" + lines.joined(separator: "、")))
        } else {
            out.append(("设施", fac.map { "\($0.name)（\($0.id)）" } ?? "全厂（所有点位）"))
        }
        out.append(("开始", TimeAxis.minute(e.start)))
        out.append(("结束", TimeAxis.minute(e.end)))
        out.append(("期内时长", "\(e.minutes) 分钟"))
        out.append(("违规时长", "\(e.violatingMinutes) 分钟"))
        out.append(("违规时段", "\(ev.violatingSlots) 个（合并间隔 \(ev.gapSlots) 个，每段 \(result.settings.slotMinutes) 分钟）"))
        if let runs = ev.violatingRuns, !runs.isEmpty {
            // SPEC 2 §7, §13.30: the runs of a cumulative stop event and their sum.
            let shown = runs.prefix(16).map { TimeAxis.clock($0.start) + "–" + Self.clockEnd($0.end) }.joined(separator: "、")
            out.append(("违规运行段", "\(runs.count) 段，累计 \(e.violatingMinutes) 分钟：\(shown)" + (runs.count > 16 ? "…" : "")))
        }
        if let x = ev.exemption {
            out.append(("报备", "\(TimeAxis.minute(x.start)) 至 \(TimeAxis.minute(x.end))" + (x.reason.isEmpty ? "" : "，\(x.reason)")))
        }
        if enterpriseLimit {
            out.append(("判定", "限产设备合计功率 > 合计允许功率（各设施限产比例 × 基线之和）"))
        } else if e.rule == .exemptionBreach {
            out.append(("判定", "报备期间对应生产设施运行，未同步停运"))
        }
        let sum = enterpriseLimit ? "合计" : ""
        if let v = kw(ev.meanPowerKW) { out.append((sum + "平均功率", v + (ev.maxPowerKW.map { "，最大 " + NumberText.fixed($0, 1) + " kW" } ?? ""))) }
        if let v = kw(ev.baselinePowerKW) { out.append((enterpriseLimit ? "合计基线功率" : "基线运行功率", v)) }
        if let r = ev.ratio { out.append(("比例", NumberText.fixed(r, 2))) }
        if let v = kw(ev.allowedPowerKW) { out.append((sum + "允许功率", v)) }
        if e.rule == .treatmentStopped, let t = fac, let b = baseline(of: t.id, on: day(of: e)) ?? ev.baselinePowerKW, b > 0 {
            // SPEC 2 §5.4, §13.29: under idle_ratio × the five-day baseline counts as stopped.
            let ratio = result.settings.idleRatio
            out.append(("空转判定", "功率低于五日基线 \(NumberText.fixed(b, 1)) kW 的 \(EvidenceChartBuilder.percentText(ratio))"
                + "（\(NumberText.fixed(ratio * b, 1)) kW）即视为停运"))
        }
        if let l = ev.levels, !l.isEmpty { out.append(("响应级别", l.map(TrendChart.levelName).joined(separator: "、"))) }
        if let r = ev.responseIDs, !r.isEmpty { out.append(("响应编号", r.joined(separator: "、"))) }
        if let t = ev.thresholdsKW, !t.isEmpty {
            out.append(("启停阈值θ", t.sorted { $0.key < $1.key }.map { "\($0.key) \(NumberText.fixed($0.value, 2)) kW" }.joined(separator: "；")))
        }
        if let s = ev.sensorRanges, !s.isEmpty {
            out.append(("传感器超限", s.sorted { $0.key < $1.key }.map { k, v in
                let p = reg.point(id: k)
                let range = "[\(p?.validMin.map { NumberText.fixed($0, 1) } ?? "—"), \(p?.validMax.map { NumberText.fixed($0, 1) } ?? "—")]"
                return "\(k) 实测 \(v.map { NumberText.fixed($0, 1) }.joined(separator: "～"))，有效范围 \(range)"
            }.joined(separator: "；")))
        }
        if let c = ev.carbon, !c.isEmpty {
            let names = ["days": ("已用天数", "天"), "hours": ("运行时间", "小时"), "kWh": ("用电量", "kWh"), "m3": ("处理风量", "m³")]
            out.append(("活性炭到限", c.sorted { $0.key < $1.key }.map {
                let (n, u) = names[$0.key] ?? ($0.key, "")
                return "\(n) \(NumberText.fixed($0.value, 1)) \(u)"
            }.joined(separator: "；")))
        }
        let d = day(of: e)
        if e.start.day != d || e.end > d.adding(days: 1).start {
            out.append(("说明", "图中仅显示 \(d) 当日，事件跨日部分见开始/结束时间。"))
        }
        return out
    }
}
