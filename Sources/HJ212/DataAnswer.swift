/// The platform's answer to an uploaded packet that asks for one (issue 19; HJ 212-2017
/// §6.3.3 table 3 and appendix C, NOTES.md "HJ 212-2017 answers"): CN 9014 (数据应答) with
/// the packet's own QN, PW and MN, ST 91 (system interaction), a Flag of the packet's edition
/// asking for no answer, and an empty CP, in a normal frame (`##`, length, segment, CRC, CR LF).
public enum DataAnswer {
    /// What a receiver needs to know of one received line.
    public struct Examined: Sendable, Equatable {
        /// The line passed every check the loader makes of a packet (SPEC §3.1, §13.1).
        public var passed: Bool
        /// Its MN, when it passed.
        public var mn: String?
        /// The answer frame to send back once the line is stored, when one is due.
        public var answer: [UInt8]?
    }

    /// Checks `line` (one packet line, without its CR LF) as the loader does and builds its
    /// answer. None is due when the line is not a whole frame with a matching length and CRC
    /// (damaged in transit: never answered, so the device sends it again), it has no QN or MN,
    /// or its Flag does not set the answer bit A (bit 0). A frame that arrived intact but whose
    /// content the loader refuses (a bad CP, say) is answered: sending it again would not mend it.
    public static func examine(_ line: [UInt8]) -> Examined {
        var scanner = PacketScanner(maxLineBytes: max(line.count, 16))
        return examine(line, scanner: &scanner)
    }

    /// `examine` with a scanner the caller keeps (a receiver's connection: its field buffer is
    /// reused from line to line instead of made for each). Lines longer than the scanner's
    /// `maxLineBytes` are refused as the loader refuses them.
    public static func examine(_ line: [UInt8], scanner: inout PacketScanner) -> Examined {
        line.withUnsafeBufferPointer { buf -> Examined in
            let p = scanner.scan(buf)
            let passed = p.error == nil
            let mn = passed ? p.mn.map { text(buf, $0) } : nil
            guard p.framed, p.lengthOK == true, p.crcOK == true,
                  let flagRange = p.flag, let flag = Int(text(buf, flagRange)), flag & 1 == 1,
                  let qn = p.qn, let mnRange = p.mn else { return Examined(passed: passed, mn: mn, answer: nil) }
            // The edition's bits (V5…V0) kept, D and A cleared: an answer is neither split nor answered.
            var segment = "QN=\(text(buf, qn));ST=91;CN=9014;"
            if let pw = p.pw { segment += "PW=\(text(buf, pw));" }
            segment += "MN=\(text(buf, mnRange));Flag=\(flag & ~3);CP=&&&&"
            return Examined(passed: passed, mn: mn, answer: Array(Frame.encode(segment: segment).utf8) + [0x0D, 0x0A])
        }
    }

    /// The answer frame for `line`, or nil when none is due (see `examine`).
    public static func frame(for line: [UInt8]) -> [UInt8]? { examine(line).answer }

    private static func text(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: buf[r]), as: UTF8.self)
    }
}
