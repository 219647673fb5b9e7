import Foundation

/// The run ledger (SPEC §11, schema v6; v8 the release version): every job run's command,
/// parameters, effective settings, versions (engine fingerprint and release), per-day input fingerprints, outputs with SHA-256, times and status.
///
/// A run is written in steps, each its own transaction (`beginRun` → `recordRunInputs` /
/// `recordRunOutput` → `finishRun`), so a run killed at any point leaves a consistent
/// ledger: a `running` row with what it had recorded so far, which the next run marks
/// `interrupted` (`markInterruptedRuns`). Times are CST wall clock `YYYY-MM-DD HH:MM:SS`.
extension Store {
    static let runColumns = """
        run_id, command, parameters, settings, engine_version, registry_version, registry_sha256, out_dir,
        started_at, ended_at, status, exit_code, message, files_loaded, rejected_lines, late_days, pid, host,
        release_version
        """

    /// Records the start of a run (status `running`, started now, this process's pid and
    /// host); returns its id.
    public func beginRun(_ start: RunStart) throws -> RunID {
        let parameters = try Self.encodeParameters(start.parameters)
        return try db.transaction {
            try db.run("""
                INSERT INTO runs(command, parameters, settings, engine_version, release_version, registry_version,
                                 registry_sha256, out_dir, started_at, status, pid, host)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [start.command, parameters, start.settings, start.engineVersion, start.releaseVersion,
                      start.registryVersion, start.registrySHA256, start.outDir, Store.now().description,
                      RunStatus.running.rawValue, Int(ProcessInfo.processInfo.processIdentifier), Self.hostName()])
            return RunID(Int(db.lastInsertRowID))
        }
    }

    /// Records the fingerprint of the input data the run used for each day; a day recorded
    /// again for the same run is replaced.
    public func recordRunInputs(_ id: RunID, fingerprints: [Day: String]) throws {
        try requireRun(id)
        try db.transaction {
            let s = try db.statement("INSERT OR REPLACE INTO run_inputs(run_id, day, fingerprint) VALUES (?, ?, ?)")
            for day in fingerprints.keys.sorted() {
                try s.run([id.rawValue, day.description, fingerprints[day]])
            }
        }
    }

    /// Records the files a run published, in one transaction.
    public func recordRunOutputs(_ id: RunID, _ outputs: [RunOutput]) throws {
        try requireRun(id)
        try db.transaction {
            let s = try db.statement("INSERT OR REPLACE INTO run_outputs(run_id, path, sha256, bytes) VALUES (?, ?, ?, ?)")
            for o in outputs { try s.run([id.rawValue, o.path, o.sha256, o.bytes]) }
        }
    }

    /// Records one file the run wrote; the same path written again by the run is replaced.
    public func recordRunOutput(_ id: RunID, _ output: RunOutput) throws {
        try requireRun(id)
        try db.run("INSERT OR REPLACE INTO run_outputs(run_id, path, sha256, bytes) VALUES (?, ?, ?, ?)",
                   [id.rawValue, output.path, output.sha256, output.bytes])
    }

    /// Records the end of a run: its status, exit code, counts, message and end time (now).
    public func finishRun(_ id: RunID, status: RunStatus, exitCode: Int32, counts: RunCounts, message: String?) throws {
        try db.run("""
            UPDATE runs SET ended_at = ?, status = ?, exit_code = ?, files_loaded = ?, rejected_lines = ?,
                            late_days = ?, message = ?
            WHERE run_id = ?
            """, [Store.now().description, status.rawValue, exitCode, counts.filesLoaded, counts.rejectedLines,
                  counts.lateDays, message, id.rawValue])
        if db.changes == 0 { throw StoreError.unknownRun(path: path, run: id.rawValue) }
    }

    /// Marks every `running` run `interrupted` (ended now, with a message naming the process
    /// that died) and returns them as they now stand, oldest first.
    ///
    /// Call only while holding the `StoreLock`: then no run can really be running, so a
    /// `running` row is one whose process was killed or crashed.
    @discardableResult
    public func markInterruptedRuns() throws -> [RunRecord] {
        try db.transaction {
            let ids = try db.statement("SELECT run_id FROM runs WHERE status = ? ORDER BY run_id")
                .map([RunStatus.running.rawValue]) { RunID($0.int(0)) }
            try db.run("""
                UPDATE runs SET status = ?, ended_at = ?,
                    message = 'the process (pid ' || pid || ' on ' || host || ') ended before the run finished (killed or crashed)'
                WHERE status = ?
                """, [RunStatus.interrupted.rawValue, Store.now().description, RunStatus.running.rawValue])
            return try ids.compactMap { try run($0) }
        }
    }

    /// The recorded runs, newest first; at most `limit` (nil: all).
    public func runs(limit: Int? = nil) throws -> [RunRecord] {
        try db.statement("SELECT \(Self.runColumns) FROM runs ORDER BY run_id DESC LIMIT ?")
            .map([limit ?? -1]) { try Self.runRecord($0) }
    }

    /// One run, or nil when the ledger has no such id.
    public func run(_ id: RunID) throws -> RunRecord? {
        try db.statement("SELECT \(Self.runColumns) FROM runs WHERE run_id = ?")
            .first([id.rawValue]) { try Self.runRecord($0) }
    }

    /// The per-day input fingerprints a run recorded.
    public func runInputs(_ id: RunID) throws -> [Day: String] {
        var out: [Day: String] = [:]
        try db.statement("SELECT day, fingerprint FROM run_inputs WHERE run_id = ?").forEach([id.rawValue]) { row in
            guard let day = Day(row.text(0)) else {
                throw StoreError.corruptRun(run: id.rawValue, detail: "run_inputs day '\(row.text(0))' is not YYYY-MM-DD")
            }
            out[day] = row.text(1)
        }
        return out
    }

    /// The files a run wrote, by path.
    public func runOutputs(_ id: RunID) throws -> [RunOutput] {
        try db.statement("SELECT path, sha256, bytes FROM run_outputs WHERE run_id = ? ORDER BY path")
            .map([id.rawValue]) { RunOutput(path: $0.text(0), sha256: $0.text(1), bytes: $0.int(2)) }
    }

    /// The input fingerprint of each day in `[from, to]` as a run records it: per day, the
    /// `inputFingerprint(from: day, to: day)` SHA-256 (series, unknown MNs, clock skews, receive
    /// lags). Every day is present, days without data too, so data arriving later for an empty
    /// day shows as a changed fingerprint rather than a day one run did not read. One series
    /// scan (none when the caller passes the range's `seriesFingerprints`) and one query each
    /// for the unknown MNs, clock skews and receive lags of the range, not one per day.
    public func dayInputFingerprints(from: Day, to: Day, series: [Int: String]? = nil) throws -> [Day: String] {
        let perDay = try series ?? seriesFingerprints(from: from, to: to)
        // The same text `inputFingerprint(from: day, to: day)` hashes, built for every day at once.
        var unknown: [Int: String] = [:], skews: [Int: String] = [:]
        try db.statement("SELECT mn, day, packets FROM unknown_mn WHERE day BETWEEN ? AND ? ORDER BY day, mn")
            .forEach([from.index, to.index]) { unknown[$0.int(1), default: ""] += "u \($0.text(0)) \($0.int(1)) \($0.int(2))\n" }
        try db.statement("SELECT day, channel_id, max_abs_skew_s FROM clock_skew WHERE day BETWEEN ? AND ? ORDER BY day, channel_id")
            .forEach([from.index, to.index]) { skews[$0.int(0), default: ""] += "c \($0.int(0)) \($0.int(1)) \($0.int(2))\n" }
        try db.statement("SELECT day, channel_id, lag_s, lines FROM receive_lag WHERE day BETWEEN ? AND ? ORDER BY day, channel_id, lag_s")
            .forEach([from.index, to.index]) { skews[$0.int(0), default: ""] += "r \($0.int(0)) \($0.int(1)) \($0.int(2)) \($0.int(3))\n" }
        var out: [Day: String] = [:]
        var day = from
        while day <= to {
            let s = perDay[day.index].map { "s \(day.index) \($0)\n" } ?? ""
            out[day] = ContentHash.sha256(Array((s + (unknown[day.index] ?? "") + (skews[day.index] ?? "")).utf8))
            day = day.adding(days: 1)
        }
        return out
    }

    func requireRun(_ id: RunID) throws {
        guard try db.scalarInt("SELECT count(*) FROM runs WHERE run_id = ?", [id.rawValue]) == 1 else {
            throw StoreError.unknownRun(path: path, run: id.rawValue)
        }
    }

    static func encodeParameters(_ parameters: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(parameters), as: UTF8.self)
    }

    static func runRecord(_ row: Row) throws -> RunRecord {
        let id = row.int(0)
        guard let parameters = try? JSONDecoder().decode([String: String].self, from: Data(row.text(2).utf8)) else {
            throw StoreError.corruptRun(run: id, detail: "parameters '\(row.text(2))' are not a JSON object of strings")
        }
        guard let started = Timestamp(row.text(8)) else {
            throw StoreError.corruptRun(run: id, detail: "started_at '\(row.text(8))' is not YYYY-MM-DD HH:MM:SS")
        }
        var ended: Timestamp?
        if let text = row.optionalText(9) {
            guard let t = Timestamp(text) else {
                throw StoreError.corruptRun(run: id, detail: "ended_at '\(text)' is not YYYY-MM-DD HH:MM:SS")
            }
            ended = t
        }
        guard let status = RunStatus(rawValue: row.text(10)) else {
            throw StoreError.corruptRun(run: id, detail: "status '\(row.text(10))' is not one of "
                                        + RunStatus.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return RunRecord(
            id: RunID(id), command: row.text(1), parameters: parameters, settings: row.text(3),
            engineVersion: row.text(4), registryVersion: row.optionalInt(5), registrySHA256: row.optionalText(6),
            outDir: row.text(7), startedAt: started, endedAt: ended, status: status,
            exitCode: row.optionalInt(11).map { Int32(truncatingIfNeeded: $0) }, message: row.optionalText(12),
            counts: RunCounts(filesLoaded: row.int(13), rejectedLines: row.int(14), lateDays: row.int(15)),
            pid: row.int(16), host: row.text(17), releaseVersion: row.optionalText(18))
    }

    /// This machine's host name (`gethostname`), recorded with each run.
    public static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
