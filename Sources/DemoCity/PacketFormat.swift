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
    /// Same bytes as `HJ212.Frame.appendFrame(segment:to:)` (checked by the tests), but with
    /// `CRC16.checksum` specialised for `[UInt8]` here: the generic framing entry point runs
    /// unspecialised across the module boundary and would dominate the generation time.
    @inline(__always)
    static func frame(_ seg: [UInt8], lowercase: Bool, to out: inout [UInt8]) {
        let l = seg.count % 10000
        out.append(35); out.append(35)
        out.append(48 &+ UInt8(l / 1000)); out.append(48 &+ UInt8(l / 100 % 10))
        out.append(48 &+ UInt8(l / 10 % 10)); out.append(48 &+ UInt8(l % 10))
        out.append(contentsOf: seg)
        let crc = seg.withUnsafeBufferPointer { CRC16.checksum($0) }
        let digits: StaticString = "0123456789ABCDEF0123456789abcdef"
        digits.withUTF8Buffer { d in
            let o = lowercase ? 16 : 0
            out.append(d[o + Int(crc >> 12) & 0xF]); out.append(d[o + Int(crc >> 8) & 0xF])
            out.append(d[o + Int(crc >> 4) & 0xF]); out.append(d[o + Int(crc) & 0xF])
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
