/// What the benchmarks (`pems bench`) do to a store they prepared themselves: copy a loaded
/// day's series to other days, so a history or a period costs one load, and write the WAL
/// back into the file, so copying the file copies everything. Never used on a real store.
extension Store {
    /// Copies every series row of `day` to the days `day + offset` for each offset (in one
    /// transaction), blobs and the file that last changed them unchanged.
    public func copySeries(of day: Day, toOffsets offsets: [Int]) throws {
        try db.transaction {
            for k in offsets {
                try db.run("""
                    INSERT INTO series(day, channel_id, cn, param_id, n, data, file_id)
                    SELECT day + ?, channel_id, cn, param_id, n, data, file_id FROM series WHERE day = ?
                    """, [k, day.index])
            }
        }
    }

    /// Forgets that `day` was loaded: its series, file days, unknown MNs and clock skews go,
    /// and every loaded file's content hash is changed, so loading the same files again loads
    /// `day` again (the nightly benchmark's inbox brings it back).
    public func forgetLoadedDay(_ day: Day) throws {
        try db.transaction {
            try db.run("DELETE FROM series WHERE day = ?", [day.index])
            for table in ["file_days", "unknown_mn", "clock_skew"] { try db.run("DELETE FROM \(table) WHERE day = ?", [day.index]) }
            try db.run("UPDATE files SET sha256 = sha256 || '-history'")
        }
    }

    /// Writes the WAL back into the store file and empties it.
    public func checkpoint() throws {
        try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }
}
