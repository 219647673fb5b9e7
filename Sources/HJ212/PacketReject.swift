/// Why one log line cannot be loaded as an HJ 212 packet (SPEC §3.1, §3.3, §13.1).
///
/// The raw values are stable snake_case codes: the loader counts rejected lines by them and
/// the data-quality report shows them to bureau staff, so never rename one. Each code has a
/// one-line `explanation` for field engineers.
///
/// When several things are wrong with a line, `ScannedPacket.error` holds the first in this
/// order: `line_too_long`, `empty_line`, `bad_receive_time`, `not_utf8`, `bad_length`, `bad_crc`, `bad_header`,
/// `missing_mn`, `missing_cn`, `no_cp`, `bad_cp`, `unknown_version`.
public enum PacketReject: String, Sendable, CaseIterable {
    case emptyLine = "empty_line"
    case lineTooLong = "line_too_long"
    case notUTF8 = "not_utf8"
    case badLength = "bad_length"
    case badCRC = "bad_crc"
    case noCP = "no_cp"
    case badCP = "bad_cp"
    case missingMN = "missing_mn"
    case missingCN = "missing_cn"
    case badHeader = "bad_header"
    /// Added: the Flag's version bits name no edition pems accepts (SPEC §3.1 accepts
    /// 2005-style, 2017 and 2025 packets only).
    case unknownVersion = "unknown_version"
    /// Added (issue 19): the line starts with a digit but not with a receive time in the form
    /// of SPEC §13.38 (`YYYY-MM-DD HH:MM:SS.mmm`, a real CST time, one space, the packet).
    case badReceiveTime = "bad_receive_time"

    /// The stable code, as counted and reported (`bad_crc`, …).
    public var code: String { rawValue }

    /// One line for a field engineer: what is wrong with the line and where to look.
    public var explanation: String {
        switch self {
        case .emptyLine:
            return "the line is empty or only whitespace"
        case .lineTooLong:
            return "the line is longer than the scanner's limit, so it was not read (a missing line end?)"
        case .notUTF8:
            return "the line contains bytes that are not valid UTF-8 (corrupted transmission or a wrong encoding such as GBK)"
        case .badLength:
            return "the frame is not ##, 4 digits, data segment, 4 hex CRC, or the declared length differs from the segment's byte length (often a truncated packet)"
        case .badCRC:
            return "the CRC sent does not match the CRC16 (HJ 212 appendix A) computed over the data segment"
        case .noCP:
            return "the data segment has no CP=&& data area"
        case .badCP:
            return "the CP data area is not closed by && (or has text after it), or a CP item is not key=value"
        case .missingMN:
            return "the header has no MN (device number), so the data cannot be attributed to a collector"
        case .missingCN:
            return "the header has no CN (command number), so the kind of data is unknown"
        case .badHeader:
            return "a header field is not in its HJ 212 form (MN 1–24 letters or digits, QN 17 or 14 digits, ST, CN, PNUM, PNO digits, PW letters or digits, Flag 0–255), or a header item is not KEY=VALUE (fields run together, a missing ;)"
        case .unknownVersion:
            return "the Flag's version bits name no known edition (2005, 2017 or 2025)"
        case .badReceiveTime:
            return "the line starts with a digit but not with a receive time YYYY-MM-DD HH:MM:SS.mmm (CST) and one space before the packet"
        }
    }
}
