import Testing
@testable import PEMSCore

/// The streaming RFC 4180 record scanner shared by the registry's `CSVTable` and the loader's
/// CSV readings: where a record ends, how many line breaks it spans, its cells.
@Suite struct CSVRecordsTests {
    /// Every record of `text` as (first line, cells), read to the end.
    func records(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var out: [String] = []
        var scratch: [UInt8] = [], ranges: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { b in
            var pos = 0, line = 1
            while pos < b.count {
                guard case .record(let end, let next, let breaks) = CSVRecords.end(of: b, from: pos, atEnd: true) else {
                    out.append("\(line): open"); return
                }
                let r = UnsafeBufferPointer(rebasing: b[pos..<end])
                let fromScratch = CSVRecords.cells(r, scratch: &scratch, ranges: &ranges)
                let cells = ranges.map { range in
                    fromScratch ? String(decoding: scratch[range], as: UTF8.self) : String(decoding: UnsafeBufferPointer(rebasing: r[range]), as: UTF8.self)
                }
                out.append("\(line): " + cells.joined(separator: "|"))
                line += breaks + 1
                pos = next
            }
        }
        return out
    }

    @Test func recordsEndAtLFCRLFAndALoneCR() {
        #expect(records("a,b\nc,d\r\ne,f\rg,h") == ["1: a|b", "2: c|d", "3: e|f", "4: g|h"])
        #expect(records("a\r\r\nb\n\nc\r") == ["1: a", "2: ", "3: b", "4: ", "5: c"])
    }

    @Test func quotedFieldsHoldCommasDoubledQuotesAndLineBreaks() {
        #expect(records("\"a,b\",\"say \"\"hi\"\"\"\n\"x\r\ny\",\"p\rq\"\nnext\n")
                    == ["1: a,b|say \"hi\"", "2: x\r\ny|p\rq", "5: next"])
    }

    @Test func blanksAroundCellsAreTrimmedAndAQuoteInsideAnUnquotedCellIsLiteral() {
        #expect(records("  a , \"b\" ,\tc\t, d\"e ,\"f\"g\n") == ["1: a|b|c|d\"e|fg"])
        #expect(records("a,\n,\n") == ["1: a|", "2: |"])
    }

    @Test func aQuoteLeftOpenIsReportedAtTheEnd() {
        let bytes = Array("a,\"b\nc\n".utf8)
        bytes.withUnsafeBufferPointer { b in
            #expect(CSVRecords.end(of: b, from: 0, atEnd: true) == .incomplete(openQuote: true, innerBreaks: 2, firstBreakEnd: 5))
            #expect(CSVRecords.end(of: b, from: 0, atEnd: false) == .incomplete(openQuote: true, innerBreaks: 2, firstBreakEnd: 5))
        }
    }

    @Test func aBufferEndingInsideARecordAsksForMoreUnlessItIsTheEnd() {
        let bytes = Array("ab,\"c\"".utf8)
        bytes.withUnsafeBufferPointer { b in
            #expect(CSVRecords.end(of: b, from: 0, atEnd: false) == .incomplete(openQuote: true, innerBreaks: 0, firstBreakEnd: nil))
            #expect(CSVRecords.end(of: b, from: 0, atEnd: true) == .record(contentEnd: 6, next: 6, innerBreaks: 0))
        }
        // A CR at the end of the buffer ends the record; the caller drops an LF that follows.
        Array("ab\r".utf8).withUnsafeBufferPointer { b in
            #expect(CSVRecords.end(of: b, from: 0, atEnd: false) == .record(contentEnd: 2, next: 3, innerBreaks: 0))
        }
    }
}
