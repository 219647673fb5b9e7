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

    @Test func anObjectKeepsItsMembersInOrderCompact() throws {
        let text = JSONString.object([("b", "1"), ("a", JSONString.quoted("x/y")), ("n", "null"), ("o", JSONString.object([]))])
        #expect(text == #"{"b":1,"a":"x/y","n":null,"o":{}}"#)
        #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any])
    }

    @Test func anIndentedArrayOfStringObjectsHasOneMemberALine() {
        #expect(JSONString.indentedArray([]) == "[]\n")
        #expect(JSONString.indentedArray([[("k", "v"), ("q", "\"")], [("k", "w")]])
                == "[\n  {\n    \"k\": \"v\",\n    \"q\": \"\\\"\"\n  },\n  {\n    \"k\": \"w\"\n  }\n]\n")
    }

    @Test func serializedSortsKeysAndEscapesSlashesOnlyWhenAsked() {
        let value: [String: Any] = ["z": 1, "a": ["path": "in/a.log"]]
        #expect(JSONString.serialized(value, escapingSlashes: true) == #"{"a":{"path":"in\/a.log"},"z":1}"#)
        #expect(JSONString.serialized(value, escapingSlashes: false) == #"{"a":{"path":"in/a.log"},"z":1}"#)
    }
}
