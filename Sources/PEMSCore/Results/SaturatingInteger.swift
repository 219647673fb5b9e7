/// Double → integer conversion that cannot trap.
///
/// `Int(x)` traps when `x` is NaN, infinite or outside the integer's range, and a value
/// derived from stored readings can be any of these: a store loaded before SPEC §13.36 may
/// hold a reading of 1e300, sums of such readings overflow to infinity, and ∞ − ∞ is NaN.
/// Every conversion of a reading-derived double (minutes, counts, pixel sizes, tick counts)
/// goes through this instead, so one absurd reading can never stop a run (issue 13).
extension FixedWidthInteger {
    /// `x` rounded toward zero (as `init(_:)`), clamped to `min…max`; NaN gives 0.
    @inlinable
    public init(saturating x: Double) {
        if x.isNaN {
            self = 0
        } else if x >= Double(Self.max) {
            // Double(Self.max) rounds up to a power of two for 64-bit types, so `>=` is exact.
            self = Self.max
        } else if x <= Double(Self.min) {
            self = Self.min
        } else {
            self = Self(x)
        }
    }
}
