/// An RGB colour, components 0…1.
public struct RGB: Sendable, Equatable {
    public var r, g, b: Double
    public init(_ r: Double, _ g: Double, _ b: Double) { self.r = r; self.g = g; self.b = b }
    /// From 0xRRGGBB.
    public init(hex: UInt32) {
        r = Double((hex >> 16) & 0xFF) / 255
        g = Double((hex >> 8) & 0xFF) / 255
        b = Double(hex & 0xFF) / 255
    }
    /// Relative luminance (Rec. 709 weights): what the colour becomes in greyscale print.
    public var luminance: Double { 0.2126 * r + 0.7152 * g + 0.0722 * b }
    /// The colour mixed with white (t = 0 unchanged, 1 white).
    public func lighter(_ t: Double) -> RGB { RGB(r + (1 - r) * t, g + (1 - g) * t, b + (1 - b) * t) }
}

/// The chart colours. Series colours come from the Okabe–Ito set, ordered so neighbours
/// differ in lightness (they stay apart in greyscale print) and each series also gets its own
/// dash pattern (`dashes`), so lines can be told apart without colour at all.
public enum Palette {
    public static let ink = RGB(hex: 0x222222)
    public static let mutedInk = RGB(hex: 0x555555)
    public static let grid = RGB(hex: 0xDDDDDD)
    public static let axis = RGB(hex: 0x888888)
    public static let background = RGB(1, 1, 1)
    /// The main bar / city line colour: dark blue (luminance ≈ 0.09).
    public static let primary = RGB(hex: 0x1F4E79)
    /// Problems: vermillion (luminance ≈ 0.30).
    public static let alarm = RGB(hex: 0xD55E00)
    /// Good / normal: bluish green (luminance ≈ 0.46).
    public static let normal = RGB(hex: 0x009E73)
    /// Offline / unknown: mid grey.
    public static let offline = RGB(hex: 0x999999)
    /// Response periods: light orange band; heat days: light red ticks.
    public static let responseBand = RGB(hex: 0xF3D9A8)
    public static let heat = RGB(hex: 0xC0392B)
    /// Series colours, dark → light alternating.
    public static let series: [RGB] = [
        RGB(hex: 0x0072B2), RGB(hex: 0xE69F00), RGB(hex: 0x000000), RGB(hex: 0x56B4E9),
        RGB(hex: 0xD55E00), RGB(hex: 0x009E73), RGB(hex: 0xCC79A7), RGB(hex: 0x777777),
    ]
    /// Dash patterns (points) matching `series`; empty = solid.
    public static let dashes: [[Double]] = [[], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [1, 3], [10, 4], [3, 6]]

    public static func series(_ i: Int) -> RGB { series[((i % series.count) + series.count) % series.count] }
    public static func dash(_ i: Int) -> [Double] { dashes[((i % dashes.count) + dashes.count) % dashes.count] }
}

extension RGB {
    /// `self` painted over by `other` at opacity `alpha` (what a translucent fill gives).
    public func mixed(with other: RGB, _ alpha: Double) -> RGB {
        RGB(r + (other.r - r) * alpha, g + (other.g - g) * alpha, b + (other.b - b) * alpha)
    }
}
