import Foundation

#if PEMS_FUZZING
import CLibFuzzer
#endif

/// The entry point every fuzz executable shares (docs/FUZZING.md).
///
/// A fuzz executable is built two ways from the same sources, so the inputs a fuzzer found
/// keep being checked by the ordinary build:
/// - **fuzzing** (`Jobs/fuzz`: `-sanitize=fuzzer,address -DPEMS_FUZZING`): `main.swift`
///   defines `LLVMFuzzerTestOneInput` and hands it to `fuzz(_:)`. Which `main` the linker
///   keeps, libFuzzer's (it then calls `LLVMFuzzerTestOneInput` itself; seen in debug
///   builds) or the executable's (release builds), fuzzing runs the same.
/// - **replay** (the normal build): `replay(name:one:)` runs every file named on the command
///   line, or found under a folder named there, through the same function — the committed
///   seed corpus and the crash regressions (`Jobs/fuzz --replay`, which CI runs).
///
/// A failed check (`invariant`) or a Swift runtime trap ends the process with a signal, which
/// libFuzzer reports as a crash and saves the input, and which makes a replay fail.
public enum FuzzTarget {
    #if PEMS_FUZZING
    /// Runs libFuzzer with the command line's flags and corpus folders, `entry` being the
    /// executable's `LLVMFuzzerTestOneInput`.
    public static func fuzz(_ entry: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, entry))
    }
    #endif

    /// Replays the files and folders in `CommandLine.arguments` through `one` and exits 0, or
    /// exits 64 when no path is given or a path does not exist.
    public static func replay(name: String, one: (UnsafeBufferPointer<UInt8>) -> Void) -> Never {
        let paths = Array(CommandLine.arguments.dropFirst())
        guard !paths.isEmpty, !paths.contains(where: { $0.hasPrefix("-") }) else {
            FileHandle.standardError.write(Data("usage: \(name) FILE|FOLDER… (replays inputs; fuzzing is Jobs/fuzz)\n".utf8))
            exit(64)
        }
        var inputs = 0, bytes = 0
        for path in paths {
            guard let files = inputFiles(path) else {
                FileHandle.standardError.write(Data("\(name): no such file or folder: \(path)\n".utf8))
                exit(64)
            }
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(Data("\(name): cannot read \(file)\n".utf8))
                    exit(1)
                }
                current = file
                Array(data).withUnsafeBufferPointer { one($0) }
                inputs += 1
                bytes += data.count
            }
        }
        print("\(name): \(inputs) inputs (\(bytes) bytes) replayed, no failure")
        exit(0)
    }

    /// The input being replayed, named by `invariant` when a check fails.
    nonisolated(unsafe) static var current: String?

    /// The regular files at `path` (itself, or every file under it in name order, hidden
    /// files skipped); nil when nothing is there.
    static func inputFiles(_ path: String) -> [String]? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return nil }
        guard isFolder.boolValue else { return [path] }
        let root = URL(fileURLWithPath: path, isDirectory: true)
        guard let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                                        options: [.skipsHiddenFiles]) else { return [] }
        var files: [String] = []
        for case let url as URL in walk where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            files.append(url.path)
        }
        return files.sorted()
    }
}
