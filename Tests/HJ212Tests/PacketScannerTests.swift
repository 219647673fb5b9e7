import Testing
@testable import HJ212

@Suite struct PacketScannerTests {
    // MARK: Seed 001 appendix E and the standard's example

    @Test func appendixETreatmentExampleScansAsBareSegment() {
        let s = scan(Samples.appendixETreatment)
        let p = s.packet
        #expect(p.error == nil)
        #expect(!p.framed)
        #expect(p.lengthDeclared == nil && p.crcGiven == nil)
        #expect(p.lengthOK == nil && p.crcOK == nil)
        #expect(p.lengthActual == 329)
        #expect(p.crcComputed == 0x9241)
        #expect(s.text(p.qn) == "20180914131547043")
        #expect(s.text(p.st) == "80")
        #expect(s.text(p.cn) == "2011")
        #expect(s.text(p.pw) == "123456")
        #expect(s.text(p.mn) == "010000A8900016F000169DC0")
        #expect(s.text(p.flag) == "5")
        #expect(p.pnum == nil && p.pno == nil)
        #expect(p.version == .hj212_2017)
        #expect(s.text(p.dataTime) == "20180914131500")
        #expect(s.fields.count == 14)
        #expect(s.fields.first?.key == "t10001-Ia" && s.fields.first?.value == "1.488")
        #expect(s.value(of: "t10001-P") == "0.4762")
        #expect(s.value(of: "t10001-RS") == "1")
        #expect(s.fields.last?.key == "t10001-Flag" && s.fields.last?.value == "N")
        #expect(!s.fields.contains { $0.key == "DataTime" })
        #expect(p.flagKeys == 1)  // t10001-Flag: the loader looks for flags in this packet
    }

    @Test func flagKeysCountsTheKeysEndingInFlagOnly() {
        let seg = "QN=20260601000012000;ST=80;CN=2011;PW=123456;MN=13060200010180;Flag=5;CP=&&DataTime=20260601000000;"
            + "pa1001-Pt=1.00,pa1001-Flag=N;pa1002-Pt=2.00;Flag=x;lag=1;pa1003-flag=D&&"
        #expect(scan(seg).packet.flagKeys == 2)  // pa1001-Flag and the bare key Flag; not "flag"
        #expect(scan(Samples.workedExample).packet.flagKeys == 0)  // CP=&&RtdInterval=30&&
    }

    @Test func appendixEProductionExampleFramedIsAccepted() {
        let s = scan(Frame.encode(segment: Samples.appendixEProduction))
        let p = s.packet
        #expect(p.error == nil)
        #expect(p.framed)
        #expect(p.lengthDeclared == 329 && p.lengthActual == 329)
        #expect(s.text(p.crcGiven) == "FE41")
        #expect(p.crcGivenValue == 0xFE41 && p.crcComputed == 0xFE41)
        #expect(p.lengthOK == true && p.crcOK == true)
        #expect(s.text(p.segment) == Samples.appendixEProduction)
        #expect(s.value(of: "pg0001-P") == "0.4762")
        #expect(s.value(of: "pg0001-Ua") == "99.6")
        #expect(s.fields.count == 14)
    }

    @Test func appendixEAnswerHasEmptyCP() {
        let s = scan(Samples.appendixEAnswer)
        #expect(s.packet.error == nil)
        #expect(s.text(s.packet.cn) == "9014")
        #expect(s.packet.cp?.isEmpty == true)
        #expect(s.packet.fields.isEmpty && s.packet.dataTime == nil)
        #expect(s.packet.crcComputed == 0xC181)
        #expect(s.packet.version == .hj212_2017)
    }

    @Test func conformanceResponseCN9014WithEmptyCPIsAFramedPacket() {
        let s = scan(Samples.conformanceAnswer)
        #expect(s.packet.error == nil)
        #expect(s.packet.lengthOK == true && s.packet.crcOK == true)
        #expect(s.text(s.packet.cn) == "9014" && s.text(s.packet.st) == "91")
        #expect(s.packet.cp?.isEmpty == true && s.packet.fields.isEmpty)
    }

    @Test func standardWorkedExampleFrameIsAccepted() {
        let s = scan("##0101" + Samples.workedExample + "1C80")
        #expect(s.packet.error == nil)
        #expect(s.packet.crcComputed == 0x1C80)
        #expect(s.value(of: "RtdInterval") == "30")
        #expect(s.text(s.packet.cn) == "1062")
    }

    // MARK: Framing and CRC (SPEC §13.1)

    @Test func lowerCaseCRCIsAccepted() {
        let s = scan("##0101" + Samples.workedExample + "1c80")
        #expect(s.packet.crcOK == true)
        #expect(s.packet.error == nil)
        #expect(s.text(s.packet.crcGiven) == "1c80")
    }

    @Test func wrongDeclaredLengthIsBadLength() {
        let s = scan("##0100" + Samples.workedExample + "1C80")
        #expect(s.packet.error == .badLength)
        #expect(s.packet.lengthOK == false)
        #expect(s.packet.lengthDeclared == 100 && s.packet.lengthActual == 101)
        #expect(s.packet.crcOK == true)
        #expect(s.text(s.packet.mn) == "010000A8900016F000169DC0")  // still scanned, for the inspector
    }

    @Test func declaredLengthCountsBytesNotCharacters() {
        // "工况" is 2 characters, 6 bytes in UTF-8.
        let segment = "QN=20180914131547043;ST=80;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20180914131500;t10001-Remark=工况,t10001-RS=1&&"
        let framed = Frame.encode(segment: segment)
        let s = scan(framed)
        #expect(s.packet.error == nil)
        #expect(s.packet.lengthDeclared == segment.utf8.count)
        #expect(s.value(of: "t10001-Remark") == "工况")
        let charCount = String(segment.count)
        let wrong = "##" + String(repeating: "0", count: 4 - charCount.count) + charCount
            + segment + CRC16.hex(CRC16.checksum(segment.utf8))
        #expect(scan(wrong).packet.error == .badLength)
    }

    @Test func badCRCIsReportedButHeaderAndCPAreStillScanned() {
        let s = scan("##0101" + Samples.workedExample + "1C81")
        let p = s.packet
        #expect(p.error == .badCRC)
        #expect(p.errorIgnoringCRC == nil)
        #expect(p.crcOK == false && p.lengthOK == true)
        #expect(p.crcGivenValue == 0x1C81 && p.crcComputed == 0x1C80)
        #expect(s.text(p.mn) == "010000A8900016F000169DC0")
        #expect(s.value(of: "RtdInterval") == "30")
        #expect(p.isLoadable(acceptingBadCRC: true))
        #expect(!p.isLoadable())
    }

    @Test func frameWithoutCRCDigitsIsBadLength() {
        let s = scan("##0101" + Samples.workedExample)
        #expect(s.packet.error == .badLength)
        #expect(s.packet.crcGiven == nil && s.packet.crcOK == false)
        #expect(s.packet.lengthActual == 101)
    }

    @Test func frameWithoutFourLengthDigitsIsBadLength() {
        let s = scan("##101" + Samples.workedExample + "1C80")
        #expect(s.packet.error == .badLength)
        #expect(s.packet.lengthDeclared == nil)
        #expect(s.text(s.packet.segment) == Samples.workedExample)
    }

    @Test func textAfterTheCRCIsBadLength() {
        #expect(scan("##0101" + Samples.workedExample + "1C80 x").packet.error == .badLength)
        #expect(scan("##0101" + Samples.workedExample + "1C80\r\n").packet.error == .badLength)
    }

    @Test func truncatedConformanceFrameIsBadLength() {
        // 2024-07-03.log line 148: cut off mid-CP; its last four characters happen to be hex.
        let s = scan("##0529QN=20240703003718419;ST=80;CN=2011;PW=123456;MN=13060200010180;Flag=5;CP=&&DataTime=20240703003700;pg1001-Pt=0.68,pg1001-Ept=475410.86,pg1001-RS=0,pg1001-Flag=N;pg2001-Pt=0.26,pg2001-Ept=243357.29,pg2001-RS=0,pg2001-Flag=N;411011-Pt=0.00,411011-Ept=80814.97,41101\r")
        #expect(s.packet.error == .badLength)
        #expect(s.packet.lengthDeclared == 529)
        #expect(s.text(s.packet.crcGiven) == "1101")
        #expect(s.text(s.packet.mn) == "13060200010180")
    }

    @Test func trailingSpacesTabsAndCRAfterTheCRCAreIgnored() {
        let s = scan("##0101" + Samples.workedExample + "1C80  \t \r")
        #expect(s.packet.error == nil)
        #expect(s.text(s.packet.crcGiven) == "1C80")
        #expect(s.packet.segment == 6..<107)
    }

    @Test func leadingByteOrderMarkIsSkipped() {
        let s = scan(bytes: [0xEF, 0xBB, 0xBF] + Array(("##0101" + Samples.workedExample + "1C80").utf8))
        #expect(s.packet.error == nil)
        #expect(s.packet.framed)
        #expect(s.packet.segment == 9..<110)
    }

    // MARK: Header

    @Test func headerFieldsInAnyOrderAreFound() {
        let segment = "MN=010000A8900016F000169DC0;Flag=5;CN=2011;PW=123456;ST=80;QN=20180914131547043;CP=&&DataTime=20180914131500;t10001-P=0.4762,t10001-Flag=N&&"
        let s = scan(Frame.encode(segment: segment))
        #expect(s.packet.error == nil)
        #expect(s.text(s.packet.qn) == "20180914131547043")
        #expect(s.text(s.packet.st) == "80")
        #expect(s.text(s.packet.cn) == "2011")
        #expect(s.text(s.packet.pw) == "123456")
        #expect(s.text(s.packet.mn) == "010000A8900016F000169DC0")
        #expect(s.text(s.packet.flag) == "5")
    }

    @Test func splitPacketWithPNUMAndPNOIsAPacket() {
        let segment = "QN=20180914131547043;ST=80;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=7;PNUM=2;PNO=1;CP=&&DataTime=20180914131500;t10001-Ia=1.488,t10001-Ib=1.496,t10001-Ic=0.000&&"
        let s = scan(Frame.encode(segment: segment))
        #expect(s.packet.error == nil)
        #expect(s.text(s.packet.pnum) == "2" && s.text(s.packet.pno) == "1")
        #expect(s.text(s.packet.flag) == "7")
        #expect(s.packet.version == .hj212_2017)
        #expect(s.fields.count == 3)
    }

    @Test func packetWithoutQNAndFlagIs2005Style() {
        let s = scan("ST=32;CN=2011;PW=123456;MN=88888880000001;CP=&&DataTime=20040516020111;B01-Rtd=1.25,B01-Flag=N&&")
        #expect(s.packet.error == nil)
        #expect(s.packet.qn == nil && s.packet.flag == nil)
        #expect(s.packet.version == .hj212_2005)
    }

    @Test(arguments: [
        (0, ProtocolVersion.hj212_2005), (1, .hj212_2005),
        (4, .hj212_2017), (5, .hj212_2017), (6, .hj212_2017), (7, .hj212_2017),
        (8, .hj212_2025), (9, .hj212_2025),
    ])
    func flagVersionBitsGiveTheEdition(flag: Int, version: ProtocolVersion) {
        let s = scan("QN=20180914131547043;ST=80;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=\(flag);CP=&&DataTime=20180914131500;t10001-P=0.4762&&")
        #expect(s.packet.version == version)
        #expect(s.packet.error == nil)
    }

    @Test func versionLabelsAreTheEditionYears() {
        #expect(ProtocolVersion.hj212_2005.label == "2005")
        #expect(ProtocolVersion.hj212_2017.label == "2017")
        #expect(ProtocolVersion.hj212_2025.label == "2025")
        #expect(ProtocolVersion.unknown(12).label == "unknown")
        #expect(ProtocolVersion(flag: nil) == .hj212_2005)
    }

    @Test func flagWithUnknownVersionBitsIsRejected() {
        let s = scan("QN=20180914131547043;ST=80;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=13;CP=&&t10001-P=0.4762&&")
        #expect(s.packet.version == .unknown(13))
        #expect(s.packet.error == .unknownVersion)
    }

    @Test func nonNumericFlagIsBadHeader() {
        let s = scan("QN=20180914131547043;ST=80;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=N;CP=&&t10001-P=0.4762&&")
        #expect(s.packet.version == .unknown(-1))
        #expect(s.packet.error == .badHeader)
    }

    @Test func headerFieldsRunTogetherAreBadHeader() {
        // 2024-07-01.log line 3762: the ';' after CN was corrupted (and so is the CRC).
        let s = scan("QN=20240701154110587;ST=80;CN=20111PW=123456;MN=13060200010180;Flag=5;CP=&&DataTime=20240701154100;pg1001-Pt=67.16&&")
        #expect(s.packet.error == .badHeader)
        #expect(s.text(s.packet.mn) == "13060200010180")
    }

    @Test func headerItemWithoutEqualsIsBadHeader() {
        #expect(scan("QN=20180914131547043;ST=80;CN=2011;PW;MN=010000A8900016F000169DC0;Flag=5;CP=&&&&").packet.error == .badHeader)
    }

    @Test func missingMNAndCNAreReported() {
        #expect(scan("QN=20180914131547043;ST=80;CN=2011;PW=123456;Flag=5;CP=&&t10001-P=0.4762&&").packet.error == .missingMN)
        #expect(scan("QN=20180914131547043;ST=80;CN=2011;PW=123456;MN=;Flag=5;CP=&&t10001-P=0.4762&&").packet.error == .missingMN)
        #expect(scan("QN=20180914131547043;ST=80;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&t10001-P=0.4762&&").packet.error == .missingCN)
    }

    @Test func onlyTheFirstCPOpensTheDataArea() {
        let s = scan("QN=20180914131547043;ST=80;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20180914131500;t10001-Remark=CP=&&x,t10001-RS=1&&")
        #expect(s.packet.error == nil)
        #expect(s.value(of: "t10001-Remark") == "CP=&&x")
        #expect(s.value(of: "t10001-RS") == "1")
    }

    @Test func segmentWithoutCPIsNoCP() {
        #expect(scan("QN=20180914131547043;ST=80;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5").packet.error == .noCP)
    }

    // MARK: CP

    @Test func missingClosingAmpersandsIsBadCPButFieldsAreKept() {
        let s = scan(String(Samples.appendixETreatment.dropLast(2)))
        #expect(s.packet.error == .badCP)
        #expect(s.value(of: "t10001-Flag") == "N")
        #expect(s.text(s.packet.dataTime) == "20180914131500")
    }

    @Test func textAfterTheClosingAmpersandsIsBadCP() {
        #expect(scan(Samples.workedExample + "1C80").packet.error == .badCP)
    }

    @Test func cpItemWithoutEqualsIsBadCP() {
        #expect(scan("QN=20180914131547043;ST=80;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20180914131500;t10001-P&&").packet.error == .badCP)
    }

    @Test func seventeenDigitDataTimeIsKeptAsSent() {
        let s = scan("QN=20180914131547043;ST=80;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20180914131500000;t10001-P=0.4762&&")
        #expect(s.packet.error == nil)
        #expect(s.text(s.packet.dataTime) == "20180914131500000")
    }

    @Test func cpWithSemicolonsEverywhereSplitsIntoItems() {
        let s = scan("QN=20180914131547043;ST=80;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20180914131500;t10001-Ia=1.488;t10001-Ib=1.496;t10001-P=0.4762;t10001-RS=1;t10001-Flag=N&&")
        #expect(s.packet.error == nil)
        #expect(s.fields.map(\.key) == ["t10001-Ia", "t10001-Ib", "t10001-P", "t10001-RS", "t10001-Flag"])
        #expect(s.fields.map(\.value) == ["1.488", "1.496", "0.4762", "1", "N"])
    }

    @Test func duplicateCPKeysAreAllReportedInOrder() {
        let s = scan("QN=20240701000017000;ST=80;CN=2011;PW=123456;MN=13060200010180;Flag=5;CP=&&DataTime=20240701000000;a01012-Rtd=180.3,a01012-Flag=N;a01012-Rtd=181.0&&")
        #expect(s.fields.map(\.value) == ["180.3", "N", "181.0"])
    }

    @Test func emptyCPItemsAreSkipped() {
        let s = scan("QN=20180914131547043;ST=80;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20180914131500;;t10001-P=0.4762,;&&")
        #expect(s.packet.error == nil)
        #expect(s.fields.map(\.key) == ["t10001-P"])
    }

    // MARK: Line-level

    @Test func bareConformanceSegmentIsAccepted() {
        let s = scan(Samples.conformanceBare)
        #expect(s.packet.error == nil)
        #expect(!s.packet.framed && s.packet.crcOK == nil && s.packet.lengthOK == nil)
        #expect(s.packet.crcComputed != nil)
        #expect(s.packet.segment == 0..<(Samples.conformanceBare.utf8.count - 1))
        #expect(s.value(of: "pg8001-Ept") == "418597.65")
    }

    @Test(arguments: ["", "\r", "   ", " \t \r", "\u{FEFF}"])
    func emptyAndWhitespaceLinesAreEmptyLine(line: String) {
        let s = scan(line)
        #expect(s.packet.error == .emptyLine)
        #expect(s.packet.crcComputed == nil)
    }

    @Test func nonUTF8BytesAreRejected() {
        // "工况" in GBK (B9 A4 BF F6) inside a value.
        let prefix = Array("QN=20180914131547043;ST=80;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&t10001-Remark=".utf8)
        let s = scan(bytes: prefix + [0xB9, 0xA4, 0xBF, 0xF6] + Array(",t10001-RS=1&&".utf8))
        #expect(s.packet.error == .notUTF8)
        #expect(s.packet.errorIgnoringCRC == .notUTF8)
        #expect(s.text(s.packet.mn) == "010000A8900016F000169DC0")
    }

    @Test func validUTF8OutsideASCIIIsNotRejected() {
        let s = scan("QN=20180914131547043;ST=80;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&t10001-Remark=工况用电😀,t10001-RS=1&&")
        #expect(s.packet.error == nil)
    }

    @Test(arguments: [
        [0xC0, 0xAF] as [UInt8],          // overlong "/"
        [0xED, 0xA0, 0x80],               // UTF-16 surrogate
        [0xF4, 0x90, 0x80, 0x80],         // above U+10FFFF
        [0xE5, 0xB7],                     // truncated "工"
        [0x80],                           // lone continuation byte
        [0xFF],
    ])
    func malformedUTF8SequencesAreNotUTF8(bad: [UInt8]) {
        let line = Array("QN=20180914131547043;ST=80;CN=2011;MN=010000A8900016F000169DC0;CP=&&a=".utf8) + bad
        #expect(scan(bytes: line).packet.error == .notUTF8)
    }

    @Test func hugeLineIsRejectedWithoutScanning() {
        var bytes = Array("##0101".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "A"), count: 1_000_000)
        let s = scan(bytes: bytes)
        #expect(s.packet.error == .lineTooLong)
        #expect(s.packet.crcComputed == nil && s.packet.lengthActual == 0)
    }

    @Test func lineAtTheLimitIsScanned() {
        let line = "##0101" + Samples.workedExample + "1C80"
        #expect(scan(line, maxLineBytes: 111).packet.error == nil)
        #expect(scan(line, maxLineBytes: 110).packet.error == .lineTooLong)
    }

    @Test func fieldsStorageIsReusedAcrossScans() {
        var scanner = PacketScanner()
        let first = Array(Samples.appendixETreatment.utf8)
        let second = Array(Samples.appendixEAnswer.utf8)
        let count1 = first.withUnsafeBufferPointer { scanner.scan($0).fields.count }
        let count2 = second.withUnsafeBufferPointer { scanner.scan($0).fields.count }
        let count3 = first.withUnsafeBufferPointer { scanner.scan($0).fields.count }
        #expect(count1 == 14 && count2 == 0 && count3 == 14)
    }

    @Test func everyRejectCodeIsStableSnakeCaseWithAnExplanation() {
        for reason in PacketReject.allCases {
            #expect(reason.rawValue.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" })
            #expect(!reason.explanation.isEmpty)
        }
        #expect(Set(PacketReject.allCases.map(\.rawValue)).count == PacketReject.allCases.count)
        #expect(PacketReject.badCRC.rawValue == "bad_crc")
    }
}
