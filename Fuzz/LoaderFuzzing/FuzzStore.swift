import Foundation
import Loader
import PEMSCore

/// The store the loader targets load into: one in-memory store per process, emptied before
/// each load.
///
/// A new store per load would spend most of each run creating the schema and preparing
/// statements (measured: about two thirds of `fuzz-readings`' time), and a fuzzer's speed
/// is its reach. Emptying every table leaves the store as a new one is — the schema has no
/// seed rows and no AUTOINCREMENT, so rowids start at 1 again — and each input is judged
/// on its own, as libFuzzer needs to replay a crash.
enum FuzzStore {
    nonisolated(unsafe) private static var store: Store?

    /// The store, emptied, with the fixture's channels created again.
    static func empty() throws -> (Store, ChannelDirectory) {
        let s = try store ?? Store(path: ":memory:")
        store = s
        let tables = try s.db.statement("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .map { $0.text(0) }
        try s.db.execute("PRAGMA foreign_keys=OFF")
        for table in tables { try s.db.execute("DELETE FROM \"\(table)\"") }
        try s.db.execute("PRAGMA foreign_keys=ON")
        return (s, try FixtureChannels.directory(in: s))
    }

    /// Writes `bytes` to this process's input file for `format` and returns its path. Plain
    /// `fwrite`: `Data.write` syncs the file to disk, which cost more than the load.
    static func inputFile(_ bytes: UnsafeBufferPointer<UInt8>, format: InputFormat) -> String {
        let path = folder + (format == .csv ? "/input.csv" : "/input.log")
        guard let f = fopen(path, "wb") else { fatalError("cannot write \(path)") }
        defer { fclose(f) }
        if let base = bytes.baseAddress, fwrite(base, 1, bytes.count, f) != bytes.count { fatalError("cannot write \(path)") }
        return path
    }

    /// This process's folder for the input file, removed when the process exits.
    static let folder: String = {
        let path = NSTemporaryDirectory() + "/pems-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: FuzzStore.folder) }
        return path
    }()
}
