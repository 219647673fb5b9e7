/// Numbers as SPEC §12/§13.26 writes them: plain decimals (no exponent), at most 12
/// decimals, trailing zeros stripped; integers without a decimal point.
public enum ExportNumber {
    public static func format(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        let rounded = (x * 1e12).rounded() / 1e12
        if rounded == 0 { return "0" }
        var s = String(format12(rounded))
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    /// `%.12f` without Foundation: integer part and 12 fractional digits, exact for the
    /// magnitudes a bureau sees (|x| < 2^53 / 10^12 keeps every digit; larger values lose only
    /// digits beyond double precision).
    static func format12(_ x: Double) -> String {
        let negative = x < 0
        let a = abs(x)
        if a >= 9e6 {
            // Beyond 9e6 × 1e12 the scaled value overflows Int64; split integer and fraction.
            let ip = a.rounded(.towardZero)
            let frac = ((a - ip) * 1e12).rounded()
            var fracText = String(Int64(frac))
            while fracText.count < 12 { fracText = "0" + fracText }
            return (negative ? "-" : "") + String(format0(ip)) + "." + fracText
        }
        let scaled = Int64((a * 1e12).rounded())
        let ip = scaled / 1_000_000_000_000
        var fracText = String(scaled % 1_000_000_000_000)
        while fracText.count < 12 { fracText = "0" + fracText }
        return (negative ? "-" : "") + String(ip) + "." + fracText
    }

    static func format0(_ x: Double) -> String {
        if x < 9.2e18 { return String(Int64(x)) }
        return String(describing: x)
    }
}
