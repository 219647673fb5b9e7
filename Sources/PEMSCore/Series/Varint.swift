/// LEB128 variable-length integers and zig-zag mapping, the building blocks of the series
/// blob format (`SeriesCodec`). Small magnitudes take one byte.
public enum Varint {
    @inlinable
    public static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }

    @inlinable
    public static func unzigzag(_ u: UInt64) -> Int64 { Int64(bitPattern: u >> 1) ^ -Int64(bitPattern: u & 1) }

    @inlinable
    public static func append(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    @inlinable
    public static func appendSigned(_ value: Int64, to out: inout [UInt8]) {
        append(zigzag(value), to: &out)
    }
}

/// Reads varints from a byte buffer; every read is bounds-checked so a damaged blob
/// produces an error instead of a crash.
public struct VarintReader {
    public let bytes: [UInt8]
    public var offset: Int

    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    public var atEnd: Bool { offset >= bytes.count }

    @inlinable
    public mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw SeriesCodecError.truncated }
        defer { offset += 1 }
        return bytes[offset]
    }

    @inlinable
    public mutating func unsigned() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count else { throw SeriesCodecError.truncated }
            let b = bytes[offset]
            offset += 1
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
            guard shift < 64 else { throw SeriesCodecError.corrupt("varint longer than 10 bytes") }
        }
    }

    @inlinable
    public mutating func signed() throws -> Int64 { Varint.unzigzag(try unsigned()) }
}
