import ArgumentParser
import Foundation
import PEMSCore

/// `pems bench …` — benchmarks measured as commands, not timed tests.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure speed and memory on city-scale data.",
        subcommands: [BenchLoad.self, BenchCompute.self, BenchReport.self, BenchNightly.self, BenchReceive.self, BenchScale.self, BenchCities.self])
}

/// `pems bench load` — the city-scale day: 2,527 enterprises × 12 electrical points + 4
/// sensors, one day of 1-minute CN 2011 packets (≈ 3.6M packets, ≈ 100M values, ≈ 2.1 GB).
struct BenchLoad: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Generate the city-scale day once, then load it into fresh stores and report medians.",
        discussion: """
        Each run imports the registry and loads the day in a child `pems` process into a new \
        store, so the peak memory reported is the loader's own (the largest child's maximum \
        resident set). Prints packets/s, values/s, MB/s of input, stored bytes per value and \
        peak memory per run, then the medians. The generated day is kept in --dir and reused.

        Examples:
          pems bench load
          pems bench load --runs 1 --enterprises 500
        """)

    @OptionGroup var bench: BenchOptions

    @Option(name: .long, help: ArgumentHelp("Parsing threads for the load (default: cores).", valueName: "n"))
    var workers: Int?

    struct RunResult {
        var seconds: Double
        var packets: Int
        var readings: Int
        var storeBytes: Int
        var peakRSSBytes: Int
    }

    func run() throws {
        try CommandFailure.run {
            let base = bench.base, runs = bench.runs
            let (city, options, _) = try bench.benchDay()
            var inputBytes = 0
            let packets = city.appendingPathComponent("packets").path
            for f in try FileManager.default.contentsOfDirectory(atPath: packets) {
                let a = try FileManager.default.attributesOfItem(atPath: packets + "/" + f)
                inputBytes += (a[.size] as? NSNumber)?.intValue ?? 0
            }
            var results: [RunResult] = []
            for r in 1...runs {
                let store = base.appendingPathComponent("run-\(r).db").path
                for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + s) }
                try BenchChild.output(["--store", store, "registry", "import", "--effective-from", options.start,
                                         city.appendingPathComponent("registry").path])
                var loadArgs = ["--store", store, "load", "--json", "--quiet", packets]
                if let workers { loadArgs += ["--workers", String(workers)] }
                let t0 = Date()
                let json = try BenchChild.output(loadArgs)
                let seconds = Date().timeIntervalSince(t0)
                let peak = BenchChild.peakResidentBytes()
                let total = (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["total"] as? [String: Any] ?? [:]
                let s = try Store(path: store)
                try s.checkpoint()
                let size = ((try FileManager.default.attributesOfItem(atPath: store))[.size] as? NSNumber)?.intValue ?? 0
                let result = RunResult(seconds: seconds, packets: total["packets"] as? Int ?? 0,
                                       readings: total["readings"] as? Int ?? 0, storeBytes: size, peakRSSBytes: peak)
                results.append(result)
                print("run \(r): " + Self.describe(result, inputBytes: inputBytes))
                fflush(nil) // one line per run as it finishes, also when stdout is a file or a pipe
                for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + s) }
            }
            func median(_ f: (RunResult) -> Double) -> Double { BenchChild.median(results.map(f)) }
            let med = RunResult(seconds: median(\.seconds), packets: Int(median { Double($0.packets) }),
                                readings: Int(median { Double($0.readings) }), storeBytes: Int(median { Double($0.storeBytes) }),
                                peakRSSBytes: results.map(\.peakRSSBytes).max() ?? 0)
            print("median of \(runs): " + Self.describe(med, inputBytes: inputBytes))
            print("input: \(String(format: "%.2f", Double(inputBytes) / 1e9)) GB of packets, \(bench.enterprises) enterprises; machine: \(ProcessInfo.processInfo.activeProcessorCount) cores")
        }
    }

    static func describe(_ r: RunResult, inputBytes: Int) -> String {
        let s = max(r.seconds, 0.001)
        return String(format: "%.1f s, %.0f packets/s, %.2f M values/s, %.1f MB/s, %.2f bytes/value stored, peak %.0f MB",
                      r.seconds, Double(r.packets) / s, Double(r.readings) / s / 1e6, Double(inputBytes) / s / 1e6,
                      Double(r.storeBytes) / Double(max(1, r.readings)), Double(r.peakRSSBytes) / 1_048_576)
    }
}
