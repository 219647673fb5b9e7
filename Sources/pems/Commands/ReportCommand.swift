import Accounting
import ArgumentParser
import Foundation
import JobRunner
import PEMSCore
import Reports

/// `pems report daily|weekly|monthly|quality --date D --out DIR`, `pems report response
/// --response ID --out DIR` — the SPEC §10 workbooks from the layouts in `ReportTemplates/`.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an Excel report (日报, 周报, 月报, 应急减排评估, 数据质量与联网).",
        discussion: """
        daily, weekly and monthly render the day, the week (Monday–Sunday) or the calendar month \
        that contains --date; quality renders the data-quality and coverage workbook of that \
        month; response renders the assessment of one emergency response (--response ID). \
        The period is computed first when no stored computation of it has the same inputs \
        (as `pems export` does). daily also writes the provincial anomaly JSON of the day \
        (seed 003 附件3: abnormal_<date>.json, limit_<date>.json) beside the workbook.

        --district CODE writes the county edition (县区版) for that district's bureau: its \
        enterprises, events, data-quality findings, completeness, carbon and trend only; 概览 \
        gives the city's figure beside each of the district's and its rank among the city's \
        districts; 区县排名 keeps every district and marks its own (本辖区). The file name ends \
        in _CODE (日报_2026-06-10_130602.xlsx), so city and county files can share a folder. \
        A county daily edition has no provincial JSON (that is the city's submission).

        Layouts come from <templates>/<kind>.json (default ./ReportTemplates, else the \
        ReportTemplates folder above the pems executable); a template naming an unknown \
        data source or field is rejected before anything is computed.

        Examples:
          pems report daily --date 2026-06-10 --out out/reports
          pems report monthly --date 2026-06-15 --out out/reports
          pems report response --response R1 --out out/reports
          pems report weekly --date 2026-06-10 --district 130602 --out out/reports
        """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("daily, weekly, monthly, quality or response.", valueName: "kind"))
    var kind: String

    @Option(name: .long, help: ArgumentHelp("A day of the period (YYYY-MM-DD, CST).", valueName: "date"))
    var date: Day?

    @Option(name: .long, help: ArgumentHelp("The response id (response reports).", valueName: "id"))
    var response: String?

    @Option(name: .long, help: ArgumentHelp("Folder to write into (created if needed).", valueName: "dir"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("Folder of report templates (default: ./ReportTemplates, else the one above the executable).", valueName: "dir"))
    var templates: String?

    @OptionGroup var edition: DistrictOption

    func validate() throws {
        guard let k = ReportKind(rawValue: kind) else {
            throw ValidationError("unknown report '\(kind)': use daily, weekly, monthly, quality or response")
        }
        if k == .dossier {
            throw ValidationError("the enterprise file has its own command: pems dossier --enterprise ID --from D1 --to D2 --out DIR")
        }
        if k == .response {
            if response == nil { throw ValidationError("a response report needs --response ID") }
        } else if date == nil {
            throw ValidationError("a \(kind) report needs --date YYYY-MM-DD")
        }
    }

    func run() throws {
        try CommandFailure.run {
            guard let k = ReportKind(rawValue: kind) else { throw UserError("unknown report '\(kind)'") }
            guard let dir = TemplateLocator.directory(explicit: templates) else {
                throw UserError("no ReportTemplates folder found in the current directory or above the executable; pass --templates DIR")
            }
            let settings = try global.settings()
            let (store, lock) = try global.openLockedStore(settings)
            defer { lock.release() }
            let last = date.map { PeriodReport.period(k, containing: $0).2 } ?? Day(year: 9999, month: 12, day: 31) ?? Day(index: 0)
            let scope = try edition.scope(store: store, on: last)
            let output = CommandOutput(path: out, command: "report")
            let started = Date()
            let written = try output.write {
                try ReportCommand.render(k, date: date, response: response, templates: dir, store: store,
                                         settings: settings, out: $0, scope: scope)
            }
            for url in written { Terminal.line("wrote: \(output.published(url).path)") }
            print("seconds: \(String(format: "%.2f", Date().timeIntervalSince(started)))")
            if let peak = PeakMemory.bytes() { print("peak_memory_mb: \(peak / 1_048_576)") }
        }
    }

    /// Renders one report (the demo uses it too); returns the files written. The template is
    /// loaded and checked before any work; the period is computed or its stored computation
    /// reused (`PeriodRun`), then written by the same code as the jobs' (`PeriodReport.render`,
    /// `QualityReport.render`, `Products.responseReport`).
    static func render(_ k: ReportKind, date: Day?, response: String?, templates: URL, store: Store, settings: Settings,
                       out: URL, scope: ReportScope = .city) throws -> [URL] {
        let template = try TemplateLoader.load(k, from: templates)
        switch k {
        case .daily, .weekly, .monthly, .quality:
            guard let date else { throw UserError("a \(k.rawValue) report needs --date") }
            let (p, first, last) = PeriodReport.period(k, containing: date)
            let outcome = try PeriodRun.outcome(store: store, settings: settings, from: first, to: last)
            if k == .quality { return try QualityReport.render(template, rows: outcome.rows, store: store, out: out, scope: scope) }
            return try PeriodReport.render(template, rows: outcome.rows, period: p, store: store, out: out, scope: scope)
        case .response:
            guard let response else { throw UserError("a response report needs --response") }
            return try Products.responseReport(template, id: response, store: store, settings: settings,
                                               engineVersion: PEMSVersion.engine, out: out, scope: scope)
        case .dossier:
            throw UserError("the enterprise file has its own command: pems dossier")
        }
    }
}
