import HJ212
import Testing

/// The receiver's framing (issue 19): a collector's TCP bytes cut into the packet lines it sent.
struct LineFramerTests {
    static let a = "##0101QN=20260601085857223;ST=32;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20260601085800;e101-Rtd=1.0&&ABCD"
    static let b = "##0087QN=20260601085957223;ST=32;CN=2011;PW=123456;MN=MN2;Flag=4;CP=&&DataTime=20260601085900&&1234"
    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
    static func lines(_ pieces: [LineFramer.Piece]) -> [String] {
        pieces.map { p in
            switch p {
            case .line(let l): return String(decoding: l, as: UTF8.self)
            case .tooLong(let n): return "<too long: \(n)>"
            }
        }
    }

    @Test func severalPacketsInOneReadAndOneAcrossReadsComeOutWholeAndInOrder() {
        var f = LineFramer()
        let stream = Self.bytes(Self.a + "\r\n" + Self.b + "\r\n" + Self.a + "\r\n")
        // The third packet split after its 10th byte, the second after its 3rd.
        let cut1 = Self.a.utf8.count + 2 + 3, cut2 = Self.a.utf8.count + 2 + Self.b.utf8.count + 2 + 10
        var got: [String] = []
        got += Self.lines(f.push(stream[..<cut1]))
        #expect(got == [Self.a])
        got += Self.lines(f.push(stream[cut1..<cut2]))
        #expect(got == [Self.a, Self.b])
        #expect(f.pendingCount == 10)
        got += Self.lines(f.push(stream[cut2...]))
        #expect(got == [Self.a, Self.b, Self.a])
        #expect(f.pendingCount == 0)
        #expect(f.finish() == nil)
    }

    @Test func aFrameCutShortDoesNotSwallowTheNextPacket() {
        var f = LineFramer()
        let cut = String(Self.a.prefix(40))
        let got = Self.lines(f.push(Self.bytes(cut + Self.b + "\r\n")))
        #expect(got == [cut, Self.b])
        // Stray bytes before a frame are a line of their own too, and a lone LF ends a line.
        let stray = Self.lines(f.push(Self.bytes("\u{1}xyz" + Self.a + "\n")))
        #expect(stray == ["\u{1}xyz", Self.a])
    }

    @Test func anOverLongLineIsDroppedAndCountedThenTheNextIsWhole() {
        var f = LineFramer(maxLineBytes: 64)
        let junk = String(repeating: "x", count: 1000)
        var got = Self.lines(f.push(Self.bytes(junk)))
        #expect(got.isEmpty)
        #expect(f.pendingCount == 1000)
        got = Self.lines(f.push(Self.bytes("\r\n" + "short\r\n")))
        #expect(got == ["<too long: 1000>", "short"])
    }

    @Test func aDisconnectLeavesTheUnfinishedLineApart() {
        var f = LineFramer()
        #expect(f.push(Self.bytes(Self.b + "\r\n" + String(Self.a.prefix(30)))) == [.line(Self.bytes(Self.b))])
        #expect(f.finish() == .line(Self.bytes(String(Self.a.prefix(30)))))
        #expect(f.finish() == nil)
        #expect(f.pendingCount == 0)
    }
}

/// The platform's CN 9014 answer (issue 19; HJ 212-2017 §6.3.3, NOTES.md).
struct DataAnswerTests {
    static func packet(flag: Int, pw: Bool = true) -> [UInt8] {
        let segment = "QN=20260601085857223;ST=32;CN=2011;" + (pw ? "PW=123456;" : "") + "MN=MN1;Flag=\(flag);CP=&&DataTime=20260601085800;e101-Rtd=1.0&&"
        return Array(Frame.encode(segment: segment).utf8)
    }

    static func segment(of frame: [UInt8]) -> String? {
        var scanner = PacketScanner()
        let line = Array(frame.dropLast(2))
        guard frame.suffix(2) == [0x0D, 0x0A] else { return nil }
        return line.withUnsafeBufferPointer { buf in
            let p = scanner.scan(buf)
            guard p.lengthOK == true, p.crcOK == true else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: buf[p.segment]), as: UTF8.self)
        }
    }

    @Test func aPacketAskingForAnAnswerGets9014WithItsOwnQNAndEdition() throws {
        let answer = try #require(DataAnswer.frame(for: Self.packet(flag: 5)))
        #expect(Self.segment(of: answer) == "QN=20260601085857223;ST=91;CN=9014;PW=123456;MN=MN1;Flag=4;CP=&&&&")
        // HJ 212-2025 (Flag 9: version 000010, A set) is answered in its edition (Flag 8); no PW, none sent.
        let y2025 = try #require(DataAnswer.frame(for: Self.packet(flag: 9, pw: false)))
        #expect(Self.segment(of: y2025) == "QN=20260601085857223;ST=91;CN=9014;MN=MN1;Flag=8;CP=&&&&")
    }

    @Test func noAnswerWithoutTheAnswerBitOrForAPacketThatFailedItsChecks() {
        #expect(DataAnswer.frame(for: Self.packet(flag: 4)) == nil)
        var bad = Self.packet(flag: 5)
        bad[bad.count - 1] = bad[bad.count - 1] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        #expect(DataAnswer.frame(for: bad) == nil)
        #expect(DataAnswer.frame(for: Array(Self.packet(flag: 5).prefix(40))) == nil)
        #expect(DataAnswer.examine(bad).passed == false)
        #expect(DataAnswer.examine(Self.packet(flag: 5)) .mn == "MN1")
    }
}
