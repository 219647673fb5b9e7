import Foundation
import Testing
import TestSupport
@testable import PEMSCore

/// The run ledger in the store (SPEC §11, schema v6).
@Suite struct RunLedgerTests {
    static func start(_ command: String = "nightly", date: String = "2026-07-05") -> RunStart {
        RunStart(command: command, parameters: ["date": date, "out": "/srv/out/a b"], settings: "slot_minutes: 15\n",
                 engineVersion: "0.1.0", registryVersion: 3, registrySHA256: "ab12", outDir: "/srv/out")
    }

    static func day(_ text: String) throws -> Day { try #require(Day(text)) }

    @Test func theStoreIsMigratedToTheRunLedgerSchema() throws {
        let t = try StoreWorkspace("runs")
        defer { t.remove() }
        #expect(try t.store.schemaVersion() == Schema.currentVersion)
        #expect(Schema.currentVersion >= 6)   // 7 keeps lines aside (docs/STORE.md)
    }

    @Test func aRunRecordsTheReleaseVersionBesideTheEngineFingerprint() throws {
        let t = try StoreWorkspace("runs")
        defer { t.remove() }
        let fingerprint = String(repeating: "3f", count: 32)
        var start = Self.start()
        start.engineVersion = fingerprint
        let id = try t.store.beginRun(start)
        let r = try #require(try t.store.run(id))
        #expect(r.engineVersion == fingerprint)
        #expect(r.releaseVersion == ReleaseVersion.current)
        #expect(ReleaseVersion.current == "0.1.0")
    }

    /// Schema 8: a ledger written under schema 7 (where `engine_version` held the release
    /// version) keeps its rows, and their release version is carried into `release_version`.
    @Test func runsRecordedUnderSchema7KeepTheirVersionAsTheReleaseVersion() throws {
        let t = try StoreWorkspace("runs")
        defer { t.remove() }
        let path = t.dir.appendingPathComponent("old.db").path
        do {
            let db = try Database(path: path)
            for m in Schema.migrations where m.version <= 7 {
                try db.execute(m.sql)
                try db.execute("PRAGMA user_version = \(m.version)")
            }
            try db.execute("PRAGMA application_id = \(Schema.applicationID)")
            try db.execute("""
                INSERT INTO runs(command, parameters, settings, engine_version, out_dir, started_at, status, pid, host)
                VALUES ('nightly', '{}', '', '0.1.0', '/out', '2026-07-05 02:30:00', 'succeeded', 1, 'h')
                """)
        }
        let store = try Store(path: path)
        #expect(try store.schemaVersion() == Schema.currentVersion)
        let r = try #require(try store.runs().first)
        #expect(r.engineVersion == "0.1.0")
        #expect(r.releaseVersion == "0.1.0")
    }

    @Test func aRunReadsBackExactlyAsRecorded() throws {
        let t = try StoreWorkspace("runs")
        defer { t.remove() }
        let before = Store.now()
        let id = try t.store.beginRun(Self.start())
        let d1 = try Self.day("2026-07-04"), d2 = try Self.day("2026-07-05")
        try t.store.recordRunInputs(id, fingerprints: [d1: "f1", d2: "f2"])
        try t.store.recordRunInputs(id, fingerprints: [d2: "f2-late"]) // replaced, not duplicated
        try t.store.recordRunOutput(id, RunOutput(path: "daily/2026-07-05.xlsx", sha256: "aa", bytes: 10))
        try t.store.recordRunOutput(id, RunOutput(path: "a.csv", sha256: "bb", bytes: 2))

        let running = try #require(try t.store.run(id))
        #expect(running.status == .running && running.endedAt == nil && running.exitCode == nil && running.seconds == nil)

        try t.store.finishRun(id, status: .partial, exitCode: 3, counts: RunCounts(filesLoaded: 2, rejectedLines: 7, lateDays: 1),
                              message: "brief skipped: no font")
        let r = try #require(try t.store.run(id))
        #expect(r.command == "nightly")
        #expect(r.parameters == ["date": "2026-07-05", "out": "/srv/out/a b"])
        #expect(r.settings == "slot_minutes: 15\n" && r.engineVersion == "0.1.0")
        #expect(r.registryVersion == 3 && r.registrySHA256 == "ab12" && r.outDir == "/srv/out")
        #expect(r.status == .partial && r.exitCode == 3 && r.message == "brief skipped: no font")
        #expect(r.counts == RunCounts(filesLoaded: 2, rejectedLines: 7, lateDays: 1))
        #expect(r.pid == Int(ProcessInfo.processInfo.processIdentifier) && !r.host.isEmpty)
        #expect(r.startedAt >= before && r.startedAt.seconds - before.seconds < 60)
        let ended = try #require(r.endedAt)
        #expect(ended >= r.startedAt)
        #expect(try t.store.runInputs(id) == [d1: "f1", d2: "f2-late"])
        #expect(try t.store.runOutputs(id) == [RunOutput(path: "a.csv", sha256: "bb", bytes: 2),
                                               RunOutput(path: "daily/2026-07-05.xlsx", sha256: "aa", bytes: 10)])
    }

    @Test func parametersAreStoredAsJSONWithSortedKeys() throws {
        let t = try StoreWorkspace("runs")
        defer { t.remove() }
        var start = Self.start()
        start.parameters = ["to": "2026-07-31", "from": "2026-07-01", "out": "/srv/x"]
        let id = try t.store.beginRun(start)
        let text = try t.store.db.statement("SELECT parameters FROM runs WHERE run_id = ?").first([id.rawValue]) { $0.text(0) }
        #expect(text == #"{"from":"2026-07-01","out":"/srv/x","to":"2026-07-31"}"#)
    }

    @Test func runsAreListedNewestFirstAndLimited() throws {
        let t = try StoreWorkspace("runs")
        defer { t.remove() }
        let ids = try (0..<3).map { _ in try t.store.beginRun(Self.start()) }
        #expect(try t.store.runs().map(\.id) == ids.reversed())
        #expect(try t.store.runs(limit: 2).map(\.id) == [ids[2], ids[1]])
        #expect(try t.store.run(RunID(999)) == nil)
    }

    @Test func recordingForAnUnknownRunFailsNamingIt() throws {
        let t = try StoreWorkspace("runs")
        defer { t.remove() }
        #expect(throws: StoreError.unknownRun(path: t.store.path, run: 42)) {
            try t.store.finishRun(RunID(42), status: .succeeded, exitCode: 0, counts: RunCounts(), message: nil)
        }
        #expect(throws: StoreError.unknownRun(path: t.store.path, run: 42)) {
            try t.store.recordRunOutput(RunID(42), RunOutput(path: "x", sha256: "y", bytes: 0))
        }
    }

    @Test func runningRunsAreMarkedInterruptedAndFinishedOnesAreLeftAlone() throws {
        let t = try StoreWorkspace("runs")
        defer { t.remove() }
        let done = try t.store.beginRun(Self.start())
        try t.store.finishRun(done, status: .succeeded, exitCode: 0, counts: RunCounts(), message: nil)
        let killed1 = try t.store.beginRun(Self.start())
        let killed2 = try t.store.beginRun(Self.start("weekly"))
        let marked = try t.store.markInterruptedRuns()
        #expect(marked.map(\.id) == [killed1, killed2])
        #expect(marked.allSatisfy { $0.status == .interrupted && $0.endedAt != nil && $0.exitCode == nil })
        #expect(marked.first?.message?.contains("pid \(ProcessInfo.processInfo.processIdentifier)") == true)
        #expect(try t.store.run(done)?.status == .succeeded)
        #expect(try t.store.markInterruptedRuns().isEmpty)
    }

    @Test func aRunningRowWhoseProcessIsGoneIsToldFromALiveOne() throws {
        let t = try StoreWorkspace("runs")
        defer { t.remove() }
        let id = try t.store.beginRun(Self.start())
        var r = try #require(try t.store.run(id))
        #expect(r.processIsGone() == false) // this test process is alive
        // A child that has exited and been reaped: its pid no longer exists.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        r.pid = Int(child.processIdentifier)
        #expect(r.processIsGone() == true)
        #expect(r.processIsGone(onHost: "elsewhere") == nil)
        r.status = .succeeded
        #expect(r.processIsGone() == nil)
    }

    /// A writer killed with -9 in the middle of a run: what it committed stays, its open
    /// transaction vanishes, the store passes SQLite's integrity check and the next run marks
    /// the dead one interrupted. The writer is a python3 sqlite3 child (it must be another
    /// process to be killed), writing the ledger tables the way `beginRun` and
    /// `recordRunOutput` do.
    @Test func aRunKilledMidWriteLeavesAConsistentLedgerThatTheNextRunRepairs() throws {
        let t = try StoreWorkspace("runs")
        defer { t.remove() }
        let started = try t.store.beginRun(Self.start()) // schema in place; this one "dies" too
        let script = """
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute("PRAGMA journal_mode=WAL")
            c.execute("BEGIN IMMEDIATE")
            c.execute("INSERT INTO run_outputs VALUES (?, 'a.csv', 'ff', 1)", (int(sys.argv[2]),))
            c.execute("UPDATE runs SET status = 'succeeded' WHERE run_id = ?", (int(sys.argv[2]),))
            print("writing", flush=True)
            time.sleep(120)
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", script, t.store.path, String(started.rawValue)]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let said = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        try #require(said.hasPrefix("writing"), "python3 writer did not start")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()

        let reopened = try Store(path: t.store.path)
        let check = try reopened.db.statement("PRAGMA integrity_check").first { $0.text(0) }
        #expect(check == "ok")
        #expect(try reopened.runOutputs(started).isEmpty)
        #expect(try reopened.run(started)?.status == .running)
        #expect(try reopened.markInterruptedRuns().map(\.id) == [started])
        let next = try reopened.beginRun(Self.start())
        #expect(next > started)
    }

    @Test func dayInputFingerprintsCoverEveryDayAndChangeOnlyForTheDayThatGotData() throws {
        let t = try StoreWorkspace("runs")
        defer { t.remove() }
        let d1 = try Self.day("2026-07-03"), d2 = try Self.day("2026-07-04"), d3 = try Self.day("2026-07-05")
        let before = try t.store.dayInputFingerprints(from: d1, to: d3)
        #expect(before.keys.sorted() == [d1, d2, d3])
        #expect(before.values.allSatisfy { $0.count == 64 })
        try t.store.addUnknownMN("88888888888888", day: d2.index, packets: 3) // late data for 07-04
        let after = try t.store.dayInputFingerprints(from: d1, to: d3)
        #expect(after[d1] == before[d1] && after[d3] == before[d3])
        #expect(after[d2] != before[d2])
        #expect(after[d2] == (try t.store.inputFingerprint(from: d2, to: d2)))
    }

    @Test func aCorruptRowIsReportedWithTheRunAndTheBadValue() throws {
        let t = try StoreWorkspace("runs")
        defer { t.remove() }
        let id = try t.store.beginRun(Self.start())
        try t.store.db.run("UPDATE runs SET status = 'exploded' WHERE run_id = ?", [id.rawValue])
        #expect(throws: StoreError.self) { try t.store.run(id) }
        do {
            _ = try t.store.runs()
            Issue.record("a corrupt status was read without error")
        } catch {
            #expect("\(error)".contains("run \(id)") && "\(error)".contains("exploded"))
        }
    }
}
