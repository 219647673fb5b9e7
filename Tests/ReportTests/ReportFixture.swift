import Accounting
import DemoCity
import Foundation
@testable import Loader
import PEMSCore
import Reports
import TestSupport

/// The small demo city (57 enterprises, 14 days from 2026-06-01) generated, imported and
/// loaded once per test process into a store that stays open, so reports can compute their
/// periods and 环比 can read earlier days. The folder is removed when the process ends.
final class ReportFixture: @unchecked Sendable {
    let dir: URL
    let store: Store
    /// Holds the folder and store; removed with the fixture.
    private let workspace: StoreWorkspace
    let settings = Settings()
    let firstDay: Day
    /// The repository's templates.
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("ReportTemplates", isDirectory: true)

    static func shared() throws -> ReportFixture { try instance.get() }
    private static let instance: Result<ReportFixture, Error> = Result { try ReportFixture() }
    private let lock = NSLock()

    private init() throws {
        // The shared small city, loaded and computed once per test process (`DemoStore`): the
        // days before the report days are computed too, so 环比 has stored results.
        let demo = try DemoStore.shared()
        workspace = try demo.workspace(label: "reports")
        dir = workspace.dir
        store = workspace.store
        firstDay = demo.firstDay
    }


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
