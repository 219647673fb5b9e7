/// Writing one CSV cell, for every CSV pems writes (the SPEC §12 exports, the demo city's
/// registry and ground truth): quoted only when it holds a comma, a quote or a line break,
/// quotes doubled (RFC 4180). The one escaper, in the lowest module every writer imports.
public enum CSVCell {
    /// `cell` as written between the commas. The check is by Unicode scalar: a `"\r\n"` pair
    /// is one `Character` equal to neither `"\n"` nor `"\r"`, so a check by Character wrote a
    /// cell whose only line break was CRLF (a registry name typed in Excel) unquoted and broke
    /// its row in two.
    public static func escaped(_ cell: String) -> String {
        guard cell.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
