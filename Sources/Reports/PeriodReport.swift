import Accounting
import Foundation
import PEMSCore

/// Renders the daily, weekly and monthly workbooks (SPEC §10) from the computed rows of the
/// day, the week (Monday–Sunday) or the month: the caller (a job, `pems report`) loads and
/// checks the template first, then runs or reuses the computation (`StoredComputation.run`).
public enum PeriodReport {
    /// The bucket of a report kind and the CST days `[first, last]` it covers around `date`.
    public static func period(_ kind: ReportKind, containing date: Day) -> (RollupPeriod, Day, Day) {
        let p: RollupPeriod
        switch kind {
        case .weekly: p = .week
        case .monthly, .quality: p = .month
        default: p = .day
        }
        let first = p.bucket(of: date)
        return (p, first, p.last(first))
    }

    /// The 统计周期 line of the title rows.
    public static func periodText(_ period: RollupPeriod, _ first: Day, _ last: Day) -> String {
        switch period {
        case .day: return "统计日期：\(first)"
        case .week: return "统计周期：\(first)（周一）至 \(last)（周日）"
        case .month:
            let c = first.civil
            return "统计月份：\(c.year)年\(c.month)月（\(first) 至 \(last)）"
        }
    }

    /// `{period}`, `{start}`, `{end}` of a file-name pattern.
    public static func fileName(_ pattern: String, period: String, start: Day, end: Day) -> String {
        pattern.replacingOccurrences(of: "{period}", with: period).replacingOccurrences(of: "{start}", with: start.description)
            .replacingOccurrences(of: "{end}", with: end.description)
    }

    static func periodLabel(_ p: RollupPeriod, _ first: Day) -> String {
        switch p {
        case .day, .week: return first.description
        case .month: return String(first.description.prefix(7))
        }
    }

    /// Renders one period report from its computed rows; returns the files written: the
    /// workbook, and for a day's city edition also the provincial `abnormal_<date>.json` and
    /// `limit_<date>.json` of its events. The one writer of both, for the nightly job and
    /// `pems report daily` alike; it computes nothing (the caller ran `StoredComputation.run`).
    /// `scope`: the city's edition or a county's (its district only, file names tagged with
    /// the district code: `ReportScope.fileName`).
    public static func render(_ template: ReportTemplate, rows: PeriodRows, period p: RollupPeriod, store: Store?,
                              out: URL, scope: ReportScope = .city) throws -> [URL] {
        try render(template, data: try PeriodReportData(rows: rows, period: p, store: store, scope: scope), out: out)
    }

    /// Renders one edition from period data already summed (`PeriodReportData.edition`: the
    /// jobs sum a period once for the city and every county). The provincial JSON is the
    /// city's submission to the province (seed 003 附件3), so a county edition has none.
    public static func render(_ template: ReportTemplate, data: PeriodReportData, out: URL) throws -> [URL] {
        var written = [try write(template, data: data, out: out)]
        if data.period == .day, data.scope == .city {
            let rows = data.rows
            written += try ProvincialAnomalyJSON.write(rows.events, registry: rows.registry, settings: rows.settings,
                                                       label: rows.from.description, to: out)
        }
        return written
    }

    /// Writes a period workbook from a computed period's rows.
    public static func write(_ template: ReportTemplate, rows: PeriodRows, period p: RollupPeriod, store: Store?,
                             out: URL, scope: ReportScope = .city) throws -> URL {
        try write(template, data: try PeriodReportData(rows: rows, period: p, store: store, scope: scope), out: out)
    }

    /// Writes the workbook of one edition of summed period data.
    public static func write(_ template: ReportTemplate, data: PeriodReportData, out: URL) throws -> URL {
        let rows = data.rows, p = data.period
        let heading = ReportHeading(period: periodText(p, rows.from, rows.to), asOf: rows.to.adding(days: 1).start,
                                    completeness: data.completeness, completenessTarget: rows.settings.dqCompletenessTarget)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let url = out.appendingPathComponent(data.scope.fileName(fileName(template.fileName, period: periodLabel(p, rows.from),
                                                                          start: rows.from, end: rows.to)))
        var edition = template
        edition.title = data.title(template.title)
        try WorkbookWriter.render(edition, source: data.resultRows, heading: heading, to: url)
        return url
    }
}
