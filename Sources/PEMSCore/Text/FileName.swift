/// An id from the registry or from devices (a response id, an event id naming a facility or
/// an enterprise) made into a file or folder name.
///
/// Every name pems builds from such text goes through `safe` (issue 14: a `response_id` of
/// `R/1` made the assessment workbook `应急减排评估_R/1.xlsx`, a path into a folder that does
/// not exist, and failed the nightly with libxlsxwriter's "permissions error"). Dates and
/// fixed names need nothing.
///
/// - Kept: ASCII letters, digits, `-`, `_` and `.`, and any non-ASCII letter, mark, number,
///   punctuation or symbol (Chinese, Uyghur, Tibetan ids stay readable). Replaced by `_`:
///   every other ASCII character (`/`, `\`, NUL, space, `:*?"<>|`, shell characters, `~`),
///   control and format characters (C0, DEL, C1, bidi overrides), separators (U+2028,
///   U+3000, …), unassigned and private-use code points. A leading `.` becomes `_`, so a
///   name is never hidden, `.` or `..`.
/// - Bounded: at most `maxBytes` bytes of UTF-8, cut at a whole character.
/// - Distinct: when anything was changed, `~` and the first 8 hex digits of the id's SHA-256
///   are appended. An unchanged name never holds `~`, so two different ids never get the same
///   name (short of a 32-bit hash collision between two changed ones): `R/1` → `R_1~a74a1770`,
///   while `R_1` stays `R_1`.
/// - Deterministic: the same id gives the same name on every run and machine, so a rerun
///   writes the nightly's paths.
public enum FileName {
    /// Longest name `safe` returns, in UTF-8 bytes: room beside a prefix such as
    /// `应急减排评估_` or `evidence-` and a suffix such as `.xlsx.tmp` under the 255 bytes a
    /// Linux file name may have.
    public static let maxBytes = 120

    /// Bytes of the `~` + 8 hex digits mark.
    static let markBytes = 9

    /// `id` as a file or folder name (see above).
    public static func safe(_ id: String) -> String {
        var out = String.UnicodeScalarView()
        var bytes = 0
        var changed = false
        for s in id.unicodeScalars {
            var kept = isKept(s) ? s : "_"
            if out.isEmpty && kept == "." { kept = "_" }
            if kept != s { changed = true }
            let width = UTF8.width(kept)
            if bytes + width > maxBytes - markBytes {
                changed = true
                break
            }
            out.append(kept)
            bytes += width
        }
        if out.isEmpty {
            out.append("_")
            changed = true
        }
        var name = String(out)
        if changed { name += "~" + String(ContentHash.sha256(Array(id.utf8)).prefix(8)) }
        return name
    }

    /// Whether a character may stand in a name as it is (leading `.` aside).
    static func isKept(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
                || s == "-" || s == "_" || s == "."
        }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }
}
