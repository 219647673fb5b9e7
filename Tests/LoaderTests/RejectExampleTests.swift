import Foundation
import Testing
@testable import Loader
@testable import PEMSCore

/// Rejected-line examples stay a few hundred bytes wherever they go (the store's
/// `reject_examples`, the load summary printed under cron, the quality workbook), however
/// long the line or value that was rejected.
@Suite struct RejectExampleTests {
    @Test func aTwentyMegabyteValueIsCutInTheStoredExampleAndThePrintedSummary() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        let value = String(repeating: "x", count: 20 << 20)
        let f = try ws.write("huge.csv", ["time,mn,code,param,value",
                                          "2024-07-08 09:00,\(Packet.mn),pg1001,Pt,\(value)",
                                          "2024-07-08 09:01,\(Packet.mn),pg1001,Pt,7"])
        let results = try ws.loader().load(files: [f])
        // Whatever the reason (today bad_value; a line limit may catch it first), one line
        // is rejected and the next one loads.
        #expect(results.first?.counters.rejectedLines == 1)
        #expect(results.first?.counters.readings == 1)
        let stored = try ws.store.db.statement("SELECT detail, text FROM reject_examples").map { ($0.text(0), $0.text(1)) }
        #expect(stored.count == 1)
        for (detail, text) in stored {
            #expect(detail.utf8.count <= 300 && text.utf8.count <= 300, "\(detail.utf8.count) / \(text.utf8.count) bytes")
            #expect(text.hasPrefix("2024-07-08 09:00,\(Packet.mn),pg1001,Pt,xxxx"))
        }
        let summary = LoadSummary(files: results, seconds: 0)
        let text = summary.text()
        for line in text.split(separator: "\n") {
            #expect(line.utf8.count <= 300 + f.utf8.count, "\(line.prefix(120))…")
        }
        #expect(summary.json().utf8.count < 4000)
    }

    @Test func cuttingKeepsWholeCharactersAndSaysHowLongTheTextWas() {
        let long = String(repeating: "工", count: 100)                    // 300 bytes
        let e = RejectExample(reason: "bad_value", line: 3, detail: long, text: long)
        let kept = String(repeating: "工", count: RejectExample.maxBytes / 3)   // whole characters only
        #expect(e.detail == kept + "… (300 bytes)")
        #expect(e.text == kept + "… (300 bytes)")
        let exact = String(repeating: "a", count: RejectExample.maxBytes)
        #expect(RejectExample(reason: "r", line: 1, detail: exact, text: "short").detail == exact)
        #expect(RejectExample(reason: "r", line: 1, detail: exact, text: "short").text == "short")
    }

    @Test func aLongRejectedPacketLineIsCutToo() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        // A value that is no number, in a packet below the line limit: bad_value with the
        // whole value in its detail.
        let value = String(repeating: "x", count: 5_000)
        let line = Packet.frame(Packet.segment(time: "20240708090000", "pg1001-Pt=\(value);pg2001-Pt=1"))
        let f = try ws.write("long.log", [line])
        let results = try ws.loader().load(files: [f])
        #expect(results.first?.counters.dropped == ["bad_value": 1])
        let stored = try ws.store.db.statement("SELECT detail, text FROM reject_examples").map { ($0.text(0), $0.text(1)) }
        #expect(stored.count == 1)
        for (detail, text) in stored {
            #expect(detail.utf8.count <= 300 && text.utf8.count <= 300, "\(detail.utf8.count) / \(text.utf8.count) bytes")
            // The line as read keeps its CR (the file ends lines with CR LF).
            #expect(text.hasSuffix("… (\(LoadSummaryFormat.n(line.utf8.count + 1)) bytes)"), "\(text.suffix(40))")
            let fullDetail = "pg1001-Pt = '\(value)' is not a number"
            #expect(detail.hasSuffix("… (\(LoadSummaryFormat.n(fullDetail.utf8.count)) bytes)"), "\(detail.suffix(40))")
        }
    }
}
