import FuzzSupport
import HJ212

/// The segment the scanner found, framed afresh with `Frame` (the demo city's and the
/// tests' encoder), scans as a sound frame — right length, right CRC — and reads the same:
/// the same header, CP and fields at the same places in the segment, and the same content
/// verdict. Ties the scanner and the encoder together for any bytes, not only well-formed ones.
enum ReframeCheck {
    static func check(_ p: ScannedPacket, _ line: UnsafeBufferPointer<UInt8>, scanner: inout PacketScanner) {
        guard p.crcComputed != nil, p.segment.count <= 9999 else { return }  // scanned, and framable
        // A bad length hides the content verdict; anything else is the segment's own.
        guard p.errorIgnoringCRC != .badLength else { return }
        var segment = Array(line[p.segment])
        let frame = Frame.encode(segment: &segment)
        let shift = p.segment.lowerBound - 6  // where the segment starts in the frame: after ##LLLL
        frame.withUnsafeBufferPointer { f in
            let q = scanner.scan(f)
            invariant(q.framed && q.lengthOK == true && q.crcOK == true, "a fresh frame of the segment is sound: \(q)")
            invariant(q.segment == 6..<(6 + segment.count), "the fresh frame's segment is the segment")
            invariant(q.error == p.errorIgnoringCRC, "framing afresh keeps the verdict \(String(describing: p.errorIgnoringCRC)), got \(String(describing: q.error))")
            func same(_ a: Range<Int>?, _ b: Range<Int>?, _ name: String) {
                invariant(a.map { ($0.lowerBound - shift)..<($0.upperBound - shift) } == b, "\(name) is where it was in the segment")
            }
            same(p.qn, q.qn, "QN"); same(p.st, q.st, "ST"); same(p.cn, q.cn, "CN"); same(p.pw, q.pw, "PW")
            same(p.mn, q.mn, "MN"); same(p.flag, q.flag, "Flag"); same(p.pnum, q.pnum, "PNUM"); same(p.pno, q.pno, "PNO")
            same(p.cp, q.cp, "CP"); same(p.dataTime, q.dataTime, "DataTime")
            invariant(p.fields.count == q.fields.count, "the same number of CP fields")
            for (a, b) in zip(p.fields, q.fields) { same(a.key, b.key, "a CP key"); same(a.value, b.value, "a CP value") }
            invariant(p.version == q.version, "the same version")
            invariant(p.headerProblem?.field == q.headerProblem?.field, "the same header problem")
            same(p.headerProblem?.value, q.headerProblem?.value, "the header problem")
        }
    }
}
