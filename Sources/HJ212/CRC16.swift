/// The HJ 212-2017 appendix A CRC16 over a packet's data segment.
///
/// Start 0xFFFF; for each byte: `crc = (crc >> 8) ^ byte`, then eight times shift right,
/// XOR 0xA001 when the bit shifted out was 1. This is *not* CRC-16/MODBUS (which XORs the
/// byte into the low byte); the standard's worked example
/// `QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&`
/// gives `0x1C80` (NOTES.md "HJ 212-2017 facts").
///
/// Table-driven: one lookup per byte, so a city-scale day (≈ 2 GB of packets) costs about a second.
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

    /// Four upper-case hex digits, high byte first, as the frame carries them.
    public static func hex(_ crc: UInt16) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        let bytes = [digits[Int(crc >> 12) & 0xF], digits[Int(crc >> 8) & 0xF],
                     digits[Int(crc >> 4) & 0xF], digits[Int(crc) & 0xF]]
        return String(decoding: bytes, as: UTF8.self)
    }
}
