import Foundation
import Loader
import PEMSCore

/// A temporary folder with a fresh store, removed when the workspace goes (or on `remove()`).
/// Each test target adds what its tests need in an extension (`ComputeWorkspace`,
/// `TestWorkspace` are this type under their targets' names).
public final class StoreWorkspace {
    public let dir: URL
    public let store: Store

    /// `label` names the folder (`pems-<label>-<uuid>`) so a kept one says which tests made it.
    public convenience init(_ label: String = "test") throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pems-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try self.init(dir: dir)
    }

    /// A workspace over `dir`, whose store is `dir/pems.db` (created when missing).
    init(dir: URL) throws {
        self.dir = dir
        store = try Store(path: dir.appendingPathComponent("pems.db").path)
    }

    deinit { remove() }

    public func remove() { try? FileManager.default.removeItem(at: dir) }

    /// Imports a registry folder effective from `from` (YYYY-MM-DD); a refused one throws its report.
    @discardableResult
    public func importRegistry(_ path: String, from: String = "2024-07-01") throws -> RegistryImporter.Outcome {
        guard let day = Day(from) else { throw CocoaError(.formatting) }
        switch try RegistryImporter.importDirectory(path, into: store, effectiveFrom: day) {
        case .success(let o): return o
        case .failure(let r): throw r
        }
    }

    /// A loader with the registry in force on `registryDay`, `workers` parsing threads.
    public func loader(registryDay: String = "2024-07-01", crcPolicy: CRCPolicy = .reject, workers: Int = 2) throws -> DataLoader {
        guard let day = Day(registryDay) else { throw CocoaError(.formatting) }
        let (version, registry) = try store.registry(for: day)
        var options = LoadOptions()
        options.crcPolicy = crcPolicy
        options.workers = workers
        return DataLoader(store: store, directory: try ChannelDirectory.make(registry: registry, store: store),
                          registryVersion: version.id, options: options)
    }
}
