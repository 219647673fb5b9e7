/// Text made safe for the XML parts of a workbook (issue 13).
///
/// libxlsxwriter writes strings into the parts as given (escaping only `&`, `<`, `>` and `"`),
/// so one character XML 1.0 does not allow — a control character in a registry name, U+FFFF
/// in an MN a device sent — makes the part not well-formed and Excel refuses or "repairs" the
/// workbook. Every string the writer hands libxlsxwriter goes through `sanitized`, which
/// replaces each such character by U+FFFD (a visible mark, never a silent drop). The §12 CSV
/// exports keep the original text: they are the record of what arrived.
public enum XMLText {
    /// U+FFFD REPLACEMENT CHARACTER.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// True for a scalar outside XML 1.0's `Char` production (§2.2): U+0000–U+0008, U+000B,
    /// U+000C, U+000E–U+001F, U+FFFE, U+FFFF (and the surrogates, which a Swift `String`
    /// cannot hold: decoding bytes with `String(decoding:as:)` or `String(cString:)` already
    /// turns unpaired or CESU-8 surrogates into U+FFFD).
    @inline(__always)
    public static func isForbidden(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 ? (v != 0x09 && v != 0x0A && v != 0x0D) : (v == 0xFFFE || v == 0xFFFF)
    }

    /// `text` with every character XML 1.0 forbids replaced by U+FFFD; `text` itself (no copy)
    /// when there is none, which a scan of its UTF-8 bytes decides: a forbidden scalar is a
    /// byte below 0x20 other than TAB, LF, CR, or the sequence EF BF BE / EF BF BF.
    public static func sanitized(_ text: String) -> String {
        var text = text
        let clean = text.withUTF8 { bytes -> Bool in
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b < 0x20 {
                    if b != 0x09 && b != 0x0A && b != 0x0D { return false }
                } else if b == 0xEF, i + 2 < n, bytes[i + 1] == 0xBF, bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF {
                    return false
                }
                i += 1
            }
            return true
        }
        if clean { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars { out.append(isForbidden(s) ? replacement : s) }
        return String(out)
    }
}
