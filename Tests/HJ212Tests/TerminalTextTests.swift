import Testing
@testable import HJ212

/// Text from devices, registries and file names shown on a terminal or in a log (issue 14):
/// characters that move the cursor, end a line, drive the terminal or reorder what a reader
/// sees are shown as escapes; everything else as it is.
@Suite struct TerminalTextTests {
    @Test(arguments: [
        ("a\nfiles: 99 loaded", "a\\nfiles: 99 loaded"), ("a\r\n", "a\\r\\n"), ("a\tb", "a\\tb"),
        ("\u{0}", "\\u{0}"), ("\u{1B}[31mred", "\\u{1B}[31mred"), ("\u{7F}", "\\u{7F}"),
        ("\u{85}\u{9B}", "\\u{85}\\u{9B}"), ("印染\u{202E}厂", "印染\\u{202E}厂"),
        ("\u{202A}\u{202B}\u{202C}\u{202D}", "\\u{202A}\\u{202B}\\u{202C}\\u{202D}"),
        ("\u{2066}\u{2067}\u{2068}\u{2069}", "\\u{2066}\\u{2067}\\u{2068}\\u{2069}"),
        ("\u{200E}\u{200F}\u{61C}", "\\u{200E}\\u{200F}\\u{61C}"), ("a\u{2028}b\u{2029}", "a\\u{2028}b\\u{2029}"),
    ])
    func controlLineBreakAndBidiCharactersAreShownAsEscapes(text: String, shown: String) {
        #expect(TerminalText.escaped(text) == shown)
    }

    @Test func everythingElseIsShownAsItIs() {
        let text = "工况用电 قەشقەر توقۇمىچىلىق ལྷ་ས་ ᠮᠣᠩᠭᠣᠯ 化工厂🏭👩‍🔧 C:\\x \"q\" 'a' ~ é \u{FFFF} \u{A0}"
        #expect(TerminalText.escaped(text) == text)
        #expect(TerminalText.escaped("") == "")
    }

    @Test func escapingTwiceChangesNothingMore() {
        let text = "a\n\u{1B}[2J\u{202E}b\\n\u{7F}"
        let once = TerminalText.escaped(text)
        #expect(TerminalText.escaped(once) == once)
        #expect(!once.contains("\n") && !once.contains("\u{1B}"))
    }

    @Test func everyScalarUpToU_FFFFIsEscapedExactlyWhenItIsControlLineBreakOrBidi() {
        for v in UInt32(0)...0xFFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            let escape = v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || v == 0x200E || v == 0x200F
                || v == 0x61C || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            let out = TerminalText.escaped("x" + String(Character(s)) + "y")
            #expect((out != "x\(Character(s))y") == escape, "U+\(String(v, radix: 16))")
        }
    }

    @Test func asciiOnlyShowsEveryCharacterOutsidePrintableASCIIAsAnEscape() {
        #expect(TerminalText.escapedASCII("BAD\u{FFFF}MN01") == "BAD\\u{FFFF}MN01")
        #expect(TerminalText.escapedASCII("工1\n") == "\\u{5DE5}1\\n")
        #expect(TerminalText.escapedASCII("=cmd|' /C calc'!A0") == "=cmd|' /C calc'!A0")
        #expect(TerminalText.escapedASCII("😀") == "\\u{1F600}")
    }
}
