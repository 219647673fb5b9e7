import Foundation
import Loader
import PEMSCore

/// The SPEC 2 conformance fixture (`../shared/conformance-spec2`) loaded once per test process
/// and handed out as copies: a full load of its twelve days is the dearest setup in the suite
/// (1.26 million readings), and a dozen tests only need the loaded store to start from.
///
/// The first caller for a data folder imports the registry (effective from 2024-06-01), loads
/// the folder with the registry in force on 2024-07-12 — exactly what those tests did each
/// on their own — and writes the WAL back into the file; every caller then gets a fresh
/// workspace whose `pems.db` is a byte copy of that file, so tests never see each other's
/// writes. Tests that check the load itself (counts, rejects) still load on their own.
public enum ConformanceStore {
    /// The fixture's data folders.
    public enum Data: String, Sendable {
        case packets, readings
    }

    public static let fixture = SharedFixture.path("conformance-spec2")

    private static let lock = NSLock()
    nonisolated(unsafe) private static var templates: [Data: String] = [:]
    /// Where the loaded templates live for the life of the test process.
    private static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pems-conformance-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit {
            try? FileManager.default.removeItem(at: FileManager.default.temporaryDirectory
                .appendingPathComponent("pems-conformance-\(getpid())"))
        }
        return url
    }()

    /// A new workspace holding a copy of the store with the registry and `data` loaded.
    public static func workspace(_ data: Data, label: String = "conformance") throws -> StoreWorkspace {
        try StoreWorkspace(label, copyOf: try template(data))
    }

    /// The path of the loaded template store of `data` (loaded on first use).
    static func template(_ data: Data) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let path = templates[data] { return path }
        let path = folder.appendingPathComponent("\(data.rawValue).db").path
        try? FileManager.default.removeItem(atPath: path)
        do {
            let store = try Store(path: path)
            switch try RegistryImporter.importDirectory(fixture + "/registry", into: store,
                                                        effectiveFrom: Day("2024-06-01")!) {
            case .success: break
            case .failure(let report): throw report
            }
            let (version, registry) = try store.registry(for: Day("2024-07-12")!)
            var options = LoadOptions()
            options.workers = 2
            let loader = DataLoader(store: store, directory: try ChannelDirectory.make(registry: registry, store: store),
                                    registryVersion: version.id, options: options)
            _ = try loader.load(files: try InputFiles.expand([fixture + "/" + data.rawValue]))
            try store.checkpoint()
        }
        templates[data] = path
        return path
    }
}

extension StoreWorkspace {
    /// A workspace whose store starts as a byte copy of the store file `template` (written back
    /// from its WAL: see `Store.checkpoint`).
    public convenience init(_ label: String, copyOf template: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pems-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: template, toPath: dir.appendingPathComponent("pems.db").path)
        try self.init(dir: dir)
    }
}
