import Testing
@testable import PEMSCore

@Suite struct RegistryCSVTableTests {
    private func table(_ text: String) -> CSVTable { CSVTable(bytes: Array(text.utf8)) }

    @Test func bomIsDroppedAndHeaderIsTrimmedAndLowercased() {
        let t = table("\u{FEFF} Enterprise_ID , Name\nE001,甲\n")
        #expect(t.header == ["enterprise_id", "name"])
        #expect(t.headerLine == 1)
        #expect(t.records == [.init(line: 2, cells: ["E001", "甲"])])
        #expect(t.problems.isEmpty)
    }

    @Test func quotedFieldsKeepCommasDoubledQuotesAndLineBreaks() {
        let t = table("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,row,here\n")
        #expect(t.records.count == 2)
        #expect(t.records[0] == .init(line: 2, cells: ["x, y", "say \"hi\"", "two\nlines"]))
        // The quoted line break is physical line 3, so the next record starts on line 4.
        #expect(t.records[1].line == 4)
        #expect(t.problems.isEmpty)
    }

    @Test func crlfAndLfReadTheSame() {
        let lf = table("a,b\n1,2\n\"q\",3\n")
        let crlf = table("a,b\r\n1,2\r\n\"q\",3\r\n")
        #expect(lf == crlf)
        #expect(crlf.records.map(\.cells) == [["1", "2"], ["q", "3"]])
    }

    @Test func blankLinesAndEmptyRecordsAreSkippedButCounted() {
        let t = table("\n  \na,b\n\n1,2\n,,\n \t\n3,4")
        #expect(t.headerLine == 3)
        #expect(t.records.map(\.line) == [5, 8])
        #expect(t.records.map(\.cells) == [["1", "2"], ["3", "4"]])
    }

    @Test func cellsAreTrimmedAndShortOrLongRecordsAreTolerated() {
        let t = table("a,b,c\n  1 ,\t2\t\n1,2,3,4\n \"  q \" ,x,y\n")
        #expect(t.records[0].cells == ["1", "2"])
        #expect(t.records[0][2] == "")
        #expect(t.records[1].cells == ["1", "2", "3", "4"])
        #expect(t.records[2].cells == ["q", "x", "y"])
    }

    @Test func invalidUTF8IsReportedWithItsLineAndTheRecordLeftOut() {
        var bytes = Array("a,b\n1,2\n".utf8)
        bytes += [0xB4, 0xF3, 0x2C, 0x33, 0x0A] // "大" in GBK, then ",3"
        bytes += Array("4,5\n".utf8)
        let t = CSVTable(bytes: bytes)
        #expect(t.problems == [.init(line: 3, reason: "invalid UTF-8")])
        #expect(t.records.map(\.line) == [2, 4])
    }

    @Test func utf8ValidatorRejectsOverlongSurrogatesAndTruncation() {
        #expect(CSVTable.linesWithInvalidUTF8(Array("竞秀区 ok 🙂\n".utf8)).isEmpty)
        #expect(CSVTable.linesWithInvalidUTF8([0xC0, 0xAF]) == [1])             // overlong "/"
        #expect(CSVTable.linesWithInvalidUTF8([0x0A, 0xED, 0xA0, 0x80]) == [2]) // surrogate
        #expect(CSVTable.linesWithInvalidUTF8([0x0A, 0x0A, 0xE7, 0xAB]) == [3]) // cut short
    }

    @Test func unterminatedQuoteIsReportedAtTheRecordStart() {
        let t = table("a,b\n1,2\n3,\"open\n4,5\n")
        #expect(t.records.map(\.line) == [2])
        #expect(t.problems == [.init(line: 3, reason: "quoted field is not closed before the end of the file")])
    }

    @Test func duplicateHeaderNamesAreListedAndTheFirstWins() {
        let t = table("a,b,A\n1,2,3\n")
        #expect(t.duplicateColumns == ["a"])
        #expect(t.columns["a"] == 0)
    }

    @Test func emptyInputHasNoHeader() {
        #expect(table("").header.isEmpty)
        #expect(table("\n\n").headerLine == 0)
    }
}

/// The registry reads CR-only files (Excel's "CSV (Macintosh)") as it reads LF and CR LF, and
/// counts their lines the same way.
@Suite struct RegistryCSVTableLineEndTests {
    @Test func crOnlyAndMixedLineEndsReadLikeLF() {
        let lf = CSVTable(bytes: Array("a,b\n1,2\n\"q\nr\",3\n4,5\n".utf8))
        let cr = CSVTable(bytes: Array("a,b\r1,2\r\"q\nr\",3\r4,5\r".utf8))
        let mixed = CSVTable(bytes: Array("a,b\r\n1,2\r\"q\nr\",3\n4,5".utf8))
        #expect(lf.records.map(\.line) == [2, 3, 5])
        #expect(cr == lf)
        #expect(mixed == lf)
    }

    @Test func invalidUTF8IsReportedOnTheRightLineOfACROnlyFile() {
        var bytes = Array("a,b\r1,2\r".utf8)
        bytes += [0xB4, 0xF3, 0x2C, 0x33, 0x0D]
        bytes += Array("4,5\r".utf8)
        let t = CSVTable(bytes: bytes)
        #expect(t.problems == [.init(line: 3, reason: "invalid UTF-8")])
        #expect(t.records.map(\.line) == [2, 4])
    }
}
