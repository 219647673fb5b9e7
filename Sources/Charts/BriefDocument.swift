import Foundation

/// The leadership brief (SPEC §10, `pems brief`): an A4 PDF of 4 pages —
/// 1. headline KPIs with 环比 changes, the generated summary, the emission trend;
/// 2. the district ranking, the alarm distribution and the alarms by industry and rule;
/// 3. the key enterprises and the 513 zone against the city (seed 000), the top 10 problem
///    enterprises (main issue in one line each) and the compliance with every response in
///    force during the period;
/// 4. the treatment heat map (enterprises × hour) and the enterprise map.
/// Every page has the period, the generation time (pinned to the period end, so reruns give
/// the same bytes) and "第 n / N 页". A county edition (`PeriodFacts.scope`) is titled with its
/// district ("竞秀区 工况用电监控简报") and shows the city's figure under each of its KPIs.
public struct BriefDocument {
    public let facts: PeriodFacts
    public let content: BriefContent
    public let keyEnterprises: KeyEnterpriseSummary
    public static let pageCount = 4

    public init(_ facts: PeriodFacts) {
        self.facts = facts
        content = BriefContent(facts)
        keyEnterprises = KeyEnterpriseSummary(facts)
    }

    var footer: String { "报告期 \(facts.periodText) · 生成时间 \(facts.generatedText)（北京时间，按报告期固定）· pems" }
    var header: String {
        facts.editionName.map { "\($0) · 工况用电监控简报 · \(facts.periodText)" } ?? "工况用电监控 · 领导简报 · \(facts.periodText)"
    }
    /// "工况用电监控领导简报", or a county edition's "竞秀区 工况用电监控简报".
    var title: String { facts.editionName.map { "\($0) 工况用电监控简报" } ?? "工况用电监控领导简报" }

    /// The PDF and its text warnings.
    public func rendered() throws -> RenderedChart {
        let canvas = try Canvas(format: .pdf, width: PageFrame.width, height: PageFrame.height, pdfDate: facts.pinnedDate,
                                title: "\(title) \(facts.periodText)")
        try draw(on: canvas)
        return try RenderedChart(finishing: canvas)
    }

    /// The PDF bytes (`rendered` also gives the text warnings).
    public func render() throws -> [UInt8] { try rendered().bytes }

    /// Each page as PNG (for looking at the layout), `scale` pixels per point.
    public func renderPage(_ page: Int, scale: Double = 1.5) throws -> [UInt8] {
        let canvas = try Canvas(format: .png, width: PageFrame.width, height: PageFrame.height, scale: scale)
        drawPage(page, on: canvas)
        return try canvas.finish()
    }

    func draw(on canvas: Canvas) throws {
        for p in 1...Self.pageCount {
            if p > 1 { canvas.newPage() }
            drawPage(p, on: canvas)
        }
    }

    func drawPage(_ p: Int, on canvas: Canvas) {
        PageFrame.decorate(canvas, header: header, footer: footer, page: p, of: Self.pageCount)
        let area = PageFrame.content
        switch p {
        case 1: pageOne(canvas, area)
        case 2: pageTwo(canvas, area)
        case 3: pageThree(canvas, area)
        default: pageFour(canvas, area)
        }
    }

    func pageOne(_ canvas: Canvas, _ a: Rect) {
        canvas.text(title, x: a.x, y: a.y + 4, size: 20, bold: true, color: Palette.primary, valign: .top)
        let scale: String
        if let name = facts.editionName, let code = facts.scope.districtCode {
            let own = facts.registry.enterprises.filter { $0.districtCode == code }.count
            scale = "本辖区 \(name)（\(code)）  企业 \(own) 家（全市 \(facts.registry.enterprises.count) 家，区县 \(facts.registry.districts.count) 个）"
        } else {
            scale = "企业 \(facts.registry.enterprises.count) 家  区县 \(facts.registry.districts.count) 个"
        }
        canvas.text("报告期：\(facts.periodText)（\(facts.dates.count) 天）  " + scale,
                    x: a.x, y: a.y + 34, size: 9.5, color: Palette.mutedInk, valign: .top)
        var y = a.y + 56
        y = PageFrame.heading(canvas, "核心指标", x: a.x, y: y, width: a.w)
        let cards = Rect(x: a.x, y: y, w: a.w, h: 0).columns(3, gap: 10)
        for (i, k) in content.kpis.enumerated() {
            let col = cards[i % 3]
            let r = Rect(x: col.x, y: y + Double(i / 3) * 64, w: col.w, h: 56)
            canvas.fill(r, RGB(hex: 0xF2F4F7))
            canvas.fill(Rect(x: r.x, y: r.y, w: 3, h: r.h), Palette.primary)
            canvas.text(k.label, x: r.x + 10, y: r.y + 8, size: 8.5, color: Palette.mutedInk, valign: .top)
            if let city = k.city {
                canvas.text(canvas.fitted(city, maxWidth: r.w / 2, size: 8), x: r.maxX - 8, y: r.y + 8, size: 8,
                            color: Palette.mutedInk, align: .right, valign: .top)
            }
            canvas.text(k.value, x: r.x + 10, y: r.y + 22, size: 15, bold: true, valign: .top)
            let worse = k.short ?? (k.change.contains("上升") != (k.label.contains("率")))
            let color = k.short == nil && (k.change.contains("无可比") || k.change.contains("持平"))
                ? Palette.mutedInk : (worse ? Palette.alarm : Palette.normal)
            canvas.text(canvas.fitted(k.change, maxWidth: r.w - 14, size: 8), x: r.x + 10, y: r.y + 42, size: 8, color: color, valign: .top)
        }
        y += Double((content.kpis.count + 2) / 3) * 64 + 8
        y = PageFrame.heading(canvas, "综述", x: a.x, y: y, width: a.w)
        y = PageFrame.paragraphs(canvas, content.summary, x: a.x, y: y, width: a.w)
        y += 6
        y = PageFrame.heading(canvas, "排放趋势", x: a.x, y: y, width: a.w)
        TrendChart(facts).draw(on: canvas, in: Rect(x: a.x, y: y, w: a.w, h: min(300, a.maxY - y)))
    }

    func pageTwo(_ canvas: Canvas, _ a: Rect) {
        var y = PageFrame.heading(canvas, "区县排名", x: a.x, y: a.y, width: a.w)
        let ranking = DistrictRankingChart(facts)
        let rh = min(340, 60 + Double(facts.registry.districts.count) * 24 + 40)
        ranking.draw(on: canvas, in: Rect(x: a.x, y: y, w: a.w, h: rh))
        y += rh + 16
        y = PageFrame.heading(canvas, "报警分布", x: a.x, y: y, width: a.w)
        let alarms = AlarmDistributionChart(facts)
        let ah = min(230, 44 + Double(max(alarms.byRule.count, 6)) * 22)
        alarms.draw(on: canvas, in: Rect(x: a.x, y: y, w: a.w, h: ah))
        y += ah + 8
        industryAlarms(canvas, a, y: y)
    }

    /// 行业报警（按类型）: the industries with events × every rule, as many industries as the
    /// page has room for (the rest summed in one line), then the note.
    func industryAlarms(_ canvas: Canvas, _ a: Rect, y top: Double) {
        let table = IndustryAlarmTable(facts)
        canvas.text("各行业报警类型（期内事件数）", x: a.x, y: top, size: 10, bold: true, valign: .top)
        var y = top + 18
        if table.rows.isEmpty {
            canvas.text("本期无报警。", x: a.x, y: y, size: 9.5, valign: .top)
            return
        }
        // Header, the industries, 其他 and 合计 at 15 pt each, and the note below: with the
        // tallest ranking and alarm panels (many districts, every rule) one industry still fits.
        let room = Int((a.maxY - y - 14) / 15) - 3
        y = table.draw(canvas, x: a.x, y: y, width: a.w, maxRows: max(1, room))
        canvas.text("与报告期重叠的事件各计一次；按行业事件数排序，“–”为无此类报警；类型为简称，全称见周报、月报的异常清单。",
                    x: a.x, y: y + 3, size: 6.5, color: Palette.mutedInk, valign: .top)
    }

    /// 重点企业与513区域: the key tiers and the zone against the city in one table, with the
    /// sentence that says what it means.
    func keyEnterpriseSection(_ canvas: Canvas, _ a: Rect, y top: Double) -> Double {
        var y = PageFrame.heading(canvas, "重点企业与513区域", x: a.x, y: top, width: a.w)
        let table = TableLayout(columns: [
            .init(title: "类别", width: a.w - 330, align: .left),
            .init(title: "企业", width: 40, align: .right),
            .init(title: "在线", width: 40, align: .right),
            .init(title: "VOCs排放量", width: 70, align: .right),
            .init(title: keyEnterprises.area == "全市" ? "排放占全市" : "排放占本辖区", width: 60, align: .right),
            .init(title: "异常事件", width: 55, align: .right),
            .init(title: keyEnterprises.area == "全市" ? "事件占全市" : "事件占本辖区", width: 65, align: .right),
        ], size: 8)
        y = table.draw(canvas, x: a.x, y: y, rows: keyEnterprises.groups.map { g in
            [g.label, "\(g.enterprises)", "\(g.online)", NumberText.mass(g.emittedKg), NumberText.percent(g.emittedShare),
             "\(g.events) 起", NumberText.percent(g.eventShare)]
        })
        y += 6
        let sentence = keyEnterprises.sentence
        if !sentence.isEmpty { y = PageFrame.paragraphs(canvas, [sentence], x: a.x, y: y, width: a.w, size: 9) }
        return y + 4
    }

    func pageThree(_ canvas: Canvas, _ a: Rect) {
        var y = keyEnterpriseSection(canvas, a, y: a.y)
        y = PageFrame.heading(canvas, "重点问题企业（前 10 家）", x: a.x, y: y, width: a.w)
        if content.problems.isEmpty {
            canvas.text("本期无异常事件。", x: a.x, y: y, size: 9.5, valign: .top)
            y += 20
        } else {
            let table = TableLayout(columns: [
                .init(title: "序号", width: 26, align: .center),
                .init(title: "企业", width: 124, align: .left),
                .init(title: "区县", width: 46, align: .left),
                .init(title: "事件", width: 28, align: .right),
                .init(title: "主要问题", width: a.w - 224, align: .left),
            ], size: 7.5)
            y = table.draw(canvas, x: a.x, y: y, rows: content.problems.map {
                ["\($0.rank)", $0.name, $0.district, "\($0.events)", $0.mainIssue]
            })
            y += 6
            canvas.text("按本期事件数排序（相同时按期内异常分钟数之和）；主要问题为期内时长最多的异常类型。逐事件证据见证据包（pems evidence）。",
                        x: a.x, y: y, size: 7.5, color: Palette.mutedInk, valign: .top)
            y += 22
        }
        y = PageFrame.heading(canvas, "应急响应执行情况", x: a.x, y: y, width: a.w)
        if content.responses.isEmpty {
            canvas.text("本期无应急响应（高温错峰日按区县另行统计）。", x: a.x, y: y, size: 9.5, valign: .top)
        } else {
            y = PageFrame.paragraphs(canvas, content.responses.map(\.line), x: a.x, y: y, width: a.w, size: 9)
        }
    }

    func pageFour(_ canvas: Canvas, _ a: Rect) {
        let heat = TreatmentHeatMapChart(facts, maxRows: 8)
        var y = PageFrame.heading(canvas, "治理设施运行状态", x: a.x, y: a.y, width: a.w)
        let hh = min(heat.preferredSize.height, 300)
        heat.draw(on: canvas, in: Rect(x: a.x, y: y, w: a.w, h: hh))
        y += hh + 12
        y = PageFrame.heading(canvas, "企业分布", x: a.x, y: y, width: a.w)
        EnterpriseMapChart(facts).draw(on: canvas, in: Rect(x: a.x, y: y, w: a.w, h: a.maxY - y))
    }
}
