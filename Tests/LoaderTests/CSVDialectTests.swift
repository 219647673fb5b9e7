import Foundation
import Testing
@testable import Loader
@testable import PEMSCore

/// SPEC §3.2 CSV readings read as RFC 4180: records end at LF, CR LF or a lone CR (Excel's
/// "CSV (Macintosh)"); quoted fields hold commas, doubled quotes and line breaks; messages
/// give the line a record starts on.
@Suite struct CSVDialectTests {
    static let mn = Packet.mn

    func load(_ name: String, _ text: String) throws -> (TestWorkspace, FileResult) {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        let f = try ws.writeBytes(name, Array(text.utf8))
        return (ws, try ws.loader().load(files: [f])[0])
    }

    /// 50 rows at 09:00, 09:01, … with values 0.5, 1.5, …
    static func rows(_ n: Int = 50) -> [String] {
        (0..<n).map { i in "2024-07-08 \(String(format: "%02d:%02d", 9 + i / 60, i % 60)),\(mn),pg1001,Pt,\(i).5,N" }
    }

    @Test func aFileWithCROnlyLineEndsLoadsEveryRow() throws {
        let (ws, r) = try load("mac.csv", (["time,mn,code,param,value,flag"] + Self.rows()).joined(separator: "\r") + "\r")
        #expect(r.counters.rejected.isEmpty, "\(r.examples)")
        #expect(r.counters.readings == 50 && r.counters.lines == 51)
        #expect(try ws.series(mn: Self.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.values == (0..<50).map { Double($0) + 0.5 })
    }

    @Test func crlfLfAndCRMixedInOneFileLoadEveryRow() throws {
        let lines = ["time,mn,code,param,value,flag"] + Self.rows(6)
        let ends = ["\r\n", "\n", "\r", "\r\n", "\r", "\n", "\r\n"]
        let (ws, r) = try load("mixed.csv", zip(lines, ends).map { $0 + $1 }.joined())
        #expect(r.counters.rejected.isEmpty, "\(r.examples)")
        #expect(try ws.series(mn: Self.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.values == [0.5, 1.5, 2.5, 3.5, 4.5, 5.5])
    }

    @Test func aQuotedFieldMayHoldDoubledQuotesCommasAndLineBreaks() throws {
        let text = [
            "time,note,mn,code,param,value,flag",
            "2024-07-08 09:00,\"said \"\"hi\"\", then left\",\(Self.mn),pg1001,Pt,1.5,N",
            "2024-07-08 09:01,\"two\r\nlines, one \"\"record\"\"\",\(Self.mn),\"pg1001\",Pt,\"2.5\",N",
            "2024-07-08 09:02,x,\(Self.mn),pg1001,Pt,bad,N",
            "2024-07-08 09:03,,\(Self.mn), \"pg1001\" ,Pt, 3.5 ,N",
        ].joined(separator: "\r\n") + "\r\n"
        let (ws, r) = try load("quoted.csv", text)
        #expect(try ws.series(mn: Self.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.values == [1.5, 2.5, 3.5])
        // The bad value is on physical line 5: the record before it spans lines 3 and 4.
        #expect(r.counters.rejected == ["bad_value": 1])
        #expect(r.examples.map(\.line) == [5])
        #expect(r.counters.lines == 6)
    }

    @Test func aQuotedFieldLeftOpenLosesOnlyItsOwnLine() throws {
        // A stray quote opens a field that never closes: the line it is on is rejected, and
        // reading resumes on the next line rather than swallowing the rest of the file.
        let text = (["time,mn,code,param,value,flag", "2024-07-08 09:00,\(Self.mn),pg1001,Pt,\"1.5,N"] + Self.rows(3).dropFirst())
            .joined(separator: "\n") + "\n"
        let (ws, r) = try load("open.csv", text)
        #expect(r.counters.rejected == ["unclosed_quote": 1])
        #expect(r.examples.map(\.line) == [2])
        #expect(try ws.series(mn: Self.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.values == [1.5, 2.5])
    }
}
