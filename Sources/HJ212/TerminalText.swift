/// Text from devices, registries and file names as it may be shown on a terminal or in a log.
///
/// pems prints what others wrote — file names, MNs, registry ids, CP keys, error messages
/// naming them — in one-line `key: value` summaries that cron mails and people grep. A
/// newline in a file name forged a `files:` line in the load summary (issue 14); an escape
/// sequence in an MN can recolour, retitle or clear the terminal; a bidi override makes a
/// reader see text in another order than it is. So every such value goes through `escaped`
/// before it is printed: C0 controls (tab, LF and CR as `\t` `\n` `\r`, the others as
/// `\u{1B}`), DEL and C1 controls, the line and paragraph separators U+2028/U+2029, and the
/// bidi controls (U+061C, U+200E/F, U+202A–202E, U+2066–2069) are shown as escapes; every
/// other character — Chinese, Uyghur, emoji, `\` itself — as it is. A backslash is not
/// doubled, so escaping twice changes nothing more (a message built from escaped parts can be
/// escaped again by the log handler) at the price of `\n` being ambiguous with those two
/// characters: this is text for people, never parsed back.
///
/// It lives in HJ212, the module with no dependencies, because every module that prints
/// such text imports it: the inspector here, the loader's summary, and the command line.
public enum TerminalText {
    /// `text` with control, line-break and bidi characters shown as escapes (see above).
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 8)
        for s in text.unicodeScalars {
            if needsEscape(s) { out += escape(s) } else { out.unicodeScalars.append(s) }
        }
        return out
    }

    /// `text` with every character outside printable ASCII shown as an escape: for values
    /// whose form is ASCII (an MN, a QN), where `１` (U+FF11) or U+FFFF must be seen for what
    /// it is rather than look like a digit or nothing.
    public static func escapedASCII(_ text: String) -> String {
        var out = ""
        for s in text.unicodeScalars {
            if s.value >= 0x20 && s.value < 0x7F { out.unicodeScalars.append(s) } else { out += escape(s) }
        }
        return out
    }

    /// Whether `s` is shown as an escape by `escaped`.
    public static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00..<0x20, 0x7F...0x9F: return true          // C0, DEL, C1
        case 0x2028, 0x2029: return true                     // line and paragraph separators
        case 0x061C, 0x200E, 0x200F: return true             // bidi marks
        case 0x202A...0x202E, 0x2066...0x2069: return true   // bidi embeddings, overrides, isolates
        default: return false
        }
    }

    /// `\n`, `\r`, `\t`, else `\u{1B}` (upper-case hex, no leading zeros).
    static func escape(_ s: Unicode.Scalar) -> String {
        switch s {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default: return "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
        }
    }
}
