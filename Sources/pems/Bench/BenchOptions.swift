import ArgumentParser
import DemoCity
import Foundation
import PEMSCore

/// The options every `pems bench …` command takes, and the city-scale bench day they share.
struct BenchOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Working folder, shared by the bench commands (the generated day and prepared stores are cached here).", valueName: "dir"))
    var dir = ".build/bench-load"

    @Option(name: .long, help: "Number of runs (the median is reported).")
    var runs = 3

    @Option(name: .long, help: "Enterprises in the generated bench day.")
    var enterprises = 2527

    @Option(name: .long, help: ArgumentHelp("Percent of enterprises whose RTO treatment stops 09:00–11:00 every day while production runs (a treatment event a day each; 0 = a city without anomalies).", valueName: "percent"))
    var faults = 0

    @Option(name: .long, help: ArgumentHelp("Which city's bench day: 0 = Baoding, 1…10 = another city of Hebei (its own district codes, MNs and data).", valueName: "k"))
    var city = 0

    func validate() throws {
        guard (0..<DemoOptions.benchCities).contains(city) else {
            throw ValidationError("--city must be 0…\(DemoOptions.benchCities - 1) (got \(city))")
        }
        guard (0...100).contains(faults) else { throw ValidationError("--faults must be 0…100 (got \(faults))") }
        guard (1...20).contains(runs) else { throw ValidationError("--runs must be 1…20 (got \(runs))") }
        guard (10...20_000).contains(enterprises) else { throw ValidationError("--enterprises must be 10…20000 (got \(enterprises))") }
    }

    var base: URL { URL(fileURLWithPath: dir, isDirectory: true) }

    /// The name stores and folders of this bench city start with: `2527`, or `2527-faults10`.
    var cityKey: String {
        (faults == 0 ? "\(enterprises)" : "\(enterprises)-faults\(faults)") + (city == 0 ? "" : "-city\(city)")
    }

    /// The generated bench day in `dir` (generated on first use, then reused): its folder,
    /// the options it was generated with, and its first day (CST).
    func benchDay() throws -> (city: URL, options: DemoOptions, day: Day) {
        let city = base.appendingPathComponent("city-\(cityKey)", isDirectory: true)
        let marker = city.appendingPathComponent(".complete")
        var options = DemoOptions.bench()
        options.enterprises = enterprises
        options.benchFaultPercent = faults
        options.benchCity = self.city
        options.seed &+= UInt64(self.city)
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
        guard let day = Day(String(options.start.prefix(10))) else { throw UserError("bad bench start \(options.start)") }
        return (city, options, day)
    }
}
