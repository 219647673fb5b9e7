import Testing
@testable import HJ212

/// Header fields are checked as HJ 212-2017 defines them (issue 14; NOTES.md "HJ 212-2017
/// facts"; `HeaderField` states the forms accepted): a packet whose header fails is
/// `bad_header`, and the problem names the field and shows its value escaped.
@Suite struct PacketHeaderTests {
    /// A well-formed bare segment with one header value replaced.
    static func segment(qn: String = "20180914131547043", st: String = "80", cn: String = "2011", pw: String = "123456",
                        mn: String = "010000A8900016F000169DC0", flag: String = "5", tail: String = "") -> String {
        "QN=\(qn);ST=\(st);CN=\(cn);PW=\(pw);MN=\(mn);Flag=\(flag);\(tail)CP=&&DataTime=20180914131500;t10001-P=0.4762&&"
    }

    static func detail(_ s: Scanned) -> String? {
        s.bytes.withUnsafeBufferPointer { s.packet.rejectDetail(in: $0) }
    }

    @Test func deviceTextAsMNIsBadHeaderNamingMNAndItsValue() {
        let s = scan(Self.segment(mn: "=cmd|' /C calc'!A0"))
        #expect(s.packet.error == .badHeader)
        #expect(s.packet.errorIgnoringCRC == .badHeader)
        #expect(s.packet.headerProblem?.field == .mn)
        #expect(s.text(s.packet.headerProblem?.value) == "=cmd|' /C calc'!A0")
        #expect(Self.detail(s) == "MN is not 1 to 24 ASCII letters or digits: '=cmd|' /C calc'!A0'")
    }

    @Test(arguments: ["010000A8900016F000169DC0", "13060200010180", "M1", "abcDEF0123", String(repeating: "9", count: 24)])
    func anMNOfUpTo24LettersOrDigitsIsAccepted(mn: String) {
        let s = scan(Self.segment(mn: mn))
        #expect(s.packet.error == nil)
        #expect(s.packet.headerProblem == nil)
    }

    @Test(arguments: ["BAD\u{FFFF}MN01", "M-1", "M 1", "M1\u{1B}", "１２３", "工况01", "+cmd|' /C calc'!A0", String(repeating: "9", count: 25)])
    func anMNWithAnythingButLettersOrDigitsOrOver24IsBadHeader(mn: String) {
        let s = scan(Self.segment(mn: mn))
        #expect(s.packet.error == .badHeader)
        #expect(s.packet.headerProblem?.field == .mn)
    }

    @Test func anEmptyOrAbsentMNIsStillMissingMN() {
        #expect(scan(Self.segment(mn: "")).packet.error == .missingMN)
        #expect(scan(Self.segment(cn: "")).packet.error == .missingCN)
    }

    @Test(arguments: ["20180914131547043", "20180914131547"])
    func aQNOf17Or14DigitsIsAccepted(qn: String) {
        #expect(scan(Self.segment(qn: qn)).packet.error == nil)
    }

    @Test(arguments: ["", "2018091413154704", "201809141315470431", "20180914131547043000", "2018091413154704x", "2018-09-14 13:15"])
    func aQNOtherwiseIsBadHeader(qn: String) {
        let s = scan(Self.segment(qn: qn))
        #expect(s.packet.error == .badHeader)
        #expect(s.packet.headerProblem?.field == .qn)
    }

    @Test(arguments: [
        (segment(st: "8O"), HeaderField.st), (segment(st: "123456"), .st), (segment(st: ""), .st),
        (segment(cn: "2O11"), .cn), (segment(cn: "12345678"), .cn),
        (segment(pw: "12 456"), .pw), (segment(pw: "1234567890"), .pw), (segment(pw: ""), .pw),
        (segment(flag: "256"), .flag), (segment(flag: "0005"), .flag), (segment(flag: ""), .flag),
        (segment(flag: "7", tail: "PNUM=2x;PNO=1;"), .pnum), (segment(flag: "7", tail: "PNUM=2;PNO=;"), .pno),
        (segment(flag: "7", tail: "PNUM=2;PNO=12345;"), .pno),
    ])
    func otherHeaderFieldsOutsideTheirFormAreBadHeaderNamingTheField(segment: String, field: HeaderField) {
        let s = scan(segment)
        #expect(s.packet.error == .badHeader, "\(segment)")
        #expect(s.packet.headerProblem?.field == field, "\(segment)")
        #expect(Self.detail(s)?.hasPrefix(field.rawValue + " is not " + field.form) == true, "\(String(describing: Self.detail(s)))")
    }

    @Test func headerValuesAtTheLimitsOfTheirFormsAreAccepted() {
        #expect(scan(Self.segment(st: "91", cn: "9014", pw: "Ab3456789", flag: "255")).packet.error == .unknownVersion)
        #expect(scan(Self.segment(st: "12345", cn: "1234567", pw: "1", flag: "0")).packet.error == nil)
        #expect(scan(Self.segment(flag: "7", tail: "PNUM=9999;PNO=1;")).packet.error == nil)
    }

    @Test func fieldsRunTogetherNameTheFieldTheyRanInto() {
        // 2024-07-01.log line 3762: the ';' after CN was corrupted.
        let s = scan("QN=20240701154110587;ST=80;CN=20111PW=123456;MN=13060200010180;Flag=5;CP=&&DataTime=20240701154100;pg1001-Pt=67.16&&")
        #expect(s.packet.error == .badHeader)
        #expect(s.packet.headerProblem?.field == .cn)
        #expect(Self.detail(s) == "CN is not 1 to 7 digits: '20111PW=123456'")
    }

    @Test func anItemThatIsNotKeyEqualsValueIsNamedAsSuch() {
        let s = scan("QN=20180914131547043;ST=80;CN=2011;PW;MN=010000A8900016F000169DC0;Flag=5;CP=&&&&")
        #expect(s.packet.error == .badHeader)
        #expect(s.packet.headerProblem?.field == .item)
        #expect(Self.detail(s) == "header item is not KEY=VALUE: 'PW'")
        // An unknown key with a second '=' is still not KEY=VALUE.
        #expect(scan(Self.segment(tail: "XX=a=b;")).packet.headerProblem?.field == .item)
    }

    @Test func theDetailShowsControlAndNonASCIICharactersEscaped() {
        let s = scan(Self.segment(mn: "M\u{1B}[31m\u{202E}1\u{FFFF}"))
        let detail = Self.detail(s) ?? ""
        #expect(detail == "MN is not 1 to 24 ASCII letters or digits: 'M\\u{1B}[31m\\u{202E}1\\u{FFFF}'")
        #expect(!detail.unicodeScalars.contains { $0.value < 0x20 || $0.value > 0x7E })
    }

    @Test func aBadHeaderUnderABadCRCIsStillFoundWhenTheCRCIsIgnored() {
        let frame = Frame.encode(segment: Self.segment(mn: "M-1"))
        let s = scan(String(frame.dropLast(4)) + "0000")
        #expect(s.packet.error == .badCRC)
        #expect(s.packet.errorIgnoringCRC == .badHeader)
    }

    @Test func theInspectorSaysWhichFieldIsBadAndWhy() {
        let record = Inspector.inspect(lineNumber: 3, bytes: Array(Self.segment(mn: "BAD\u{FFFF}MN01").utf8))
        #expect(record.error == .badHeader)
        #expect(record.detail == "MN is not 1 to 24 ASCII letters or digits: 'BAD\\u{FFFF}MN01'")
        let text = record.text()
        #expect(text.hasPrefix("line 3: REJECTED bad_header — MN is not 1 to 24 ASCII letters or digits: 'BAD\\u{FFFF}MN01'\n"), "\(text)")
        // The agreed JSON keys do not change; the code says what kind of problem it is.
        #expect(record.jsonLine().contains(#""error":"bad_header"}"#))
    }

    @Test func theStandardsOwnExamplesPassTheHeaderChecks() {
        for line in [Samples.appendixETreatment, Samples.appendixEProduction, Samples.appendixEAnswer, Samples.workedExample,
                     Samples.conformanceAnswer, Samples.conformanceBare] {
            #expect(scan(line).packet.headerProblem == nil, "\(line.prefix(60))")
        }
    }
}
