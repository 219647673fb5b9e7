import Foundation
import Testing

/// Special files in a folder being loaded (a FIFO, a symlink to `/dev/zero` or `/etc/passwd`)
/// are named as not loaded and never opened or followed, so `pems load` and the nightly
/// finish (exit 0) instead of hanging with the store lock held. Each run has a deadline, so
/// a regression fails the test instead of hanging it.
@Suite(.serialized) struct SpecialFileTests {
    /// Runs `pems` in `dir`, killing it when it is still running after `seconds`.
    static func run(_ args: [String], in dir: URL, seconds: Double) throws -> (result: PEMSProcess.Result, finished: Bool) {
        let id = UUID().uuidString
        let outURL = dir.appendingPathComponent(".stdout-\(id)"), errURL = dir.appendingPathComponent(".stderr-\(id)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let p = Process()
        p.executableURL = PEMSProcess.binary
        p.arguments = args
        p.currentDirectoryURL = dir
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(seconds)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let finished = !p.isRunning
        if !finished { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        try out.close()
        try err.close()
        let result = PEMSProcess.Result(status: p.terminationStatus,
                                        stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                                        stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
        return (result, finished)
    }

    /// A folder with a store holding the conformance registry and an inbox with one day of packets.
    static func prepared() throws -> URL {
        let dir = try PEMSProcess.tempDir()
        let r = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", "2024-06-01",
                                     JobCommandTests.registry], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let inbox = dir.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: JobCommandTests.packets + "/2024-07-08.log",
                                         toPath: inbox.appendingPathComponent("2024-07-08.log").path)
        return dir
    }

    static func mkfifo(_ url: URL) throws {
        guard Foundation.mkfifo(url.path, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    @Test func aFIFOInTheFolderIsNamedAndTheLoadFinishes() throws {
        let dir = try Self.prepared()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.mkfifo(dir.appendingPathComponent("inbox/pipe.log"))
        let (r, finished) = try Self.run(["--store", "s.db", "load", "inbox"], in: dir, seconds: 120)
        #expect(finished, "pems load hung on the FIFO")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("inbox/2024-07-08.log: loaded"), "\(r.stdout)")
        #expect(r.stdout.contains("files: 1 loaded, 0 skipped (already loaded), 1 not loaded"), "\(r.stdout)")
        #expect(r.stdout.contains("not loaded: inbox/pipe.log (not a regular file: FIFO)"), "\(r.stdout)")
        // Named on the command line, it is still not opened.
        let (named, done) = try Self.run(["--store", "s.db", "load", "--json", "inbox/pipe.log"], in: dir, seconds: 60)
        #expect(done, "pems load hung on the FIFO named on the command line")
        #expect(named.status == 0, "\(named.stderr)")
        #expect(named.stdout.contains("\"reason\":\"not a regular file: FIFO\""), "\(named.stdout)")
        #expect(named.stdout.contains("\"not_loaded\":1"), "\(named.stdout)")
    }

    @Test func aSymlinkToDevZeroIsNamedAndNotFollowed() throws {
        let dir = try Self.prepared()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("inbox/zero.log").path,
                                                   withDestinationPath: "/dev/zero")
        let (r, finished) = try Self.run(["--store", "s.db", "load", "--quiet", "inbox"], in: dir, seconds: 120)
        #expect(finished, "pems load read /dev/zero")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("not loaded: inbox/zero.log (symlink leaves the inbox: -> /dev/zero)"), "\(r.stdout)")
        // Named on the command line it is followed, and still refused: a device is no regular file.
        let (named, done) = try Self.run(["--store", "s.db", "load", "/dev/zero"], in: dir, seconds: 60)
        #expect(done, "pems load read /dev/zero named on the command line")
        #expect(named.status == 0, "\(named.stderr)")
        #expect(named.stdout.contains("not loaded: /dev/zero (not a regular file: character device)"), "\(named.stdout)")
    }

    @Test func aSymlinkToEtcPasswdIsNamedAndNothingOfItIsRead() throws {
        let dir = try Self.prepared()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("inbox/passwd.log").path,
                                                   withDestinationPath: "/etc/passwd")
        let (r, finished) = try Self.run(["--store", "s.db", "load", "inbox"], in: dir, seconds: 120)
        #expect(finished)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("not loaded: inbox/passwd.log (symlink leaves the inbox: -> /etc/passwd)"), "\(r.stdout)")
        #expect(!r.stdout.contains("root:"), "\(r.stdout)")
        #expect(!r.stdout.contains("inbox/passwd.log: loaded"), "\(r.stdout)")
    }

    @Test func theNightlyFinishesWithAFIFOInTheInboxAndNamesIt() throws {
        let dir = try JobCommandTests.prepared()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.mkfifo(dir.appendingPathComponent("inbox/stuck.log"))
        let (r, finished) = try Self.run(JobCommandTests.nightly(["--inbox", "inbox"]), in: dir, seconds: 600)
        #expect(finished, "the nightly hung on the FIFO")
        #expect(r.status == 0, "\(r.stderr)")
        // The job names the inbox by its full path.
        let inbox = dir.appendingPathComponent("inbox").path
        #expect(r.stderr.contains("warning not loaded: \(inbox)/stuck.log (not a regular file: FIFO)"), "\(r.stderr)")
        // The run ledger keeps it with the run.
        let show = try PEMSProcess.run(["--store", "s.db", "runs", "show", "1"], in: dir)
        #expect(show.stdout.contains("1 inbox file not loaded: \(inbox)/stuck.log (not a regular file: FIFO)"), "\(show.stdout)")
        // The lock was released: the next night runs.
        let (again, done) = try Self.run(JobCommandTests.nightly(["--inbox", "inbox"]), in: dir, seconds: 600)
        #expect(done && again.status == 0, "\(again.stderr)")
    }
}
