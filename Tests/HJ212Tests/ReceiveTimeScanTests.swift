import Foundation
import Testing
@testable import HJ212

/// SPEC §13.38: a packet line may start with its receive time `YYYY-MM-DD HH:MM:SS.mmm` and one
/// space; the scanner reads the packet after it and the inspector shows it.
@Suite struct ReceiveTimeScanTests {
    static let received = "2024-07-01 10:00:03.250 "

    static func scan(_ line: String) -> (ScannedPacket, [UInt8]) {
        let bytes = Array(line.utf8)
        var scanner = PacketScanner()
        let p = bytes.withUnsafeBufferPointer { scanner.scan($0) }
        return (p, bytes)
    }

    static func text(_ bytes: [UInt8], _ r: Range<Int>?) -> String? {
        r.map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test func aPrefixedFrameScansAsTheSameFrameWithItsReceiveTime() {
        let (plain, pb) = Self.scan(Samples.conformanceBare)
        let (prefixed, xb) = Self.scan(Self.received + Samples.conformanceBare)
        #expect(plain.error == nil && prefixed.error == nil)
        #expect(plain.receiveTime == nil)
        #expect(prefixed.receiveTime == ReceiveTime(year: 2024, month: 7, day: 1, hour: 10, minute: 0, second: 3, millisecond: 250))
        #expect(Self.text(xb, prefixed.receiveTimeText) == "2024-07-01 10:00:03.250")
        #expect(Self.text(xb, prefixed.dataTime) == "20240705143900")
        #expect(prefixed.fields.map { Self.text(xb, $0.key)! + "=" + Self.text(xb, $0.value)! }
                == plain.fields.map { Self.text(pb, $0.key)! + "=" + Self.text(pb, $0.value)! })
        #expect(prefixed.crcComputed == plain.crcComputed && prefixed.lengthActual == plain.lengthActual)
    }

    @Test func aPrefixedFramedPacketKeepsItsLengthAndCRCChecks() {
        let (p, _) = Self.scan(Self.received + Samples.conformanceAnswer)
        #expect(p.error == nil)
        #expect(p.framed && p.lengthOK == true && p.crcOK == true)
        #expect(p.lengthDeclared == 77 && p.lengthActual == 77)
    }

    @Test func aLeapDayIsARealTime() {
        let (p, _) = Self.scan("2024-02-29 23:59:59.999 " + Samples.conformanceBare)
        #expect(p.error == nil)
        #expect(p.receiveTime?.description == "2024-02-29 23:59:59.999")
    }

    @Test(arguments: [
        ("2024-07-01 10:00:03 ", "2024-07-01 10:00:03 QN=2"),            // no milliseconds
        ("2024-07-01T10:00:03.250 ", "2024-07-01T10:00:03.250 "),        // T for the space
        ("2024-13-01 10:00:03.250 ", "2024-13-01 10:00:03.250 "),        // month 13
        ("2023-02-29 10:00:03.250 ", "2023-02-29 10:00:03.250 "),        // not a leap year
        ("2024-07-01 24:00:03.250 ", "2024-07-01 24:00:03.250 "),        // hour 24
        ("2024-07-01 10:00:03.250  ", "2024-07-01 10:00:03.250 "),       // two spaces
        ("2024-07-01 10:00:03.250", "2024-07-01 10:00:03.250Q"),         // no space
        ("20240701100003250 ", "20240701100003250 QN=202"),              // compact digits
    ])
    func aDigitStartThatIsNotAReceiveTimeIsRejected(prefix: String, shown: String) {
        let line = prefix + Samples.conformanceBare
        let (p, bytes) = Self.scan(line)
        #expect(p.error == .badReceiveTime && p.errorIgnoringCRC == .badReceiveTime)
        #expect(p.receiveTime == nil)
        let detail = bytes.withUnsafeBufferPointer { p.rejectDetail(in: $0) }
        #expect(detail == "the line starts with '\(shown)', not a receive time YYYY-MM-DD HH:MM:SS.mmm (a real CST time) and one space before the packet")
    }

    @Test func aReceiveTimeWithNothingAfterItIsRejected() {
        let (p, _) = Self.scan("2024-07-01 10:00:03.250 \r")
        #expect(p.error == .badReceiveTime)
    }

    @Test func inspectJSONPutsTheReceiveTimeAfterTheLineNumberAndLeavesOtherLinesAsTheyWere() {
        let plain = Inspector.inspect(lineNumber: 2401, bytes: Array(Samples.conformanceAnswer.utf8))
        let prefixed = Inspector.inspect(lineNumber: 2401, bytes: Array((Self.received + Samples.conformanceAnswer).utf8))
        let rest = #""QN":"20240701100000000","ST":"91","CN":"9014","PW":"123456","MN":"13060200010180","Flag":"4","PNUM":null,"PNO":null,"version":"2017","DataTime":null,"fields":{},"length_declared":77,"length_actual":77,"crc_given":"35C0","crc_computed":"35C0","crc_ok":true,"length_ok":true,"error":null}"#
        #expect(plain.jsonLine() == #"{"line":2401,"# + rest)
        #expect(prefixed.jsonLine() == #"{"line":2401,"receive_time":"2024-07-01 10:00:03.250","# + rest)
    }

    @Test func inspectTextShowsTheReceiveTimeBeforeDataTime() {
        let r = Inspector.inspect(lineNumber: 5, bytes: Array((Self.received + Samples.conformanceBare).utf8))
        #expect(r.receiveTime == "2024-07-01 10:00:03.250")
        #expect(r.text().contains("  MN        13060200010180\n  Flag      5  (version 2017)\n  received  2024-07-01 10:00:03.250\n  DataTime  20240705143900\n"))
        let plain = Inspector.inspect(lineNumber: 5, bytes: Array(Samples.conformanceBare.utf8))
        #expect(!plain.text().contains("received"))
    }

    @Test func inspectNamesAMalformedReceiveTime() throws {
        let r = Inspector.inspect(lineNumber: 9, bytes: Array(("2024-07-01 10:00:03 " + Samples.conformanceBare).utf8))
        #expect(r.error == .badReceiveTime && r.receiveTime == nil)
        #expect(r.text().hasPrefix("line 9: REJECTED bad_receive_time — the line starts with '2024-07-01 10:00:03 QN=2', not a receive time"))
        let json = try InspectorTests.object(r.jsonLine())
        #expect(json["error"] as? String == "bad_receive_time")
        #expect(json["receive_time"] == nil)
    }
}
