import HJ212

/// Byte-level packet building shared by the demo and bench generators (HJ 212-2017 framing
/// through `HJ212.Frame`).
enum PacketFormat {
    static let crlf: [UInt8] = [13, 10]

    @inline(__always)
    static func lit(_ s: StaticString, to b: inout [UInt8]) {
        s.withUTF8Buffer { b.append(contentsOf: $0) }
    }

    /// Header up to and including `CP=&&DataTime=…`.
    static func header(vendor: Vendor, cn: Int, mn: [UInt8], flag: Int, qnSeconds: Int, qnMillis: Int,
                       dataTimeSeconds: Int, pnum: Int = 0, pno: Int = 0, to b: inout [UInt8]) {
        func qn(_ b: inout [UInt8]) {
            lit("QN=", to: &b); Fmt.compact(seconds: qnSeconds, millis: qnMillis, to: &b)
        }
        if vendor == .headerOrder {
            lit("ST=80;CN=", to: &b); Fmt.int(cn, to: &b)
            lit(";PW=123456;MN=", to: &b); b.append(contentsOf: mn)
            b.append(59); qn(&b)
        } else {
            qn(&b)
            lit(";ST=80;CN=", to: &b); Fmt.int(cn, to: &b)
            lit(";PW=123456;MN=", to: &b); b.append(contentsOf: mn)
        }
        lit(";Flag=", to: &b); Fmt.int(flag, to: &b)
        if pnum > 0 {
            lit(";PNUM=", to: &b); Fmt.int(pnum, to: &b)
            lit(";PNO=", to: &b); Fmt.int(pno, to: &b)
        }
        lit(";CP=&&DataTime=", to: &b)
        Fmt.compact(seconds: dataTimeSeconds, millis: -1, to: &b)
    }

    /// `##LLLL` + segment + CRC (upper- or lower-case hex) + CR LF.
    @inline(__always)
    static func frame(_ seg: [UInt8], lowercase: Bool, to out: inout [UInt8]) {
        Frame.appendFrame(segment: seg, to: &out)
        if lowercase {
            let n = out.count
            for i in (n - 4)..<n where out[i] >= 65 && out[i] <= 70 { out[i] += 32 }
        }
        out.append(13); out.append(10)
    }

    /// The platform's answer (CN 9014) to a packet with the given QN.
    static func response(mn: [UInt8], qnSeconds: Int, qnMillis: Int, to out: inout [UInt8]) {
        var seg: [UInt8] = []
        lit("QN=", to: &seg); Fmt.compact(seconds: qnSeconds, millis: qnMillis, to: &seg)
        lit(";ST=91;CN=9014;PW=123456;MN=", to: &seg); seg.append(contentsOf: mn)
        lit(";Flag=4;CP=&&&&", to: &seg)
        frame(seg, lowercase: false, to: &out)
    }
}
