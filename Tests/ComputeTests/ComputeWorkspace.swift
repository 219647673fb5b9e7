import Accounting
import Foundation
@testable import Loader
import PEMSCore

/// A temporary folder with a fresh store, removed when the test ends.
final class ComputeWorkspace {
    let dir: URL
    let store: Store

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pems-compute-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        store = try Store(path: dir.appendingPathComponent("pems.db").path)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    /// Imports a registry folder effective from `from`.
    func importRegistry(_ path: String, from: String) throws {
        switch try RegistryImporter.importDirectory(path, into: store, effectiveFrom: Day(from)!) {
        case .success: return
        case .failure(let r): throw r
        }
    }

    /// Loads files with the registry in force on `day`.
    func load(_ paths: [String], registryDay: String) throws {
        let (version, registry) = try store.registry(for: Day(registryDay)!)
        var options = LoadOptions()
        options.workers = 2
        let loader = DataLoader(store: store, directory: try ChannelDirectory.make(registry: registry, store: store),
                                registryVersion: version.id, options: options)
        _ = try loader.load(files: try InputFiles.expand(paths))
    }

    func compute(from: String, to: String, settings: Settings = Settings()) throws -> ComputationResult {
        try StoredComputation.run(store: store, settings: settings, from: Day(from)!, to: Day(to)!, engineVersion: "test",
                                  reuse: false).result()
    }
}
