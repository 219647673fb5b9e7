/// A small JSON string writer for the inspector's output (RFC 8259 §7).
///
/// The inspector must print valid JSON for any line, including garbage, so its strings go
/// through here: `"` and `\` are escaped, control characters become `\n`, `\r`, `\t`, `\b`,
/// `\f` or `\u00XX`, DEL and the line/paragraph separators U+2028/U+2029 are written as
/// `\u` escapes too (harmless in JSON, safe for JavaScript and terminals). Invalid UTF-8 never
/// reaches here: the inspector decodes line bytes with U+FFFD replacement first.
public enum JSONString {
    /// `value` as a quoted JSON string.
    public static func quoted(_ value: String) -> String {
        var out = "\""
        out.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F
                    || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }

    /// A quoted string, or `null`.
    static func quotedOrNull(_ value: String?) -> String {
        value.map(quoted) ?? "null"
    }

    /// Four lower-case hex digits.
    private static func hex4(_ value: UInt32) -> String {
        let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]
        var s = ""
        for shift in stride(from: 12, through: 0, by: -4) {
            s.append(digits[Int((value >> UInt32(shift)) & 0xF)])
        }
        return s
    }
}
