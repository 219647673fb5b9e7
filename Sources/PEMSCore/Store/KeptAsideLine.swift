/// A line the loader kept aside because the registry could not place it (SPEC §3.1, §13.37):
/// a packet or CSV row of an MN the registry does not know, or the values of a known MN under
/// codes it does not know. The line is kept verbatim, so a later registry version that knows
/// the MN or code can load it through the same code path as a file (`KeptAsideReplay`).
public struct KeptAsideLine: Sendable, Equatable {
    /// The load (`files.file_id`) that kept it aside; with `line`, its place in load order.
    public var fileID: Int
    /// The physical line it starts on in that file.
    public var line: Int
    /// `hj212` (a packet log line) or `csv` (a CSV readings record).
    public var format: String
    public var mn: String
    /// nil: the MN was unknown, so the whole line waits. Otherwise the codes of a known MN the
    /// registry did not know — only their values wait (the others were loaded).
    public var codes: [String]?
    /// The CST day index of its DataTime / time.
    public var day: Int?
    /// CSV: the positions of time, mn, code, param, value, flag in its file's header (−1 when
    /// absent), since the record alone cannot be read without them. nil for packets, and for
    /// CSV rows kept aside before schema 7 (read as the SPEC §3.2 column order).
    public var columns: [Int]?
    /// The line as read, line end excluded.
    public var raw: [UInt8]

    public init(fileID: Int = 0, line: Int, format: String, mn: String, codes: [String]?, day: Int?,
                columns: [Int]? = nil, raw: [UInt8]) {
        self.fileID = fileID; self.line = line; self.format = format; self.mn = mn
        self.codes = codes; self.day = day; self.columns = columns; self.raw = raw
    }

    /// The stored `codes` text: packet codes joined by `,` (a CP code cannot hold one); a CSV
    /// row's single code as it is.
    public static func codesText(_ codes: [String]?, format: String) -> String? {
        guard let codes else { return nil }
        return format == "csv" ? codes.first ?? "" : codes.joined(separator: ",")
    }

    public static func codes(fromText text: String?, format: String) -> [String]? {
        guard let text else { return nil }
        return format == "csv" ? [text] : text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    static func columnsText(_ columns: [Int]?) -> String? { columns.map { $0.map(String.init).joined(separator: " ") } }

    static func columns(fromText text: String?) -> [Int]? {
        guard let text else { return nil }
        let parts = text.split(separator: " ").compactMap { Int($0) }
        return parts.isEmpty ? nil : parts
    }
}
