import PEMSCore
import Testing

/// The one CSV cell escaper (exports and the demo city's files).
@Suite struct CSVCellTests {
    @Test func aCellIsQuotedOnlyWhenItHoldsACommaQuoteOrLineBreak() {
        #expect(CSVCell.escaped("甲公司") == "甲公司")
        #expect(CSVCell.escaped("a,b") == "\"a,b\"")
        #expect(CSVCell.escaped("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVCell.escaped("a\nb") == "\"a\nb\"")
        #expect(CSVCell.escaped("a\rb") == "\"a\rb\"")
        #expect(CSVCell.escaped("") == "")
    }

    @Test func aCellWhoseOnlyLineBreakIsCRLFIsQuotedAndReadsBackAsOneCell() throws {
        let cell = "甲公司\r\n二厂"
        #expect(CSVCell.escaped(cell) == "\"甲公司\r\n二厂\"")
        // Written as a row, the quoted cell keeps the row whole: one record with one inner break.
        let row = Array((CSVCell.escaped(cell) + ",E1\r\n").utf8)
        let end = row.withUnsafeBufferPointer { CSVRecords.end(of: $0, from: 0, atEnd: true) }
        #expect(end == .record(contentEnd: row.count - 2, next: row.count, innerBreaks: 1))
    }
}
