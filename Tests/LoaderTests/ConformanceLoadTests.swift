import Foundation
import TestSupport
import Testing
@testable import Loader
@testable import PEMSCore

/// Loading the SPEC 2 fixture `../shared/conformance-spec2/` must find exactly the oddities
/// and counts its README lists (never numbers copied from the engine's output).
@Suite(.serialized) struct ConformanceLoadTests {
    static let packets = SharedFixture.path("conformance-spec2/packets")
    static let readings = SharedFixture.path("conformance-spec2/readings")

    /// README "Accepted": values of registered points, `RS` and `Flag` not counted.
    static let valueParams = ["Pt", "Ept", "Val", "Ua", "Ub", "Uc", "Ia", "Ib", "Ic", "Pa", "Pb", "Pc"]

    /// Distinct stored readings of `valueParams` (every CN).
    static func storedReadings(_ store: Store) throws -> Int {
        let names = valueParams.map { "'\($0)'" }.joined(separator: ", ")
        return try store.db.scalarInt("SELECT coalesce(sum(s.n), 0) FROM series s JOIN params p USING (param_id) WHERE p.name IN (\(names))") ?? -1
    }

    @Test func packetLogsLoadWithEveryOddityCountedAsTheFixtureDescribes() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        let results = try ws.loader().load(files: try InputFiles.expand([Self.packets]))
        let total = LoadSummary(files: results, seconds: 0).total
        // README: 68,883 lines in all; 7 wrong CRC, 6 truncated frames — rejected; the rest of each file loads.
        #expect(total.lines == 68_883)
        #expect(try Self.lineCount(Self.packets) == 68_883)
        #expect(total.rejected == ["bad_crc": 7, "bad_length": 6])
        // 4 platform responses (CN=9014), ignored and counted.
        #expect(total.responses == 4)
        // 120 packets from MN 13069999990180 on 2024-07-10, kept aside.
        #expect(total.unknownMNPackets == 120)
        #expect(total.unknownMN == [UnknownMNKey(mn: "13069999990180", day: Day("2024-07-10")!.index): 120])
        #expect(try ws.store.db.scalarInt("SELECT count(*) FROM kept_aside WHERE codes IS NULL AND mn = '13069999990180'") == 120)
        // Accepted: 68,746 packets from registered MNs (68,883 − 13 − 4 − 120).
        #expect(total.packets == 68_746)
        #expect(total.packets + total.rejectedLines + total.responses + total.unknownMNPackets == 68_883)
        // 175 duplicates (83 from the 5 byte-for-byte copies, 92 unchanged values of the 5
        // re-sent packets), 5 conflicts (the changed Pt values), 1,257,988 distinct readings.
        // The load counts the `RS` values of those packets as duplicates too; README leaves RS out.
        #expect(total.duplicates == 175 + (try Self.rsFieldsOfRepeatedPackets(Self.packets)))
        #expect(total.conflicts == 5)
        #expect(try Self.storedReadings(ws.store) == 1_257_988)
        #expect(total.droppedValues == 0)
        #expect(total.versions == ["2017": 68_883 - 13 - 4])
        // SPEC 2: the 5 replaced readings, in load order (§13.35).
        let all = try ws.store.revisions(from: Day("2024-07-01")!, to: Day("2024-07-12")!).sorted { $0.loadOrder < $1.loadOrder }
        #expect(all.map { "\($0.time) \($0.mn) \($0.code) \($0.param) \($0.oldValue)→\($0.newValue)" } == [
            "2024-07-06 11:11:00 13060200010180 pg1001 Pt 61.21→63.21",
            "2024-07-09 10:07:00 13060600020180 pg1002 Pt 95.17→96.54",
            "2024-07-09 23:58:00 13060800040180 pg2001 Pt 0.6→1.51",
            "2024-07-11 15:22:00 13060700030180 311011 Pt 43.98→43.14",
            "2024-07-11 15:22:00 13060700030180 311011 Pt 43.14→43.69",
        ])
        #expect(all.map { URL(fileURLWithPath: $0.filePath).lastPathComponent }
                == ["2024-07-06.log", "2024-07-09.log", "2024-07-10.log", "2024-07-11.log", "2024-07-11.log"])
    }

    @Test func csvReadingsGiveTheSameReadingsConflictsAndRevisionsAsThePackets() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        let results = try ws.loader().load(files: try InputFiles.expand([Self.readings]))
        let total = LoadSummary(files: results, seconds: 0).total
        // README: 1,258,233 rows; 240 (Pt and Ept of the unknown MN) set aside; the other
        // 1,257,993 give 1,257,988 readings and 5 conflicts (no duplicate rows).
        #expect(total.rejectedLines == 0)
        #expect(try ws.store.db.scalarInt("SELECT count(*) FROM kept_aside WHERE codes IS NULL") == 240)
        #expect(total.conflicts == 5 && total.duplicates == 0)
        #expect(try Self.storedReadings(ws.store) == 1_257_988)
        let all = try ws.store.revisions(from: Day("2024-07-01")!, to: Day("2024-07-12")!)
        #expect(all.map { "\($0.time) \($0.code) \($0.oldValue)→\($0.newValue)" } == [
            "2024-07-06 11:11:00 pg1001 61.21→63.21",
            "2024-07-09 10:07:00 pg1002 95.17→96.54",
            "2024-07-11 15:22:00 311011 43.98→43.14",
            "2024-07-11 15:22:00 311011 43.14→43.69",
            "2024-07-09 23:58:00 pg2001 0.6→1.51",
        ])
        #expect(all.last.map { URL(fileURLWithPath: $0.filePath).lastPathComponent } == "2024-07-10.csv")
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
                for param in p.isElectrical ? ["Pt", "Ept", "Ua", "Ub", "Uc", "Ia", "Ib", "Ic", "Pa", "Pb", "Pc"] : ["Val"] {
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

    /// `-RS=` fields in CN 2011 packets whose MN and DataTime came before (the copies and the
    /// re-sent packets), counted from the fixture's text.
    static func rsFieldsOfRepeatedPackets(_ dir: String) throws -> Int {
        var n = 0
        var seen = Set<String>()   // across files: the 07-09 23:58 packet is re-sent in 2024-07-10.log
        for f in try InputFiles.expand([dir]) {
            for line in try String(contentsOfFile: f.path, encoding: .utf8).split(whereSeparator: \.isNewline) {
                guard line.contains("CN=2011;"), let mn = line.range(of: "MN="), let t = line.range(of: "DataTime=") else { continue }
                let key = String(line[mn.upperBound...].prefix(14)) + String(line[t.upperBound...].prefix(14))
                if !seen.insert(key).inserted { n += line.components(separatedBy: "-RS=").count - 1 }
            }
        }
        return n
    }
}
