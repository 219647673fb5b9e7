import Foundation
import TestSupport

/// Runs the `pems` binary built next to the test bundle.
enum PEMSProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [here, here.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("pems")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return SharedFixture.repositoryRoot.appendingPathComponent(".build/debug/pems")
    }

    /// Runs the binary and waits for it; with `timeout`, a run still going after that many
    /// seconds is killed (SIGKILL) and reported with status -9 (as is any SIGKILL), so a hang fails the test instead
    /// of stopping the suite. `environment` adds variables to the inherited ones (e.g. `PEMS_FAIL_AT`).
    static func run(_ args: [String], in dir: URL? = nil, timeout: TimeInterval? = nil,
                    environment: [String: String] = [:]) throws -> Result {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        if !environment.isEmpty {
            p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let dir { p.currentDirectoryURL = dir }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        if let timeout {
            let pid = p.processIdentifier
            let deadline = DispatchWorkItem { kill(pid, SIGKILL) }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: deadline)
            defer { deadline.cancel() }
            let o = out.fileHandleForReading.readDataToEndOfFile()
            let e = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            let killed = p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGKILL
            return Result(status: killed ? -9 : p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                          stderr: String(decoding: e, as: UTF8.self))
        }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static func tempDir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("pems-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }
}
