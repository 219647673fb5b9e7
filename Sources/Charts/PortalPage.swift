import Accounting
import PEMSCore

/// The `index.html` of one step folder of the outbox (`daily/D`, `weekly/MONDAY`,
/// `monthly/YYYY-MM`, and a county edition's `districts/<code>/…`): the period's KPIs and
/// summary (`BriefContent`, the brief's own numbers), its charts, links to every file of the
/// folder and the alarm list (the edition's events overlapping the period, as `events.csv`
/// lists them) with filters by district and rule. Chinese, UTF-8, relative links only, CSS
/// and script inline (no network), a print style. Reads `PeriodFacts` and the folder's file
/// names only; the same facts and names give the same bytes. Times CST, minutes.
public enum PortalPage {
    /// The page's file name in each folder.
    public static let fileName = "index.html"

    /// The brief's charts (`ChartFiles.writeBrief`) by base name, with the captions they carry.
    static let chartTitles: [(base: String, title: String)] = [
        ("trend", "VOCs排放趋势"), ("ranking", "区县排名"), ("alarms", "报警分布"),
        ("map", "企业分布与状态"), ("treatment-hours", "治理设施运行状态"),
    ]

    /// `files`: the folder's files, relative to it (`dossiers/…` for a month's enterprise
    /// files), without this page.
    public static func render(_ facts: PeriodFacts, period: RollupPeriod, files: [String]) -> String {
        let files = files.filter { $0 != fileName }.sorted()
        let own = facts.scope.fileName
        let kind: String, when: String
        switch period {
        case .week: kind = "周报"; when = "\(facts.from) 至 \(facts.to)"
        case .month: kind = "月报"; when = String(facts.from.description.prefix(7))
        case .day: kind = "日报"; when = facts.periodText
        }
        let whose = facts.editionName.map { "\($0)（县区版）" } ?? "全市"
        let title = "\(whose) \(kind) \(when)"
        let brief = BriefContent(facts)
        var h = head(title)
        h += "<header><nav><a href=\"../../\(fileName)\">返回目录</a></nav>\n"
        h += "<h1>\(HTMLText.escape(title))</h1>\n"
        h += "<p class=\"meta\">统计时段：\(HTMLText.escape(facts.periodText))（北京时间）；数据截至 \(HTMLText.escape(facts.generatedText))</p></header>\n"

        // KPIs and the brief's summary sentences.
        h += "<section id=\"kpi\"><h2>主要指标</h2>\n<div class=\"kpis\">\n"
        for k in brief.kpis {
            h += "<div class=\"kpi\"><div class=\"label\">\(HTMLText.escape(k.label))</div><div class=\"value\">\(HTMLText.escape(k.value))</div>"
            h += "<div class=\"change\">\(HTMLText.escape(k.change))</div>"
            if let c = k.city { h += "<div class=\"city\">\(HTMLText.escape(c))</div>" }
            h += "</div>\n"
        }
        h += "</div>\n<ul class=\"summary\">\n"
        for s in brief.summary { h += "<li>\(HTMLText.escape(s))</li>\n" }
        h += "</ul></section>\n"

        // Charts: the brief's PNGs that are in the folder, each with its PDF.
        let present = Set(files)
        let charts = chartTitles.filter { present.contains(own($0.base + ".png")) }
        h += "<section id=\"charts\"><h2>图表</h2>\n"
        if charts.isEmpty { h += "<p class=\"empty\">本期无图表。</p>\n" }
        h += "<div class=\"charts\">\n"
        for c in charts {
            let png = own(c.base + ".png"), pdf = own(c.base + ".pdf")
            h += "<figure><a href=\"\(HTMLText.href(png))\"><img src=\"\(HTMLText.href(png))\" alt=\"\(HTMLText.escape(c.title))\"></a>"
            h += "<figcaption>\(HTMLText.escape(c.title))"
            if present.contains(pdf) { h += "（<a href=\"\(HTMLText.href(pdf))\">PDF</a>）" }
            h += "</figcaption></figure>\n"
        }
        h += "</div></section>\n"

        // Files: workbooks, PDFs (brief, evidence), JSON; then everything, enterprise files apart.
        let top = files.filter { !$0.contains("/") }
        let dossiers = files.filter { $0.contains("/") }
        let chartFiles = Set(chartTitles.flatMap { [own($0.base + ".png"), own($0.base + ".pdf")] })
        let evidencePNG = { (f: String) in f.hasPrefix("evidence-") && f.hasSuffix(".png") }
        h += "<section id=\"files\"><h2>报表与文件</h2>\n"
        let groups: [(String, (String) -> Bool)] = [
            ("报表（Excel）", { $0.hasSuffix(".xlsx") }),
            ("简报与证据（PDF）", { $0.hasSuffix(".pdf") && !chartFiles.contains($0) }),
            ("上报数据（JSON）", { $0.hasSuffix(".json") }),
        ]
        var listed: Set<String> = []
        for (label, test) in groups {
            let names = top.filter(test)
            guard !names.isEmpty else { continue }
            h += "<h3>\(label)</h3><ul class=\"files\">\n"
            for n in names { h += link(n) + "\n"; listed.insert(n) }
            h += "</ul>\n"
        }
        let rest = top.filter { !listed.contains($0) && !chartFiles.contains($0) && !evidencePNG($0) }
        if !rest.isEmpty {
            h += "<h3>其他文件</h3><ul class=\"files\">\n" + rest.map(link).joined(separator: "\n") + "\n</ul>\n"
        }
        let evidence = top.filter(evidencePNG)
        if !evidence.isEmpty {
            h += "<details><summary>证据图（\(evidence.count) 张，PNG）</summary><ul class=\"files\">\n"
            h += evidence.map(link).joined(separator: "\n") + "\n</ul></details>\n"
        }
        if !dossiers.isEmpty {
            let workbooks = dossiers.filter { $0.hasSuffix(".xlsx") }.count
            h += "<details><summary>一企一档（\(workbooks) 家企业，Excel 与 PDF）</summary><ul class=\"files\">\n"
            h += dossiers.map(link).joined(separator: "\n") + "\n</ul></details>\n"
        }
        h += "</section>\n"

        h += alarms(facts, evidence: Set(evidence))
        h += "<script>\n\(PortalStyle.filterScript)\n</script>\n</body>\n</html>\n"
        return h
    }

    /// The alarm list: the edition's events in `events.csv` order (SPEC §12), each row carrying
    /// its district code and rule for the filters, and a link to its evidence chart when the
    /// folder holds it.
    static func alarms(_ facts: PeriodFacts, evidence: Set<String>) -> String {
        let events = facts.events
        let registry = facts.registry
        func district(_ e: EventRecord) -> String { registry.enterprise(id: e.enterpriseID)?.districtCode ?? "" }
        var h = "<section id=\"alarm-list\"><h2>报警列表（\(events.count) 起）</h2>\n"
        let districts = Set(events.map(district)).sorted()
        let rules = Set(events.map(\.rule)).sorted()
        h += "<div class=\"filters\"><label>区县 <select id=\"f-district\"><option value=\"\">全部区县</option>"
        for d in districts {
            let name = d.isEmpty ? "（未登记）" : facts.districtName(d)
            h += "<option value=\"\(HTMLText.escape(d))\">\(HTMLText.escape(name))</option>"
        }
        h += "</select></label><label>规则 <select id=\"f-rule\"><option value=\"\">全部规则</option>"
        for r in rules { h += "<option value=\"\(r.rawValue)\">\(HTMLText.escape(r.chineseName))</option>" }
        h += "</select></label><span id=\"f-count\">显示 \(events.count) / \(events.count) 条</span></div>\n"
        if events.isEmpty { h += "<p class=\"empty\">本期无报警。</p>\n" }
        h += "<table id=\"alarm-table\"><thead><tr><th>企业</th><th>区县</th><th>规则</th><th>开始</th><th>结束</th>"
        h += "<th>时长（分钟）</th><th>证据</th></tr></thead><tbody>\n"
        for e in events {
            let code = district(e)
            let png = facts.scope.fileName("evidence-\(FileName.safe(EventID.of(e))).png")
            h += "<tr data-district=\"\(HTMLText.escape(code))\" data-rule=\"\(e.rule.rawValue)\">"
            h += "<td>\(HTMLText.escape(facts.enterpriseName(e.enterpriseID)))</td>"
            h += "<td>\(HTMLText.escape(code.isEmpty ? "" : facts.districtName(code)))</td>"
            h += "<td>\(HTMLText.escape(e.rule.chineseName))</td>"
            h += "<td>\(TimeAxis.minute(e.start))</td><td>\(TimeAxis.minute(e.end))</td><td class=\"num\">\(e.minutes)</td>"
            h += "<td>" + (evidence.contains(png) ? "<a href=\"\(HTMLText.href(png))\">证据图</a>" : "") + "</td></tr>\n"
        }
        h += "</tbody></table></section>\n"
        return h
    }

    static func link(_ name: String) -> String {
        "<li><a href=\"\(HTMLText.href(name))\">\(HTMLText.escape(name))</a></li>"
    }

    /// The document head, shared with `PortalIndex`.
    static func head(_ title: String) -> String {
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            // No icon to fetch: a browser would otherwise ask the server for /favicon.ico.
            + "<link rel=\"icon\" href=\"data:,\">\n"
            + "<title>\(HTMLText.escape(title))</title>\n<style>\n\(PortalStyle.css)\n</style>\n</head>\n<body>\n"
    }
}
