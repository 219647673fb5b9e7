/// Storage of the day cache (schema v3), the day summaries (schema v15) and the open days
/// (schema v16): opaque blobs keyed
/// by day, slot length and a key the caller derives from what the entry was computed from.
/// The store does not interpret the blobs; `Baselines.DayCache` does.
extension Store {
    /// The cached blob of `day` when its stored key equals `key`.
    public func cachedDay(_ day: Day, slotMinutes: Int, key: String) throws -> [UInt8]? {
        try db.statement("SELECT data FROM day_cache WHERE day = ? AND slot_minutes = ? AND cache_key = ?")
            .first([day.index, slotMinutes, key]) { $0.blob(0) }
    }

    /// Whether `day` is cached under `key` (without reading the blob).
    public func hasCachedDay(_ day: Day, slotMinutes: Int, key: String) throws -> Bool {
        try db.statement("SELECT 1 FROM day_cache WHERE day = ? AND slot_minutes = ? AND cache_key = ?")
            .first([day.index, slotMinutes, key]) { _ in true } ?? false
    }

    /// Stores (or replaces) the cached blob of `day`.
    public func saveCachedDay(_ day: Day, slotMinutes: Int, key: String, data: [UInt8]) throws {
        try db.run("INSERT OR REPLACE INTO day_cache(day, slot_minutes, cache_key, data) VALUES (?, ?, ?, ?)",
                   [day.index, slotMinutes, key, data])
    }

    /// The day summary blob of `day` when its stored key equals `key` (schema v15).
    public func daySummary(_ day: Day, slotMinutes: Int, key: String) throws -> [UInt8]? {
        try db.statement("SELECT data FROM day_summary WHERE day = ? AND slot_minutes = ? AND summary_key = ?")
            .first([day.index, slotMinutes, key]) { $0.blob(0) }
    }

    /// Whether `day` has a summary under `key` (without reading the blob).
    public func hasDaySummary(_ day: Day, slotMinutes: Int, key: String) throws -> Bool {
        try db.statement("SELECT 1 FROM day_summary WHERE day = ? AND slot_minutes = ? AND summary_key = ?")
            .first([day.index, slotMinutes, key]) { _ in true } ?? false
    }

    /// Stores (or replaces) the summary blob of `day`.
    public func saveDaySummary(_ day: Day, slotMinutes: Int, key: String, data: [UInt8]) throws {
        try db.run("INSERT OR REPLACE INTO day_summary(day, slot_minutes, summary_key, data) VALUES (?, ?, ?, ?)",
                   [day.index, slotMinutes, key, data])
    }

    /// The open-day blob of `day` when its stored key equals `key` (schema v16).
    public func openDay(_ day: Day, slotMinutes: Int, key: String) throws -> [UInt8]? {
        try db.statement("SELECT data FROM day_open WHERE day = ? AND slot_minutes = ? AND open_key = ?")
            .first([day.index, slotMinutes, key]) { $0.blob(0) }
    }

    /// Whether `day` has an open entry under `key` (without reading the blob).
    public func hasOpenDay(_ day: Day, slotMinutes: Int, key: String) throws -> Bool {
        try db.statement("SELECT 1 FROM day_open WHERE day = ? AND slot_minutes = ? AND open_key = ?")
            .first([day.index, slotMinutes, key]) { _ in true } ?? false
    }

    /// Stores (or replaces) the open-day blob of `day`.
    public func saveOpenDay(_ day: Day, slotMinutes: Int, key: String, data: [UInt8]) throws {
        try db.run("INSERT OR REPLACE INTO day_open(day, slot_minutes, open_key, data) VALUES (?, ?, ?, ?)",
                   [day.index, slotMinutes, key, data])
    }

    /// Empties the day cache, the day summaries and the open days (for maintenance; results
    /// never depend on them). Returns the rows removed.
    @discardableResult
    public func clearDayCache() throws -> Int {
        try db.run("DELETE FROM day_cache")
        var removed = db.changes
        try db.run("DELETE FROM day_summary")
        removed += db.changes
        try db.run("DELETE FROM day_open")
        removed += db.changes
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
