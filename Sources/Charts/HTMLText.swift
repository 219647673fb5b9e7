/// Text put into the portal's HTML pages (`PortalPage`, `PortalIndex`): every text from the
/// inputs (enterprise and district names, ids, file names) goes through `escape` or `href`.
public enum HTMLText {
    /// `s` as HTML text or a quoted attribute value: `& < > " '` as entities.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A relative link to `path` (`/`-separated, relative to the page) as an attribute value:
    /// each byte other than ASCII letters, digits and `-._~/` percent-encoded (UTF-8), so a
    /// name holding `#`, `?`, `%` or a space still names its file on any static server.
    public static func href(_ path: String) -> String {
        var out = ""
        for b in path.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 15)])
            }
        }
        return out
    }
}
