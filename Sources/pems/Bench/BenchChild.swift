import Foundation

/// A child `pems` process of a benchmark. Each measured step runs in its own process so the
/// peak memory reported is that step's own (`peakResidentBytes`). Both output streams go to
/// temporary files, not pipes, so a child with a long log never blocks on a full pipe.
struct BenchChild {
    /// This executable (`/proc/self/exe`): the children run the same build as the bench.
    static var executable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Exit status, standard output and standard error of a finished child.
    struct Finished {
        var status: Int32
        var output: String
        var log: String
    }

    /// Runs `pems args…` and waits for it.
    static func run(_ args: [String]) throws -> Finished {
        let tmp = FileManager.default.temporaryDirectory
        let outURL = tmp.appendingPathComponent("pems-bench-\(getpid())-out.txt")
        let errURL = tmp.appendingPathComponent("pems-bench-\(getpid())-err.txt")
        for u in [outURL, errURL] { FileManager.default.createFile(atPath: u.path, contents: nil) }
        defer { for u in [outURL, errURL] { try? FileManager.default.removeItem(at: u) } }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        p.standardOutput = try FileHandle(forWritingTo: outURL)
        p.standardError = try FileHandle(forWritingTo: errURL)
        try p.run()
        p.waitUntilExit()
        return Finished(status: p.terminationStatus,
                        output: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                        log: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    /// Runs `pems args…`; returns its standard output, or throws with its stderr when it fails.
    @discardableResult
    static func output(_ args: [String]) throws -> String {
        let f = try run(args)
        guard f.status == 0 else { throw UserError("pems \(args.joined(separator: " ")) failed (exit \(f.status)): \(f.log)") }
        return f.output
    }

    /// The largest maximum resident set of the children waited for so far (bytes).
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }

    /// The `key: value` lines a child prints (`pems compute`, `pems report`), by key.
    static func fields(_ output: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return fields
    }

    /// The median of `values` (0 when empty).
    static func median(_ values: [Double]) -> Double {
        let v = values.sorted()
        guard !v.isEmpty else { return 0 }
        return v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2
    }
}
