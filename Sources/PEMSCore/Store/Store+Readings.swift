/// Channels, parameters and series blobs (SPEC §3, stored as `SeriesCodec` blobs).
extension Store {
    /// Every known channel, keyed by MN and code.
    public func channelIDs() throws -> [ChannelKey: Int] {
        var out: [ChannelKey: Int] = [:]
        try db.statement("SELECT channel_id, mn, code FROM channels").forEach { row in
            out[ChannelKey(mn: row.text(1), code: row.text(2))] = row.int(0)
        }
        return out
    }

    /// The id of channel (mn, code), created if new.
    public func channelID(_ key: ChannelKey) throws -> Int {
        if let id = try db.statement("SELECT channel_id FROM channels WHERE mn = ? AND code = ?")
            .first([key.mn, key.code], { $0.int(0) }) { return id }
        try db.run("INSERT INTO channels(mn, code) VALUES (?, ?)", [key.mn, key.code])
        return Int(db.lastInsertRowID)
    }

    /// Parameter names by id.
    public func paramNames() throws -> [Int: String] {
        var out: [Int: String] = [:]
        try db.statement("SELECT param_id, name FROM params").forEach { out[$0.int(0)] = $0.text(1) }
        return out
    }

    /// The id of a parameter name, created if new.
    public func paramID(_ name: String) throws -> Int {
        if let id = try db.statement("SELECT param_id FROM params WHERE name = ?").first([name], { $0.int(0) }) {
            return id
        }
        try db.run("INSERT INTO params(name) VALUES (?)", [name])
        return Int(db.lastInsertRowID)
    }

    /// One stored series, decoded; nil when nothing was loaded for it.
    public func series(day: Day, channel: Int, cn: Int, param: Int) throws -> SeriesData? {
        let blob = try db.statement("SELECT data FROM series WHERE day = ? AND channel_id = ? AND cn = ? AND param_id = ?")
            .first([day.index, channel, cn, param]) { $0.blob(0) }
        guard let blob else { return nil }
        do { return try SeriesCodec.decode(blob) } catch {
            throw StoreError.corruptSeries(day: day.description, channel: channel, detail: String(describing: error))
        }
    }

    /// Merges `newer` (normalized) into the stored series, newer readings winning on equal
    /// times, and writes the result. Returns what the merge found.
    @discardableResult
    public func mergeSeries(day: Day, channel: Int, cn: Int, param: Int, newer: SeriesData, fileID: Int) throws -> MergeCounts {
        var merged = newer
        var counts = MergeCounts()
        if var old = try series(day: day, channel: channel, cn: cn, param: param) {
            counts = old.merge(newer: newer)
            merged = old
        }
        try db.run("""
            INSERT INTO series(day, channel_id, cn, param_id, n, data, file_id) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(day, channel_id, cn, param_id) DO UPDATE SET n = excluded.n, data = excluded.data, file_id = excluded.file_id
            """, [day.index, channel, cn, param, merged.count, SeriesCodec.encode(merged), fileID])
        return counts
    }

    /// Stored readings and bytes (for `pems status` and the load benchmark).
    public func seriesTotals() throws -> (series: Int, readings: Int, blobBytes: Int) {
        try db.statement("SELECT count(*), coalesce(sum(n), 0), coalesce(sum(length(data)), 0) FROM series")
            .first { ($0.int(0), $0.int(1), $0.int(2)) } ?? (0, 0, 0)
    }
}

/// What a device sends on: its data collector's MN and a factor code (`pg1001`, `411011`,
/// `a01012`, …). Readings are stored per channel.
public struct ChannelKey: Hashable, Sendable, CustomStringConvertible {
    public var mn: String
    public var code: String
    public init(mn: String, code: String) {
        self.mn = mn
        self.code = code
    }
    public var description: String { "\(mn)/\(code)" }
}
