/// A rejected line kept as an example for the data-quality report (SPEC §3.3).
///
/// Examples go to the store's `reject_examples`, the load summary that cron mails, `--json`
/// and the quality workbook's 拒收行统计 sheet. A rejected line or value can be huge (a
/// 20 MB value in a CSV row ended up on stdout), so both `detail` and `text` are cut here,
/// where every example is made, to `maxBytes` of whole UTF-8 characters followed by
/// `… (20,971,520 bytes)`, the length before cutting.
public struct RejectExample: Sendable, Equatable {
    /// Bytes kept of `detail` and of `text`; the marker adds at most ~25.
    public static let maxBytes = 200

    public var reason: String
    public var line: Int
    /// What exactly was wrong ("declared 529 bytes, segment has 512"), cut to `maxBytes`.
    public var detail: String
    /// The line as read (invalid UTF-8 replaced), cut to `maxBytes`.
    public var text: String

    public init(reason: String, line: Int, detail: String, text: String) {
        self.reason = reason
        self.line = line
        self.detail = Self.cut(detail, totalBytes: detail.utf8.count)
        self.text = Self.cut(text, totalBytes: text.utf8.count)
    }

    /// An example of the line `bytes`, decoding only the part that is kept.
    init(reason: String, line: Int, detail: String, lineBytes bytes: UnsafeBufferPointer<UInt8>) {
        self.reason = reason
        self.line = line
        self.detail = Self.cut(detail, totalBytes: detail.utf8.count)
        // Stop before a cut character (at most 3 continuation bytes back); the decoded text is cut again below, as
        // invalid bytes grow to 3-byte U+FFFD.
        var end = min(bytes.count, Self.maxBytes)
        var back = end
        while back < bytes.count, back > 0, end - back < 3, bytes[back] & 0xC0 == 0x80 { back -= 1 }
        if back < bytes.count, bytes[back] & 0xC0 != 0x80 { end = back }
        let head = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)
        self.text = Self.cut(head, totalBytes: bytes.count)
    }

    /// `text` when it is whole and within `maxBytes`; else its first `maxBytes` bytes of
    /// whole characters and `… (N bytes)`, N being `totalBytes`, the length before cutting.
    static func cut(_ text: String, totalBytes: Int) -> String {
        let scalars = text.unicodeScalars
        var used = 0
        var end = scalars.startIndex
        while end != scalars.endIndex {
            let width = UTF8.width(scalars[end])
            if used + width > maxBytes { break }
            used += width
            end = scalars.index(after: end)
        }
        if end == scalars.endIndex && totalBytes <= maxBytes { return text }
        return String(scalars[..<end]) + "… (\(LoadSummaryFormat.n(totalBytes)) bytes)"
    }
}
