/// The HJ 212-2017 appendix A CRC16 over a packet's data segment.
///
/// Start 0xFFFF; for each byte: `crc = (crc >> 8) ^ byte`, then eight times shift right,
/// XOR 0xA001 when the bit shifted out was 1. This is *not* CRC-16/MODBUS (which XORs the
/// byte into the low byte); the standard's worked example
/// `QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&`
/// gives `0x1C80` (NOTES.md "HJ 212-2017 facts").
///
/// Table-driven. A byte's step is `crc = table[(crc >> 8) ^ byte]`, so all that passes from one
/// byte to the next is the high byte `h` of the state, and since the table is linear over
/// GF(2) (`table[x ^ y] == table[x] ^ table[y]`), so is `A(x) = table[x] >> 8`: eight bytes
/// move `h` to `A⁸(h ^ b₀) ^ A⁷(b₁) ^ … ^ A(b₇)`. `checksum(_:)` on a buffer takes eight bytes
/// per step that way (`slices`: `A¹ … A⁸` as byte tables), so the serial chain is one lookup
/// per eight bytes instead of one per byte (issue 20: the loader's CRC was such a chain at
/// about 7 cycles a byte); the generic `checksum` keeps the plain one-lookup-per-byte loop and
/// the tests hold the two equal.
public enum CRC16 {
    /// `table[i]` is the state after feeding the 8 shift steps to a low byte `i`.
    @usableFromInline
    static let table: [UInt16] = (0..<256).map { index -> UInt16 in
        var crc = UInt16(index)
        for _ in 0..<8 {
            crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1
        }
        return crc
    }

    /// The checksum of `bytes` (a data segment, UTF-8).
    @inlinable
    public static func checksum<C: Sequence>(_ bytes: C) -> UInt16 where C.Element == UInt8 {
        var crc: UInt16 = 0xFFFF
        table.withUnsafeBufferPointer { table in
            for byte in bytes {
                // (crc >> 8) ^ byte, then 8 steps: the steps depend only on the low byte
                // of that value, and the high byte (always 0 after >> 8) shifts in as zeros.
                let x = (crc >> 8) ^ UInt16(byte)
                crc = table[Int(x & 0xFF)]
            }
        }
        return crc
    }

    /// `slices[256 * (m − 1) + x]` = `Aᵐ(x)`, m = 1 … 8, where `A(x) = table[x] >> 8`.
    @usableFromInline
    static let slices: [UInt8] = {
        var out = [UInt8](repeating: 0, count: 8 * 256)
        for x in 0..<256 {
            var h = UInt8(x)
            for m in 1...8 {
                h = UInt8(table[Int(h)] >> 8)
                out[256 * (m - 1) + x] = h
            }
        }
        return out
    }()

    /// The checksum of a data segment in memory: the same value as the generic `checksum`,
    /// eight bytes per step of the serial chain.
    @inlinable
    public static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt16 {
        let n = bytes.count
        guard n > 0, let p = bytes.baseAddress else { return 0xFFFF }
        return slices.withUnsafeBufferPointer { a in
            table.withUnsafeBufferPointer { table in
                // h: the high byte of the state before byte i (0xFF before the first).
                var h: UInt8 = 0xFF
                var i = 0
                let last = n &- 1  // the last byte gives the whole 16-bit state
                while i &+ 8 <= last {
                    h = a[7 &* 256 &+ Int(h ^ p[i])]
                        ^ a[6 &* 256 &+ Int(p[i &+ 1])] ^ a[5 &* 256 &+ Int(p[i &+ 2])]
                        ^ a[4 &* 256 &+ Int(p[i &+ 3])] ^ a[3 &* 256 &+ Int(p[i &+ 4])]
                        ^ a[2 &* 256 &+ Int(p[i &+ 5])] ^ a[256 &+ Int(p[i &+ 6])]
                        ^ a[Int(p[i &+ 7])]
                    i &+= 8
                }
                while i < last {
                    h = UInt8(table[Int(h ^ p[i])] >> 8)
                    i &+= 1
                }
                return table[Int(h ^ p[last])]
            }
        }
    }

    /// Four upper-case hex digits, high byte first, as the frame carries them.
    public static func hex(_ crc: UInt16) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        let bytes = [digits[Int(crc >> 12) & 0xF], digits[Int(crc >> 8) & 0xF],
                     digits[Int(crc >> 4) & 0xF], digits[Int(crc) & 0xF]]
        return String(decoding: bytes, as: UTF8.self)
    }
}
