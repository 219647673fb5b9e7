import Foundation
import HJ212
import Testing
@testable import Loader
@testable import PEMSCore

/// Device text where HJ 212 has a device number (issue 14): a packet whose header fails the
/// checks of `HeaderField` is rejected as `bad_header` — counted, with an example naming
/// the field and its value escaped — and is never loaded, kept aside or counted as an
/// unknown MN; a CSV row whose `mn` is not a device number is rejected as `bad_mn`.
@Suite struct PacketHeaderLoadingTests {
    let ws: TestWorkspace
    init() throws {
        ws = try TestWorkspace()
        try ws.importConformanceRegistry()
    }

    @Test func aPacketWithDeviceTextAsMNIsRejectedAsBadHeaderAndNeverKeptAside() throws {
        let f = try ws.write("hostile.log", [
            Packet.frame(Packet.segment(time: "20240708090000", "pg1001-Pt=12.5")),
            Packet.frame(Packet.segment(mn: "+cmd|' /C calc'!A0", time: "20240708090100", "pg1001-Pt=5")),
            Packet.frame(Packet.segment(mn: "BAD\u{FFFF}MN01", time: "20240708090200", "pg1001-Pt=6")),
            Packet.frame(Packet.segment(mn: "99999999999999", time: "20240708090300", "pg1001-Pt=7")),  // unknown, well-formed
        ])
        let results = try ws.loader().load(files: [f])
        let c = LoadSummary(files: results, seconds: 0).total
        #expect(c.rejected == ["bad_header": 2])
        #expect(c.unknownMN.keys.map(\.mn) == ["99999999999999"])
        #expect(try ws.store.unknownMNTotals().map(\.mn) == ["99999999999999"])
        #expect(try ws.store.keptAsideKeys().map(\.mn) == ["99999999999999"])
        #expect(try ws.series(mn: Packet.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.values == [12.5])
        let details = try ws.store.db.statement("SELECT line, reason, detail FROM reject_examples ORDER BY line")
            .map { "\($0.int(0)) \($0.text(1)) \($0.text(2))" }
        #expect(details == ["2 bad_header MN is not 1 to 24 ASCII letters or digits: '+cmd|' /C calc'!A0'",
                            "3 bad_header MN is not 1 to 24 ASCII letters or digits: 'BAD\\u{FFFF}MN01'"])
    }

    @Test func aCSVRowWhoseMNIsNotADeviceNumberIsRejectedAsBadMN() throws {
        let f = try ws.write("r.csv", [
            "time,mn,code,param,value,flag",
            "2024-07-08 09:00,13060200010180,pg1001,Pt,12.5,N",
            "2024-07-08 09:01,=cmd|' /C calc'!A0,pg1001,Pt,1,N",
            "2024-07-08 09:02,\"M\n1\",pg1001,Pt,2,N",
            "2024-07-08 09:03,,pg1001,Pt,3,N",
            "2024-07-08 09:04,99999999999999,pg1001,Pt,4,N",
        ])
        let results = try ws.loader().load(files: [f])
        let c = LoadSummary(files: results, seconds: 0).total
        #expect(c.rejected == ["bad_mn": 3])
        #expect(c.readings == 1 && c.unknownMNPackets == 1)
        #expect(try ws.store.unknownMNTotals().map(\.mn) == ["99999999999999"])
        let details = results[0].examples.map(\.detail)
        #expect(details == ["mn is not 1 to 24 ASCII letters or digits: '=cmd|' /C calc'!A0'",
                            "mn is not 1 to 24 ASCII letters or digits: 'M\\n1'",
                            "mn is not 1 to 24 ASCII letters or digits: ''"])
    }
}
