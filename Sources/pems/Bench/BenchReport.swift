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

        With --job each run is instead a child `pems monthly --date <first day>`, after one uncounted \
        run that stores what the job reads besides the month (the previous month's days, for 环比): \
        the whole monthly job on the stored month — 月报, 数据质量与联网 and brief, every county edition \
        (`district_editions`) and the enterprise files (一企一档) of every enterprise with events or \
        data-quality findings — with the job's own stage times and peak memory (issue 17: under \
        60 s and 1 GB).

        With --history H the command prepares its own store (once, kept in --dir): the bench day \
        copied to the H days before the month and to the month's other days, energy counters \
        rising across the copies, so the month is computed with a full look-back (thresholds, \
        baselines) as in a real month rather than from an empty store. With --faults P (see \
        `pems bench load`) P % of the enterprises have a treatment event every day, so the job \
        writes the files of the enterprises with events as it would in a real month.

        Examples:
          pems bench compute --days 31 --runs 1     # prepares the 31-day store
          pems bench report --days 31
          pems bench report --days 31 --job
          pems bench report --days 31 --history 14 --faults 10 --job
        """)

    @OptionGroup var bench: BenchOptions

    @Option(name: .long, help: "Days stored by `pems bench compute --days N` (the report covers the month of the first).")
    var days = 31

    @Option(name: .long, help: ArgumentHelp("Folder of report templates (default: ./ReportTemplates, else the one above the executable).", valueName: "dir"))
    var templates: String?

    @Flag(name: .long, help: "Time the whole monthly job (county editions and enterprise files too) instead of the 月报 alone.")
    var job = false

    @Option(name: .long, help: "Days of look-back data before the month (0: the store of `pems bench compute --days N`).")
    var history = 0

    func validate() throws {
        guard (1...31).contains(days) else { throw ValidationError("--days must be 1…31 (got \(days))") }
        guard (0...60).contains(history) else { throw ValidationError("--history must be 0…60 (got \(history))") }
    }

    /// The store with `history` days before the bench day and `days` from it (copies of the
    /// bench day, counters continuing), prepared on first use and kept (marker file).
    func monthStore(base: URL, city: URL, day: Day) throws -> String {
        let path = base.appendingPathComponent("report-\(bench.cityKey)-history\(history)-\(days)d.db").path
        let marker = path + ".complete"
        if FileManager.default.fileExists(atPath: marker) { return path }
        for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        print("preparing \(path): the bench day copied to the \(history) days before it and the \(days - 1) after it …")
        fflush(nil)
        try BenchChild.output(["--store", path, "registry", "import", "--effective-from", day.adding(days: -history).description,
                               city.appendingPathComponent("registry").path])
        try BenchChild.output(["--store", path, "load", "--quiet", city.appendingPathComponent("packets").path])
        let s = try Store(path: path)
        try s.copySeries(of: day, toOffsets: (1...history).map { -$0 } + Array(1..<days))
        try s.checkpoint()
        try Data().write(to: URL(fileURLWithPath: marker))
        return path
    }

    func run() throws {
        try CommandFailure.run {
            let base = bench.base, runs = bench.runs
            let (city, _, first) = try bench.benchDay()
            let store: String
            if history > 0 {
                store = try monthStore(base: base, city: city, day: first)
            } else {
                store = base.appendingPathComponent("compute-\(bench.cityKey)-\(days)d.db").path
                guard FileManager.default.fileExists(atPath: store + ".complete") else {
                    throw UserError("\(store): not prepared; run `pems bench compute --days \(days) --runs 1` first")
                }
            }
            let month = first.civil
            let monthFirst = Day(year: month.year, month: month.month, day: 1) ?? first
            let monthLast = RollupPeriod.month.last(monthFirst)
            print("storing the computation of \(monthFirst) … \(monthLast) (uncounted) …")
            fflush(nil)
            try BenchChild.output(["--store", store, "compute", "--from", monthFirst.description, "--to", monthLast.description])
            let out = base.appendingPathComponent("report-out").path
            if job {
                try runJob(store: store, month: monthFirst, out: base.appendingPathComponent("report-job-out").path)
                return
            }
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

    /// `--job`: the monthly job on the stored month, `runs` times, each into an emptied folder.
    func runJob(store: String, month: Day, out: String) throws {
        // The job also reads the previous month's days (环比); on a store of copied days nothing
        // has computed them yet, which the nightly runs would have: one uncounted run does.
        print("the monthly job once, uncounted (stores the comparison periods' days as the nightly runs would have) …")
        fflush(nil)
        try? FileManager.default.removeItem(atPath: out)
        let warm = try BenchChild.run(["--store", store, "monthly", "--date", month.description, "--out", out]
                                      + (templates.map { ["--templates", $0] } ?? []))
        guard warm.status == 0 || warm.status == 3 else { throw UserError("pems monthly exited \(warm.status): \(warm.log)") }
        var totals: [Double] = [], peaks: [Double] = []
        var stageSeconds: [String: [Double]] = [:], stagePeaks: [String: [Double]] = [:], order: [String] = []
        for r in 1...max(1, bench.runs) {
            try? FileManager.default.removeItem(atPath: out)
            let t0 = Date()
            let child = try BenchChild.run(["--store", store, "monthly", "--date", month.description, "--out", out,
                                            "--log-level", "info"] + (templates.map { ["--templates", $0] } ?? []))
            let seconds = Date().timeIntervalSince(t0)
            guard child.status == 0 || child.status == 3 else { throw UserError("pems monthly exited \(child.status): \(child.log)") }
            var runPeak = 0.0
            for (name, s, mb) in BenchNightly.stages(child.log) {
                if stageSeconds[name] == nil { order.append(name) }
                stageSeconds[name, default: []].append(s)
                stagePeaks[name, default: []].append(mb)
                runPeak = max(runPeak, mb)
            }
            totals.append(seconds)
            peaks.append(runPeak)
            let files = FileManager.default.enumerator(atPath: out)?.allObjects.compactMap { $0 as? String } ?? []
            let editions = Set(files.filter { $0.hasPrefix("districts/") }.map { $0.split(separator: "/").prefix(2).joined(separator: "/") })
            let dossiers = files.filter { $0.contains("/dossiers/") && $0.hasSuffix(".pdf") }.count
            print(String(format: "run %d: %.1f s end to end, peak %.0f MB (exit %d); %d files, %d county editions, %d enterprise files",
                         r, seconds, runPeak, child.status, files.count, editions.count, dossiers))
            fflush(nil)
        }
        print("median of \(totals.count) runs, per stage (time, own peak memory):")
        for name in order {
            print("  " + name.padding(toLength: 24, withPad: " ", startingAt: 0)
                  + String(format: "%7.1f s  %6.0f MB", BenchChild.median(stageSeconds[name] ?? []),
                           BenchChild.median(stagePeaks[name] ?? [])))
        }
        print(String(format: "monthly job end to end: median %.1f s, peak %.0f MB (max %.0f MB); target < 60 s and < 1024 MB",
                     BenchChild.median(totals), BenchChild.median(peaks), peaks.max() ?? 0))
    }
}
