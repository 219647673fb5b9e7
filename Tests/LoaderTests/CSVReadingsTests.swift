import Foundation
import Testing
@testable import Loader
@testable import PEMSCore

@Suite struct CSVReadingsTests {
    @Test func csvRowsLoadWithFreeColumnOrderAndBadRowsAreRejectedByReason() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        let f = try ws.write("r.csv", [
            "\u{FEFF}mn,time,code,param,value,flag,comment",
            "13060200010180,2024-07-08 09:00,pg1001,Pt,12.5,N,ok",
            "13060200010180,2024-07-08 09:01:00,pg1001,Pt,13,,blank flag is N",
            "13060200010180,2024-07-08 25:00,pg1001,Pt,13,N,bad hour",
            "13060200010180,2024-07-08 09:02,pg1001,Pt,x,N,bad value",
            "13060200010180,2024-07-08 09:02,i33101,Rtd,1,N,sensor",
            "99999999999999,2024-07-08 09:02,pg1001,Pt,1,N,unknown mn",
        ])
        let c = LoadSummary(files: try ws.loader().load(files: [f]), seconds: 0).total
        #expect(c.rejected == ["bad_time": 1, "bad_value": 1])
        #expect(c.readings == 3 && c.unknownMNPackets == 1)
        #expect(try ws.series(mn: Packet.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.values == [12.5, 13])
        #expect(try ws.series(mn: Packet.mn, code: "i33101", day: "2024-07-08", param: "Val")?.values == [1])
    }

    @Test func aCSVWithoutTheRequiredHeaderIsRejectedLineByLine() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        let f = try ws.write("nohdr.csv", ["2024-07-08 09:00,13060200010180,pg1001,Pt,12.5,N"])
        let c = LoadSummary(files: try ws.loader().load(files: [f]), seconds: 0).total
        #expect(c.rejected == ["bad_header": 1] && c.readings == 0)
    }
}
