import Accounting
import DemoCity
import Foundation
@testable import Loader
import PEMSCore
import Reports

/// The small demo city (57 enterprises, 14 days from 2026-06-01) generated, imported and
/// loaded once per test process into a store that stays open, so reports can compute their
/// periods and 环比 can read earlier days. The folder is removed when the process ends.
final class ReportFixture: @unchecked Sendable {
    let dir: URL
    let store: Store
    let settings = Settings()
    let firstDay: Day
    /// The repository's templates.
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("ReportTemplates", isDirectory: true)

    static func shared() throws -> ReportFixture { try instance.get() }
    private static let instance: Result<ReportFixture, Error> = Result { try ReportFixture() }
    private let lock = NSLock()

    private init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pems-reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        store = try Store(path: dir.appendingPathComponent("pems.db").path)
        var options = DemoOptions()
        options.enterprises = 57
        options.days = 14
        let city = dir.appendingPathComponent("city")
        let m = try DemoCity.generate(options, to: city)
        guard let first = Day(String(m.periodStart.prefix(10))) else { throw CocoaError(.coderInvalidValue) }
        firstDay = first
        switch try RegistryImporter.importDirectory(city.appendingPathComponent("registry").path, into: store, effectiveFrom: first) {
        case .success: break
        case .failure(let r): throw r
        }
        let (version, registry) = try store.registry(for: first)
        var lo = LoadOptions()
        lo.workers = 2
        let loader = DataLoader(store: store, directory: try ChannelDirectory.make(registry: registry, store: store),
                                registryVersion: version.id, options: lo)
        _ = try loader.load(files: try InputFiles.expand([city.appendingPathComponent("packets").path,
                                                          city.appendingPathComponent("readings").path]))
        // The days before the report days are computed too, so 环比 has stored results.
        _ = try StoredComputation.run(store: store, settings: settings, from: first, to: first.adding(days: 13),
                                      engineVersion: "test", reuse: true)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    /// Serialises store use across concurrently running tests.
    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// A fresh output folder.
    func outDir(_ name: String) throws -> URL {
        let u = dir.appendingPathComponent("out-\(name)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    /// Renders a period report and exports the same period's §12 CSVs beside it.
    func render(_ kind: ReportKind, date: Day, templates: URL = ReportFixture.templates) throws -> (files: [URL], export: URL) {
        try renderWithPreviousDay(kind, date: date, templates: templates).0
    }

    /// Also gives Σ emitted kg stored for the day before `date`, read under the same lock.
    func renderWithPreviousDay(_ kind: ReportKind, date: Day, templates: URL = ReportFixture.templates) throws
        -> ((files: [URL], export: URL), Double) {
        try locked {
            let prev = try store.dailyResults(from: date.adding(days: -1), to: date.adding(days: -1)).facilityDays
                .compactMap(\.emittedKg).reduce(0, +)
            let out = try outDir(kind.rawValue)
            let files = try Self.render(kind, date: date, templates: templates, store: store, settings: settings, out: out)
            let (_, from, to) = PeriodReport.period(kind, containing: date)
            let outcome = try StoredComputation.run(store: store, settings: settings, from: from, to: to, engineVersion: "test", reuse: true)
            let export = out.appendingPathComponent("export", isDirectory: true)
            try MachineExports.write(try outcome.result(), to: export)
            return ((files, export), prev)
        }
    }

    func renderResponse(_ id: String) throws -> (files: [URL], export: URL, result: ComputationResult) {
        try locked {
            let out = try outDir("response")
            let template = try TemplateLoader.load(.response, from: ReportFixture.templates)
            let r = try ResponseReport.response(id: id, store: store)
            let (from, to) = ResponseReport.days(r)
            let outcome = try StoredComputation.run(store: store, settings: settings, from: from, to: to, engineVersion: "test", reuse: true)
            let result = try outcome.result()
            let files = try ResponseReport.render(template, response: r, result: result, out: out)
            let export = out.appendingPathComponent("export", isDirectory: true)
            try MachineExports.write(result, to: export)
            return (files, export, result)
        }
    }

    /// Renders a period report as `pems report` does: the template checked first, then the
    /// period computed or its stored computation reused, then the renderer, which computes nothing.
    static func render(_ kind: ReportKind, date: Day, templates: URL = ReportFixture.templates, store: Store,
                       settings: Settings, out: URL) throws -> [URL] {
        let template = try TemplateLoader.load(kind, from: templates)
        let (p, from, to) = PeriodReport.period(kind, containing: date)
        let outcome = try StoredComputation.run(store: store, settings: settings, from: from, to: to, engineVersion: "test", reuse: true)
        if kind == .quality { return try QualityReport.render(template, rows: outcome.rows, store: store, out: out) }
        return try PeriodReport.render(template, rows: outcome.rows, period: p, store: store, out: out)
    }
}
