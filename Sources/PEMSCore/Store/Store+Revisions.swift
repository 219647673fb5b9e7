/// Replaced readings (table `revisions`, schema 9; SPEC §3.3, §12, §13.35). Rows are only
/// ever added: no load, re-load or clean-up deletes one (seed 001 §4.2 "原始数据暂不允许修约").
extension Store {
    /// Records the revisions one load made to one series, in load order (`revision_id`
    /// grows with each row), stamped with the load's file and its `loaded_at`. Call inside
    /// the load's transaction.
    public func addRevisions(_ revisions: [SeriesRevision], day: Day, channel: Int, cn: Int, param: Int, fileID: Int) throws {
        let insert = try db.statement("""
            INSERT INTO revisions(day, channel_id, cn, param_id, second, old_value, old_flag, new_value, new_flag, file_id, loaded_at)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, file_id, loaded_at FROM files WHERE file_id = ?
            """)
        for r in revisions {
            try insert.run([day.index, channel, cn, param, Int(r.time), r.oldValue, Self.flagText(r.oldFlag),
                            r.newValue, Self.flagText(r.newFlag), fileID])
        }
    }

    /// The revisions of readings whose time lies in `[from 00:00, to+1 00:00)` (CST), in the
    /// SPEC §12 key order: mn, code, param (§13.35 names), time, then load order.
    public func revisions(from: Day, to: Day) throws -> [RevisionRecord] {
        let rows = try db.statement("""
            SELECT r.day, r.second, c.mn, c.code, p.name, r.cn, r.old_value, r.new_value, r.old_flag, r.new_flag,
                   f.path, r.loaded_at, r.revision_id
            FROM revisions r JOIN channels c USING (channel_id) JOIN params p USING (param_id) JOIN files f USING (file_id)
            WHERE r.day BETWEEN ? AND ? ORDER BY r.revision_id
            """).map([from.index, to.index]) { row in
            RevisionRecord(time: Day(index: row.int(0)).start.adding(seconds: Int64(row.int(1))), mn: row.text(2),
                           code: row.text(3), param: RevisionRecord.paramName(stored: row.text(4), cn: row.int(5)),
                           oldValue: row.double(6), newValue: row.double(7), oldFlag: row.text(8), newFlag: row.text(9),
                           filePath: row.text(10), loadedAt: Timestamp(row.text(11)) ?? Timestamp(seconds: 0),
                           loadOrder: row.int(12))
        }
        return rows.sorted(by: RevisionRecord.exportOrder)
    }

    /// How many revisions the store holds (all days).
    public func revisionCount() throws -> Int {
        try db.statement("SELECT count(*) FROM revisions").first { $0.int(0) } ?? 0
    }

    static func flagText(_ flag: UInt8) -> String { String(UnicodeScalar(flag)) }
}
