/// A decimal number as sent on the wire, kept exactly: `mantissa × 10^-scale`.
///
/// Meters send values such as `474087.42` or `1.0500`; storing the decimal digits (not a
/// binary double) is what lets the store delta-encode them in one or two bytes and give an
/// auditor back exactly what was sent (trailing zeros aside: `1.0500` is kept as 105 × 10⁻²).
public struct ScaledDecimal: Equatable, Sendable {
    public var mantissa: Int64
    /// Decimal places, 0 … `maxScale`.
    public var scale: Int

    /// More places than this (or more than 15 significant digits) is stored as a double instead.
    public static let maxScale = 9
    /// 2^53: larger mantissas would not convert to a double exactly.
    public static let limit: Int64 = 1 << 53

    public init(mantissa: Int64, scale: Int) {
        self.mantissa = mantissa
        self.scale = scale
    }

    /// The nearest double; exact division by a power of ten rounds correctly, so this equals
    /// parsing the original text.
    @inlinable
    public var double: Double { Double(mantissa) / ScaledDecimal.powers[scale] }

    public static let powers: [Double] = (0...18).map { p in (0..<p).reduce(1.0) { r, _ in r * 10 } }
    public static let intPowers: [Int64] = (0...18).map { p in (0..<p).reduce(Int64(1)) { r, _ in r * 10 } }

    /// Parses `[+-]digits[.digits]` from `bytes[range]`. Returns nil for anything else
    /// (exponents, `NaN`, empty) — callers fall back to a double parse or reject the value.
    @inlinable
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> ScaledDecimal? {
        var i = range.lowerBound
        let end = range.upperBound
        guard i < end else { return nil }
        var negative = false
        if bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 } else if bytes[i] == UInt8(ascii: "+") { i += 1 }
        var mantissa: Int64 = 0
        var digits = 0
        var scale = 0
        var seenDot = false
        var pendingZeros = 0 // trailing zeros after the dot, applied only if a non-zero digit follows
        while i < end {
            let c = bytes[i]
            if c == UInt8(ascii: ".") {
                guard !seenDot else { return nil }
                seenDot = true
            } else {
                let d = Int64(c) &- 48
                guard d >= 0 && d <= 9 else { return nil }
                if seenDot {
                    if d == 0 { pendingZeros += 1 } else {
                        for _ in 0..<pendingZeros { mantissa = mantissa &* 10 }
                        scale += pendingZeros + 1
                        pendingZeros = 0
                        mantissa = mantissa &* 10 &+ d
                    }
                } else {
                    mantissa = mantissa &* 10 &+ d
                }
                digits += 1
                guard digits <= 18 else { return nil }
            }
            i += 1
        }
        guard digits > 0, scale <= maxScale, mantissa < limit else { return nil }
        return ScaledDecimal(mantissa: negative ? -mantissa : mantissa, scale: scale)
    }

    public static func parse(_ text: String) -> ScaledDecimal? {
        var t = text
        return t.withUTF8 { parse($0, 0..<$0.count) }
    }
}
