/// One `key=value` item of a packet's CP data area, as byte ranges into the scanned line.
///
/// Ranges, not strings, so the loader's hot path allocates nothing per field: a city-day is
/// about 100 million values. The key is kept whole (`pg1001-Pt`, `t10001-Flag`); splitting it
/// into code and parameter (at the last `-`) is the loader's business because vendors' key
/// schemes differ (NOTES.md).
public struct CPField: Equatable, Sendable {
    /// The bytes before the first `=`; never empty.
    public var key: Range<Int>
    /// The bytes after the first `=`, exactly as sent; may be empty.
    public var value: Range<Int>

    public init(key: Range<Int>, value: Range<Int>) {
        self.key = key
        self.value = value
    }
}
