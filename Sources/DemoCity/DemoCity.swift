import Foundation
import HJ212

/// The deterministic demo city (a Baoding-like city with registry, packets, injected anomalies
/// and a ground truth) and the city-scale bench day. Same options ⇒ byte-identical files.
public enum DemoCity {
    /// Writes the city under `directory` (created if needed) and returns what was written.
    /// `progress` is called with a fraction 0…1 after each day.
    public static func generate(_ options: DemoOptions, to directory: URL,
                                progress: ((Double) -> Void)? = nil) throws -> DemoManifest {
        guard options.intervalMinutes > 0, 15 % options.intervalMinutes == 0 else {
            throw DemoError.badOptions("intervalMinutes must divide 15 (1, 3, 5 or 15), got \(options.intervalMinutes)")
        }
        guard let startDay = Civil.parse(options.start) else {
            throw DemoError.badOptions("start must be YYYY-MM-DD, got \(options.start)")
        }
        guard options.districts >= 1 else { throw DemoError.badOptions("districts must be at least 1") }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        switch options.profile {
        case .demo:
            guard options.days >= 14 else { throw DemoError.badOptions("the demo profile needs at least 14 days, got \(options.days)") }
            var writer = try DemoWriter(options: options, startDay: startDay, directory: directory)
            return try writer.run(progress: progress)
        case .bench:
            guard options.days >= 1, options.enterprises >= 1 else { throw DemoError.badOptions("bench needs days ≥ 1 and enterprises ≥ 1") }
            let writer = BenchWriter(options: options, startDay: startDay, directory: directory)
            return try writer.run(progress: progress)
        }
    }
}
