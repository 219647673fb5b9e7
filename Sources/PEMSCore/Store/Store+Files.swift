/// The ledger of loaded files, rejected lines, unknown MNs, clock skew and receive lags
/// (SPEC §3.3, §8, §13.38).
extension Store {
    /// A file loaded before with this content hash: (path, loaded_at).
    public func loadedFile(sha256: String) throws -> (path: String, loadedAt: String)? {
        try db.statement("SELECT path, loaded_at FROM files WHERE sha256 = ?").first([sha256]) { ($0.text(0), $0.text(1)) }
    }

    /// Whether some loaded file had exactly `bytes` bytes. When none had, a file of that size
    /// cannot have been loaded before, and the loader hashes it while it parses it instead of
    /// in a pass of its own (the ledger is small: one row per file loaded).
    public func loadedFileExists(bytes: Int) throws -> Bool {
        try db.statement("SELECT 1 FROM files WHERE bytes = ? LIMIT 1").first([bytes]) { _ in true } ?? false
    }

    /// Starts the ledger row of a file being loaded; returns its id. Call inside a transaction.
    public func beginFile(sha256: String, path: String, format: String, bytes: Int, registryVersion: Int?) throws -> Int {
        try db.run("""
            INSERT INTO files(sha256, path, format, bytes, loaded_at, registry_version, lines, packets, readings,
                              rejected_lines, dropped_values, duplicates, conflicts, unknown_mn_packets, responses,
                              crc_warnings, versions)
            VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '')
            """, [sha256, path, format, bytes, Store.now().description, registryVersion])
        return Int(db.lastInsertRowID)
    }

    /// Per-file totals written when the file's data is stored.
    public struct FileTotals: Sendable {
        public var lines = 0, packets = 0, readings = 0, rejectedLines = 0, droppedValues = 0
        public var duplicates = 0, conflicts = 0, unknownMNPackets = 0, responses = 0, crcWarnings = 0
        /// Values of known MNs kept aside for a code the registry does not know (SPEC §13.37).
        public var keptAsideReadings = 0
        public var versions = ""
        public var firstData: String?, lastData: String?
        public init() {}
    }

    public func finishFile(_ id: Int, totals t: FileTotals) throws {
        try db.run("""
            UPDATE files SET lines = ?, packets = ?, readings = ?, rejected_lines = ?, dropped_values = ?, duplicates = ?,
                conflicts = ?, unknown_mn_packets = ?, responses = ?, crc_warnings = ?, versions = ?, first_data = ?, last_data = ?,
                kept_aside_readings = ?
            WHERE file_id = ?
            """, [t.lines, t.packets, t.readings, t.rejectedLines, t.droppedValues, t.duplicates, t.conflicts,
                  t.unknownMNPackets, t.responses, t.crcWarnings, t.versions, t.firstData, t.lastData, t.keptAsideReadings, id])
    }

    public func addRejects(file: Int, reason: String, count: Int) throws {
        try db.run("INSERT INTO rejects(file_id, reason, count) VALUES (?, ?, ?)", [file, reason, count])
    }

    public func addRejectExample(file: Int, reason: String, line: Int, detail: String, text: String) throws {
        try db.run("INSERT OR IGNORE INTO reject_examples(file_id, reason, line, detail, text) VALUES (?, ?, ?, ?, ?)",
                   [file, reason, line, detail, text])
    }

    public func addFileDay(file: Int, day: Int, readings: Int, conflicts: Int) throws {
        try db.run("INSERT INTO file_days(file_id, day, readings, conflicts) VALUES (?, ?, ?, ?)", [file, day, readings, conflicts])
    }

    /// Counts packets of an unknown MN on a day (day nil → stored as -1: no usable DataTime).
    public func addUnknownMN(_ mn: String, day: Int?, packets: Int) throws {
        try db.run("""
            INSERT INTO unknown_mn(mn, day, packets) VALUES (?, ?, ?)
            ON CONFLICT(mn, day) DO UPDATE SET packets = packets + excluded.packets
            """, [mn, day ?? -1, packets])
    }

    /// Records the largest |QN − DataTime| seen for a channel-day (keeps the maximum).
    public func noteClockSkew(day: Int, channel: Int, seconds: Int) throws {
        try db.run("""
            INSERT INTO clock_skew(day, channel_id, max_abs_skew_s) VALUES (?, ?, ?)
            ON CONFLICT(day, channel_id) DO UPDATE SET max_abs_skew_s = max(max_abs_skew_s, excluded.max_abs_skew_s)
            """, [day, channel, seconds])
    }

    /// Adds the receive lags of a channel-day's CN 2011 lines (SPEC §13.38; schema 13): each
    /// lag's lines are added to those stored before.
    public func addReceiveLags(day: Int, channel: Int, _ lags: ReceiveLags) throws {
        let insert = try db.statement("""
            INSERT INTO receive_lag(day, channel_id, lag_s, lines) VALUES (?, ?, ?, ?)
            ON CONFLICT(day, channel_id, lag_s) DO UPDATE SET lines = lines + excluded.lines
            """)
        for b in lags.bins { try insert.run([day, channel, b.lagSeconds, b.lines]) }
    }

    /// Rejected-line counts by reason over all files (for summaries and the quality report).
    public func rejectTotals() throws -> [(reason: String, count: Int)] {
        try db.statement("SELECT reason, sum(count) FROM rejects GROUP BY reason ORDER BY reason").map { ($0.text(0), $0.int(1)) }
    }

    /// The day a load is dated by for its rejected lines: the day it brought most readings for
    /// (the earliest of equals) — a daily log's own day even when it holds a late packet of
    /// the day before. A load that stored no reading has no day.
    static let rejectDatedLoads = """
        WITH dated AS (
            SELECT f.file_id, f.rejected_lines,
                   (SELECT d.day FROM file_days d WHERE d.file_id = f.file_id ORDER BY d.readings DESC, d.day LIMIT 1) AS day
            FROM files f WHERE f.rejected_lines > 0)
        """

    /// Rejected lines (SPEC §3.3) of the loads dated (`rejectDatedLoads`) in `[from, to]`: a
    /// store keeps no time per rejected line, so a load is dated by its data, not by when it
    /// ran, and a rerun of the period counts the same lines. A load that stored no reading at
    /// all has no date and is left out (the 拒收行统计 sheet's store totals still count it).
    public func rejectedLines(from: Day, to: Day) throws -> Int {
        try db.scalarInt(Self.rejectDatedLoads + """
            SELECT coalesce(sum(rejected_lines), 0) FROM dated WHERE day BETWEEN ? AND ?
            """, [from.index, to.index]) ?? 0
    }

    /// Counts `lines` rejected lines of load `file` whose MN could be read as `mn` (schema 11).
    public func addRejectedMN(file: Int, mn: String, lines: Int) throws {
        try db.run("INSERT INTO reject_mns(file_id, mn, lines) VALUES (?, ?, ?)", [file, mn, lines])
    }

    /// The rejected lines of `rejectedLines(from:to:)` whose MN could be read, by MN.
    public func rejectedLinesByMN(from: Day, to: Day) throws -> [String: Int] {
        var out: [String: Int] = [:]
        try db.statement(Self.rejectDatedLoads + """
            SELECT r.mn, sum(r.lines) FROM reject_mns r JOIN dated ON dated.file_id = r.file_id
            WHERE dated.day BETWEEN ? AND ?
            GROUP BY r.mn ORDER BY r.mn
            """).forEach([from.index, to.index]) { out[$0.text(0)] = $0.int(1) }
        return out
    }

    /// Unknown MNs with their packet counts.
    public func unknownMNTotals() throws -> [(mn: String, packets: Int)] {
        try db.statement("SELECT mn, sum(packets) FROM unknown_mn GROUP BY mn ORDER BY mn").map { ($0.text(0), $0.int(1)) }
    }
}
