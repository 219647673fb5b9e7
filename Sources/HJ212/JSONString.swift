import Foundation

/// The one writer of the JSON pems writes by hand (RFC 8259 §7): the inspector's lines, the
/// provincial payloads (seed 003 附件3), and — through `serialized` — the summaries that
/// scripts read (`pems load --json`, `pems runs --json`). In the lowest module every writer
/// imports. (Codable records — the evidence export, the store's columns — use `JSONEncoder`.)
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

    /// A JSON object of `members` in this order, compact (`{"a":1,"b":"x"}`); each value is
    /// JSON already (`quoted`, a number, `null`, a nested `object`).
    public static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { quoted($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// An array of objects whose values are strings, two-space indented, one member a line,
    /// keys in the given order, ending with a line end (`[]` and a line end when empty).
    public static func indentedArray(_ records: [[(String, String)]]) -> String {
        if records.isEmpty { return "[]\n" }
        var s = "[\n"
        for (i, r) in records.enumerated() {
            s += "  {\n"
            for (j, (k, v)) in r.enumerated() {
                s += "    \(quoted(k)): \(quoted(v))\(j + 1 < r.count ? "," : "")\n"
            }
            s += "  }\(i + 1 < records.count ? "," : "")\n"
        }
        return s + "]\n"
    }

    /// `value` (dictionaries, arrays, strings, numbers) compact with sorted keys, as
    /// Foundation writes it; `escapingSlashes`: `/` as `\/` (Foundation's default, which the
    /// load summary has always written).
    public static func serialized(_ value: Any, escapingSlashes: Bool) -> String {
        let options: JSONSerialization.WritingOptions = escapingSlashes ? [.sortedKeys] : [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? JSONSerialization.data(withJSONObject: value, options: options)) ?? Data()
        return String(decoding: data, as: UTF8.self)
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
