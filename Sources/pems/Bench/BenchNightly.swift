import ArgumentParser
import Foundation
import PEMSCore

/// `pems bench nightly` — the nightly job end to end on the city-scale minute-data day
/// (issue 7: under 3 minutes and 2 GB on this 2-core machine).
struct BenchNightly: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nightly",
        abstract: "Run the nightly job on the city-scale bench day and report each stage's time and peak memory.",
        discussion: """
        Each run is a fresh store in --dir: a child `pems registry import` (not timed), then a \
        child `pems nightly --date <bench day> --inbox <bench packets>` — load the day's \
        1-minute packets (≈ 2.1 GB), compute it, render 日报, the provincial JSON, the brief \
        and the evidence pack, publish — timed end to end. The child logs each stage with its \
        own peak resident memory (the kernel's high-water mark is reset before each stage); \
        the medians over the runs are printed per stage and for the whole job.

        With --history H the store first holds H days before the bench day (copies of its \
        series), computed once in an uncounted run so the day cache holds them as the previous \
        nights would have left it; each run then starts from a copy of that store, and the \
        nightly computes the bench day with a real look-back (thresholds, baselines, events).

        Examples:
          pems bench nightly                 # 3 runs, 2,527 enterprises
          pems bench nightly --history 30    # the steady-state night: 30 days of history
          pems bench nightly --runs 1 --enterprises 200
        """)

    @OptionGroup var bench: BenchOptions

    @Option(name: .long, help: "Days of history before the bench day (0 = a store's first night).")
    var history = 0

    @Option(name: .long, help: ArgumentHelp("Folder of report templates (default: ./ReportTemplates, else the one above the executable).", valueName: "dir"))
    var templates: String?

    func validate() throws {
        guard (0...74).contains(history) else { throw ValidationError("--history must be 0…74 (got \(history))") }
    }

    /// The store with `history` days of copies before the bench day, computed once (the day
    /// cache then holds them); prepared on first use and kept (marker file).
    func historyStore(base: URL, city: URL, day: Day) throws -> String {
        let path = base.appendingPathComponent("nightly-\(bench.cityKey)-history\(history).db").path
        let marker = path + ".complete"
        if FileManager.default.fileExists(atPath: marker) { return path }
        for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        print("preparing \(path): the bench day copied to the \(history) days before it, then computed once (uncounted) …")
        fflush(nil)
        let first = day.adding(days: -history)
        try BenchChild.output(["--store", path, "registry", "import", "--effective-from", first.description,
                                      city.appendingPathComponent("registry").path])
        try BenchChild.output(["--store", path, "load", "--quiet", city.appendingPathComponent("packets").path])
        let s = try Store(path: path)
        try s.copySeries(of: day, toOffsets: (1...history).map { -$0 })
        // The bench day itself arrives through the nightly run's inbox: forget it was loaded.
        try s.forgetLoadedDay(day)
        try s.checkpoint()
        try BenchChild.output(["--store", path, "compute", "--from", first.description, "--to", day.adding(days: -1).description])
        // The previous night's own computation (the 环比 base the nightly job reads).
        try BenchChild.output(["--store", path, "compute", "--from", day.adding(days: -1).description])
        // Runs copy the main file only: everything must be in it, none left in the WAL.
        try Store(path: path).checkpoint()
        try Data().write(to: URL(fileURLWithPath: marker))
        return path
    }

    /// What `measure` found: the medians over the runs, per stage and end to end.
    struct Measurement {
        /// (stage, median seconds, median own peak MB), in the order the job ran them.
        var stages: [(name: String, seconds: Double, peakMB: Double)]
        var seconds: Double
        var peakMB: Double
        var maxPeakMB: Double
        var runs: Int
        /// Bytes of the day's packets the nightly loaded.
        var inputBytes: Int
        func stageSeconds(_ name: String) -> Double? { stages.first { $0.name == name }?.seconds }
    }

    func run() throws {
        try CommandFailure.run {
            let m = try measure(printRuns: true)
            print("median of \(m.runs) runs\(history > 0 ? " with \(history) days of history" : ""), per stage (time, own peak memory):")
            for s in m.stages {
                print("  " + s.name.padding(toLength: 24, withPad: " ", startingAt: 0)
                      + String(format: "%7.1f s  %6.0f MB", s.seconds, s.peakMB))
            }
            print(String(format: "nightly end to end: median %.1f s, peak %.0f MB (max %.0f MB); target < 180 s and < 2048 MB; machine: %d cores",
                         m.seconds, m.peakMB, m.maxPeakMB, ProcessInfo.processInfo.activeProcessorCount))
        }
    }

    /// Runs the nightly `bench.runs` times on the bench day (generated first if need be).
    func measure(printRuns: Bool) throws -> Measurement {
        let base = bench.base, runs = bench.runs
        let (city, options, day) = try bench.benchDay()
        let store = base.appendingPathComponent("nightly-\(bench.cityKey).db").path
        let prepared = history > 0 ? try historyStore(base: base, city: city, day: day) : nil
        let out = base.appendingPathComponent("nightly-out").path
        let packets = city.appendingPathComponent("packets").path
        let inputBytes = try FileManager.default.contentsOfDirectory(atPath: packets).reduce(0) { sum, f in
            sum + (((try? FileManager.default.attributesOfItem(atPath: packets + "/" + f))?[.size] as? NSNumber)?.intValue ?? 0)
        }
        var totals: [Double] = [], peaks: [Double] = []
        var stageSeconds: [String: [Double]] = [:], stagePeaks: [String: [Double]] = [:], order: [String] = []
        for r in 1...runs {
            for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: store + suffix) }
            try? FileManager.default.removeItem(atPath: out)
            if let prepared {
                try FileManager.default.copyItem(atPath: prepared, toPath: store)
                // The copy is set-up, not part of the night: it is written back to disk before
                // the clock starts, so the night does not share the disk with gigabytes of it.
                sync()
            } else {
                try BenchChild.output(["--store", store, "registry", "import", "--effective-from", options.start,
                                              city.appendingPathComponent("registry").path])
            }
            let t0 = Date()
            let child = try BenchChild.run(["--store", store, "nightly", "--date", day.description,
                                                     "--inbox", packets, "--out", out,
                                                     "--log-level", "info"] + (templates.map { ["--templates", $0] } ?? []))
            let seconds = Date().timeIntervalSince(t0)
            let status = child.status, log = child.log
            guard status == 0 || status == 3 else { throw UserError("pems nightly exited \(status): \(log)") }
            var runPeak = 0.0
            var parts: [String] = []
            for (name, s, mb) in Self.stages(log) {
                if stageSeconds[name] == nil { order.append(name) }
                stageSeconds[name, default: []].append(s)
                stagePeaks[name, default: []].append(mb)
                runPeak = max(runPeak, mb)
                parts.append(String(format: "%@ %.1f s", name, s))
            }
            totals.append(seconds)
            peaks.append(runPeak)
            if printRuns {
                print(String(format: "run %d: %.1f s end to end, peak %.0f MB (exit %d) — %@", r, seconds, runPeak, status,
                             parts.joined(separator: ", ")))
                fflush(nil)
            }
        }
        return Measurement(stages: order.map { ($0, BenchChild.median(stageSeconds[$0] ?? []), BenchChild.median(stagePeaks[$0] ?? [])) },
                           seconds: BenchChild.median(totals), peakMB: BenchChild.median(peaks), maxPeakMB: peaks.max() ?? 0,
                           runs: totals.count, inputBytes: inputBytes)
    }

    /// `stage <name>: <seconds> s, peak <mb> MB` lines of the job's log.
    static func stages(_ log: String) -> [(String, Double, Double)] {
        var out: [(String, Double, Double)] = []
        for line in log.split(separator: "\n") {
            guard let r = line.range(of: " stage ") ?? (line.hasPrefix("stage ") ? line.range(of: "stage ") : nil) else { continue }
            let rest = line[r.upperBound...]
            guard let colon = rest.range(of: ": ") else { continue }
            let name = String(rest[..<colon.lowerBound])
            let numbers = rest[colon.upperBound...].split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
            guard numbers.count >= 2 else { continue }
            out.append((name, numbers[0], numbers[1]))
        }
        return out
    }
}
