/// Lines kept aside until the registry knows their MN or codes (SPEC §3.1, §13.37; table
/// `kept_aside`, schema 7).
extension Store {
    /// Keeps a line aside under the load `file`.
    public func keepAside(_ k: KeptAsideLine, file: Int) throws {
        try db.run("""
            INSERT OR REPLACE INTO kept_aside(file_id, line, format, mn, codes, day, columns, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [file, k.line, k.format, k.mn, KeptAsideLine.codesText(k.codes, format: k.format), k.day,
                  KeptAsideLine.columnsText(k.columns), k.raw])
    }

    /// What is kept aside, by MN, codes (nil: unknown MN) and format, with its line count —
    /// enough to tell whether a registry knows any of it without reading a line (an index
    /// covers the query).
    public func keptAsideKeys() throws -> [(mn: String, codes: String?, format: String, lines: Int)] {
        try db.statement("SELECT mn, codes, format, count(*) FROM kept_aside GROUP BY mn, codes, format ORDER BY mn, codes, format")
            .map { ($0.text(0), $0.optionalText(1), $0.text(2), $0.int(3)) }
    }

    /// The kept-aside lines of `mns` that `include(mn, codes text)` selects, in load order
    /// (load, then line), one at a time; a line not selected is not read.
    public func forEachKeptAside(mns: Set<String>, include: (String, String?) -> Bool,
                                 _ body: (KeptAsideLine) throws -> Void) throws {
        guard !mns.isEmpty else { return }
        let list = mns.sorted()
        let marks = Array(repeating: "?", count: list.count).joined(separator: ", ")
        try db.statement("""
            SELECT file_id, line, format, mn, codes, day, columns, raw FROM kept_aside
            WHERE mn IN (\(marks)) ORDER BY file_id, line
            """).forEach(list) { row in
            let mn = row.text(3), codes = row.optionalText(4)
            guard include(mn, codes) else { return }
            let format = row.text(2)
            try body(KeptAsideLine(fileID: row.int(0), line: row.int(1), format: format, mn: mn,
                                   codes: KeptAsideLine.codes(fromText: codes, format: format),
                                   day: row.optionalInt(5), columns: KeptAsideLine.columns(fromText: row.optionalText(6)),
                                   raw: row.blob(7)))
        }
    }

    /// A kept-aside line brought in: removed, or — when some of its codes are still unknown —
    /// kept with those codes only.
    public func settleKeptAside(file: Int, line: Int, format: String, stillUnknown codes: [String]?) throws {
        if let codes {
            try db.run("UPDATE kept_aside SET codes = ? WHERE file_id = ? AND line = ?",
                       [KeptAsideLine.codesText(codes, format: format), file, line])
        } else {
            try db.run("DELETE FROM kept_aside WHERE file_id = ? AND line = ?", [file, line])
        }
    }

    /// Takes back `packets` of an MN's unknown-MN count on a day, once a registry knows the MN
    /// and they were loaded (the row goes when none are left).
    public func forgetUnknownMN(_ mn: String, day: Int?, packets: Int) throws {
        try db.run("UPDATE unknown_mn SET packets = max(0, packets - ?) WHERE mn = ? AND day = ?", [packets, mn, day ?? -1])
        try db.run("DELETE FROM unknown_mn WHERE mn = ? AND day = ? AND packets = 0", [mn, day ?? -1])
    }
}
