import Accounting
import ArgumentParser
import Foundation
import PEMSCore
import Reports

/// `pems export --from D1 --to D2 --out DIR` — the machine-readable CSV exports of SPEC §12.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the SPEC §12 CSV exports for a period.",
        discussion: """
        Writes events.csv, facility_day.csv, enterprise_day.csv, district_day.csv, dq.csv, \
        allocation.csv, reduction.csv and revisions.csv (every reading of the period a later load \
        replaced with another value) (UTF-8, header row, sorted by their key columns, times \
        YYYY-MM-DD HH:MM:SS, rates as fractions) and evidence.jsonl (one JSON object per event \
        with the numbers that made it fire) into DIR. The files appear together once all are \
        written: a failure or a kill leaves none of them and DIR's old files as they were. The \
        summary adds the VOCs totals, allocation shortfalls and outlet deviations (SPEC §9).

        Uses the stored computation of exactly this period when its inputs are unchanged; \
        otherwise computes the period first (as `pems compute` would) and stores it.

        Examples:
          pems export --from 2026-07-01 --to 2026-07-31 --out out/2026-07
          pems --store city.db export --from 2026-07-05 --out /tmp/day
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var period: PeriodOptions

    @Option(name: .long, help: ArgumentHelp("Folder to write the files into (created if needed).", valueName: "dir"))
    var out: String

    func run() throws {
        try CommandFailure.run {
            let settings = try global.settings()
            let (store, lock) = try global.openLockedStore(settings)
            defer { lock.release() }
            let output = CommandOutput(path: out, command: "export")
            // The stored rows stream into the files (a city-scale month is not loaded whole).
            let outcome = try PeriodRun.outcome(store: store, settings: settings, from: period.from, to: period.last, bytes: true)
            let written = try output.write { try MachineExports.write(rows: outcome.rows, to: $0) }
            print(try ComputeSummary.streamedText(outcome), terminator: "")
            for url in written { Terminal.line("wrote: \(output.published(url).path)") }
        }
    }
}
