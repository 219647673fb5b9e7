/// The tables of derived day entries: opaque blobs keyed by day, slot length and a key the
/// caller derives from what the entry was computed from. The store does not interpret the
/// blobs; `Baselines.DayCache` does. An entry whose stored key differs from the one asked
/// for counts as absent, so deleting rows never changes a result (docs/COMPUTE.md).
public enum DayEntryTable: CaseIterable, Sendable {
    /// A day's slot values and carries (schema v3).
    case cache
    /// A computed day's θ, normal days and carries (schema v15).
    case summary
    /// A period's last day as computed before its next day could be read (schema v16).
    case open
    /// A computed day's largest slot powers per point, for later days' θ (schema v17).
    case tops

    /// The table's name and the column holding each row's key.
    var sql: (table: String, keyColumn: String) {
        switch self {
        case .cache: ("day_cache", "cache_key")
        case .summary: ("day_summary", "summary_key")
        case .open: ("day_open", "open_key")
        case .tops: ("day_tops", "tops_key")
        }
    }
}

extension Store {
    /// The blob of `day` in `table` when its stored key equals `key`.
    public func dayEntry(_ table: DayEntryTable, _ day: Day, slotMinutes: Int, key: String) throws -> [UInt8]? {
        let (name, keyColumn) = table.sql
        return try db.statement("SELECT data FROM \(name) WHERE day = ? AND slot_minutes = ? AND \(keyColumn) = ?")
            .first([day.index, slotMinutes, key]) { $0.blob(0) }
    }

    /// Whether `day` has an entry in `table` under `key` (without reading the blob).
    public func hasDayEntry(_ table: DayEntryTable, _ day: Day, slotMinutes: Int, key: String) throws -> Bool {
        let (name, keyColumn) = table.sql
        return try db.statement("SELECT 1 FROM \(name) WHERE day = ? AND slot_minutes = ? AND \(keyColumn) = ?")
            .first([day.index, slotMinutes, key]) { _ in true } ?? false
    }

    /// Stores (or replaces) the entry of `day` in `table`.
    public func saveDayEntry(_ table: DayEntryTable, _ day: Day, slotMinutes: Int, key: String, data: [UInt8]) throws {
        let (name, keyColumn) = table.sql
        try db.run("INSERT OR REPLACE INTO \(name)(day, slot_minutes, \(keyColumn), data) VALUES (?, ?, ?, ?)",
                   [day.index, slotMinutes, key, data])
    }

    /// Empties every table of day entries (`DayEntryTable`; for maintenance: results never
    /// depend on them). Returns the rows removed.
    @discardableResult
    public func clearDayCache() throws -> Int {
        var removed = 0
        for table in DayEntryTable.allCases {
            try db.run("DELETE FROM \(table.sql.table)")
            removed += db.changes
        }
        return removed
    }

    /// Per day in `[from, to]` with stored series, a short text that changes whenever that
    /// day's series change (rows, readings, the newest file merged in, blob bytes) — the same
    /// summary `inputFingerprint` hashes for a period. Days without series are absent.
    ///
    /// Read from `series_days`, which triggers keep as series change (schema 12), so the
    /// late-data check, the reuse check and the day cache's keys cost one row per day, not a
    /// scan of the days' series. A day whose newest file a delete may have lowered
    /// (`max_file_id` NULL) takes it from `series`; a store at an older schema opened
    /// read-only is scanned (`seriesFingerprintsScanned`), as before schema 12.
    public func seriesFingerprints(from: Day, to: Day) throws -> [Int: String] {
        guard try schemaVersion() >= 12 else { return try seriesFingerprintsScanned(from: from, to: to) }
        var out: [Int: String] = [:]
        var newestUnknown: [(day: Int, rows: Int, readings: Int, bytes: Int)] = []
        try db.statement("SELECT day, rows, readings, max_file_id, bytes FROM series_days WHERE day BETWEEN ? AND ?")
            .forEach([from.index, to.index]) { row in
                if let newest = row.optionalInt(3) {
                    out[row.int(0)] = "\(row.int(1)) \(row.int(2)) \(newest) \(row.int(4))"
                } else {
                    newestUnknown.append((row.int(0), row.int(1), row.int(2), row.int(4)))
                }
            }
        for d in newestUnknown {
            let newest = try db.scalarInt("SELECT max(file_id) FROM series WHERE day = ?", [d.day]) ?? 0
            out[d.day] = "\(d.rows) \(d.readings) \(newest) \(d.bytes)"
        }
        return out
    }

    /// `seriesFingerprints` computed from the series themselves (one scan of the days' rows):
    /// what `series_days` must always equal.
    func seriesFingerprintsScanned(from: Day, to: Day) throws -> [Int: String] {
        var out: [Int: String] = [:]
        try db.statement("""
            SELECT day, count(*), sum(n), max(file_id), sum(length(data)) FROM series
            WHERE day BETWEEN ? AND ? GROUP BY day
            """).forEach([from.index, to.index]) { row in
            out[row.int(0)] = "\(row.int(1)) \(row.int(2)) \(row.int(3)) \(row.int(4))"
        }
        return out
    }
}
