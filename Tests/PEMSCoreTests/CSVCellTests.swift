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
}
