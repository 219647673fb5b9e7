import Accounting
import ArgumentParser
import Charts
import Foundation
import PEMSCore

/// `pems brief --from D1 --to D2 --out DIR` — the leadership PDF brief (SPEC §10).
struct BriefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: "Write the leadership PDF brief (A4) and its charts for a period.",
        discussion: """
        Writes DIR/brief.pdf — headline KPIs with 环比 changes (against the period of equal length \
        just before, from stored results), a summary generated from the numbers, the daily \
        emission trend with response periods and heat days, the district ranking, the alarm \
        distribution, the top 10 problem enterprises and response compliance — and the charts \
        alone as PNG and PDF (trend, ranking, alarms). Page numbers, the period and the \
        generation time are on every page; the generation time and the PDF dates are pinned to \
        the end of the period (00:00 CST of the day after), so the same inputs give the same bytes.

        Uses the stored computation of exactly this period when its inputs are unchanged; \
        otherwise computes the period first (as `pems compute` would) and stores it.

        --district CODE writes the county edition (县区版): titled with the district \
        ("竞秀区 工况用电监控简报"), its KPIs with the city's figure beside each, its trend, \
        problem enterprises, alarms and map, and the district ranking of every district with \
        its own emphasised; the files end in _CODE (brief_130602.pdf, trend_130602.png …).

        Examples:
          pems brief --from 2026-06-01 --to 2026-06-30 --out out/2026-06
          pems brief --from 2026-06-01 --to 2026-06-30 --district 130602 --out out/2026-06
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var period: PeriodOptions

    @Option(name: .long, help: ArgumentHelp("Folder to write the files into (created if needed).", valueName: "dir"))
    var out: String

    @OptionGroup var edition: DistrictOption

    func run() throws {
        try CommandFailure.run {
            try ChartFont.verify()
            let settings = try global.settings()
            let (store, lock) = try global.openLockedStore(settings)
            defer { lock.release() }
            let scope = try edition.scope(store: store, on: period.last)
            let output = CommandOutput(path: out, command: "brief")
            let outcome = try PeriodRun.outcome(store: store, settings: settings, from: period.from, to: period.last)
            let facts = try PeriodFacts(try outcome.result(), store: store).edition(scope)
            let written = try output.write { try ChartFiles.writeBrief(facts, to: $0) }
            for w in written.warnings { Terminal.errLine("pems: warning: \(w)") }
            for url in written.files { Terminal.line("wrote: \(output.published(url).path)") }
        }
    }
}
