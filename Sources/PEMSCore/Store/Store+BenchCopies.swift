/// What the benchmarks (`pems bench`) do to a store they prepared themselves: copy a loaded
/// day's series to other days, so a history or a period costs one load, and write the WAL
/// back into the file, so copying the file copies everything. Never used on a real store.
extension Store {
    /// Copies every series row of `day` to the days `day + offset` for each offset (in one
    /// transaction), the file that last changed them unchanged. Blobs are copied as they are,
    /// except energy counters (`Ept`): a copy at offset k reads k × (the day's rise + its last
    /// step) more, so a counter keeps rising from one copied day to the next as a real meter
    /// does, instead of stepping back at every midnight (which would make every point of
    /// every copied day a NEGATIVE finding, SPEC §8). Copies before the day (k < 0) read less.
    public func copySeries(of day: Day, toOffsets offsets: [Int]) throws {
        try db.transaction {
            let ept = try db.statement("SELECT param_id FROM params WHERE name = 'Ept'").first { $0.int(0) } ?? -1
            for k in offsets {
                try db.run("""
                    INSERT INTO series(day, channel_id, cn, param_id, n, data, file_id)
                    SELECT day + ?, channel_id, cn, param_id, n, data, file_id FROM series WHERE day = ? AND param_id <> ?
                    """, [k, day.index, ept])
            }
            guard ept >= 0 else { return }
            let counters = try db.statement("SELECT channel_id, cn, n, data, file_id FROM series WHERE day = ? AND param_id = ?")
                .map([day.index, ept]) { ($0.int(0), $0.int(1), $0.int(2), $0.blob(3), $0.int(4)) }
            let insert = try db.statement("""
                INSERT INTO series(day, channel_id, cn, param_id, n, data, file_id) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for (channel, cn, n, blob, file) in counters {
                let series: SeriesData
                do { series = try SeriesCodec.decode(blob) } catch {
                    throw StoreError.corruptSeries(day: day.description, channel: channel, detail: String(describing: error))
                }
                for k in offsets {
                    try insert.run([day.index + k, channel, cn, ept, n, SeriesCodec.encode(Self.counterCopy(series, days: k)), file])
                }
            }
        }
    }

    /// `series` as read `days` copies later: every value raised by `days` × (last − first +
    /// last step), so the first reading of the next copy is one step above the last of this.
    static func counterCopy(_ series: SeriesData, days: Int) -> SeriesData {
        let n = series.count
        guard n >= 2, days != 0 else { return series }
        var out = series
        if let doubles = series.doubles {
            let rise = doubles[n - 1] - doubles[0] + (doubles[n - 1] - doubles[n - 2])
            out.doubles = doubles.map { $0 + Double(days) * rise }
        } else {
            let m = series.mantissas
            let rise = m[n - 1] - m[0] + (m[n - 1] - m[n - 2])
            out.mantissas = m.map { $0 + Int64(days) * rise }
        }
        return out
    }

    /// Forgets that `day` was loaded: its series, file days, unknown MNs, clock skews and receive lags go,
    /// and every loaded file's content hash is changed, so loading the same files again loads
    /// `day` again (the nightly benchmark's inbox brings it back).
    public func forgetLoadedDay(_ day: Day) throws {
        try db.transaction {
            try db.run("DELETE FROM series WHERE day = ?", [day.index])
            for table in ["file_days", "unknown_mn", "clock_skew", "receive_lag"] { try db.run("DELETE FROM \(table) WHERE day = ?", [day.index]) }
            try db.run("UPDATE files SET sha256 = sha256 || '-history'")
        }
    }

    /// Writes the WAL back into the store file and empties it.
    public func checkpoint() throws {
        try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }
}
