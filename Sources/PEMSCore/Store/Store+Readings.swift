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

    /// Merges one load's readings of a series (`batch`, in load order, not yet normalized)
    /// into the stored series, later readings winning on equal times, and writes the result
    /// with a `revisions` row for every reading whose value changed (SPEC §3.3, §13.35; never
    /// deleted). Returns what the merge found. Call inside the load's transaction.
    @discardableResult
    public func mergeSeries(day: Day, channel: Int, cn: Int, param: Int, batch: SeriesData, fileID: Int) throws -> MergeCounts {
        var normalized = batch
        let counts = normalized.normalize()
        return try mergeSeries(day: day, channel: channel, cn: cn, param: param,
                               normalized: NormalizedBatch(blob: SeriesCodec.encode(normalized), count: normalized.count, counts: counts),
                               fileID: fileID)
    }

    /// `mergeSeries(day:channel:cn:param:batch:fileID:)` for a batch already normalized and
    /// encoded (the loader does that on its parsing threads). `mayExist: false` says the store
    /// held no series of `day` before this load began, so there is nothing to merge with.
    @discardableResult
    public func mergeSeries(day: Day, channel: Int, cn: Int, param: Int, normalized batch: NormalizedBatch,
                            mayExist: Bool = true, fileID: Int) throws -> MergeCounts {
        var counts = batch.counts
        var blob = batch.blob, n = batch.count
        if mayExist, var old = try series(day: day, channel: channel, cn: cn, param: param) {
            let merged: SeriesData
            do { merged = try SeriesCodec.decode(batch.blob) } catch {
                throw StoreError.corruptSeries(day: day.description, channel: channel, detail: "a batch being loaded: \(error)")
            }
            let inBatch = counts.revisions
            counts.revisions = []
            counts += old.merge(newer: merged, batch: inBatch)
            blob = SeriesCodec.encode(old)
            n = old.count
        }
        try db.run("""
            INSERT INTO series(day, channel_id, cn, param_id, n, data, file_id) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(day, channel_id, cn, param_id) DO UPDATE SET n = excluded.n, data = excluded.data, file_id = excluded.file_id
            """, [day.index, channel, cn, param, n, blob, fileID])
        if !counts.revisions.isEmpty {
            try addRevisions(counts.revisions, day: day, channel: channel, cn: cn, param: param, fileID: fileID)
        }
        return counts
    }

    /// Whether any series of `day` is stored.
    public func hasSeries(on day: Day) throws -> Bool {
        try db.statement("SELECT 1 FROM series WHERE day = ? LIMIT 1").first([day.index]) { _ in true } ?? false
    }

    /// Calls `body` with each stored series of `day` on the channels in `channels`, by channel,
    /// CN and parameter: one query per day that a reader walks a channel at a time.
    public func forEachSeries(on day: Day, channels: ClosedRange<Int>, _ body: (StoredSeries) throws -> Void) throws {
        try db.statement("""
            SELECT channel_id, cn, param_id, data FROM series
            WHERE day = ? AND channel_id BETWEEN ? AND ? ORDER BY channel_id, cn, param_id
            """).forEach([day.index, channels.lowerBound, channels.upperBound]) { try body(StoredSeries(row: $0)) }
    }

    /// Calls `body` with each stored series of `channel` and `param` on `day` of the CNs
    /// 2011, 2051 and 2061 (the ones slot values come from).
    public func forEachSlotSeries(on day: Day, channel: Int, param: Int, _ body: (StoredSeries) throws -> Void) throws {
        try db.statement("""
            SELECT channel_id, cn, param_id, data FROM series
            WHERE day = ? AND channel_id = ? AND param_id = ? AND cn IN (2011, 2051, 2061)
            """).forEach([day.index, channel, param]) { try body(StoredSeries(row: $0)) }
    }
}

/// One load's readings of a series, normalized (`SeriesData.normalize`) and encoded
/// (`SeriesCodec`), with what normalizing found.
public struct NormalizedBatch: Sendable {
    public var blob: [UInt8]
    public var count: Int
    public var counts: MergeCounts
    public init(blob: [UInt8], count: Int, counts: MergeCounts) {
        self.blob = blob
        self.count = count
        self.counts = counts
    }
}

/// One row of `series` as a query walks it; valid only inside the callback that receives it.
/// The blob is copied out only when asked for (`data`), so rows a reader skips cost nothing.
public struct StoredSeries {
    let row: Row
    public var channelID: Int { row.int(0) }
    public var cn: Int { row.int(1) }
    public var paramID: Int { row.int(2) }
    /// The `SeriesCodec` blob.
    public func data() -> [UInt8] { row.blob(3) }
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
