import Foundation

/// The entry point every fuzz executable shares (docs/FUZZING.md).
///
/// A fuzz executable is built two ways from the same sources, so the inputs a fuzzer found
/// keep being checked by the ordinary build:
/// - **fuzzing** (`Jobs/fuzz`: `-sanitize=fuzzer,address -DPEMS_FUZZING`): the executable's
///   `main.swift` defines `LLVMFuzzerTestOneInput` and libFuzzer's own `main` runs the fuzzer;
///   this code is then never reached.
/// - **replay** (the normal build): `main(name:one:)` runs every file named on the command
///   line, or found under a folder named there, through the same `one` — the committed seed
///   corpus and the crash regressions (`Jobs/fuzz --replay`, which CI runs).
///
/// A failed check (`invariant`) or a Swift runtime trap ends the process with a signal, which
/// libFuzzer reports as a crash and saves the input, and which makes a replay fail.
public enum FuzzTarget {
    /// Replays the files and folders in `CommandLine.arguments` through `one` and exits 0, or
    /// exits 64 when no path is given or a path does not exist. In a fuzzing build this is
    /// reached only if the linker chose the Swift `main` over libFuzzer's, which would make
    /// fuzzing silently do nothing, so it says so and exits 70.
    public static func main(name: String, one: (UnsafeBufferPointer<UInt8>) -> Void) -> Never {
        #if PEMS_FUZZING
        FileHandle.standardError.write(Data("\(name): built for fuzzing, but libFuzzer's main did not run (check the link)\n".utf8))
        exit(70)
        #else
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
        #endif
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
