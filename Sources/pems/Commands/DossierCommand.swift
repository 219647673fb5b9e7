import Accounting
import ArgumentParser
import Charts
import Foundation
import JobRunner
import PEMSCore
import Reports

/// `pems dossier --enterprise ID | --all --from D1 --to D2 --out DIR` — the enterprise file
/// (一企一档 监管记录, seed 000 §5.3.2.2): an A4 PDF and a workbook per enterprise.
struct DossierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Write the enterprise file (一企一档 监管记录): an A4 PDF and a workbook per enterprise.",
        discussion: """
        For one enterprise (--enterprise ID) or every enterprise of the registry (--all), over \
        --from … --to (CST days), writes DIR/一企一档_<id>_<from>_<to>.pdf and .xlsx: the \
        registry facts (facilities, points with primary and backup fans, production → treatment \
        links, plans per response level, exemptions), daily energy and VOCs against the \
        five-day baseline, treatment rates per facility, every event (with a small evidence \
        chart in the PDF), the data-quality findings, activated carbon and its due date, the \
        rank in its district and industry by emitted VOCs, 环比 (the period of equal length \
        just before) and 同比 (the same dates a year earlier), and the points' hours (小时数据).

        Uses the stored computation of exactly this period when its inputs are unchanged; \
        otherwise computes the period first (as `pems compute` would) and stores it. The \
        workbook's layout comes from <templates>/dossier.json. The monthly job writes the \
        files of the enterprises with events or data-quality findings into its month's \
        dossiers/ folder.

        Examples:
          pems dossier --enterprise E001 --from 2026-06-01 --to 2026-06-30 --out out/dossiers
          pems dossier --all --from 2026-06-01 --to 2026-06-30 --out out/dossiers
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var period: PeriodOptions

    @Option(name: .long, help: ArgumentHelp("The enterprise's id (enterprises.csv).", valueName: "id"))
    var enterprise: String?

    @Flag(name: .long, help: "Every enterprise of the registry in force on the last day.")
    var all = false

    @Option(name: .long, help: ArgumentHelp("Folder to write the files into (created if needed).", valueName: "dir"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("Folder of report templates (default: ./ReportTemplates, else the one above the executable).", valueName: "dir"))
    var templates: String?

    func validate() throws {
        switch (enterprise, all) {
        case (nil, false): throw ValidationError("give --enterprise ID or --all")
        case (.some, true): throw ValidationError("give --enterprise ID or --all, not both")
        default: break
        }
    }

    var selection: DossierSelection { enterprise.map(DossierSelection.enterprise) ?? .all }

    func run() throws {
        try CommandFailure.run {
            try ChartFont.verify()
            guard let dir = TemplateLocator.directory(explicit: templates) else {
                throw UserError("no ReportTemplates folder found in the current directory or above the executable; pass --templates DIR")
            }
            let template = try TemplateLoader.load(.dossier, from: dir)
            let settings = try global.settings()
            let (store, lock) = try global.openLockedStore(settings)
            defer { lock.release() }
            // An id the registry does not have is named before anything is computed.
            if let enterprise {
                let (_, registry) = try StoredComputation.registry(store: store, for: period.last)
                if registry.enterprise(id: enterprise) == nil { throw DossierError.unknown(enterprise, in: registry, on: period.last) }
            }
            let output = CommandOutput(path: out, command: "dossier")
            let outcome = try PeriodRun.outcome(store: store, settings: settings, from: period.from, to: period.last)
            let result = try outcome.result()
            let written = try output.write {
                try Products.dossiers(template, result: result, selection: selection, store: store, out: $0)
            }
            for w in written.warnings { Terminal.errLine("pems: warning: \(w)") }
            for url in written.files { Terminal.line("wrote: \(output.published(url).path)") }
            if written.enterprises.isEmpty { Terminal.line("no enterprises in the registry — nothing written") }
        }
    }
}
