/// A rectangle in drawing units (points: 1/72 inch; PNG pixels are points × the canvas scale).
public struct Rect: Sendable, Equatable {
    public var x, y, w, h: Double
    public init(x: Double, y: Double, w: Double, h: Double) { self.x = x; self.y = y; self.w = w; self.h = h }
    public var maxX: Double { x + w }
    public var maxY: Double { y + h }
    public var midX: Double { x + w / 2 }
    public var midY: Double { y + h / 2 }
    /// Shrunk by the given margins.
    public func inset(top: Double = 0, left: Double = 0, bottom: Double = 0, right: Double = 0) -> Rect {
        Rect(x: x + left, y: y + top, w: max(0, w - left - right), h: max(0, h - top - bottom))
    }
    /// Cut into `n` equal columns separated by `gap`.
    public func columns(_ n: Int, gap: Double) -> [Rect] {
        let cw = (w - gap * Double(n - 1)) / Double(n)
        return (0..<n).map { Rect(x: x + Double($0) * (cw + gap), y: y, w: cw, h: h) }
    }
}

/// Horizontal text anchor.
public enum HAlign: Sendable { case left, center, right }
/// Vertical text anchor: the top of the Chinese glyphs, their middle, the baseline.
public enum VAlign: Sendable { case top, middle, baseline }
