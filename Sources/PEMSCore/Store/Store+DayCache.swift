/// Storage of the day cache (schema v3): opaque blobs keyed by day, slot length and a key
/// the caller derives from what the entry was computed from. The store does not interpret
/// the blob; `Baselines.DayCache` does.
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

    /// Empties the day cache (for maintenance; results never depend on it). Returns the rows
    /// removed.
    @discardableResult
    public func clearDayCache() throws -> Int {
        try db.run("DELETE FROM day_cache")
        return db.changes
    }

    /// Per day in `[from, to]` with stored series, a short text that changes whenever that
    /// day's series change (rows, readings, the newest file merged in, blob bytes) — the same
    /// summary `inputFingerprint` hashes for a period. Days without series are absent.
    public func seriesFingerprints(from: Day, to: Day) throws -> [Int: String] {
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
