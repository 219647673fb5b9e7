import Foundation
import Testing
@testable import HJ212

@Suite struct JSONStringTests {
    @Test func quotesBackslashesAndControlCharactersAreEscaped() {
        #expect(JSONString.quoted("a\"b\\c") == #""a\"b\\c""#)
        #expect(JSONString.quoted("\n\r\t\u{08}\u{0C}") == #""\n\r\t\b\f""#)
        #expect(JSONString.quoted("\u{0}\u{1F}\u{7F}") == #""\u0000\u001f\u007f""#)
        #expect(JSONString.quoted("工况 ✓") == "\"工况 ✓\"")
        #expect(JSONString.quotedOrNull(nil) == "null")
    }

    @Test func everyEscapedStringParsesBackToItself() throws {
        let samples = ["", "plain", "\"\\/", "\u{0}\u{1}\u{1F} \u{7F}", "\u{2028}\u{2029}", "工况用电😀", "\u{FFFD}"]
        for sample in samples {
            let parsed = try JSONSerialization.jsonObject(with: Data(JSONString.quoted(sample).utf8), options: [.fragmentsAllowed])
            #expect(parsed as? String == sample)
        }
    }
}
