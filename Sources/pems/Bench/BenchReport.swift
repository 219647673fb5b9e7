import ArgumentParser
import Foundation
import Accounting
import PEMSCore

/// `pems bench report` — the monthly workbook of the city-scale bench (2,527 enterprises,
/// every event), timed in child processes (issue 5: under 30 s and 500 MB).
struct BenchReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render the monthly workbook of the city-scale bench store and report medians.",
        discussion: """
        Uses the store `pems bench compute --days N` prepares in --dir (the bench day's readings \
        copied to N consecutive days; run that first). An uncounted child `pems compute` of the \
        period stores its results once, as the nightly runs would have; then each run is a child \
        `pems report monthly --date <first day>` that reuses them, so the time and peak memory are \
        those of reading the stored results and writing the workbook (all sheets, every event).

        Examples:
          pems bench compute --days 31 --runs 1     # prepares the 31-day store
          pems bench report --days 31
        """)

    @OptionGroup var bench: BenchOptions

    @Option(name: .long, help: "Days stored by `pems bench compute --days N` (the report covers the month of the first).")
    var days = 31

    @Option(name: .long, help: ArgumentHelp("Folder of report templates (default: ./ReportTemplates, else the one above the executable).", valueName: "dir"))
    var templates: String?

    func run() throws {
        try CommandFailure.run {
            let base = bench.base, runs = bench.runs, enterprises = bench.enterprises
            let (_, _, first) = try bench.benchDay()
            let store = base.appendingPathComponent("compute-\(enterprises)-\(days)d.db").path
            guard FileManager.default.fileExists(atPath: store + ".complete") else {
                throw UserError("\(store): not prepared; run `pems bench compute --days \(days) --runs 1` first")
            }
            let month = first.civil
            let monthFirst = Day(year: month.year, month: month.month, day: 1) ?? first
            let monthLast = RollupPeriod.month.last(monthFirst)
            print("storing the computation of \(monthFirst) … \(monthLast) (uncounted) …")
            fflush(nil)
            try BenchChild.output(["--store", store, "compute", "--from", monthFirst.description, "--to", monthLast.description])
            let out = base.appendingPathComponent("report-out").path
            var seconds: [Double] = [], peaks: [Double] = []
            for r in 1...max(1, runs) {
                let fields = BenchChild.fields(try BenchChild.output(["--store", store, "report", "monthly", "--date", monthFirst.description,
                                                     "--out", out] + (templates.map { ["--templates", $0] } ?? [])))
                let s = Double(fields["seconds"] ?? "") ?? 0, peak = Double(fields["peak_memory_mb"] ?? "") ?? 0
                seconds.append(s); peaks.append(peak)
                print(String(format: "run %d: %.1f s, peak %.0f MB, %@", r, s, peak, fields["wrote"] ?? "?"))
                fflush(nil)
            }
            print(String(format: "median of %d: %.1f s, peak %.0f MB (max %.0f MB); target < 30 s and < 500 MB", seconds.count,
                         BenchChild.median(seconds), BenchChild.median(peaks), peaks.max() ?? 0))
        }
    }
}
