/// Building a full HJ 212 frame around a data segment:
/// `##` + 4-digit byte length of the segment + segment + 4 hex CRC (no CR LF; callers add line ends).
public enum Frame {
    /// The framed packet for `segment` (UTF-8 bytes are counted, not characters).
    public static func encode(segment: String) -> String {
        var bytes = Array(segment.utf8)
        return String(decoding: encode(segment: &bytes), as: UTF8.self)
    }

    /// Appends the frame for the segment bytes to a fresh buffer and returns it.
    public static func encode(segment: inout [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(segment.count + 10)
        appendFrame(segment: segment, to: &out)
        return out
    }

    /// Appends `##LLLL` + segment + CRC to `out` without intermediate strings (used by
    /// generators that write millions of packets). Segments over 9999 bytes cannot be framed;
    /// the length field is then written as the last four digits, which a reader rejects.
    public static func appendFrame<C: Collection>(segment: C, to out: inout [UInt8]) where C.Element == UInt8 {
        let length = segment.count
        out.append(UInt8(ascii: "#")); out.append(UInt8(ascii: "#"))
        let l = length % 10000
        out.append(UInt8(ascii: "0") + UInt8(l / 1000))
        out.append(UInt8(ascii: "0") + UInt8(l / 100 % 10))
        out.append(UInt8(ascii: "0") + UInt8(l / 10 % 10))
        out.append(UInt8(ascii: "0") + UInt8(l % 10))
        out.append(contentsOf: segment)
        out.append(contentsOf: CRC16.hex(CRC16.checksum(segment)).utf8)
    }
}
