import Foundation
import Testing
@testable import Loader
@testable import PEMSCore

/// Loader behaviour on small hand-made packet logs against the conformance registry
/// (E001: MN 13060200010180, production pg1001, treatment 411011, door sensor i33101).
@Suite struct PacketLoadingTests {
    let ws: TestWorkspace
    init() throws {
        ws = try TestWorkspace()
        try ws.importConformanceRegistry()
    }

    func load(_ files: [String], crcPolicy: CRCPolicy = .reject) throws -> LoadCounters {
        LoadSummary(files: try ws.loader(crcPolicy: crcPolicy).load(files: files), seconds: 0).total
    }

    @Test func loadingTheSameFileTwiceSkipsItAndChangesNothing() throws {
        let f = try ws.write("a.log", [Packet.frame(Packet.segment(time: "20240708090000", "pg1001-Pt=12.5,pg1001-Flag=N"))])
        let first = try ws.loader().load(files: [f])
        #expect(first[0].status == .loaded && first[0].counters.readings == 1)
        let copy = try ws.write("copy-of-a.log", [Packet.frame(Packet.segment(time: "20240708090000", "pg1001-Pt=12.5,pg1001-Flag=N"))])
        let second = try ws.loader().load(files: [f, copy])
        #expect(second.map(\.status) == [.skipped, .skipped]) // same content, another name: still skipped
        #expect(second[1].previouslyLoaded?.path == f)
        #expect(try ws.store.db.scalarInt("SELECT count(*) FROM files") == 1)
        #expect(try ws.series(mn: Packet.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.values == [12.5])
    }

    @Test func theLedgerHoldsTheFilesSHA256WhetherHashedWhileParsedOrBefore() throws {
        // a.log is new (no loaded file of its size): hashed in the parsing pass. b.log has a.log's
        // size and other bytes: hashed first (it could have been a copy), then parsed.
        let a = try ws.write("a.log", [Packet.frame(Packet.segment(time: "20240708090000", "pg1001-Pt=12.5,pg1001-Flag=N"))])
        let b = try ws.write("b.log", [Packet.frame(Packet.segment(time: "20240708090100", "pg1001-Pt=12.5,pg1001-Flag=N"))])
        let sizes = try [a, b].map { try #require(FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) }
        #expect(sizes[0] == sizes[1])
        let results = try ws.loader().load(files: [a, b])
        #expect(results.map(\.status) == [.loaded, .loaded])
        let expected = try [a, b].map { try ContentHash.sha256(fileAt: $0) }
        #expect(results.map(\.sha256) == expected.map(\.hash))
        #expect(results.map(\.bytes) == sizes)
        let stored = try ws.store.db.statement("SELECT sha256, bytes FROM files ORDER BY file_id").map { "\($0.text(0)) \($0.int(1))" }
        #expect(stored == zip(expected, sizes).map { "\($0.hash) \($1)" })
        #expect(try ws.series(mn: Packet.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.times == [32_400, 32_460])
    }

    @Test func aResentReadingWithAnotherValueReplacesTheOldOneAndCountsAConflict() throws {
        let a = try ws.write("1.log", [Packet.frame(Packet.segment(time: "20240708090000", "pg1001-Pt=12.5;pg2001-Pt=3.0"))])
        let b = try ws.write("2.log", [Packet.frame(Packet.segment(time: "20240708090000", "pg1001-Pt=13.75;pg2001-Pt=3.0"))])
        let c = try load([a, b])
        #expect(c.conflicts == 1)
        #expect(c.duplicates == 1)
        #expect(try ws.series(mn: Packet.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.values == [13.75])
        let perDay = try ws.store.db.scalarInt("SELECT sum(conflicts) FROM file_days WHERE day = ?", [Day("2024-07-08")!.index])
        #expect(perDay == 1)
    }

    @Test func badCRCIsRejectedByDefaultAndLoadedWithAWarningUnderWarn() throws {
        var framed = Packet.frame(Packet.segment(time: "20240708090000", "pg1001-Pt=12.5"))
        let crc = framed.suffix(4)
        framed = String(framed.dropLast(4)) + (crc == "0000" ? "0001" : "0000")
        let f = try ws.write("bad.log", [framed, Packet.frame(Packet.segment(time: "20240708090100", "pg1001-Pt=12.0"))])
        let rejected = try load([f])
        #expect(rejected.rejected == ["bad_crc": 1])
        #expect(rejected.readings == 1)
        let other = try TestWorkspace()
        try other.importConformanceRegistry()
        let warned = LoadSummary(files: try other.loader(crcPolicy: .warn).load(files: [f]), seconds: 0).total
        #expect(warned.rejectedLines == 0 && warned.crcWarnings == 1 && warned.readings == 2)
    }

    @Test func lowerCaseCRCAndHeaderFieldsInAnyOrderLoad() throws {
        // Header fields out of the standard order, and a CRC written in lower case: pick a
        // value whose CRC has a hex letter so lower-casing really changes it.
        var framed = ""
        for tenth in 0..<100 {
            let seg = "MN=\(Packet.mn);CN=2011;QN=20240708090000000;Flag=5;PW=123456;ST=80;CP=&&DataTime=20240708090000;pg1001-Pt=12.\(tenth)&&"
            let f = Packet.frame(seg)
            if f.suffix(4).contains(where: \.isLetter) { framed = String(f.dropLast(4)) + f.suffix(4).lowercased(); break }
        }
        let hasLower = framed.suffix(4).contains { $0.isLowercase }
        #expect(hasLower)
        let c = try load([try ws.write("order.log", [framed])])
        #expect(c.rejectedLines == 0 && c.readings == 1)
    }

    @Test func parameterNamesMapOntoPtEptAndSensorValue() throws {
        let f = try ws.write("params.log", [
            // seed 001 appendix E style: P is Pt; RS stored by name; Ia stored by name
            Packet.frame(Packet.segment(time: "20240708090000", "pg1001-P=0.4762,pg1001-Ia=1.488,pg1001-RS=1,pg1001-Flag=N")),
            // CN 2011 Rtd on an electrical point is its Pt; on a sensor it is the value
            Packet.frame(Packet.segment(time: "20240708090100", "pg1001-Rtd=0.5;i33101-Rtd=1;i33101-Flag=N")),
            // CN 2051 minute data: CODE-Pt-Avg / CODE-Avg and Ept-Avg
            Packet.frame(Packet.segment(cn: 2051, time: "20240708090000", "pg2001-Pt-Avg=20.5,pg2001-Ept-Avg=100.25;411011-Avg=7.5")),
            // CN 2061 hour data
            Packet.frame(Packet.segment(cn: 2061, time: "20240708090000", "pg1001-Avg=44.5;i33101-Avg=0")),
        ])
        let c = try load([f])
        #expect(c.rejectedLines == 0 && c.droppedValues == 0)
        let d = "2024-07-08"
        #expect(try ws.series(mn: Packet.mn, code: "pg1001", day: d, param: "Pt")?.values == [0.4762, 0.5])
        #expect(try ws.series(mn: Packet.mn, code: "pg1001", day: d, param: "Ia")?.values == [1.488])
        #expect(try ws.series(mn: Packet.mn, code: "pg1001", day: d, param: "RS")?.values == [1])
        #expect(try ws.series(mn: Packet.mn, code: "i33101", day: d, param: "Val")?.values == [1])
        #expect(try ws.series(mn: Packet.mn, code: "pg2001", day: d, param: "Pt", cn: 2051)?.values == [20.5])
        #expect(try ws.series(mn: Packet.mn, code: "pg2001", day: d, param: "Ept", cn: 2051)?.values == [100.25])
        #expect(try ws.series(mn: Packet.mn, code: "411011", day: d, param: "Pt", cn: 2051)?.values == [7.5])
        #expect(try ws.series(mn: Packet.mn, code: "pg1001", day: d, param: "Pt", cn: 2061)?.times == [9 * 3600])
        #expect(try ws.series(mn: Packet.mn, code: "i33101", day: d, param: "Val", cn: 2061)?.values == [0])
    }

    @Test func aCodeFlagAppliesToEveryParameterOfThatCodeEvenWhenSentLast() throws {
        let f = try ws.write("flags.log", [Packet.frame(Packet.segment(time: "20240708090000",
            "pg1001-Pt=12.5,pg1001-Ept=100.5,pg1001-Flag=D;pg2001-Pt=3"))])
        _ = try load([f])
        let d = "2024-07-08", D = UInt8(ascii: "D"), N = UInt8(ascii: "N")
        #expect(try ws.series(mn: Packet.mn, code: "pg1001", day: d, param: "Pt")?.flags == [D])
        #expect(try ws.series(mn: Packet.mn, code: "pg1001", day: d, param: "Ept")?.flags == [D])
        #expect(try ws.series(mn: Packet.mn, code: "pg2001", day: d, param: "Pt")?.flags == [N])
    }

    @Test func unknownCodesAreKeptAsideAndBadValuesDroppedAndCountedWhileTheRestLoads() throws {
        let f = try ws.write("drop.log", [Packet.frame(Packet.segment(time: "20240708090000",
            "zz9999-Pt=1;pg1001-Pt=abc;pg2001-Pt=3.5"))])
        let c = try load([f])
        #expect(c.dropped == ["bad_value": 1])
        #expect(c.keptAsideReadings == 1)   // SPEC §13.37: kept aside, not dropped
        #expect(c.readings == 1)
        let examples = try ws.store.db.scalarInt("SELECT count(*) FROM reject_examples WHERE reason LIKE 'dropped:%'")
        #expect(examples == 1)
    }

    @Test func malformedLinesAreRejectedByReasonAndNothingElseIsLost() throws {
        let good = Packet.frame(Packet.segment(time: "20240708090000", "pg1001-Pt=12.5"))
        var bytes: [UInt8] = []
        func add(_ s: String) { bytes += Array(s.utf8) + [13, 10] }
        add(good)
        add("##9999" + "QN=1;CN=2011&&")                        // wrong length
        add("")                                                  // empty line
        bytes += Array("QN=20240708090100000;ST=80;CN=2011;PW=1;MN=\(Packet.mn);Flag=5;CP=&&DataTime=20240708090100;pg1001-Pt=1".utf8) + [0xC3, 0x28] + Array("&&".utf8) + [13, 10] // not UTF-8
        add(Packet.segment(time: "2024070809", qn: "20240708090000000", "pg1001-Pt=1"))   // bad DataTime (bare segment)
        add(Packet.frame(Packet.segment(time: "20240708090200000", qn: "20240708090200000", "pg1001-Pt=13.5"))) // 17-digit DataTime is fine
        bytes += Array(good.prefix(40).utf8)                     // truncated last line, no LF
        let c = try load([try ws.writeBytes("mixed.log", bytes)])
        #expect(c.lines == 7)
        #expect(c.rejected == ["bad_length": 2, "empty_line": 1, "not_utf8": 1, "bad_datatime": 1])
        #expect(try ws.series(mn: Packet.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.values == [12.5, 13.5])
        let lines = try ws.store.db.statement("SELECT line FROM reject_examples ORDER BY line").map { $0.int(0) }
        #expect(lines == [2, 3, 4, 5, 7])
    }

    @Test func anEmptyFileLoadsAsNothingAndIsRecorded() throws {
        let f = try ws.writeBytes("empty.log", [])
        let r = try ws.loader().load(files: [f])
        #expect(r[0].status == .loaded && r[0].counters.lines == 0)
        #expect(try ws.store.db.scalarInt("SELECT count(*) FROM files") == 1)
    }

    @Test func aHugeLineIsRejectedWithoutStoppingTheFile() throws {
        let huge = String(repeating: "x", count: 1 << 20)
        let f = try ws.write("huge.log", [huge, Packet.frame(Packet.segment(time: "20240708090000", "pg1001-Pt=1"))])
        let c = try load([f])
        #expect(c.rejected == ["line_too_long": 1] && c.readings == 1)
    }

    @Test func splitPacketsLoadAsThePacketsTheyAre() throws {
        let s1 = "QN=20240708090000000;ST=80;CN=2011;PW=123456;MN=\(Packet.mn);Flag=7;PNUM=2;PNO=1;CP=&&DataTime=20240708090000;pg1001-Pt=1.5&&"
        let s2 = "QN=20240708090000000;ST=80;CN=2011;PW=123456;MN=\(Packet.mn);Flag=7;PNUM=2;PNO=2;CP=&&DataTime=20240708090000;pg2001-Pt=2.5&&"
        let c = try load([try ws.write("split.log", [Packet.frame(s1), Packet.frame(s2)])])
        #expect(c.packets == 2 && c.readings == 2 && c.versions == ["2017": 2])
    }

    @Test func protocolVersionsAreRecordedFromTheFlag() throws {
        let f = try ws.write("versions.log", [
            Packet.frame(Packet.segment(time: "20240708090000", flag: "9", "pg1001-Pt=1")),   // 2025
            Packet.frame("ST=80;CN=2011;PW=123456;MN=\(Packet.mn);CP=&&DataTime=20240708090100;pg1001-Pt=2&&"), // 2005: no QN/Flag
            Packet.frame(Packet.segment(time: "20240708090200", flag: "4", "pg1001-Pt=3")),   // 2017
        ])
        let c = try load([f])
        #expect(c.versions == ["2025": 1, "2005": 1, "2017": 1])
        let v = try ws.store.db.statement("SELECT versions FROM files").first { $0.text(0) }
        #expect(v == "2005:1 2017:1 2025:1")
    }

    @Test func packetsOfAnUnknownMNAreKeptAsideAndCountedPerDay() throws {
        let f = try ws.write("unknown.log", [
            Packet.frame(Packet.segment(mn: "99999999999999", time: "20240708090000", "pg1001-Pt=1")),
            Packet.frame(Packet.segment(mn: "99999999999999", time: "20240709090000", "pg1001-Pt=1")),
        ])
        let c = try load([f])
        #expect(c.unknownMNPackets == 2 && c.readings == 0)
        #expect(try ws.store.unknownMNTotals().map(\.mn) == ["99999999999999"])
        #expect(try ws.store.db.scalarInt("SELECT count(*) FROM unknown_mn WHERE mn = '99999999999999'") == 2)
    }
}
