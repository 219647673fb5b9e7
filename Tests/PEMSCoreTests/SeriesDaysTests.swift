import Foundation
import Testing
@testable import PEMSCore

/// `series_days` (schema 12): the per-day series figures the late-data and reuse checks
/// fingerprint, kept by triggers, always equal to a scan of `series` itself.
@Suite struct SeriesDaysTests {
    private func series(_ values: [Int64], from second: Int = 0) -> SeriesData {
        var s = SeriesData()
        s.times = values.indices.map { Int32(second + $0 * 60) }
        s.mantissas = values
        s.scale = 2
        s.flags = Array(repeating: UInt8(ascii: "N"), count: values.count)
        return s
    }

    private func tempStore() throws -> (Store, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pems-series-days-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return (try Store(path: dir.appendingPathComponent("s.db").path), dir)
    }

    @Test func seriesDaysEqualTheScanAfterLoadsMergesCopiesAndDeletes() throws {
        let (store, dir) = try tempStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let d1 = try #require(Day("2026-06-01")), d2 = d1.adding(days: 1)
        let range = (d1.adding(days: -3), d1.adding(days: 5))
        func check(_ step: String) throws {
            let kept = try store.seriesFingerprints(from: range.0, to: range.1)
            let scanned = try store.seriesFingerprintsScanned(from: range.0, to: range.1)
            #expect(kept == scanned, "after \(step): kept \(kept), scanned \(scanned)")
        }
        let a = try store.beginFile(sha256: "a", path: "a.log", format: "hj212", bytes: 1, registryVersion: nil)
        let b = try store.beginFile(sha256: "b", path: "b.log", format: "hj212", bytes: 1, registryVersion: nil)
        let c1 = try store.channelID(ChannelKey(mn: "MN1", code: "pa1001"))
        let c2 = try store.channelID(ChannelKey(mn: "MN2", code: "pa1001"))
        let pt = try store.paramID("Pt"), ept = try store.paramID("Ept")

        // Inserts: 2 rows on d1 (3 + 2 readings), 1 on d2, all from file a.
        try store.mergeSeries(day: d1, channel: c1, cn: 2011, param: pt, batch: series([500, 510, 490]), fileID: a)
        try store.mergeSeries(day: d1, channel: c2, cn: 2011, param: ept, batch: series([10000, 10050]), fileID: a)
        try store.mergeSeries(day: d2, channel: c1, cn: 2011, param: pt, batch: series([400]), fileID: a)
        try check("inserts")
        let first = try store.seriesFingerprints(from: d1, to: d1)[d1.index]
        let bytesD1 = try #require(try store.db.scalarInt("SELECT sum(length(data)) FROM series WHERE day = ?", [d1.index]))
        #expect(first == "2 5 \(a) \(bytesD1)")

        // An update (a later file merges two more readings into a row): n, bytes and the newest file grow.
        try store.mergeSeries(day: d1, channel: c1, cn: 2011, param: pt, batch: series([520, 530], from: 180), fileID: b)
        try check("a merge into a stored row")
        #expect(try store.seriesFingerprints(from: d1, to: d1)[d1.index]?.hasPrefix("2 7 \(b) ") == true)

        // Copies to other days (the benchmarks' INSERT … SELECT), then a whole day forgotten.
        try store.copySeries(of: d1, toOffsets: [2, 3, -1])
        try check("copies")
        try store.forgetLoadedDay(d1.adding(days: 3))
        try check("a day deleted")
        #expect(try store.seriesFingerprints(from: d1.adding(days: 3), to: d1.adding(days: 3)).isEmpty)

        // Deleting the row that holds the day's newest file: the kept figure is unknown (NULL)
        // and read from the series; the next insert keeps it unknown, the reader still exact.
        try store.db.run("DELETE FROM series WHERE day = ? AND file_id = ?", [d1.index, b])
        #expect(try store.db.scalarInt("SELECT max_file_id IS NULL FROM series_days WHERE day = ?", [d1.index]) == 1)
        try check("the newest file's row deleted")
        #expect(try store.seriesFingerprints(from: d1, to: d1)[d1.index]?.hasPrefix("1 2 \(a) ") == true)
        try store.mergeSeries(day: d1, channel: c1, cn: 2051, param: pt, batch: series([1, 2, 3, 4]), fileID: a)
        try check("an insert after the delete")

        // Updates that lower a file id or move a row to another day.
        try store.db.run("UPDATE series SET file_id = ? WHERE day = ?", [a, d2.index])
        try store.mergeSeries(day: d2, channel: c2, cn: 2011, param: pt, batch: series([7]), fileID: b)
        try store.db.run("UPDATE series SET file_id = ? WHERE day = ? AND channel_id = ?", [a, d2.index, c2])
        try check("a file id lowered")
        try store.db.run("UPDATE series SET day = ? WHERE day = ? AND channel_id = ?", [d1.adding(days: 4).index, d2.index, c1])
        try check("a row moved to another day")
        try store.db.run("UPDATE series SET day = ? WHERE day = ?", [d1.adding(days: 5).index, d2.index])
        try check("a day's last row moved away")
        #expect(try store.seriesFingerprints(from: d2, to: d2).isEmpty)
    }

    @Test func theMigrationFillsSeriesDaysFromTheSeriesAStoreAlreadyHolds() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pems-series-days-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.db").path
        let d1 = try #require(Day("2026-06-01"))
        do { // a store at schema 11, with series rows on two days
            let db = try Database(path: path)
            for m in Schema.migrations where m.version <= 11 {
                try db.execute(m.sql)
                try db.execute("PRAGMA user_version = \(m.version)")
            }
            try db.run("INSERT INTO channels(channel_id, mn, code) VALUES (1, 'MN1', 'pa1001'), (2, 'MN2', 'pa1001')")
            try db.run("INSERT INTO params(param_id, name) VALUES (1, 'Pt')")
            for (day, channel, n, bytes, file) in [(d1.index, 1, 3, 40, 1), (d1.index, 2, 5, 70, 2), (d1.index + 1, 1, 1, 12, 1)] {
                try db.run("INSERT INTO series(day, channel_id, cn, param_id, n, data, file_id) VALUES (?, ?, 2011, 1, ?, ?, ?)",
                           [day, channel, n, [UInt8](repeating: 7, count: bytes), file])
            }
        }
        let store = try Store(path: path)
        #expect(try store.schemaVersion() == Schema.currentVersion)
        let kept = try store.seriesFingerprints(from: d1, to: d1.adding(days: 1))
        #expect(kept == [d1.index: "2 8 2 110", d1.index + 1: "1 1 1 12"])
        #expect(kept == (try store.seriesFingerprintsScanned(from: d1, to: d1.adding(days: 1))))
    }
}
