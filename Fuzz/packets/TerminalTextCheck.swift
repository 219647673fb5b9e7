import FuzzSupport
import HJ212

/// `TerminalText`'s promises for any text a device sends: what `escaped` returns holds no
/// character a terminal would act on (C0 but the line ends the caller writes, DEL, C1, the
/// line and paragraph separators, bidi controls), escaping again changes nothing, and
/// `escapedASCII` returns printable ASCII only.
enum TerminalTextCheck {
    static func check(_ text: String) {
        let shown = TerminalText.escaped(text)
        invariant(!shown.unicodeScalars.contains(where: acted), "escaped text holds no control: \(shown.debugDescription)")
        invariant(TerminalText.escaped(shown) == shown, "escaping twice changes nothing more")
        invariant(TerminalText.escapedASCII(text).unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F },
                  "escapedASCII is printable ASCII")
    }

    /// A character a terminal acts on rather than shows (the ones `TerminalText` escapes).
    static func acted(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (v >= 0x7F && v <= 0x9F) || v == 0x2028 || v == 0x2029 || v == 0x061C
            || v == 0x200E || v == 0x200F || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069)
    }
}
