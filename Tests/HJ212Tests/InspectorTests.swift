import Foundation
import TestSupport
import Testing
@testable import HJ212

@Suite struct InspectorTests {
    static func object(_ json: String) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        return try #require(value as? [String: Any])
    }

    @Test func jsonHasExactlyTheKeysInOrderForAResponsePacket() {
        let record = Inspector.inspect(lineNumber: 2401, bytes: Array(Samples.conformanceAnswer.utf8))
        #expect(record.jsonLine() == #"{"line":2401,"QN":"20240701100000000","ST":"91","CN":"9014","PW":"123456","MN":"13060200010180","Flag":"4","PNUM":null,"PNO":null,"version":"2017","DataTime":null,"fields":{},"length_declared":77,"length_actual":77,"crc_given":"35C0","crc_computed":"35C0","crc_ok":true,"length_ok":true,"error":null}"#)
    }

    @Test func bareSegmentHasNullFrameChecks() throws {
        let record = Inspector.inspect(lineNumber: 1, bytes: Array(Samples.appendixETreatment.utf8))
        let json = try Self.object(record.jsonLine())
        #expect(json["crc_ok"] is NSNull)
        #expect(json["length_ok"] is NSNull)
        #expect(json["crc_given"] is NSNull)
        #expect(json["length_declared"] is NSNull)
        #expect(json["PNUM"] is NSNull && json["PNO"] is NSNull)
        #expect(json["error"] is NSNull)
        #expect(json["crc_computed"] as? String == "9241")
        #expect(json["length_actual"] as? Int == 329)
        #expect(json["DataTime"] as? String == "20180914131500")
        #expect((json["fields"] as? [String: String])?["t10001-P"] == "0.4762")
        #expect(json.count == 19)
    }

    @Test func badCRCReportsTheCodeAndBothCRCs() throws {
        let record = Inspector.inspect(lineNumber: 7, bytes: Array(("##0101" + Samples.workedExample + "1c81").utf8))
        #expect(record.error == .badCRC)
        let json = try Self.object(record.jsonLine())
        #expect(json["error"] as? String == "bad_crc")
        #expect(json["crc_given"] as? String == "1c81")
        #expect(json["crc_computed"] as? String == "1C80")
        #expect(json["crc_ok"] as? Bool == false)
        #expect(json["length_ok"] as? Bool == true)
    }

    @Test func laterDuplicateFieldsWinAtTheirFirstPosition() {
        let line = "QN=20240701000017000;ST=80;CN=2011;PW=123456;MN=13060200010180;Flag=5;CP=&&DataTime=20240701000000;a01012-Rtd=180.3,a01012-Flag=N;a01012-Rtd=181.0&&"
        let record = Inspector.inspect(lineNumber: 3, bytes: Array(line.utf8))
        #expect(record.fields == [.init(key: "a01012-Rtd", value: "181.0"), .init(key: "a01012-Flag", value: "N")])
        #expect(record.jsonLine().contains(#""fields":{"a01012-Rtd":"181.0","a01012-Flag":"N"}"#))
    }

    @Test func fieldValuesAreExactlyAsSent() {
        let line = "QN=20180914131547043;ST=80;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&t10001-Ia=01.4880,t10001-Ib= 1.496,t10001-Ic=&&"
        let record = Inspector.inspect(lineNumber: 1, bytes: Array(line.utf8))
        #expect(record.fields.map(\.value) == ["01.4880", " 1.496", ""])
    }

    @Test func garbageLineStillGivesValidJSON() throws {
        var bytes = Array("MN=\"0100\\00\";CN=\u{1B}[31m".utf8)
        bytes += [0xFF, 0xC3, 0x28, 0x00, 0x07]
        bytes += Array(";CP=&&k\"ey=v\u{7F}al\\ue\n,\u{2028}=x&&".utf8)
        let record = Inspector.inspect(lineNumber: 99, bytes: bytes)
        #expect(record.error == .notUTF8)
        let json = try Self.object(record.jsonLine())
        #expect(json["line"] as? Int == 99)
        #expect(json["MN"] as? String == "\"0100\\00\"")
        let cn = try #require(json["CN"] as? String)
        #expect(cn.hasPrefix("\u{1B}[31m"))
        #expect(cn.contains("\u{FFFD}"))
        #expect(cn.hasSuffix("\u{0}\u{7}"))
        let fields = try #require(json["fields"] as? [String: String])
        #expect(fields["k\"ey"] == "v\u{7F}al\\ue\n")
        #expect(fields["\u{2028}"] == "x")
        #expect(!record.jsonLine().contains("\n"))
    }

    @Test func emptyAndTooLongLinesHaveOnlyLineAndError() throws {
        for (bytes, code) in [(Array("  \r".utf8), "empty_line"), ([UInt8](repeating: 0x41, count: 70_000), "line_too_long")] {
            let json = try Self.object(Inspector.inspect(lineNumber: 5, bytes: bytes).jsonLine())
            #expect(json["error"] as? String == code)
            #expect(json["line"] as? Int == 5)
            for key in ["QN", "version", "length_actual", "crc_computed", "crc_ok", "length_ok"] {
                #expect(json[key] is NSNull, "\(key)")
            }
        }
    }

    @Test func inspectLinesNumbersLinesFromOne() {
        let contents = Array((Samples.conformanceAnswer + "\n\r\n" + Samples.appendixEAnswer + "\n").utf8)
        let records = Inspector.inspectLines(of: contents)
        #expect(records.map(\.line) == [1, 2, 3])
        #expect(records.map(\.error) == [nil, .emptyLine, nil])
    }

    @Test func everyConformanceLineGivesParsableJSON() throws {
        let data = try #require(FileManager.default.contents(atPath: SharedFixture.path("conformance-spec2/packets/2024-07-03.log")))
        let records = Inspector.inspectLines(of: [UInt8](data))
        #expect(records.count == 5754)
        for record in records {
            let json = try Self.object(record.jsonLine())
            #expect(json.count == 19)
        }
        #expect(records.filter { $0.error == .badLength }.map(\.line) == [148])
    }

    @Test func textShowsVerdictFieldsLengthsAndCRCs() {
        let record = Inspector.inspect(lineNumber: 3762, bytes: Array("##0101\(Samples.workedExample)1C81".utf8))
        let text = record.text()
        #expect(text.hasPrefix("line 3762: REJECTED bad_crc — " + PacketReject.badCRC.explanation))
        #expect(text.contains("MN        010000A8900016F000169DC0"))
        #expect(text.contains("RtdInterval → 30"))
        #expect(text.contains("declared 101, actual 101  ok"))
        #expect(text.contains("given 1C81, computed 1C80  MISMATCH"))
        #expect(text.contains("(version 2017)"))
    }

    @Test func textOfAnAcceptedBareSegmentSaysSo() {
        let text = Inspector.inspect(lineNumber: 1, bytes: Array(Samples.appendixEProduction.utf8)).text()
        #expect(text.hasPrefix("line 1: OK\n"))
        #expect(text.contains("DataTime  20180914131500"))
        #expect(text.contains("pg0001-P → 0.4762"))
        #expect(text.contains("no frame (bare segment), 329 bytes"))
        #expect(text.contains("no frame, computed FE41"))
    }

    @Test func textMakesControlCharactersVisible() {
        let text = Inspector.inspect(lineNumber: 1, bytes: Array("MN=a\u{1B}b;CN=2011;CP=&&&&".utf8)).text()
        #expect(text.contains("a\\u{1B}b"))
        #expect(!text.contains("\u{1B}"))
    }
}
