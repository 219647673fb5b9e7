import Accounting
import Foundation
import PEMSCore

/// Writes the brief and the evidence pack with their charts into a folder (what `pems brief`,
/// `pems evidence` and `pems demo` produce). Every file is written atomically.
public enum ChartFiles {
    /// `brief.pdf` and the brief's charts as PNG and PDF: `trend`, `ranking`, `alarms`, `map`, `treatment-hours`.
    public static func writeBrief(_ facts: PeriodFacts, to dir: URL) throws -> [URL] {
        try ChartFont.verify()
        let brief = BriefDocument(facts)
        let url = dir.appendingPathComponent("brief.pdf")
        try ChartOutput.write(try brief.render(), to: url)
        var out = [url]
        let date = facts.pinnedDate
        out += try TrendChart(facts).write(to: dir, base: "trend", pdfDate: date, title: "VOCs排放趋势")
        out += try DistrictRankingChart(facts).write(to: dir, base: "ranking", pdfDate: date, title: "区县排名")
        out += try AlarmDistributionChart(facts).write(to: dir, base: "alarms", pdfDate: date, title: "报警分布")
        out += try EnterpriseMapChart(facts).write(to: dir, base: "map", pdfDate: date, title: "企业分布与状态")
        out += try TreatmentHeatMapChart(facts, maxRows: 20).write(to: dir, base: "treatment-hours", pdfDate: date, title: "治理设施运行状态")
        return out
    }

    /// `<name>.pdf` (one page per event) and `evidence-<event id>.png` for each event's chart.
    public static func writeEvidence(_ pack: EvidencePack, name: String, to dir: URL) throws -> [URL] {
        try ChartFont.verify()
        let url = dir.appendingPathComponent("\(name).pdf")
        try ChartOutput.write(try pack.render(), to: url)
        var out = [url]
        for e in pack.events {
            let png = dir.appendingPathComponent("evidence-\(EventID.fileName(EventID.of(e))).png")
            try ChartOutput.write(try pack.chart(e).render(.png, pdfDate: PeriodFacts.pinnedDate(pack.result.to)), to: png)
            out.append(png)
        }
        return out
    }
}
