import ArgumentParser
import DemoCity
import Foundation
import PEMSCore

/// `pems bench …` — benchmarks measured as commands, not timed tests.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure speed and memory on city-scale data.",
        subcommands: [BenchLoad.self, BenchCompute.self, BenchReport.self, BenchNightly.self])
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

    @Option(name: .long, help: ArgumentHelp("Working folder (the generated day is cached here).", valueName: "dir"))
    var dir = ".build/bench-load"

    @Option(name: .long, help: "Number of runs (the median is reported).")
    var runs = 3

    @Option(name: .long, help: "Enterprises in the generated day.")
    var enterprises = 2527

    @Option(name: .long, help: ArgumentHelp("Parsing threads for the load (default: cores).", valueName: "n"))
    var workers: Int?

    func validate() throws {
        guard (1...20).contains(runs) else { throw ValidationError("--runs must be 1…20 (got \(runs))") }
        guard (10...20_000).contains(enterprises) else { throw ValidationError("--enterprises must be 10…20000 (got \(enterprises))") }
    }

    struct RunResult {
        var seconds: Double
        var packets: Int
        var readings: Int
        var storeBytes: Int
        var peakRSSBytes: Int
    }

    func run() throws {
        try CommandFailure.run {
            let base = URL(fileURLWithPath: dir, isDirectory: true)
            let (city, options) = try Self.benchDay(base: base, enterprises: enterprises)
            var inputBytes = 0
            let packets = city.appendingPathComponent("packets").path
            for f in try FileManager.default.contentsOfDirectory(atPath: packets) {
                let a = try FileManager.default.attributesOfItem(atPath: packets + "/" + f)
                inputBytes += (a[.size] as? NSNumber)?.intValue ?? 0
            }
            let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
            var results: [RunResult] = []
            for r in 1...runs {
                let store = base.appendingPathComponent("run-\(r).db").path
                for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + s) }
                _ = try Self.child(exe, ["--store", store, "registry", "import", "--effective-from", options.start,
                                         city.appendingPathComponent("registry").path])
                var loadArgs = ["--store", store, "load", "--json", "--quiet", packets]
                if let workers { loadArgs += ["--workers", String(workers)] }
                let t0 = Date()
                let json = try Self.child(exe, loadArgs)
                let seconds = Date().timeIntervalSince(t0)
                let peak = Self.childrenPeakRSS()
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
            func median(_ f: (RunResult) -> Double) -> Double {
                let v = results.map(f).sorted()
                return v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2
            }
            let med = RunResult(seconds: median(\.seconds), packets: Int(median { Double($0.packets) }),
                                readings: Int(median { Double($0.readings) }), storeBytes: Int(median { Double($0.storeBytes) }),
                                peakRSSBytes: results.map(\.peakRSSBytes).max() ?? 0)
            print("median of \(runs): " + Self.describe(med, inputBytes: inputBytes))
            print("input: \(String(format: "%.2f", Double(inputBytes) / 1e9)) GB of packets, \(enterprises) enterprises; machine: \(ProcessInfo.processInfo.activeProcessorCount) cores")
        }
    }

    /// The generated bench day in `base` (generated on first use, then reused).
    static func benchDay(base: URL, enterprises: Int) throws -> (URL, DemoOptions) {
        let city = base.appendingPathComponent("city-\(enterprises)", isDirectory: true)
        let marker = city.appendingPathComponent(".complete")
        var options = DemoOptions.bench()
        options.enterprises = enterprises
        if !FileManager.default.fileExists(atPath: marker.path) {
            try? FileManager.default.removeItem(at: city)
            try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
            print("generating the bench day (\(enterprises) enterprises, 1-minute data) into \(city.path) …")
            fflush(nil)
            let t0 = Date()
            let bar = ProgressBar(label: "generating", bytes: false)
            let m = try DemoCity.generate(options, to: city) { f in bar.update(Int(f * 1000), 1000) }
            bar.finish()
            print("generated \(m.dataPackets) packets, \(m.values) values, \(String(format: "%.2f", Double(m.bytes) / 1e9)) GB in \(String(format: "%.1f", Date().timeIntervalSince(t0))) s")
            try Data().write(to: marker)
        }
        return (city, options)
    }

    static func median(_ values: [Double]) -> Double {
        let v = values.sorted()
        guard !v.isEmpty else { return 0 }
        return v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2
    }

    static func describe(_ r: RunResult, inputBytes: Int) -> String {
        let s = max(r.seconds, 0.001)
        return String(format: "%.1f s, %.0f packets/s, %.2f M values/s, %.1f MB/s, %.2f bytes/value stored, peak %.0f MB",
                      r.seconds, Double(r.packets) / s, Double(r.readings) / s / 1e6, Double(inputBytes) / s / 1e6,
                      Double(r.storeBytes) / Double(max(1, r.readings)), Double(r.peakRSSBytes) / 1_048_576)
    }

    /// Runs a child pems, returns its stdout; throws with its stderr when it fails.
    static func child(_ exe: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw UserError("pems \(args.joined(separator: " ")) failed: \(String(decoding: errData, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The largest maximum resident set of the children waited for so far (bytes).
    static func childrenPeakRSS() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }
}
