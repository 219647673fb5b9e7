import Foundation
import PEMSCore
import Testing

/// `pems alarms --since RUN` from the terminal: what it refuses, and the note naming the next
/// `--since` (the feed itself is pinned by `AlarmFeedTests`, on three nightly runs).
@Suite struct AlarmsCommandTests {
    /// A store whose ledger holds a nightly run (1) and a weekly run (2), written straight into
    /// the tables (no job runs here).
    static func ledger() throws -> URL {
        let dir = try PEMSProcess.tempDir()
        do { _ = try Store(path: dir.appendingPathComponent("s.db").path) }
        let sql = """
            INSERT INTO runs(command, parameters, settings, engine_version, registry_version, registry_sha256, out_dir,
                             started_at, ended_at, status, exit_code, pid, host, files_loaded, rejected_lines, late_days)
            VALUES ('nightly', '{"from":"2026-07-05","to":"2026-07-05"}', '', '0.1.0', 1, 'ab', '/out',
                    '2026-07-06 02:30:00', '2026-07-06 02:33:00', 'succeeded', 0, 4321, 'host1', 2, 0, 0),
                   ('weekly', '{"from":"2026-06-29","to":"2026-07-05"}', '', '0.1.0', 1, 'ab', '/out',
                    '2026-07-06 09:00:00', '2026-07-06 09:01:00', 'succeeded', 0, 4400, 'host1', 0, 0, 0);
            """
        let py = Process()
        py.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        py.arguments = ["-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()",
                        dir.appendingPathComponent("s.db").path, sql]
        try py.run()
        py.waitUntilExit()
        try #require(py.terminationStatus == 0)
        return dir
    }

    @Test func aRunThatIsNotANightlyOrDoesNotExistIsRefusedNamingIt() throws {
        let dir = try Self.ledger()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = try PEMSProcess.run(["--store", "s.db", "alarms", "--since", "seven"], in: dir)
        #expect(bad.status == 64 && bad.stderr.contains("--since 'seven' is not a run id"), "\(bad.stderr)")
        let unknown = try PEMSProcess.run(["--store", "s.db", "alarms", "--since", "9"], in: dir)
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "pems: --since 9: no run 9 in s.db; `pems runs` lists the recorded runs\n")
        let weekly = try PEMSProcess.run(["--store", "s.db", "alarms", "--since", "2"], in: dir)
        #expect(weekly.status == 1)
        #expect(weekly.stderr == "pems: --since 2: run 2 is a weekly run, not a nightly one; give the id of a nightly run (`pems runs`)\n")
        #expect(unknown.stdout.isEmpty && weekly.stdout.isEmpty)
    }

    @Test func noLaterNightlyRunPrintsNothingAndKeepsTheSameSince() throws {
        let dir = try Self.ledger()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try PEMSProcess.run(["--store", "s.db", "alarms", "--since", "1"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "pems: no nightly run after 1 has published; next time: --since 1\n")
    }
}
