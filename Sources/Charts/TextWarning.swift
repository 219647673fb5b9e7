/// A text drawn with some of its characters replaced by `TextWarning.placeholder` because no
/// installed font can show them (issue 13): control characters (C0, DEL, C1), bidi overrides,
/// embeddings and isolates (which would reorder what a reader sees, or draw nothing), and any
/// character that font fallback finds in no font (an unassigned code point, an emoji without
/// an emoji font). Drawing goes on — a name with one odd character must not cost the city its
/// morning report — and the callers log each warning (`pems brief`/`evidence` on stderr, the
/// jobs in their log), so the registry can be corrected.
public struct TextWarning: Sendable, Equatable, CustomStringConvertible {
    /// What stands in for a character that cannot be drawn: U+FFFD REPLACEMENT CHARACTER, the
    /// mark the workbooks use for characters XML forbids (`XMLText`), visible in every font
    /// fallback reaches (Noto Sans, DejaVu Sans) and extracted as such by `pdftotext`.
    public static let placeholder: Unicode.Scalar = "\u{FFFD}"

    /// The text as the caller gave it.
    public let text: String
    /// The distinct characters replaced, in order of first appearance.
    public let replaced: [Unicode.Scalar]

    public init(text: String, replaced: [Unicode.Scalar]) {
        self.text = text
        self.replaced = replaced
    }

    /// `U+001B`.
    static func codePoint(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The text for a log line: every replaced character (and any other control character)
    /// written as `\u{1B}`, so the message itself neither drives the terminal nor reorders.
    public var escapedText: String {
        let shown = Set(replaced)
        var out = ""
        for s in text.unicodeScalars {
            if shown.contains(s) || s.properties.generalCategory == .control || s.properties.generalCategory == .format {
                out += "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(s)
            }
        }
        return out
    }

    public var description: String {
        "text '\(escapedText)' has characters no installed font can draw (\(replaced.map(Self.codePoint).joined(separator: ", "))): drawn as \(Self.codePoint(Self.placeholder))"
    }
}
