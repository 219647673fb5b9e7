import Foundation
import Loader
import PEMSCore

/// One input loaded as a file by `DataLoader`, the way `pems load` loads it — opened,
/// hashed, read in pieces (`LineChunks`), parsed by the workers, merged into the store —
/// into an empty store that knows the fixture's channels (`FuzzStore`).
struct FileLoad {
    let store: Store
    let result: FileResult

    /// A line limit well above the fixture's lines (≈ 700 bytes) and below what the fuzzer
    /// writes (`-max_len` in Jobs/fuzz), so over-long lines are reached.
    static let maxLineBytes = 2_048

    /// Loads the file at `path` (`.csv` or `.log`) read `chunkBytes` at a time (2 workers).
    init(_ path: String, chunkBytes: Int) {
        do {
            let (store, directory) = try FuzzStore.empty()
            var options = LoadOptions()
            options.workers = 2
            options.chunkBytes = chunkBytes
            options.maxLineBytes = Self.maxLineBytes
            let loader = DataLoader(store: store, directory: directory, registryVersion: nil, options: options)
            self.store = store
            result = try loader.loadFile(path)
        } catch {
            // Input content must never make loading fail: bad lines are rejected and counted.
            fatalError("loading \(path) threw: \(error)")
        }
    }
}
