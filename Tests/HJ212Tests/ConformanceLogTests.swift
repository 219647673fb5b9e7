import Foundation
import TestSupport
import Testing
@testable import HJ212

/// Every line of the SPEC 2 conformance packet logs (`../shared/conformance-spec2/`) scans,
/// and the verdicts match counts made independently: a Python script (regex
/// `##(\d{4})(.*)([0-9A-Fa-f]{4})` on the line without CR, its own bit-by-bit appendix A CRC)
/// and the fixture's README ("68,883 lines in all … 7 frames with a wrong CRC and 6 truncated
/// frames … 5 lines that are a bare data segment … 4 platform response packets").
@Suite struct ConformanceLogTests {
    static let directory = SharedFixture.path("conformance-spec2/packets")

    struct Tally: Equatable, CustomStringConvertible {
        var lines = 0, framedOK = 0, badCRC = 0, badLength = 0, bare = 0, response = 0, other = 0
        var badCRCLines: [Int] = []
        var description: String {
            "lines \(lines) ok \(framedOK) bad_crc \(badCRC) bad_length \(badLength) bare \(bare) 9014 \(response) other \(other)"
        }
    }

    static func tally(_ path: String) -> Tally? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var tally = Tally()
        var scanner = PacketScanner()
        let bytes = [UInt8](data)
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            for i in 0..<buffer.count where buffer[i] == UInt8(ascii: "\n") {
                let line = UnsafeBufferPointer(rebasing: buffer[start..<i])
                start = i + 1
                tally.lines += 1
                let p = scanner.scan(line)
                switch p.error {
                case nil where p.framed: tally.framedOK += 1
                case nil: tally.bare += 1
                case .badCRC?: tally.badCRC += 1; tally.badCRCLines.append(tally.lines)
                case .badLength?: tally.badLength += 1
                default: tally.other += 1
                }
                if p.error == nil, let cn = p.cn,
                   String(decoding: UnsafeBufferPointer(rebasing: line[cn]), as: UTF8.self) == "9014" {
                    tally.response += 1
                }
            }
            #expect(start == buffer.count, "the log ends with a line end")
        }
        return tally
    }

    @Test func firstDayLogScansToIndependentlyCountedVerdicts() throws {
        let tally = try #require(Self.tally(Self.directory + "/2024-07-01.log"))
        // Python: 5755 lines, 5754 framed OK (one of them CN=9014), 1 bad CRC (line 3762), no
        // bad length, no bare segment.
        #expect(tally.lines == 5755)
        #expect(tally.framedOK == 5754)
        #expect(tally.badCRC == 1 && tally.badCRCLines == [3762])
        #expect(tally.badLength == 0 && tally.bare == 0 && tally.other == 0)
        #expect(tally.response == 1)
    }

    @Test func allTwelveDaysMatchTheFixtureReadme() throws {
        var total = Tally()
        for day in 1...12 {
            let path = Self.directory + "/2024-07-" + (day < 10 ? "0" : "") + String(day) + ".log"
            let t = try #require(Self.tally(path))
            total.lines += t.lines; total.framedOK += t.framedOK; total.badCRC += t.badCRC
            total.badLength += t.badLength; total.bare += t.bare; total.response += t.response
            total.other += t.other
        }
        #expect(total.lines == 68_883)  // README: 68,883 lines in all
        #expect(total.badCRC == 7)
        #expect(total.badLength == 6)
        #expect(total.bare == 5)
        #expect(total.response == 4)
        #expect(total.other == 0)
        #expect(total.framedOK == 68_883 - 7 - 6 - 5)
    }
}
