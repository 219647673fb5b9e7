/// Cheap strict UTF-8 validation for the packet hot path (SPEC §3.1: a line must be text).
///
/// Packets are almost always pure ASCII, so the validator checks 8 bytes per step for a set
/// high bit and only decodes a sequence when it finds one, following the well-formed byte
/// sequences of Unicode table 3-7 (no overlongs, no surrogates, nothing above U+10FFFF).
enum UTF8Validation {
    /// True when all `count` bytes at `base` are well-formed UTF-8.
    @inline(__always)
    static func isValid(_ base: UnsafePointer<UInt8>, count: Int) -> Bool {
        var i = 0
        let raw = UnsafeRawPointer(base)
        while i < count {
            while i &+ 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i &+= 8
            }
            while i < count && base[i] < 0x80 { i &+= 1 }
            if i >= count { return true }
            let n = sequenceLength(base, at: i, count: count)
            if n == 0 { return false }
            i &+= n
        }
        return true
    }

    /// The length (2–4) of the well-formed multi-byte sequence starting at `i`, or 0 when the
    /// bytes there are not one. `base[i]` must be ≥ 0x80.
    @inline(__always)
    static func sequenceLength(_ base: UnsafePointer<UInt8>, at i: Int, count: Int) -> Int {
        let b0 = base[i]
        let remaining = count &- i
        @inline(__always) func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            k < remaining && base[i &+ k] >= lo && base[i &+ k] <= hi
        }
        switch b0 {
        case 0xC2...0xDF:
            return cont(1) ? 2 : 0
        case 0xE0:
            return cont(1, 0xA0) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return cont(1) && cont(2) ? 3 : 0
        case 0xED:
            return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xF0:
            return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3:
            return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4:
            return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default:
            return 0
        }
    }
}
