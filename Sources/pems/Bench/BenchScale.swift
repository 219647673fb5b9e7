import ArgumentParser
import Charts
import Foundation
import PEMSCore

/// `pems bench scale` — the nightly at several city sizes: a CSV of the figures and a log–log
/// chart of seconds and peak memory against enterprises with the ideal linear line (issue 20).
struct BenchScale: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract: "Run the nightly at several city sizes and chart how time and memory grow with enterprises.",
        discussion: """
        For each size in --sizes, the bench day of that many enterprises (1-minute packets, \
        about 0.9 MB per enterprise) is generated into --dir once and reused, and `pems bench \
        nightly` is run on it (--runs times, a store's first night; medians). Writes \
        scale.csv (enterprises, GB of packets, load, compute and render seconds, end to end, \
        peak MB) and scale.png (two log–log panels: seconds per stage and end to end, and peak \
        memory, each with the line a cost proportional to the enterprises would follow) to \
        --out, and prints each row as it is measured. The 10,000-enterprise day is about 9 GB \
        of packets: the page cache must hold it for the figures to be the engine's rather than \
        the disk's.

        Examples:
          pems bench scale --out docs
          pems bench scale --sizes 250,500,1000 --runs 1
        """)

    @OptionGroup var bench: BenchOptions

    @Option(name: .long, help: ArgumentHelp("Enterprise counts, comma-separated.", valueName: "n,n,…"))
    var sizes = "250,500,1000,2527,5000,10000"

    @Option(name: .long, help: ArgumentHelp("Folder for scale.csv and scale.png (default: --dir).", valueName: "dir"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Folder of report templates (default: ./ReportTemplates, else the one above the executable).", valueName: "dir"))
    var templates: String?

    @Flag(name: .long, help: "Delete each size's generated day after measuring it (keeps the disk free; the next run generates it again).")
    var dropDays = false

    var sizeList: [Int] { sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func validate() throws {
        let list = sizeList
        guard !list.isEmpty, list.count == sizes.split(separator: ",").count else {
            throw ValidationError("--sizes: expected enterprise counts separated by commas, e.g. 250,500,1000 (got '\(sizes)')")
        }
        guard list.allSatisfy({ (10...20_000).contains($0) }) else { throw ValidationError("--sizes: each must be 10…20000 (got '\(sizes)')") }
    }

    /// One CSV row.
    struct Row {
        var enterprises: Int
        var gigabytes: Double
        var load: Double
        var compute: Double
        var render: Double
        var total: Double
        var peakMB: Double

        static let header = "enterprises,packets_gb,load_s,compute_s,render_s,end_to_end_s,peak_mb"
        var csv: String {
            String(format: "%d,%.3f,%.1f,%.1f,%.1f,%.1f,%.0f", enterprises, gigabytes, load, compute, render, total, peakMB)
        }
    }

    /// Stage seconds of a nightly measurement grouped as the CSV has them.
    static func row(enterprises: Int, _ m: BenchNightly.Measurement) -> Row {
        func sum(_ prefixes: [String]) -> Double {
            m.stages.filter { s in prefixes.contains { s.name == $0 || s.name.hasPrefix($0 + " ") } }.reduce(0) { $0 + $1.seconds }
        }
        return Row(enterprises: enterprises, gigabytes: Double(m.inputBytes) / 1e9, load: sum(["load"]), compute: sum(["compute"]),
                   render: sum(["render", "alarms", "publish"]), total: m.seconds, peakMB: m.peakMB)
    }

    func run() throws {
        try CommandFailure.run {
            let outDir = URL(fileURLWithPath: out ?? bench.dir, isDirectory: true)
            try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)
            var rows: [Row] = []
            print(Row.header)
            for n in sizeList {
                var nightly = BenchNightly()
                nightly.bench = bench
                nightly.bench.enterprises = n
                nightly.history = 0
                nightly.templates = templates
                let m = try nightly.measure(printRuns: false)
                let row = Self.row(enterprises: n, m)
                rows.append(row)
                print(row.csv)
                fflush(nil)
                let store = nightly.bench.base.appendingPathComponent("nightly-\(nightly.bench.cityKey).db").path
                for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: store + suffix) }
                if dropDays { try? FileManager.default.removeItem(at: try nightly.bench.benchDay().city) }
            }
            let csv = ([Row.header] + rows.map(\.csv)).joined(separator: "\n") + "\n"
            try Data(csv.utf8).write(to: outDir.appendingPathComponent("scale.csv"))
            let chart = ScalingChart(
                points: rows.map { .init(enterprises: Double($0.enterprises),
                                         seconds: ["end to end": $0.total, "load": $0.load, "compute": $0.compute], peakMB: $0.peakMB) },
                series: ["end to end", "load", "compute"],
                title: "pems nightly: time and peak memory against city size (1-minute data, a store's first night)",
                subtitle: "\(Self.machine()), medians of \(bench.runs) run\(bench.runs == 1 ? "" : "s"), \(Self.today())")
            try ChartOutput.write(try chart.render(), to: outDir.appendingPathComponent("scale.png"))
            print("wrote \(outDir.appendingPathComponent("scale.csv").path) and scale.png")
        }
    }

    /// "2 cores, AMD EPYC, 23 GB".
    static func machine() -> String {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? ""
        let gb = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
        return "\(ProcessInfo.processInfo.activeProcessorCount) cores" + (model.isEmpty ? "" : ", \(model)") + String(format: ", %.0f GB", gb)
    }

    /// Today's CST date.
    static func today() -> String { Timestamp(seconds: Int64(Date().timeIntervalSince1970) + 8 * 3600).day.description }
}
