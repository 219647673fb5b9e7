import Accounting
import DemoCity
import Foundation
import Loader
import PEMSCore

/// The small demo city (57 enterprises, 14 days from 2026-06-01: the smallest `pems demo`
/// accepts, still hosting every injected situation) generated, imported, loaded and computed
/// once per test process, handed out as copies. Generating and loading it is, after the
/// conformance fixture, the dearest setup in the suite, and several suites start from exactly
/// this store (`DemoFixture`, `ReportFixture`, `DemoCityLoadTests`).
///
/// The template holds the registry (effective from the first day), every packet and CSV
/// reading (loaded with the registry in force on the first day) and the stored computation of
/// the 14 days under default settings and engine version `test`, so a report or a computation
/// of that period reuses it; the WAL is written back into the file, so a copy is complete.
public final class DemoStore: Sendable {
    /// The generator's manifest (its counts are the load's ground truth).
    public let manifest: DemoManifest
    /// The generated city: `registry/`, `packets/`, `readings/`, `ground_truth.csv` (read only:
    /// shared by every test).
    public let city: URL
    /// What loading the city's packets and readings gave.
    public let loaded: [FileResult]
    public let firstDay: Day
    public let lastDay: Day
    /// The loaded and computed store file; copy it, never open it.
    let template: String

    public static let enterprises = 57
    public static let days = 14

    /// The shared city (built on first use; a failure is rethrown to every user).
    public static func shared() throws -> DemoStore { try instance.get() }
    private static let instance: Result<DemoStore, Error> = Result { try DemoStore() }

    private init() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pems-demo-store-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        atexit {
            try? FileManager.default.removeItem(at: FileManager.default.temporaryDirectory
                .appendingPathComponent("pems-demo-store-\(getpid())"))
        }
        var options = DemoOptions()
        options.enterprises = Self.enterprises
        options.days = Self.days
        city = dir.appendingPathComponent("city")
        manifest = try DemoCity.generate(options, to: city)
        guard let first = Day(String(manifest.periodStart.prefix(10))), let end = Day(String(manifest.periodEnd.prefix(10))) else {
            throw CocoaError(.coderInvalidValue)
        }
        firstDay = first
        lastDay = end.adding(days: -1)
        template = dir.appendingPathComponent("pems.db").path
        let store = try Store(path: template)
        switch try RegistryImporter.importDirectory(city.appendingPathComponent("registry").path, into: store, effectiveFrom: first) {
        case .success: break
        case .failure(let r): throw r
        }
        let (version, registry) = try store.registry(for: first)
        var lo = LoadOptions()
        lo.workers = 2
        let loader = DataLoader(store: store, directory: try ChannelDirectory.make(registry: registry, store: store),
                                registryVersion: version.id, options: lo)
        loaded = try loader.load(files: try InputFiles.expand([city.appendingPathComponent("packets").path,
                                                              city.appendingPathComponent("readings").path]))
        _ = try StoredComputation.run(store: store, settings: Settings(), from: first, to: lastDay, engineVersion: "test",
                                      reuse: true)
        try store.checkpoint()
    }

    /// A new workspace holding a copy of the loaded and computed store.
    public func workspace(label: String = "demo") throws -> StoreWorkspace {
        try StoreWorkspace(label, copyOf: template)
    }
}
