import ArgumentParser
import Foundation
import PEMSCore

/// `pems bench compute` — SPEC §4–§8 on the city-scale day (2,527 enterprises, 1-minute data),
/// or on a range made of that day's stored readings repeated.
struct BenchCompute: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compute",
        abstract: "Compute the city-scale day (or a range of copies of it) and report medians.",
        discussion: """
        Prepares once (cached in --dir): the bench day of `pems bench load`, loaded into a store. \
        With --days N > 1 the day's stored readings are copied to the N − 1 following days inside \
        the store (SQL, no re-parsing), so a range has city-scale data on every day.

        With --history H the store also holds H days of copies before the period, so the run \
        computes the period with a full look-back (thresholds 14 days, baselines 60). \
        --day-cache says how those look-back days are found: `warm` (a first, uncounted run has \
        kept them in the day cache, as last night's run would have), `cold` (the cache is emptied \
        before each run, so every look-back day is decoded, as on a store's first computation) or \
        `off` (`pems compute --no-day-cache`).

        Each run is a child `pems compute --from D --to D+N−1` on that store (look-back included: \
        thresholds, baselines, events, activated carbon), so the peak memory reported is the \
        computation's own. Prints seconds, facility-days/s and peak memory per run, then medians.

        Examples:
          pems bench compute
          pems bench compute --history 30 --day-cache warm
          pems bench compute --history 30 --day-cache cold --runs 1
          pems bench compute --days 31 --runs 1
          pems bench compute --enterprises 300 --runs 5
        """)

    @OptionGroup var bench: BenchOptions

    @Option(name: .long, help: "Days in the computed period (the bench day repeated).")
    var days = 1

    @Option(name: .long, help: "Days of look-back data before the period (the bench day repeated).")
    var history = 0

    enum CacheMode: String, ExpressibleByArgument, CaseIterable { case warm, cold, off }

    @Option(name: .long, help: ArgumentHelp("How look-back days are found: warm, cold or off (see above).", valueName: "mode"))
    var dayCache = CacheMode.warm

    func validate() throws {
        guard (1...92).contains(days) else { throw ValidationError("--days must be 1…92 (got \(days))") }
        guard (0...74).contains(history) else { throw ValidationError("--history must be 0…74 (got \(history))") }
    }

    func run() throws {
        try CommandFailure.run {
            let base = bench.base, runs = bench.runs, enterprises = bench.enterprises
            let (city, options, first) = try bench.benchDay()
            let stored = history + days
            let store = base.appendingPathComponent("compute-\(bench.cityKey)-\(stored)d.db").path
            let marker = store + ".complete"
            if !FileManager.default.fileExists(atPath: marker) {
                for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + s) }
                print("preparing \(store): importing and loading the bench day …")
                fflush(nil)
                try BenchChild.output(["--store", store, "registry", "import", "--effective-from", options.start,
                                              city.appendingPathComponent("registry").path])
                try BenchChild.output(["--store", store, "load", "--quiet", city.appendingPathComponent("packets").path])
                if stored > 1 {
                    let s = try Store(path: store)
                    try s.copySeries(of: first, toOffsets: Array(1..<stored))
                    try s.checkpoint()
                }
                try Data().write(to: URL(fileURLWithPath: marker))
            }
            let from = first.adding(days: history), last = first.adding(days: stored - 1)
            let compute = ["--store", store, "compute", "--from", from.description, "--to", last.description]
                + (dayCache == .off ? ["--no-day-cache"] : [])
            if dayCache == .warm {
                print("priming the day cache (uncounted run) …")
                fflush(nil)
                try BenchChild.output(compute)
                // What the priming run wrote is on its way to the disk: let it land before the
                // clock starts, or the measured run shares the disk with the write-back.
                sync()
            }
            var seconds: [Double] = [], rates: [Double] = [], peaks: [Double] = []
            for r in 1...runs {
                if dayCache == .cold { try Store(path: store).clearDayCache() }
                let fields = BenchChild.fields(try BenchChild.output(compute))
                let s = Double(fields["seconds"] ?? "") ?? 0
                let fd = Double(fields["facility_days_computed"] ?? "") ?? 0
                let peak = Double(fields["peak_memory_mb"] ?? "") ?? 0
                seconds.append(s); rates.append(fd / max(s, 0.001)); peaks.append(peak)
                print(String(format: "run %d: %.1f s, %.0f facility-days, %.0f facility-days/s, peak %.0f MB, %@ events, %@ findings, %@ look-back days from the cache",
                             r, s, fd, fd / max(s, 0.001), peak, fields["events"] ?? "?", fields["findings"] ?? "?",
                             fields["day_cache_hits"] ?? "?"))
                fflush(nil)
            }
            print(String(format: "median of %d: %.1f s, %.0f facility-days/s, peak %.0f MB (max %.0f MB)", runs,
                         BenchChild.median(seconds), BenchChild.median(rates), BenchChild.median(peaks), peaks.max() ?? 0))
            print("period: \(from) … \(last) (\(days) day\(days == 1 ? "" : "s")), look-back data from \(first) (\(history) days, day cache \(dayCache.rawValue)), \(enterprises) enterprises; machine: \(ProcessInfo.processInfo.activeProcessorCount) cores")
        }
    }
}
