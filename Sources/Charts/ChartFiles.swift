import Accounting
import Foundation
import PEMSCore

/// Writes the brief and the evidence pack with their charts into a folder (what `pems brief`,
/// `pems evidence` and `pems demo` produce). Every file is written atomically. The text
/// warnings of all files come back with them for the caller to log (issue 13).
public enum ChartFiles {
    /// `brief.pdf` and the brief's charts as PNG and PDF: `trend`, `ranking`, `alarms`, `map`,
    /// `treatment-hours`; a county edition's names end in `_<district code>` (`brief_130602.pdf`,
    /// `ReportScope.fileName`).
    public static func writeBrief(_ facts: PeriodFacts, to dir: URL) throws -> WrittenCharts {
        try ChartFont.verify()
        var out = WrittenCharts()
        let name = facts.scope.fileName
        let url = dir.appendingPathComponent(name("brief.pdf"))
        let brief = try BriefDocument(facts).rendered()
        try ChartOutput.write(brief.bytes, to: url)
        out.add(url, brief.warnings)
        let date = facts.pinnedDate
        out.add(try TrendChart(facts).write(to: dir, base: name("trend"), pdfDate: date, title: "VOCs排放趋势"))
        out.add(try DistrictRankingChart(facts).write(to: dir, base: name("ranking"), pdfDate: date, title: "区县排名"))
        out.add(try AlarmDistributionChart(facts).write(to: dir, base: name("alarms"), pdfDate: date, title: "报警分布"))
        out.add(try EnterpriseMapChart(facts).write(to: dir, base: name("map"), pdfDate: date, title: "企业分布与状态"))
        out.add(try TreatmentHeatMapChart(facts, maxRows: 20).write(to: dir, base: name("treatment-hours"), pdfDate: date,
                                                                   title: "治理设施运行状态"))
        return out
    }

    /// `<name>.pdf` (one page per event) and `evidence-<event id>.png` for each event's chart; a
    /// county edition's names end in `_<district code>` (`ReportScope.fileName`).
    public static func writeEvidence(_ pack: EvidencePack, name: String, to dir: URL) throws -> WrittenCharts {
        try ChartFont.verify()
        var out = WrittenCharts()
        let url = dir.appendingPathComponent(pack.scope.fileName("\(name).pdf"))
        let pdf = try pack.rendered()
        try ChartOutput.write(pdf.bytes, to: url)
        out.add(url, pdf.warnings)
        for e in pack.events {
            let png = dir.appendingPathComponent(pack.scope.fileName("evidence-\(FileName.safe(EventID.of(e))).png"))
            let r = try pack.chart(e).rendered(.png, pdfDate: PeriodFacts.pinnedDate(pack.result.to))
            try ChartOutput.write(r.bytes, to: png)
            out.add(png, r.warnings)
        }
        return out
    }
}
