import Foundation
import Testing
@testable import PEMSCore

/// The benchmarks' copied days: energy counters keep rising from one copy to the next.
@Suite struct BenchCopiesTests {
    private func series(_ values: [Int64], scale: Int = 2) -> SeriesData {
        var s = SeriesData()
        s.times = values.indices.map { Int32($0 * 60) }
        s.mantissas = values
        s.scale = scale
        s.flags = Array(repeating: UInt8(ascii: "N"), count: values.count)
        return s
    }

    @Test func copiedCountersContinueAndOtherSeriesAreCopiedUnchanged() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pems-copies-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(path: dir.appendingPathComponent("s.db").path)
        let day = try #require(Day("2026-06-01"))
        let file = try store.beginFile(sha256: "x", path: "a.log", format: "hj212", bytes: 1, registryVersion: nil)
        let channel = try store.channelID(ChannelKey(mn: "MN1", code: "pa1001"))
        let ept = try store.paramID("Ept"), pt = try store.paramID("Pt")
        // 100.00, 100.50, 101.10 kWh: the day rises 1.10 and its last step is 0.60.
        try store.mergeSeries(day: day, channel: channel, cn: 2011, param: ept, batch: series([10000, 10050, 10110]), fileID: file)
        try store.mergeSeries(day: day, channel: channel, cn: 2011, param: pt, batch: series([500, 510, 490]), fileID: file)

        try store.copySeries(of: day, toOffsets: [1, 2, -1])

        func values(_ d: Int, _ p: Int) throws -> [Double] {
            try #require(try store.series(day: day.adding(days: d), channel: channel, cn: 2011, param: p)).values
        }
        // Each copy reads 1.70 kWh (1.10 + 0.60) more than the one before.
        #expect(try values(1, ept) == [101.70, 102.20, 102.80])
        #expect(try values(2, ept) == [103.40, 103.90, 104.50])
        #expect(try values(-1, ept) == [98.30, 98.80, 99.40])
        // So the first reading after a midnight is one last step (0.60) above the one before it.
        #expect(abs((try values(1, ept))[0] - (try values(0, ept))[2] - 0.60) < 1e-9)
        for d in [1, 2, -1] { #expect(try values(d, pt) == [5.00, 5.10, 4.90]) }
    }
}
