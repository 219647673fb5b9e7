import Foundation
import HJ212

/// A file name's bytes as text for people, the load summary and the store's `files.path`.
///
/// Linux keeps names as bytes. UTF-8 is shown as it is. A name that is not UTF-8 most
/// likely came from a Chinese Windows share, which writes GBK (a subset of GB 18030), so it
/// is decoded as GB 18030 (`\xB9\xA4\xBF\xF6.log` → 工况.log). Anything else shows each
/// byte outside printable ASCII as `\xNN`. Control characters in a decoded name — a newline
/// would break the summary's one-line-per-file layout — are shown as `TerminalText` shows
/// them (`a\nb.log`). The encoding used is kept with the text so the summary can say the
/// name was converted.
struct FileNameText: Equatable {
    var text: String
    var encoding: InputFile.NameEncoding

    /// Foundation's GB 18030 encoding (CoreFoundation's `kCFStringEncodingGB_18030_2000`).
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    init(_ bytes: [UInt8]) {
        if let s = String(validating: bytes, as: UTF8.self) {
            self.init(text: TerminalText.escaped(s), encoding: .utf8)
        } else if let s = String(bytes: bytes, encoding: Self.gb18030) {
            self.init(text: TerminalText.escaped(s), encoding: .gb18030)
        } else {
            self.init(text: Self.escaped(bytes), encoding: .escaped)
        }
    }

    init(text: String, encoding: InputFile.NameEncoding) {
        self.text = text
        self.encoding = encoding
    }

    /// Printable ASCII as is, every other byte as `\xNN` (upper-case hex).
    static func escaped(_ bytes: [UInt8]) -> String {
        var out = ""
        for b in bytes {
            if b >= 0x20 && b < 0x7F {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                out += "\\x" + String(b, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
