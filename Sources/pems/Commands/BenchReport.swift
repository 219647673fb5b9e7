import ArgumentParser
import DemoCity
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

    @Option(name: .long, help: ArgumentHelp("Working folder shared with bench load/compute.", valueName: "dir"))
    var dir = ".build/bench-load"

    @Option(name: .long, help: "Number of runs (the median is reported).")
    var runs = 3

    @Option(name: .long, help: "Enterprises in the bench day (as given to bench compute).")
    var enterprises = 2527

    @Option(name: .long, help: "Days stored by `pems bench compute --days N` (the report covers the month of the first).")
    var days = 31

    @Option(name: .long, help: ArgumentHelp("Folder of report templates (default: ./ReportTemplates, else the one above the executable).", valueName: "dir"))
    var templates: String?

    func run() throws {
        try CommandFailure.run {
            let base = URL(fileURLWithPath: dir, isDirectory: true)
            let (_, options) = try BenchLoad.benchDay(base: base, enterprises: enterprises)
            let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
            guard let first = Day(String(options.start.prefix(10))) else { throw UserError("bad bench start \(options.start)") }
            let store = base.appendingPathComponent("compute-\(enterprises)-\(days)d.db").path
            guard FileManager.default.fileExists(atPath: store + ".complete") else {
                throw UserError("\(store): not prepared; run `pems bench compute --days \(days) --runs 1` first")
            }
            let month = first.civil
            let monthFirst = Day(year: month.year, month: month.month, day: 1) ?? first
            let monthLast = RollupPeriod.month.last(monthFirst)
            print("storing the computation of \(monthFirst) … \(monthLast) (uncounted) …")
            fflush(nil)
            _ = try BenchLoad.child(exe, ["--store", store, "compute", "--from", monthFirst.description, "--to", monthLast.description])
            let out = base.appendingPathComponent("report-out").path
            var seconds: [Double] = [], peaks: [Double] = []
            for r in 1...max(1, runs) {
                let text = try BenchLoad.child(exe, ["--store", store, "report", "monthly", "--date", monthFirst.description,
                                                     "--out", out] + (templates.map { ["--templates", $0] } ?? []))
                var fields: [String: String] = [:]
                for line in text.split(separator: "\n") {
                    let parts = line.split(separator: ":", maxSplits: 1)
                    if parts.count == 2 { fields[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces) }
                }
                let s = Double(fields["seconds"] ?? "") ?? 0, peak = Double(fields["peak_memory_mb"] ?? "") ?? 0
                seconds.append(s); peaks.append(peak)
                print(String(format: "run %d: %.1f s, peak %.0f MB, %@", r, s, peak, fields["wrote"] ?? "?"))
                fflush(nil)
            }
            print(String(format: "median of %d: %.1f s, peak %.0f MB (max %.0f MB); target < 30 s and < 500 MB", seconds.count,
                         BenchLoad.median(seconds), BenchLoad.median(peaks), peaks.max() ?? 0))
        }
    }
}
