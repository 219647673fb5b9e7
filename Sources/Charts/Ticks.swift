import Foundation
import PEMSCore

/// Round axis ticks: steps of 1, 2 or 5 × 10ⁿ covering `[lo, hi]`, with about `target` ticks.
public struct Ticks: Sendable, Equatable {
    /// First and last tick (the axis range: the data range widened to round numbers).
    public let lo: Double
    public let hi: Double
    public let step: Double

    /// The axis never reaches beyond ±1e300, so its span and step stay finite whatever the
    /// data (an old store may hold readings up to the largest double, and their sums may be
    /// infinite, issue 13); values beyond it are drawn off the plot.
    public static let limit = 1e300

    public init(lo: Double, hi: Double, target: Int = 5) {
        var a = lo, b = hi
        if a.isNaN || b.isNaN { a = 0; b = 1 }
        a = min(max(a, -Self.limit), Self.limit)
        b = min(max(b, -Self.limit), Self.limit)
        if b <= a { b = a + (a == 0 ? 1 : abs(a) * 0.1) }
        var raw = (b - a) / Double(max(1, target))
        if !raw.isNormal {
            // A sub-normal span (or a = b at a sub-normal value) has no usable step: widen to 1.
            b = a + 1
            raw = (b - a) / Double(max(1, target))
        }
        let mag = pow(10, floor(log10(raw)))
        let f = raw / mag
        let step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag
        self.step = step
        self.lo = floor(a / step + 1e-9) * step
        self.hi = ceil(b / step - 1e-9) * step
    }

    /// The tick values from `lo` to `hi`.
    public var values: [Double] {
        let n = min(max(0, Int(saturating: ((hi - lo) / step).rounded())), 1_000)
        return (0...n).map { lo + Double($0) * step }
    }

    /// Decimals needed to print a tick.
    public var decimals: Int { max(0, -Int(saturating: floor(log10(step) + 1e-9))) }

    /// A tick label: plain decimal with the decimals the step needs. From a step of 1e15 up
    /// (beyond any meter: only absurd stored readings get there) "%.3g" ("2e+299"), so a
    /// label stays short and the plot keeps its width.
    public func label(_ v: Double) -> String { step >= 1e15 ? String(format: "%.3g", v) : NumberText.fixed(v, decimals) }

    /// Position of `v` on an axis running from `a` (at lo) to `b` (at hi).
    public func map(_ v: Double, _ a: Double, _ b: Double) -> Double { a + (v - lo) / (hi - lo) * (b - a) }
}

/// Number formatting for labels (no locale: same bytes everywhere).
public enum NumberText {
    public static func fixed(_ v: Double, _ decimals: Int) -> String {
        let s = String(format: "%.\(decimals)f", v)
        return s == "-0" || s.hasPrefix("-0.") && Double(s) == 0 ? String(s.dropFirst()) : s
    }
    /// A fraction 0…1 as a percentage with one decimal: 0.9345 → "93.5%".
    /// Just below 100 % keeps two decimals ("99.97%"), so an imperfect rate never reads "100.0%".
    public static func percent(_ f: Double?) -> String {
        guard let f else { return "—" }
        let one = fixed(f * 100, 1)
        return (one == "100.0" && f < 1 ? fixed(min(f * 100, 99.99), 2) : one) + "%"
    }
    /// A relative change as "上升 8.2%" / "下降 8.2%" / "持平"; nil → "无可比数据".
    public static func change(_ c: Double?) -> String {
        guard let c else { return "无可比数据" }
        if abs(c) < 0.0005 { return "持平" }
        return (c > 0 ? "上升 " : "下降 ") + fixed(abs(c) * 100, 1) + "%"
    }
    /// kg shown in 吨 (t) from 1000 kg, else kg.
    public static func mass(_ kg: Double) -> String {
        // A no-break space (U+00A0) keeps number and unit on one line when text wraps.
        abs(kg) >= 1000 ? fixed(kg / 1000, 2) + "\u{00A0}吨" : fixed(kg, 1) + "\u{00A0}公斤"
    }
}
