import Foundation
import PEMSCore
import TestSupport
import Testing

/// The job commands on the real binary (SPEC §11): exit codes under each condition, the
/// store lock, and recovery after `kill -9`.
@Suite(.serialized) struct JobCommandTests {
    static let registry = SharedFixture.path("conformance-spec2/registry")
    static let packets = SharedFixture.path("conformance-spec2/packets")

    /// A folder with a store holding the conformance registry, and an inbox with its packets.
    static func prepared() throws -> URL {
        let dir = try PEMSProcess.tempDir()
        let r = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", "2024-06-01", registry], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        try FileManager.default.copyItem(atPath: packets, toPath: dir.appendingPathComponent("inbox").path)
        return dir
    }

    static func nightly(_ extra: [String] = []) -> [String] {
        ["--store", "s.db", "nightly", "--date", "2024-07-12", "--out", "out", "--log-level", "notice",
         "--templates", SharedFixture.repositoryRoot.appendingPathComponent("ReportTemplates").path] + extra
    }

    /// Every file under `dir/out` (relative path → bytes), staging excluded.
    static func files(_ dir: URL) throws -> [String: Data] {
        let base = dir.appendingPathComponent("out").path
        var result: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: base)
        while let rel = walker?.nextObject() as? String {
            var isDir: ObjCBool = false
            guard !rel.hasPrefix(".staging"), FileManager.default.fileExists(atPath: base + "/" + rel, isDirectory: &isDir),
                  !isDir.boolValue else { continue }
            result[rel] = try Data(contentsOf: URL(fileURLWithPath: base + "/" + rel))
        }
        return result
    }

    @Test func exitCodesSayWhatHappened() throws {
        let dir = try Self.prepared()
        defer { try? FileManager.default.removeItem(at: dir) }
        // 64: bad usage, and a nightly with nowhere to load from.
        #expect(try PEMSProcess.run(["--store", "s.db", "nightly", "--date", "2024-13-01"], in: dir).status == 64)
        let noInbox = try PEMSProcess.run(Self.nightly(), in: dir)
        #expect(noInbox.status == 64)
        #expect(noInbox.stderr.contains("--inbox"))
        // 1: a store without a registry.
        let empty = try PEMSProcess.run(["--store", "empty.db", "nightly", "--date", "2024-07-12", "--no-load", "--out", "o2"], in: dir)
        #expect(empty.status == 1, "\(empty.stderr)")
        #expect(!empty.stderr.isEmpty)
        // 0: the day loaded, computed and published.
        let ok = try PEMSProcess.run(Self.nightly(["--inbox", "inbox"]), in: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stderr.contains("daily/2024-07-12/"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/daily/2024-07-12/brief.pdf").path))
        // 3: a day without any data is published but partial.
        let partial = try PEMSProcess.run(["--store", "s.db", "nightly", "--date", "2024-07-13", "--no-load", "--out", "out",
                                           "--templates", SharedFixture.repositoryRoot.appendingPathComponent("ReportTemplates").path], in: dir)
        #expect(partial.status == 3, "\(partial.stderr)")
        #expect(partial.stderr.contains("incomplete data: 2024-07-13 0.0%"))
        // Quiet under cron: a run that went well prints nothing at the default level off a terminal.
        let quiet = try PEMSProcess.run(["--store", "s.db", "nightly", "--date", "2024-07-12", "--no-load", "--out", "out",
                                         "--templates", SharedFixture.repositoryRoot.appendingPathComponent("ReportTemplates").path], in: dir)
        #expect(quiet.status == 0)
        #expect(quiet.stdout.isEmpty && quiet.stderr.isEmpty, "\(quiet.stderr)")
    }

    @Test func runsDiffOfANightlyAndItsRerunSaysTheOutputsAreIdentical() throws {
        let dir = try Self.prepared()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try PEMSProcess.run(Self.nightly(["--inbox", "inbox"]), in: dir).status == 0)
        let rerun = try PEMSProcess.run(["--store", "s.db", "rerun", "--from", "2024-07-12", "--to", "2024-07-12", "--out", "audit",
                                         "--templates", SharedFixture.repositoryRoot.appendingPathComponent("ReportTemplates").path], in: dir)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let diff = try PEMSProcess.run(["--store", "s.db", "runs", "diff", "1", "2"], in: dir)
        #expect(diff.status == 0)
        #expect(diff.stdout.contains("outputs identical"), "\(diff.stdout)")
        let show = try PEMSProcess.run(["--store", "s.db", "runs", "show", "1"], in: dir)
        #expect(show.stdout.contains("daily/2024-07-12/brief.pdf"))
        #expect(show.stdout.contains("2024-07-12"))
    }

    @Test func aSecondRunOnTheStoreExitsWith75AndNamesTheHolder() throws {
        let dir = try Self.prepared()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Another run holds the lock: a process that flocks the store file and writes who it is
        // beside it, as `StoreLock` does.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = ["-c", """
            import fcntl, os, sys, time
            f = open(sys.argv[1], 'a+'); fcntl.flock(f, fcntl.LOCK_EX)
            h = open(sys.argv[1] + '.lock', 'w')
            h.write('pid %d, pems nightly --date 2024-07-11, since 2024-07-12 02:30:00 CST' % os.getpid()); h.flush()
            time.sleep(30)
            """, dir.appendingPathComponent("s.db").path]
        try holder.run()
        defer { holder.terminate(); holder.waitUntilExit() }
        Thread.sleep(forTimeInterval: 0.5)
        let r = try PEMSProcess.run(Self.nightly(["--inbox", "inbox"]), in: dir)
        #expect(r.status == 75, "\(r.stderr)")
        #expect(r.stderr.contains("s.db"))
        #expect(r.stderr.contains("pems nightly --date 2024-07-11"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
        // A load waits for no job either: 75, nothing loaded.
        let load = try PEMSProcess.run(["--store", "s.db", "load", "inbox"], in: dir)
        #expect(load.status == 75, "\(load.stderr)")
        let compute = try PEMSProcess.run(["--store", "s.db", "compute", "--from", "2024-07-12"], in: dir)
        #expect(compute.status == 75, "\(compute.stderr)")
        #expect(compute.stderr.contains("pems nightly --date 2024-07-11"))
        holder.terminate()
        holder.waitUntilExit()
        #expect(try PEMSProcess.run(Self.nightly(["--inbox", "inbox"]), in: dir).status == 0)
    }

    /// What a nightly that is not interrupted publishes (computed once, in its own folder).
    static let reference = Result { () throws -> [String: Data] in
        let dir = try prepared()
        defer { try? FileManager.default.removeItem(at: dir) }
        let done = try PEMSProcess.run(nightly(["--inbox", "inbox"]), in: dir, timeout: 300)
        guard done.status == 0 else { throw ReferenceRunFailed(status: done.status, stderr: done.stderr) }
        return try files(dir)
    }

    struct ReferenceRunFailed: Error {
        var status: Int32
        var stderr: String
    }

    /// The points of a nightly's publishing where `PEMS_FAIL_AT=kill:POINT` kills it
    /// (`FailurePoint`): after staging, inside the rename window, after the ledger writes.
    static let killPoints = ["staged", "published daily/2024-07-12", "recorded outputs", "finished run"]

    /// A nightly killed (SIGKILL) at each named point leaves its day's published folder whole
    /// or absent, never part of it, and a ledger that says what happened; the next run
    /// completes the work, with the same bytes as a run never interrupted.
    @Test(arguments: killPoints)
    func aNightlyKilledAtANamedPointLeavesAWholeFolderAndIsCompletedByTheNextRun(point: String) throws {
        let expected = try Self.reference.get()
        #expect(expected.count > 10)
        let dir = try Self.prepared()
        defer { try? FileManager.default.removeItem(at: dir) }
        let killed = try PEMSProcess.run(Self.nightly(["--inbox", "inbox"]), in: dir, timeout: 300,
                                         environment: ["PEMS_FAIL_AT": "kill:\(point)"])
        #expect(killed.status == -9, "not killed at '\(point)': exit \(killed.status) \(killed.stderr)")

        // The day's folder: absent before it is put in place, whole from then on. Folders are
        // put in place one at a time in path order (the day's, then its county editions'
        // `districts/…`): killed after one, those before it are whole and the rest not there yet.
        // The portal's root pages are written after publishing, from the folders then there
        // (`PortalRootPages`): not a run's outputs, compared once the next run has written them.
        let left = PortalRootPages.without(try Self.files(dir))
        let expectedOutputs = PortalRootPages.without(expected)
        if point == "staged" {
            #expect(left.isEmpty, "\(left.keys.sorted().prefix(5))")
        } else if point.hasPrefix("published ") {
            let last = String(point.dropFirst("published ".count))
            let folder = { (path: String) in path.split(separator: "/").dropLast().joined(separator: "/") }
            // The alarm feed's files join `alarms/` after every step folder (so a gateway never
            // reads an alarm whose evidence page is not in place yet): not there at this point.
            let published = expectedOutputs.filter { folder($0.key) <= last && !$0.key.hasPrefix("alarms/") }
            #expect(published.count < expectedOutputs.count)
            let differ = Set(published.keys).union(left.keys).filter { published[$0] != left[$0] }.sorted()
            #expect(differ.isEmpty, "\(differ.prefix(5))")
        } else {
            let differ = Set(expectedOutputs.keys).union(left.keys).filter { expectedOutputs[$0] != left[$0] }.sorted()
            #expect(differ.isEmpty, "\(differ.prefix(5))")
        }
        // The ledger: the run is `running` until it is closed; its outputs are recorded once
        // published, with the hashes of the files on disk.
        do {
            let store = try Store(path: dir.appendingPathComponent("s.db").path, readOnly: true)
            let run = try #require(try store.run(RunID(1)))
            #expect(run.status == (point == "finished run" ? .succeeded : .running))
            let recorded = try store.runOutputs(RunID(1))
            if ["staged", "published daily/2024-07-12"].contains(point) {
                #expect(recorded.isEmpty)
            } else {
                #expect(recorded.count == expectedOutputs.count)
                for o in recorded { #expect(left[o.path].map { ContentHash.sha256($0) } == o.sha256, "\(o.path)") }
            }
        }

        let next = try PEMSProcess.run(Self.nightly(["--inbox", "inbox"]), in: dir, timeout: 300)
        #expect(next.status == 0, "\(next.stderr)")
        let got = try Self.files(dir)
        let differ = Set(expected.keys).union(got.keys).filter { expected[$0] != got[$0] }.sorted()
        #expect(differ.isEmpty, "\(differ.prefix(5))")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/.staging").path))
        let store = try Store(path: dir.appendingPathComponent("s.db").path, readOnly: true)
        #expect(try store.run(RunID(1))?.status == (point == "finished run" ? .succeeded : .interrupted))
        #expect(try store.run(RunID(2))?.status == .succeeded)
    }
}
