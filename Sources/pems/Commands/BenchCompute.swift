import ArgumentParser
import DemoCity
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

    @Option(name: .long, help: ArgumentHelp("Working folder (shared with bench load; the day and stores are cached here).", valueName: "dir"))
    var dir = ".build/bench-load"

    @Option(name: .long, help: "Number of runs (the median is reported).")
    var runs = 3

    @Option(name: .long, help: "Enterprises in the generated day.")
    var enterprises = 2527

    @Option(name: .long, help: "Days in the computed period (the bench day repeated).")
    var days = 1

    @Option(name: .long, help: "Days of look-back data before the period (the bench day repeated).")
    var history = 0

    enum CacheMode: String, ExpressibleByArgument, CaseIterable { case warm, cold, off }

    @Option(name: .long, help: ArgumentHelp("How look-back days are found: warm, cold or off (see above).", valueName: "mode"))
    var dayCache = CacheMode.warm

    func validate() throws {
        guard (1...20).contains(runs) else { throw ValidationError("--runs must be 1…20 (got \(runs))") }
        guard (10...20_000).contains(enterprises) else { throw ValidationError("--enterprises must be 10…20000 (got \(enterprises))") }
        guard (1...92).contains(days) else { throw ValidationError("--days must be 1…92 (got \(days))") }
        guard (0...74).contains(history) else { throw ValidationError("--history must be 0…74 (got \(history))") }
    }

    func run() throws {
        try CommandFailure.run {
            let base = URL(fileURLWithPath: dir, isDirectory: true)
            let (city, options) = try BenchLoad.benchDay(base: base, enterprises: enterprises)
            let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
            guard let first = Day(String(options.start.prefix(10))) else { throw UserError("bad bench start \(options.start)") }
            let stored = history + days
            let store = base.appendingPathComponent("compute-\(enterprises)-\(stored)d.db").path
            let marker = store + ".complete"
            if !FileManager.default.fileExists(atPath: marker) {
                for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + s) }
                print("preparing \(store): importing and loading the bench day …")
                fflush(nil)
                _ = try BenchLoad.child(exe, ["--store", store, "registry", "import", "--effective-from", options.start,
                                              city.appendingPathComponent("registry").path])
                _ = try BenchLoad.child(exe, ["--store", store, "load", "--quiet", city.appendingPathComponent("packets").path])
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
                _ = try BenchLoad.child(exe, compute)
            }
            var seconds: [Double] = [], rates: [Double] = [], peaks: [Double] = []
            for r in 1...runs {
                if dayCache == .cold { try Store(path: store).clearDayCache() }
                let out = try BenchLoad.child(exe, compute)
                var fields: [String: String] = [:]
                for line in out.split(separator: "\n") {
                    let parts = line.split(separator: ":", maxSplits: 1)
                    if parts.count == 2 { fields[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces) }
                }
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
                         BenchLoad.median(seconds), BenchLoad.median(rates), BenchLoad.median(peaks), peaks.max() ?? 0))
            print("period: \(from) … \(last) (\(days) day\(days == 1 ? "" : "s")), look-back data from \(first) (\(history) days, day cache \(dayCache.rawValue)), \(enterprises) enterprises; machine: \(ProcessInfo.processInfo.activeProcessorCount) cores")
        }
    }
}
