import Accounting
import Foundation
import PEMSCore
import Reports

/// The enterprise file (一企一档 监管记录, seed 000 §5.3.2.2; `pems dossier`) as an A4 portrait
/// PDF: what an inspector takes on a visit. Page 1: the registry facts, the key figures with
/// 环比/同比, the ranks in district and industry, the daily energy against the five-day
/// baseline and the VOCs; then the facilities with their points (primary and backup), links
/// and parameters, the plans per response level, the exemptions, the treatment rates, the
/// activated carbon with its due date, every event (what it was judged on), the data-quality
/// findings by check, the days; last, a small evidence chart per event (two to a page, the
/// chart of `pems evidence`). As long as its events need; every page has the period, the
/// generation time pinned to the period's end and "第 n / N 页", so the same inputs give the
/// same bytes. Draws `DossierData` (the workbook's figures) and the slot values the
/// computing side read (`EvidenceDay`); computes nothing.
public struct DossierDocument {
    public let data: DossierData
    /// Slot values per day the evidence charts show.
    let evidence: [Day: EvidenceDay]

    public init(_ data: DossierData, evidence: [Day: EvidenceDay]) {
        self.data = data
        self.evidence = evidence
    }

    /// The days and points whose slot values the evidence charts of `data`'s events show
    /// (each event's start day within the period), for `EvidenceDay.read`.
    public static func wanted(_ data: DossierData) -> [Day: Set<String>] {
        var wanted: [Day: Set<String>] = [:]
        for e in data.events {
            wanted[EvidenceChartBuilder.day(of: e, periodFrom: data.from), default: []]
                .formUnion(EvidenceChartBuilder.pointIDs(of: e, registry: data.registry))
        }
        return wanted
    }

    var periodText: String { DossierContext.periodText(data.from, data.to) }
    var header: String { "一企一档 · 监管记录 · \(data.enterprise.name)（\(data.enterprise.id)）" }
    var footer: String {
        "统计周期 \(periodText) · 生成时间 \(data.to.adding(days: 1)) 00:00（北京时间，按统计期固定）· pems"
    }

    /// The evidence chart of one event, on its day (`EvidenceChartBuilder`, as the evidence pack draws it).
    public func chart(_ e: EventRecord) -> EvidenceChart {
        let d = EvidenceChartBuilder.day(of: e, periodFrom: data.from)
        let day = evidence[d] ?? EvidenceDay(day: d, slotMinutes: data.settings.slotMinutes, values: [:])
        var chart = EvidenceChartBuilder.chart(e, registry: data.registry, settings: data.settings, facilityDays: data.facilityDays,
                                               events: data.events, day: day)
        // The caption above names the event; its id's capitals (e.g. I beside L) would make cairo
        // embed a font subset of about 1 MB instead of about 100 KB (docs/DOSSIER.md).
        chart.subtitle = "\(TimeAxis.date(d)) 00:00–24:00（北京时间）"
        return chart
    }

    /// The PDF and its text warnings.
    public func rendered() throws -> RenderedChart {
        let canvas = try Canvas(format: .pdf, width: PageFrame.width, height: PageFrame.height,
                                pdfDate: PeriodFacts.pinnedDate(data.to),
                                title: "一企一档 监管记录 \(data.enterprise.name) \(periodText)")
        let flow = layout(on: canvas)
        for i in flow.pages.indices {
            if i > 0 { canvas.newPage() }
            flow.draw(page: i, header: header, footer: footer)
        }
        return try RenderedChart(finishing: canvas)
    }

    /// Page `page` (1-based) as PNG, `scale` pixels per point (for looking at the layout).
    public func renderPage(_ page: Int, scale: Double = 1.5) throws -> [UInt8] {
        let canvas = try Canvas(format: .png, width: PageFrame.width, height: PageFrame.height, scale: scale)
        let flow = layout(on: canvas)
        flow.draw(page: min(max(page, 1), flow.pages.count) - 1, header: header, footer: footer)
        return try canvas.finish()
    }

    // MARK: Layout

    static let chartHeight = 330.0

    func layout(on canvas: Canvas) -> PageFlow {
        let flow = PageFlow(canvas: canvas, area: PageFrame.content)
        let w = flow.area.w
        cover(flow)
        facilities(flow, w)
        section(flow, "应急预案（一厂一策）", empty: "未登记应急预案措施。", table: plansTable())
        section(flow, "报备记录（与统计期重叠）", empty: "统计期内无报备。", table: exemptionsTable())
        section(flow, "治理设施运行情况", empty: "未登记治理设施。", table: treatmentTable(),
                note: "同步率、有效运行率、收集率、去除率为统计期内按时段加权（SPEC §9.1）；停运为生产运行期间治理设施停运的分钟数。")
        section(flow, "活性炭", empty: data.facilities.contains(where: \.usesActivatedCarbon) ? "活性炭设施无更换记录，无法核算。" : "无活性炭治理设施。",
                table: carbonTable(),
                note: "到期日期：已到期的为期内持续到期的首日；未到期的按更换周期，或按更换以来日均运行时间、用电量、风量推算。")
        section(flow, "异常事件（\(data.events.count) 起）", empty: "统计期内无异常事件。", table: eventsTable(),
                note: "时长为期内分钟数，违规为违规时段分钟数（SPEC 2 §12）；证据图见文末。")
        section(flow, "数据质量问题（\(data.findings.count) 条）", empty: "统计期内无数据质量问题。", table: findingsTable(),
                note: "逐条明细见工作簿“数据质量”页。")
        section(flow, "逐日数据", empty: "统计期无数据。", table: daysTable())
        evidencePages(flow)
        return flow
    }

    /// A heading and a table (or one line when it has no rows), and a note under it.
    func section(_ flow: PageFlow, _ title: String, empty: String, table: FlowTable, note: String? = nil) {
        flow.space(10)
        if table.rows.isEmpty {
            flow.heading(title, keepWith: 16)
            flow.paragraphs([empty], size: 9, color: Palette.mutedInk)
            return
        }
        flow.heading(title, keepWith: flow.firstRows(table))
        flow.table(table)
        if let note {
            flow.space(3)
            flow.paragraphs([note], size: 7.5, color: Palette.mutedInk)
        }
    }

    // MARK: Page 1

    func cover(_ flow: PageFlow) {
        let e = data.enterprise
        let days = data.to.index - data.from.index + 1
        flow.place(58) { c, r in
            c.text("一企一档 监管记录", x: r.x, y: r.y + 2, size: 20, bold: true, color: Palette.primary, valign: .top)
            c.text(c.fitted(e.name, maxWidth: r.w, size: 14, bold: true), x: r.x, y: r.y + 30, size: 14, bold: true, valign: .top)
        }
        flow.place(18) { c, r in
            c.text("统计周期：\(self.periodText)（\(days) 天）  区县：\(self.data.districtName)  行业：\(e.industry.rawValue)",
                   x: r.x, y: r.y, size: 9.5, color: Palette.mutedInk, valign: .top)
        }
        flow.space(4)
        let info = infoItems()
        let rows = (info.count + 1) / 2
        flow.heading("企业基本信息", keepWith: Double(rows) * 15)
        flow.place(Double(rows) * 15 + 4) { c, r in
            let cols = r.columns(2, gap: 16)
            for (i, (k, v)) in info.enumerated() {
                let col = cols[i % 2], y = r.y + Double(i / 2) * 15
                c.text(k, x: col.x, y: y, size: 8, color: Palette.mutedInk, valign: .top)
                c.text(c.fitted(v, maxWidth: col.w - 78, size: 8.5), x: col.x + 78, y: y, size: 8.5, valign: .top)
            }
        }
        flow.space(6)
        flow.heading("核心指标", keepWith: 2 * 70)
        let cards = cardItems()
        flow.place(2 * 70) { c, r in
            let cols = Rect(x: r.x, y: r.y, w: r.w, h: 0).columns(3, gap: 10)
            for (i, k) in cards.enumerated() {
                let col = cols[i % 3]
                let box = Rect(x: col.x, y: r.y + Double(i / 3) * 70, w: col.w, h: 62)
                c.fill(box, RGB(hex: 0xF2F4F7))
                c.fill(Rect(x: box.x, y: box.y, w: 3, h: box.h), Palette.primary)
                c.text(k.label, x: box.x + 10, y: box.y + 7, size: 8.5, color: Palette.mutedInk, valign: .top)
                c.text(c.fitted(k.value, maxWidth: box.w - 14, size: 14, bold: true), x: box.x + 10, y: box.y + 20, size: 14,
                       bold: true, valign: .top)
                c.text(c.fitted(k.mom, maxWidth: box.w - 14, size: 7.5), x: box.x + 10, y: box.y + 38, size: 7.5,
                       color: Palette.mutedInk, valign: .top)
                c.text(c.fitted(k.yoy, maxWidth: box.w - 14, size: 7.5), x: box.x + 10, y: box.y + 49, size: 7.5,
                       color: Palette.mutedInk, valign: .top)
            }
        }
        flow.paragraphs([rankingSentence(), comparisonSentence()], size: 8.5)
        flow.space(4)
        flow.heading("逐日用电与排放", keepWith: 250)
        let chart = DossierDailyChart(data)
        flow.drawing(height: min(300, max(250, flow.remaining - 24))) { c, r in chart.draw(on: c, in: r) }
        flow.paragraphs([baselineSentence()], size: 7.5, color: Palette.mutedInk)
    }

    /// "生产设施五日基线运行功率（2024-07-12）：注塑车间 63.5 kW、新增生产线 无（数据不足）。"
    func baselineSentence() -> String {
        let parts = data.productionBaselines.map { f, kw in
            f.name + " " + (kw.map { NumberText.fixed($0, 1) + " kW" } ?? "无（数据不足）")
        }
        return "生产设施五日基线运行功率（\(data.to)）：" + (parts.isEmpty ? "无生产设施" : parts.joined(separator: "、"))
            + "。图中基线电量仅画全部生产设施都有基线的日期。"
    }

    func infoItems() -> [(String, String)] {
        let e = data.enterprise, r = data.registry
        let zone = (r.district(code: e.districtCode)?.isInZone513 ?? false) ? "（513重点区域）" : ""
        let mns = r.collectors(ofEnterprise: e.id).map(\.mn).sorted()
        let electrical = data.points.filter(\.isElectrical).count
        return [
            ("企业编号", e.id),
            ("统一社会信用代码", e.creditCode ?? "—"),
            ("所属区县", "\(data.districtName)（\(e.districtCode)）\(zone)"),
            ("行业", e.industry.rawValue),
            ("申报年排放量", e.annualVOCTonnes.map { NumberText.fixed($0, 2) + " 吨/年" } ?? "—"),
            ("绩效分级", e.performanceGrade?.rawValue ?? "未分级"),
            ("经纬度", e.lat.flatMap { lat in e.lon.map { "\(NumberText.fixed(lat, 4)), \(NumberText.fixed($0, 4))" } } ?? "—"),
            ("数采仪", mns.isEmpty ? "—" : mns.joined(separator: "、")),
            ("设施", "生产 \(data.facilities.filter { $0.kind == .production }.count) 个，治理 \(data.facilities.filter { $0.kind == .treatment }.count) 个"),
            ("监测点位", "电表 \(electrical) 个，工况传感器 \(data.points.count - electrical) 个"),
            ("数据完整率", NumberText.percent(data.completeness)),
            ("期内事件/问题", "异常事件 \(data.events.count) 起，数据质量问题 \(data.findings.count) 条"),
        ]
    }

    struct Card {
        var label: String
        var value: String
        var mom: String
        var yoy: String
    }

    /// kWh shown in 万kWh from 10 000.
    static func energy(_ kWh: Double?) -> String {
        guard let kWh else { return "—" }
        return kWh >= 10_000 ? NumberText.fixed(kWh / 10_000, 2) + " 万kWh" : NumberText.fixed(kWh, 1) + " kWh"
    }

    /// "环比上升 8.2%" / "同比 +1.3 个百分点" / "环比无可比数据".
    static func change(_ prefix: String, _ f: DossierData.Figure, earlier: Double?) -> String {
        switch f.kind {
        case .rate:
            guard let now = f.value, let before = earlier else { return prefix + "无可比数据" }
            let d = (now - before) * 100
            if abs(d) < 0.05 { return prefix + "持平" }
            return prefix + (d > 0 ? "上升 " : "下降 ") + NumberText.fixed(abs(d), 1) + " 个百分点"
        case .amount, .count:
            let c = PeriodComparison.change(current: f.value, earlier: earlier)
            return prefix + NumberText.change(c)
        }
    }

    func cardItems() -> [Card] {
        func figure(_ label: String) -> DossierData.Figure? { data.figures.first { $0.label == label } }
        var out: [Card] = []
        for (label, shown) in [("用电量", "用电量"), ("VOCs排放量", "VOCs排放量"), ("VOCs产生量", "VOCs产生量"),
                               ("治理设施同步率", "治理设施同步率"), ("治理设施有效运行率", "有效运行率"), ("异常事件", "异常事件（期内开始）")] {
            guard let f = figure(label) else { continue }
            let value: String
            switch f.kind {
            case .rate: value = NumberText.percent(f.value)
            case .count: value = "\(Int(f.value ?? 0)) 起"
            case .amount: value = f.unit == "kWh" ? Self.energy(f.value) : NumberText.mass(f.value ?? 0)
            }
            out.append(Card(label: shown, value: value, mom: Self.change("环比", f, earlier: f.previous),
                            yoy: Self.change("同比", f, earlier: f.lastYear)))
        }
        return out
    }

    func rankingSentence() -> String {
        func part(_ r: DossierRank?, _ name: String) -> String? {
            guard let r else { return nil }
            let share = r.scopeEmittedKg > 0 ? r.emittedKg.map { "，占 \(NumberText.fixed($0 / r.scopeEmittedKg * 100, 1))%" } ?? "" : ""
            return "在\(name)登记的 \(r.of) 家企业中居第 \(r.rank) 位\(share)"
        }
        let parts = [part(data.districtRank, data.districtName), part(data.industryRank, data.enterprise.industry.rawValue + "行业")]
            .compactMap { $0 }
        return "排名（按期内VOCs排放量）：" + (parts.isEmpty ? "无。" : parts.joined(separator: "；") + "。")
    }

    func comparisonSentence() -> String {
        let prev = DossierContext.periodText(data.previousRange.0, data.previousRange.1)
        let year = data.lastYearRange.map { DossierContext.periodText($0.0, $0.1) } ?? "无"
        return "环比基期为等长的上一统计期（\(prev)），同比基期为上年同期（\(year)）；基期无存储结果时为“无可比数据”。"
    }

    // MARK: Sections

    func facilities(_ flow: PageFlow, _ w: Double) {
        let r = data.registry
        var rows: [[String]] = []
        for f in data.facilities {
            let pts = r.points(ofFacility: f.id)
            let linked = (f.kind == .production ? r.treatmentFacilities(linkedTo: f.id) : r.productionFacilities(linkedTo: f.id))
                .sorted { $0.id < $1.id }.map { "\($0.name)（\($0.id)）" }
            func named(_ p: Point) -> String { "\(p.name ?? p.id)（\(p.id)）" }
            var pointText: [String] = []
            let meters = pts.filter(\.isElectrical).sorted { $0.id < $1.id }
            if f.kind == .treatment {
                let main = meters.filter { DossierWorkbook.pointDuty($0, registry: r) == "主用" }
                let backup = meters.filter { DossierWorkbook.pointDuty($0, registry: r) == "备用" }
                pointText.append(DossierWorkbook.duty(f, electrical: meters.count) + "：主用 " + (main.isEmpty ? "—" : main.map(named).joined(separator: "、"))
                                 + (backup.isEmpty ? "" : "；备用 " + backup.map(named).joined(separator: "、")))
            } else if !meters.isEmpty {
                pointText.append("电表 " + meters.map(named).joined(separator: "、"))
            }
            let sensors = pts.filter { $0.kind == .sensor }.sorted { $0.id < $1.id }
            if !sensors.isEmpty {
                pointText.append("传感器 " + sensors.map { "\(named($0))" + ($0.role.map { " " + DossierWorkbook.roleName($0) } ?? "") }.joined(separator: "、"))
            }
            var params: [String] = []
            if f.kind == .production {
                if let v = f.vocKgPerKWh { params.append("产污系数 \(NumberText.fixed(v, 4)) kg/kWh") }
                params.append("收集率 \(NumberText.percent(f.designCollectionOrDefault))")
            } else {
                if let v = f.designRemoval { params.append("设计去除率 \(NumberText.percent(v))") }
                if let v = f.designAirflowM3h { params.append("设计风量 \(NumberText.fixed(v, 0)) m³/h") }
                if f.usesActivatedCarbon { params.append("活性炭 " + DossierWorkbook.carbonLimitText(f)) }
            }
            rows.append([f.name + "\n" + f.id, DossierWorkbook.kindName(f.kind), f.process.map(DossierWorkbook.processName) ?? "—",
                         linked.isEmpty ? "未关联" : linked.joined(separator: "、"), pointText.joined(separator: "；"),
                         params.joined(separator: "；")])
        }
        let table = FlowTable(columns: [
            .init(title: "设施", width: 75), .init(title: "类型", width: 28, align: .center), .init(title: "处理工艺", width: 62),
            .init(title: "关联设施", width: 80), .init(title: "监测点位（主备）", width: w - 375), .init(title: "参数", width: 130),
        ], rows: rows, maxLines: 10)
        section(flow, "设施、点位与关联关系", empty: "未登记设施。", table: table)
        let totals = data.points.filter { $0.kind == .total }
        if !totals.isEmpty {
            flow.paragraphs(["总电表：" + totals.map { "\($0.name ?? $0.id)（\($0.id)）" }.joined(separator: "、")
                             + "。治理设施的主用电表为按编号排前的“需运行点位数”个，其余为备用。"], size: 7.5, color: Palette.mutedInk)
        }
    }

    func plansTable() -> FlowTable {
        let order = ["yellow": 0, "orange": 1, "red": 2, "heat": 3]
        let plans = data.plans.enumerated().sorted { a, b in
            let x = (order[a.element.level] ?? 9, a.element.level), y = (order[b.element.level] ?? 9, b.element.level)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
        let rows = plans.map { p in
            [DossierWorkbook.levelName(p.level), p.facilityID.flatMap { data.registry.facility(id: $0)?.name } ?? "全部生产设施",
             DossierWorkbook.measureName(p.measure), NumberText.percent(p.allowedLoadShare),
             p.windows.isEmpty ? "—" : p.windows.map(\.description).joined(separator: "、")]
        }
        return FlowTable(columns: [.init(title: "预警级别", width: 80), .init(title: "设施", width: 160),
                                   .init(title: "措施", width: 70), .init(title: "允许负荷比例", width: 80, align: .right),
                                   .init(title: "错峰时段", width: 125)], rows: rows)
    }

    func exemptionsTable() -> FlowTable {
        let rows = data.exemptions.map { x in
            [x.facilityID.flatMap { data.registry.facility(id: $0)?.name } ?? "全厂", TimeAxis.minute(x.start), TimeAxis.minute(x.end),
             x.reason ?? "", DossierWorkbook.statusName(x.status)]
        }
        return FlowTable(columns: [.init(title: "设施", width: 110), .init(title: "开始", width: 85), .init(title: "结束", width: 85),
                                   .init(title: "事由", width: 175), .init(title: "状态", width: 60, align: .center)], rows: rows)
    }

    func treatmentTable() -> FlowTable {
        let rows = data.treatment.map { t in
            [t.facility.name + "\n" + t.facility.id, t.facility.process.map(DossierWorkbook.processName) ?? "—",
             t.linkedProduction.map(\.name).joined(separator: "、"), NumberText.percent(t.syncRate), NumberText.percent(t.effectiveRate),
             NumberText.percent(t.collectionRate), NumberText.percent(t.removalRate), "\(t.stoppedMinutes)"]
        }
        return FlowTable(columns: [.init(title: "治理设施", width: 85), .init(title: "处理工艺", width: 80),
                                   .init(title: "对应生产设施", width: 100), .init(title: "同步率", width: 45, align: .right),
                                   .init(title: "有效运行率", width: 50, align: .right), .init(title: "收集率", width: 45, align: .right),
                                   .init(title: "去除率", width: 45, align: .right), .init(title: "停运(分钟)", width: 65, align: .right)],
                         rows: rows)
    }

    func carbonTable() -> FlowTable {
        let rows = data.carbon.map { c in
            let s = c.status
            return [c.facility.name + "\n" + c.facility.id, TimeAxis.minute(s.replacedAt),
                    "\(NumberText.fixed(s.days, 1)) 天；运行 \(NumberText.fixed(s.runningHours, 1)) 小时",
                    NumberText.percent(s.remainingCapacity), s.due ? "已到期" : "未到期",
                    c.dueDate?.description ?? "—", c.dueBasis]
        }
        return FlowTable(columns: [.init(title: "治理设施", width: 80), .init(title: "最近更换", width: 70),
                                   .init(title: "已使用", width: 90), .init(title: "剩余容量", width: 45, align: .right),
                                   .init(title: "状态", width: 45, align: .center), .init(title: "到期日期", width: 60),
                                   .init(title: "依据", width: 125)], rows: rows)
    }

    /// What an event was judged on, in a line: the powers, the exemption, the runs (the remark
    /// of the 异常清单 when it has one).
    func judged(_ i: Int) -> String {
        let e = data.events[i], ev = e.evidence
        var parts: [String] = []
        func kw(_ v: Double) -> String { NumberText.fixed(v, 1) + " kW" }
        if let v = ev.meanPowerKW { parts.append("平均功率 " + kw(v) + (ev.maxPowerKW.map { "，最大 " + kw($0) } ?? "")) }
        if let v = ev.baselinePowerKW { parts.append("基线 " + kw(v)) }
        if let v = ev.allowedPowerKW { parts.append("允许 " + kw(v)) }
        if let s = ev.sensorRanges, !s.isEmpty { parts.append("传感器超出有效范围：" + s.keys.sorted().joined(separator: "、")) }
        if let c = ev.carbon, !c.isEmpty { parts.append("活性炭到限：" + DossierData.reachedNames(c.keys.sorted())) }
        if let r = ev.responseIDs, !r.isEmpty { parts.append("响应 " + r.joined(separator: "、")) }
        if let remark = data.remarks[i] { parts.append(remark) }
        return parts.joined(separator: "；")
    }

    func eventsTable() -> FlowTable {
        let rows = data.events.indices.map { i -> [String] in
            let e = data.events[i]
            let facility = e.facilityID.flatMap { data.registry.facility(id: $0)?.name }
                ?? (EvidenceChartBuilder.isEnterpriseLimit(e) ? "全厂限产设备" : "全厂")
            return ["\(i + 1)", e.rule.chineseName, facility, TimeAxis.minute(e.start), TimeAxis.minute(e.end),
                    "\(e.minutes) / \(e.violatingMinutes)", judged(i)]
        }
        return FlowTable(columns: [.init(title: "序号", width: 24, align: .center), .init(title: "异常类型", width: 62),
                                   .init(title: "设施", width: 70), .init(title: "开始", width: 52), .init(title: "结束", width: 52),
                                   .init(title: "时长/违规\n（分钟）", width: 50, align: .right), .init(title: "判定依据", width: 205)],
                         rows: rows, maxLines: 5)
    }

    func findingsTable() -> FlowTable {
        let rows = data.findingSummary.map { s in
            [Self.checkName(s.check), "\(s.count)", s.points.isEmpty ? "（企业级）" : s.points.joined(separator: "、"),
             s.first.description, s.last.description]
        }
        return FlowTable(columns: [.init(title: "问题类型", width: 120), .init(title: "条数", width: 40, align: .right),
                                   .init(title: "涉及点位", width: 235), .init(title: "首次", width: 60), .init(title: "最近", width: 60)],
                         rows: rows, maxLines: 3)
    }

    /// The check's 中文 name; the two "数据不足无法判断" checks say which figure is missing.
    static func checkName(_ c: DQCheck) -> String {
        switch c {
        case .thresholdUnknown: return c.chineseName + "（启停阈值）"
        case .baselineUnavailable: return c.chineseName + "（五日基线）"
        default: return c.chineseName
        }
    }

    func daysTable() -> FlowTable {
        func n(_ v: Double?, _ d: Int = 1) -> String { v.map { NumberText.fixed($0, d) } ?? "—" }
        let rows = data.days.map { d in
            [d.date.description, n(d.energyKWh), n(d.productionEnergyKWh), n(d.baselineEnergyKWh), n(d.generatedKg, 2),
             n(d.emittedKg, 2), "\(d.events)", NumberText.percent(d.syncRate), NumberText.percent(d.completeness)]
        }
        return FlowTable(columns: [.init(title: "日期", width: 58), .init(title: "用电量(kWh)", width: 62, align: .right),
                                   .init(title: "生产用电(kWh)", width: 62, align: .right),
                                   .init(title: "五日基线电量(kWh)", width: 66, align: .right),
                                   .init(title: "VOCs产生量(kg)", width: 58, align: .right),
                                   .init(title: "VOCs排放量(kg)", width: 58, align: .right), .init(title: "事件", width: 32, align: .right),
                                   .init(title: "同步率", width: 56, align: .right), .init(title: "完整率", width: 63, align: .right)],
                         rows: rows, maxLines: 2)
    }

    func evidencePages(_ flow: PageFlow) {
        guard !data.events.isEmpty else { return }
        flow.space(10)
        let captionHeight = 16.0
        flow.heading("异常事件证据图", keepWith: captionHeight + Self.chartHeight)
        for (i, e) in data.events.enumerated() {
            let chart = self.chart(e)
            let caption = "事件 \(i + 1) / \(data.events.count)：\(e.rule.chineseName) · \(TimeAxis.minute(e.start)) 至 \(TimeAxis.minute(e.end)) · 期内 \(e.minutes) 分钟，违规 \(e.violatingMinutes) 分钟"
            flow.ensure(captionHeight + Self.chartHeight)
            flow.place(captionHeight) { c, r in
                c.text(c.fitted(caption, maxWidth: r.w, size: 8, bold: true), x: r.x, y: r.y + 2, size: 8, bold: true,
                       color: Palette.alarm, valign: .top)
            }
            flow.place(Self.chartHeight) { c, r in chart.draw(on: c, in: r.inset(bottom: 8)) }
        }
    }
}

extension ChartFiles {
    /// `<name>.pdf`: an enterprise file's PDF, written atomically; with its text warnings.
    public static func writeDossier(_ document: DossierDocument, name: String, to dir: URL) throws -> WrittenCharts {
        try ChartFont.verify()
        var out = WrittenCharts()
        let url = dir.appendingPathComponent("\(name).pdf")
        let pdf = try document.rendered()
        try ChartOutput.write(pdf.bytes, to: url)
        out.add(url, pdf.warnings)
        return out
    }
}
