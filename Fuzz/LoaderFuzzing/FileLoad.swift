import Foundation
import Loader
import PEMSCore

/// One input loaded as a file by `DataLoader`, the way `pems load` loads it — opened,
/// hashed, read in pieces (`LineChunks`), parsed by the workers, merged into the store —
/// into a fresh in-memory store that knows the fixture's channels.
struct FileLoad {
    let store: Store
    let directory: ChannelDirectory
    let result: FileResult

    /// A line limit well above the fixture's lines (≈ 700 bytes) and below what the fuzzer
    /// writes (`-max_len` in Jobs/fuzz), so over-long lines are reached.
    static let maxLineBytes = 2_048

    /// Loads `bytes` as a `.csv` or `.log` file read `chunkBytes` at a time (2 workers).
    init(_ bytes: UnsafeBufferPointer<UInt8>, format: InputFormat, chunkBytes: Int) {
        let path = Self.folder + (format == .csv ? "/input.csv" : "/input.log")
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            store = try Store(path: ":memory:")
            directory = try FixtureChannels.directory(in: store)
            var options = LoadOptions()
            options.workers = 2
            options.chunkBytes = chunkBytes
            options.maxLineBytes = Self.maxLineBytes
            let loader = DataLoader(store: store, directory: directory, registryVersion: nil, options: options)
            result = try loader.loadFile(path)
        } catch {
            // Input content must never make loading fail: bad lines are rejected and counted.
            fatalError("loading \(bytes.count) bytes as \(format) threw: \(error)")
        }
    }

    /// This process's folder for the input file, removed when the process exits.
    static let folder: String = {
        let path = NSTemporaryDirectory() + "/pems-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: FileLoad.folder) }
        return path
    }()
}
