import ArgumentParser
import DemoCity
import Foundation
import PEMSCore

/// `pems bench cities` — several cities' nights on one machine: each city's bench day (distinct
/// district codes, MNs and data) in a store of its own, their nightlies run one after another
/// as one night, with the disk's own read speed beside the figures.
struct BenchCities: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cities",
        abstract: "Run several cities' nightlies (one store per city) as one night, and measure the disk.",
        discussion: """
        Generates into --dir, once, the bench day of each of --cities cities (city 0 is \
        Baoding's bench day of `pems bench load`; cities 1… are other cities of Hebei with their \
        own district codes, MNs and seeded data, `--city K` of the other bench commands), about \
        0.9 MB of packets per enterprise. A round runs `pems bench nightly` once per city, one \
        after another, each in its own store (a store's first night: load, compute, render, \
        publish); the round's time is their sum and its peak the largest of theirs. Prints each \
        city's stages per round, then the medians over --runs rounds.

        Then the disk: one city's packet files are dropped from the page cache \
        (posix_fadvise DONTNEED) and read back once, timed — the speed the night would load at \
        if its packets were not in memory — and what reading ten cities' packets cold would \
        cost at that speed. Four cities' packets (≈ 9 GB) fit a 23 GB machine's page cache; ten \
        cities' (≈ 22 GB) do not.

        Examples:
          pems bench cities
          pems bench cities --cities 2 --runs 1 --enterprises 300
        """)

    @OptionGroup var bench: BenchOptions

    @Option(name: .long, help: "Cities in the night (1…\(DemoOptions.benchCities)).")
    var cities = 4

    @Option(name: .long, help: ArgumentHelp("Folder of report templates (default: ./ReportTemplates, else the one above the executable).", valueName: "dir"))
    var templates: String?

    func validate() throws {
        guard (1...DemoOptions.benchCities).contains(cities) else {
            throw ValidationError("--cities must be 1…\(DemoOptions.benchCities) (got \(cities))")
        }
    }

    func nightly(city k: Int) -> BenchNightly {
        var n = BenchNightly()
        n.bench = bench
        n.bench.city = k
        n.bench.runs = 1
        n.history = 0
        n.templates = templates
        return n
    }

    func run() throws {
        try CommandFailure.run {
            for k in 0..<cities { _ = try nightly(city: k).bench.benchDay() }
            var roundSeconds: [Double] = [], roundPeaks: [Double] = []
            var perCity: [[BenchScale.Row]] = Array(repeating: [], count: cities)
            var bytes = 0
            for r in 1...bench.runs {
                var total = 0.0, peak = 0.0
                bytes = 0
                for k in 0..<cities {
                    let m = try nightly(city: k).measure(printRuns: false)
                    let row = BenchScale.row(enterprises: bench.enterprises, m)
                    perCity[k].append(row)
                    total += row.total
                    peak = max(peak, row.peakMB)
                    bytes += m.inputBytes
                    print(String(format: "round %d, city %d (%@): load %.1f s, compute %.1f s, render %.1f s, end to end %.1f s, peak %.0f MB",
                                 r, k, Self.cityName(k), row.load, row.compute, row.render, row.total, row.peakMB))
                    fflush(nil)
                }
                roundSeconds.append(total)
                roundPeaks.append(peak)
                print(String(format: "round %d: %d cities, %.2f GB of packets, %.1f s, peak %.0f MB", r, cities,
                             Double(bytes) / 1e9, total, peak))
                fflush(nil)
            }
            print("median of \(bench.runs) round\(bench.runs == 1 ? "" : "s"), per city (load, compute, render, end to end, peak):")
            for k in 0..<cities {
                let rows = perCity[k]
                func med(_ f: (BenchScale.Row) -> Double) -> Double { BenchChild.median(rows.map(f)) }
                print(String(format: "  city %d %@: %.1f s, %.1f s, %.1f s, %.1f s, %.0f MB", k, Self.cityName(k),
                             med(\.load), med(\.compute), med(\.render), med(\.total), med(\.peakMB)))
            }
            let loadSeconds = (0..<cities).reduce(0.0) { s, k in s + BenchChild.median(perCity[k].map(\.load)) }
            print(String(format: "night of %d cities (%d enterprises, %.2f GB): median %.1f s, peak %.0f MB; loading read %.0f MB/s from the page cache",
                         cities, cities * bench.enterprises, Double(bytes) / 1e9, BenchChild.median(roundSeconds),
                         BenchChild.median(roundPeaks), Double(bytes) / 1e6 / max(loadSeconds, 0.001)))
            let packets = try nightly(city: cities - 1).bench.benchDay().city.appendingPathComponent("packets")
            let (readBytes, seconds) = try Self.coldRead(packets)
            let speed = Double(readBytes) / max(seconds, 0.001)
            print(String(format: "disk: %.2f GB of city %d's packets read cold in %.1f s: %.0f MB/s", Double(readBytes) / 1e9,
                         cities - 1, seconds, speed / 1e6))
            let ten = Double(bytes) / Double(cities) * 10
            print(String(format: "ten cities' packets (%.1f GB) read cold at that speed: %.0f s before any parsing; machine: %@",
                         ten / 1e9, ten / speed, BenchScale.machine()))
        }
    }

    static func cityName(_ k: Int) -> String { k == 0 ? "保定" : hebeiBenchCityName(k) }

    /// Drops the files under `folder` from the page cache, then reads them once: bytes read and
    /// seconds taken.
    static func coldRead(_ folder: URL) throws -> (Int, Double) {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { folder.appendingPathComponent($0).path }
        for f in files {
            let fd = open(f, O_RDONLY)
            guard fd >= 0 else { throw UserError("cannot open \(f)") }
            _ = fdatasync(fd)
            _ = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED)
            close(fd)
        }
        var buffer = [UInt8](repeating: 0, count: 8 << 20)
        var total = 0
        let t0 = Date()
        for f in files {
            let fd = open(f, O_RDONLY)
            guard fd >= 0 else { throw UserError("cannot open \(f)") }
            defer { close(fd) }
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                total += n
            }
        }
        return (total, Date().timeIntervalSince(t0))
    }
}
