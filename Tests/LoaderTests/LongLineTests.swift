import Foundation
import Testing
@testable import Loader
@testable import PEMSCore

/// A line (record) longer than `LoadOptions.maxLineBytes` is rejected as `line_too_long` with
/// its line number, its bytes are skipped without being held in memory, and the next line loads.
@Suite(.serialized) struct LongLineTests {
    static let fiftyMB = 50 << 20

    /// A file: `before`, then `size` bytes of `filler` without any line end, then `after`.
    static func write(_ ws: TestWorkspace, _ name: String, before: String, filler: UInt8, size: Int, after: String) throws -> String {
        let url = ws.dir.appendingPathComponent(name)
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let h = try FileHandle(forWritingTo: url)
        try h.write(contentsOf: Data(before.utf8))
        let block = Data(repeating: filler, count: 1 << 20)
        var left = size
        while left > 0 {
            try h.write(contentsOf: left >= block.count ? block : block.prefix(left))
            left -= block.count
        }
        try h.write(contentsOf: Data(after.utf8))
        try h.close()
        return url.path
    }

    func loader(_ ws: TestWorkspace) throws -> DataLoader {
        let (version, registry) = try ws.store.registry(for: Day("2024-07-01")!)
        var options = LoadOptions()
        options.workers = 2
        options.chunkBytes = 1 << 20
        return DataLoader(store: ws.store, directory: try ChannelDirectory.make(registry: registry, store: ws.store),
                          registryVersion: version.id, options: options)
    }

    @Test func aFiftyMegabyteLineWithoutLFInAPacketLogIsRejectedAndTheNextLinesLoad() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        let good = { (t: String, v: String) in Packet.frame(Packet.segment(time: t, "pg1001-Pt=\(v)")) }
        let f = try Self.write(ws, "long.log", before: good("20240708090000", "1.5") + "\r\n##0101QN=", filler: UInt8(ascii: "x"),
                               size: Self.fiftyMB, after: "\r\n" + good("20240708090100", "2.5") + "\r\n" + good("20240708090200", "3.5") + "\r\n")
        let loader = try loader(ws)
        let r = try loader.load(files: [f])[0]
        #expect(r.counters.rejected == ["line_too_long": 1])
        #expect(r.examples.map(\.line) == [2])
        #expect(r.examples.first.map { $0.text.count <= 500 && $0.text.hasPrefix("##0101QN=xxx") } == true)
        #expect(r.counters.lines == 4)
        #expect(try ws.series(mn: Packet.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.values == [1.5, 2.5, 3.5])
        #expect(loader.peakCarryBytes <= LoadOptions().maxLineBytes)
    }

    @Test func aFiftyMegabyteRecordInACSVIsRejectedAndTheNextRowsLoad() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        let row = { (t: String, v: String) in "2024-07-08 \(t),\(Packet.mn),pg1001,Pt,\(v),N" }
        let f = try Self.write(ws, "long.csv", before: "time,mn,code,param,value,flag\r" + row("09:00", "1.5") + "\r2024-07-08 09:01,",
                               filler: UInt8(ascii: "7"), size: Self.fiftyMB, after: "\r" + row("09:02", "2.5") + "\r" + row("09:03", "3.5") + "\r")
        let loader = try loader(ws)
        let r = try loader.load(files: [f])[0]
        #expect(r.counters.rejected == ["line_too_long": 1])
        #expect(r.examples.map(\.line) == [3])
        #expect(r.counters.lines == 5)
        #expect(try ws.series(mn: Packet.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.values == [1.5, 2.5, 3.5])
        #expect(loader.peakCarryBytes <= LoadOptions().maxLineBytes)
    }

    @Test func lineChunksNeverHoldMoreThanAChunkAndOneLineLimit() throws {
        let ws = try TestWorkspace()
        for dialect in [LineChunks.Dialect.packetLines, .csv] {
            let f = try Self.write(ws, "big-\(dialect).txt", before: "first\n", filler: UInt8(ascii: "z"), size: Self.fiftyMB,
                                   after: "\nafter\nlast")
            var chunks = try LineChunks(path: f, chunkBytes: 1 << 20, maxLineBytes: 65_536, dialect: dialect)
            var lines: [String] = [], overlong: [LineChunks.Overlong] = []
            while let c = try chunks.next() {
                for i in c.starts.indices { lines.append("\(c.lines[i]):" + String(decoding: c.bytes[c.starts[i]..<c.ends[i]], as: UTF8.self)) }
                overlong += c.overlong
            }
            #expect(lines == ["1:first", "3:after", "4:last"])
            #expect(overlong.map(\.line) == [2] && overlong.map(\.bytes) == [Self.fiftyMB])
            #expect(overlong.first?.prefix.count ?? 0 <= 500)
            #expect(chunks.peakCarry <= 65_536)
            #expect(chunks.peakBuffer <= (1 << 20) + 65_536)
        }
    }
}
