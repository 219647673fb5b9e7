import PEMSCore

/// SPEC §13.36: the values a reading may have — finite, magnitude at most
/// `load.max_abs_value` (default 1e10, in the value's own unit: beyond any meter). Anything
/// else (`1e300`, `inf`, `nan`, `1e400`) is rejected on its own as `value_out_of_range`, so
/// an absurd number never reaches the store and every later computation (issue 13).
struct ValueRange {
    /// The largest magnitude loaded.
    let maxAbs: Double
    /// A decimal's |mantissa| up to this is within `maxAbs` at any scale (value ≤ mantissa),
    /// so the packet fast path needs no division for ordinary readings.
    let maxAbsMantissa: UInt64
    /// `maxAbs` as the rejection detail writes it.
    let maxAbsText: String

    static let reason = "value_out_of_range"

    init(maxAbs: Double) {
        self.maxAbs = maxAbs
        maxAbsMantissa = maxAbs.isNaN ? 0 : UInt64(saturating: maxAbs)
        maxAbsText = ExportNumber.format(maxAbs)
    }

    @inline(__always)
    func contains(_ v: Double) -> Bool { v.isFinite && v.magnitude <= maxAbs }

    @inline(__always)
    func contains(_ v: ScaledDecimal) -> Bool { v.mantissa.magnitude <= maxAbsMantissa || contains(v.double) }

    /// "pg1001-Pt = '1e300' is not finite or beyond ±10000000000 (load.max_abs_value)".
    func detail(key: String, value: String) -> String {
        "\(key) = '\(value)' is not finite or beyond ±\(maxAbsText) (load.max_abs_value)"
    }
}
