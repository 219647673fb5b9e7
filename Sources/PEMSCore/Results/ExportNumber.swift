/// Numbers as SPEC §12/§13.26 writes them: plain decimals (no exponent), at most 12
/// decimals, trailing zeros stripped; integers without a decimal point.
///
/// Every double gets a plain decimal, however large (issue 13: a store may hold a reading of
/// 1e300): from 2^52 up every double is an integer, and it is written as its exact integer
/// digits — what `%.12f` would print, without the zero decimals. Infinity and NaN are no
/// number: they give an empty cell ("not available"), as a missing value does.
public enum ExportNumber {
    /// 2^52: from here up a double has no fractional part.
    static let integral = 0x1p52

    public static func format(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        if x.magnitude >= integral { return integerDigits(x) }
        let rounded = (x * 1e12).rounded() / 1e12
        if rounded == 0 { return "0" }
        var s = String(format12(rounded))
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    /// `%.12f` without Foundation for |x| < 2^52: integer part and 12 fractional digits, exact
    /// for the magnitudes a bureau sees (|x| < 2^53 / 10^12 keeps every digit; larger values
    /// lose only digits beyond double precision).
    static func format12(_ x: Double) -> String {
        let negative = x < 0
        let a = abs(x)
        if a >= 9e6 {
            // Beyond 9e6 × 1e12 the scaled value overflows Int64; split integer and fraction.
            // Both parts fit Int64 here: a < 2^52 and the fraction's 12 digits < 10^12.
            let ip = a.rounded(.towardZero)
            let frac = ((a - ip) * 1e12).rounded()
            var fracText = String(Int64(frac))
            while fracText.count < 12 { fracText = "0" + fracText }
            return (negative ? "-" : "") + String(Int64(ip)) + "." + fracText
        }
        let scaled = Int64((a * 1e12).rounded())
        let ip = scaled / 1_000_000_000_000
        var fracText = String(scaled % 1_000_000_000_000)
        while fracText.count < 12 { fracText = "0" + fracText }
        return (negative ? "-" : "") + String(ip) + "." + fracText
    }

    /// The exact decimal digits of a finite integral double (|x| ≥ 2^52 is always integral):
    /// significand × 2^exponent, doubled out in base-10^9 limbs. At most 309 digits.
    static func integerDigits(_ x: Double) -> String {
        let sign = x < 0 ? "-" : ""
        let a = x.magnitude
        if a < 0x1p64 { return sign + String(UInt64(a)) }
        // a = m × 2^e with a 53-bit m and e ≥ 12.
        let m = a.significandBitPattern | (1 << 52)
        var e = Int(a.exponent) - 52
        let base: UInt64 = 1_000_000_000
        var limbs: [UInt64] = [m % base, (m / base) % base, m / base / base] // little-endian
        while e > 0 {
            let k = min(e, 29) // a limb < 10^9 < 2^30; × 2^29 plus carry stays below 2^64
            var carry: UInt64 = 0
            for i in limbs.indices {
                let v = (limbs[i] << UInt64(k)) + carry
                limbs[i] = v % base
                carry = v / base
            }
            while carry > 0 { limbs.append(carry % base); carry /= base }
            e -= k
        }
        while limbs.count > 1, limbs.last == 0 { limbs.removeLast() }
        var s = sign + String(limbs[limbs.count - 1])
        for limb in limbs.dropLast().reversed() {
            let digits = String(limb)
            s += String(repeating: "0", count: 9 - digits.count) + digits
        }
        return s
    }
}
