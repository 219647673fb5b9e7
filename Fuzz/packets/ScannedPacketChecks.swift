import FuzzSupport
import HJ212

/// What `ScannedPacket` promises about any line (its doc comments): every range lies in the
/// line, in the order framing gives them; the verdict agrees with what was found.
enum ScannedPacketChecks {
    static func check(_ p: ScannedPacket, _ line: UnsafeBufferPointer<UInt8>) {
        let n = line.count
        func inLine(_ r: Range<Int>?, _ name: String) {
            guard let r else { return }
            invariant(r.lowerBound >= 0 && r.upperBound <= n, "\(name) \(r) lies in the line of \(n) bytes")
        }
        func inSegment(_ r: Range<Int>?, _ name: String) {
            guard let r else { return }
            invariant(p.segment.contains(r.lowerBound) || r.lowerBound == p.segment.upperBound,
                      "\(name) \(r) starts in the segment \(p.segment)")
            invariant(r.upperBound <= p.segment.upperBound, "\(name) \(r) ends in the segment \(p.segment)")
        }
        // SPEC §13.38: a receive time lies at the line's start (after a byte order mark); the
        // segment comes after it.
        inLine(p.receiveTimeText, "receiveTimeText")
        if let r = p.receiveTimeText, p.error != .badReceiveTime {
            invariant(p.receiveTime != nil && r.count == ReceiveTime.textBytes, "a receive time read is 23 bytes")
            invariant(p.segment.lowerBound >= r.upperBound + 1, "the segment starts after the receive time")
        }
        if p.error == .lineTooLong || p.error == .emptyLine || p.error == .badReceiveTime {
            invariant(p.errorIgnoringCRC == p.error, "\(p.error!) is also the error ignoring the CRC")
            invariant(p.crcComputed == nil && p.fields.isEmpty && p.segment.isEmpty, "\(p.error!) stops the scan")
            invariant(p.receiveTime == nil, "\(p.error!) reads no receive time")
            return
        }
        inLine(p.segment, "segment")
        invariant(p.lengthActual == p.segment.count, "lengthActual is the segment's length")
        invariant(p.crcComputed == CRC16.checksum(UnsafeBufferPointer(rebasing: line[p.segment])), "crcComputed covers the segment")
        inLine(p.crcGiven, "crcGiven")
        if let crc = p.crcGiven {
            invariant(p.framed && crc.count == 4 && crc.lowerBound == p.segment.upperBound, "crcGiven is 4 bytes after the segment")
            invariant(p.crcGivenValue != nil, "crcGivenValue is read")
        }
        invariant(p.framed == (p.lengthOK != nil) && p.framed == (p.crcOK != nil), "lengthOK and crcOK are set for frames only")
        if p.lengthOK == true { invariant(p.lengthDeclared == p.lengthActual && p.crcGiven != nil, "lengthOK: declared = actual, CRC present") }
        if p.crcOK == true { invariant(p.crcGivenValue == p.crcComputed, "crcOK: given = computed") }
        let header: [(Range<Int>?, String)] = [(p.qn, "QN"), (p.st, "ST"), (p.cn, "CN"), (p.pw, "PW"), (p.mn, "MN"),
                                               (p.flag, "Flag"), (p.pnum, "PNUM"), (p.pno, "PNO")]
        for (range, name) in header { inSegment(range, name) }
        inSegment(p.cp, "CP")
        if let cp = p.cp {
            inSegment(p.dataTime, "DataTime")
            for field in p.fields {
                invariant(!field.key.isEmpty, "a CP key is never empty")
                invariant(field.key.lowerBound >= cp.lowerBound && field.value.upperBound <= cp.upperBound, "CP field \(field) lies in the CP \(cp)")
                invariant(field.key.upperBound + 1 == field.value.lowerBound && line[field.key.upperBound] == UInt8(ascii: "="),
                          "a CP field is key=value")
            }
            for (range, name) in header {
                if let range { invariant(range.upperBound <= cp.lowerBound, "header \(name) comes before the CP") }
            }
        } else {
            invariant(p.dataTime == nil && p.fields.isEmpty, "no CP, no CP fields")
        }
        // The verdict.
        if let e = p.errorIgnoringCRC {
            invariant(p.error == e || (e != .badLength && e != .notUTF8 && p.error == .badCRC),
                      "error \(String(describing: p.error)) agrees with error ignoring the CRC \(e)")
        } else {
            invariant(p.error == nil || p.error == .badCRC, "only a bad CRC separates error from errorIgnoringCRC")
        }
        if p.error == .badCRC { invariant(p.crcOK == false, "bad_crc only when the CRC does not match") }
        // The header's forms (HeaderField): a problem names a value that fails its form, and
        // a packet is bad_header exactly when there is one (unless framing failed first).
        if let problem = p.headerProblem {
            inSegment(problem.value, "the header problem")
            if let cp = p.cp { invariant(problem.value.upperBound <= cp.lowerBound, "the header problem lies before the CP") }
            invariant([.badHeader, .notUTF8, .badLength].contains(p.errorIgnoringCRC), "a header problem makes the packet bad_header")
            if problem.field != .item {
                invariant(p.range(of: problem.field) == problem.value, "the problem is the \(problem.field) value read")
                invariant(!problem.field.accepts(UnsafeBufferPointer(rebasing: line[problem.value])), "the \(problem.field) value fails its form")
            }
        } else {
            invariant(p.errorIgnoringCRC != .badHeader, "bad_header names its problem")
        }
        let detail = p.rejectDetail(in: line)
        invariant(detail.isEmpty == (p.error == nil), "a reject has a detail, a loadable line none")
        if p.error == .badHeader {
            invariant(detail.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }, "a bad_header detail is printable ASCII: \(detail.debugDescription)")
        }
        if p.isLoadable(acceptingBadCRC: true) {
            invariant(p.mn.map { !$0.isEmpty } == true && p.cn.map { !$0.isEmpty } == true, "a loadable packet has MN and CN")
            invariant(p.cp != nil && p.lengthOK != false, "a loadable packet has a CP and, if framed, a sound length")
            if case .unknown = p.version { invariant(false, "a loadable packet has a known version") }
            for field in HeaderField.allCases where field != .item {
                if let r = p.range(of: field), !(r.isEmpty && (field == .mn || field == .cn)) {
                    invariant(field.accepts(UnsafeBufferPointer(rebasing: line[r])), "a loadable packet's \(field) has its form")
                }
            }
        }
    }
}
