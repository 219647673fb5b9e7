import Foundation
import TestSupport
import Testing
@testable import Loader
@testable import PEMSCore

/// Loading `../shared/conformance/` must find exactly the oddities its README lists.
@Suite(.serialized) struct ConformanceLoadTests {
    static let packets = SharedFixture.path("conformance/packets")
    static let readings = SharedFixture.path("conformance/readings")

    @Test func packetLogsLoadWithEveryOddityCountedAsTheFixtureDescribes() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        let results = try ws.loader().load(files: try InputFiles.expand([Self.packets]))
        let total = LoadSummary(files: results, seconds: 0).total
        // README: 7 wrong CRC, 6 truncated frames — rejected; the rest of each file loads.
        #expect(total.rejected == ["bad_crc": 7, "bad_length": 6])
        // 4 platform responses (CN=9014), ignored and counted.
        #expect(total.responses == 4)
        // 120 packets from MN 13069999990180 on 2024-07-10, kept aside.
        #expect(total.unknownMN == [UnknownMNKey(mn: "13069999990180", day: Day("2024-07-10")!.index): 120])
        #expect(try ws.store.db.scalarInt("SELECT count(*) FROM kept_aside WHERE codes IS NULL AND mn = '13069999990180'") == 120)
        // Every line is accounted for.
        let lines = try Self.lineCount(Self.packets)
        #expect(total.lines == lines)
        #expect(total.packets + total.rejectedLines + total.responses + total.unknownMNPackets == lines)
        // 5 packets sent twice byte for byte: their values are duplicates, never conflicts.
        #expect(total.conflicts == 0)
        let expectedDuplicates = try Self.valuesInDuplicatedLines(Self.packets)
        #expect(total.duplicates == expectedDuplicates)
        #expect(total.droppedValues == 0)
        #expect(total.versions == ["2017": lines - 13 - 4])
    }

    @Test func clockFaultOfE004OnJuly8IsRecordedAsThirtyMinutes() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        _ = try ws.loader().load(files: [Self.packets + "/2024-07-07.log", Self.packets + "/2024-07-08.log"])
        let rows = try ws.store.db.statement("""
            SELECT c.mn, s.day, max(s.max_abs_skew_s) FROM clock_skew s JOIN channels c USING (channel_id)
            WHERE s.max_abs_skew_s > 600 GROUP BY c.mn, s.day
            """).map { ($0.text(0), $0.int(1), $0.int(2)) }
        #expect(rows.count == 1)
        #expect(rows.first?.0 == "13060800040180")
        #expect(rows.first?.1 == Day("2024-07-08")!.index)
        // QN is the send time: 30 minutes after DataTime plus the device's few seconds of delay.
        #expect((1800...1860).contains(rows.first?.2 ?? 0))
    }

    @Test func csvReadingsStoreTheSameValuesAsThePackets() throws {
        let a = try TestWorkspace(), b = try TestWorkspace()
        try a.importConformanceRegistry(); try b.importConformanceRegistry()
        let days = ["2024-07-08", "2024-07-12"]
        _ = try a.loader().load(files: days.map { Self.packets + "/\($0).log" })
        let csv = try b.loader().load(files: days.map { Self.readings + "/\($0).csv" })
        #expect(csv.allSatisfy { $0.counters.rejectedLines == 0 })
        let registry = try a.store.registry(for: Day("2024-07-08")!).1
        var compared = 0
        for p in registry.points {
            for day in days {
                for param in p.isElectrical ? ["Pt", "Ept"] : ["Val"] {
                    let sa = try a.series(mn: p.mn, code: p.code, day: day, param: param)
                    let sb = try b.series(mn: p.mn, code: p.code, day: day, param: param)
                    #expect(sa?.times == sb?.times, "\(p.id) \(day) \(param)")
                    #expect(sa?.values == sb?.values, "\(p.id) \(day) \(param)")
                    #expect(sa?.flags == sb?.flags, "\(p.id) \(day) \(param)")
                    if sa != nil { compared += 1 }
                }
            }
        }
        #expect(compared > 50)
    }

    @Test func ept_onlyPointE002pg1001HasNoStoredPower() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        _ = try ws.loader().load(files: [Self.packets + "/2024-07-08.log"])
        #expect(try ws.series(mn: "13060600020180", code: "pg1001", day: "2024-07-08", param: "Pt") == nil)
        let ept = try #require(try ws.series(mn: "13060600020180", code: "pg1001", day: "2024-07-08", param: "Ept"))
        #expect(ept.count > 1400)
        // Maintenance flag M on E002-T2 (512011) 07-12 10:00–11:00 is stored with the values.
        _ = try ws.loader().load(files: [Self.packets + "/2024-07-12.log"])
        let t2 = try #require(try ws.series(mn: "13060600020180", code: "512011", day: "2024-07-12", param: "Pt"))
        let flagged = zip(t2.times, t2.flags).filter { $0.1 == UInt8(ascii: "M") }.map(\.0)
        #expect(flagged.count == 60)
        #expect(flagged.first == 10 * 3600 && flagged.last == 10 * 3600 + 59 * 60)
    }

    static func lineCount(_ dir: String) throws -> Int {
        var n = 0
        for f in try InputFiles.expand([dir]) {
            let data = try Data(contentsOf: URL(fileURLWithPath: f.path))
            n += data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            if let last = data.last, last != 0x0A { n += 1 }
        }
        return n
    }

    /// Values (CP fields other than `-Flag` and DataTime) in lines that occur twice in a file.
    static func valuesInDuplicatedLines(_ dir: String) throws -> Int {
        var n = 0
        for f in try InputFiles.expand([dir]) {
            let text = try String(contentsOfFile: f.path, encoding: .utf8)
            var seen = Set<Substring>()
            for line in text.split(whereSeparator: \.isNewline) {
                if !seen.insert(line).inserted, let cp = line.range(of: "CP=&&") {
                    let body = line[cp.upperBound...].split(separator: "&&").first ?? ""
                    n += body.split(whereSeparator: { $0 == ";" || $0 == "," })
                        .filter { !$0.hasPrefix("DataTime=") && !$0.contains("-Flag=") }.count
                }
            }
        }
        return n
    }
}
