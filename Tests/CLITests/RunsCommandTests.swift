import Foundation
import PEMSCore
import Testing

/// `pems runs`: the run ledger seen from the terminal (SPEC §11).
@Suite struct RunsCommandTests {
    @Test func anEmptyStoreSaysNoRunsAreRecordedAndJSONIsAnEmptyArray() throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try PEMSProcess.run(["--store", "s.db", "runs"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("no runs recorded yet in s.db"))
        let j = try PEMSProcess.run(["--store", "s.db", "runs", "--json"], in: dir)
        #expect(j.status == 0 && j.stdout == "[]\n")
    }

    @Test func showingOrDiffingAnUnknownRunExitsOneNamingTheId() throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try PEMSProcess.run(["--store", "s.db", "runs", "show", "7"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr == "pems: no run 7 in s.db; `pems runs` lists the recorded runs\n")
        let d = try PEMSProcess.run(["--store", "s.db", "runs", "diff", "7", "8"], in: dir)
        #expect(d.status == 1 && d.stderr.contains("no run 7"))
        let bad = try PEMSProcess.run(["--store", "s.db", "runs", "show", "seven"], in: dir)
        #expect(bad.status == 64 && bad.stderr.contains("'seven' is not a positive whole number"))
    }

    /// Two runs written straight into the ledger tables (the job commands are not part of
    /// this test), then listed, shown and compared through the binary.
    @Test func showAndDiffExplainTwoRecordedRuns() throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        do { _ = try Store(path: dir.appendingPathComponent("s.db").path) } // `pems runs` only reads: it creates nothing
        let sql = """
            INSERT INTO runs(command, parameters, settings, engine_version, registry_version, registry_sha256, out_dir,
                             started_at, ended_at, status, exit_code, pid, host, files_loaded, rejected_lines, late_days)
            VALUES ('nightly', '{"date":"2026-07-05"}', 'slot_minutes: 15\nbaseline.days: 5\n', '0.1.0', 2, 'abcdef', '/out',
                    '2026-07-06 02:00:11', '2026-07-06 02:03:40', 'succeeded', 0, 4321, 'host1', 2, 17, 0),
                   ('nightly', '{"date":"2026-07-05"}', 'slot_minutes: 15\nbaseline.days: 5\n', '0.1.0', 2, 'abcdef', '/out',
                    '2026-07-07 02:00:00', '2026-07-07 02:01:00', 'succeeded', 0, 4400, 'host1', 1, 0, 1);
            INSERT INTO run_inputs VALUES (1, '2026-07-05', '0123456789abcdef0123'), (2, '2026-07-05', 'fedcba9876543210fedc');
            INSERT INTO run_outputs VALUES (1, 'daily/2026-07-05.xlsx', 'aaaa', 1234), (2, 'daily/2026-07-05.xlsx', 'bbbb', 1240);
            """
        let py = Process()
        py.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        py.arguments = ["-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()",
                        dir.appendingPathComponent("s.db").path, sql]
        try py.run()
        py.waitUntilExit()
        try #require(py.terminationStatus == 0)

        let list = try PEMSProcess.run(["--store", "s.db", "runs"], in: dir)
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.count == 3 && lines[0].hasPrefix("id  command"))
        #expect(lines[1].hasPrefix(" 2  nightly  date=2026-07-05  2026-07-07 02:00:00       60  succeeded"))
        #expect(lines[2].contains("  209  succeeded"))

        let show = try PEMSProcess.run(["--store", "s.db", "runs", "show", "1"], in: dir)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.hasPrefix("run 1: nightly — succeeded (exit 0)\n"))
        #expect(show.stdout.contains("  2026-07-05  0123456789ab\n"))
        #expect(show.stdout.contains("  aaaa  1234  daily/2026-07-05.xlsx\n"))
        #expect(show.stdout.contains("files loaded 2, rejected lines 17, late days 0"))

        let diff = try PEMSProcess.run(["--store", "s.db", "runs", "diff", "1", "2"], in: dir)
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(diff.stdout.contains("\noutputs differ: 1 changed\n  changed: daily/2026-07-05.xlsx\n"))
        #expect(diff.stdout.contains("\ninput data changed (late or reloaded data) on 1 day: 2026-07-05\n"))
        #expect(!diff.stdout.contains("nondeterminism"))

        let same = try PEMSProcess.run(["--store", "s.db", "runs", "diff", "2", "2"], in: dir)
        #expect(same.stdout.hasSuffix("outputs identical (1 file)\nno recorded input changed\n"))
    }
}
