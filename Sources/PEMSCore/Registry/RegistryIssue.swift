/// One problem found in a registry folder (SPEC §2: "bad rows are reported with file, line
/// and reason").
///
/// `description` is exactly `file:line: reason`, e.g.
/// `points.csv:12: mn '13060600020180' is not a collector of enterprise E001 (it belongs to E002)`.
/// The reason names the column and quotes the offending value itself, so the message reads
/// on its own; `column` and `value` repeat them for programs.
///
/// Line numbers are physical lines, the header being line 1 (a record with a quoted line
/// break is reported at the line it starts on). Line 0 means the file as a whole
/// (a required file that is missing, a folder that cannot be read).
public struct RegistryIssue: Sendable, Codable, Hashable, CustomStringConvertible {
    /// The file name, e.g. `points.csv`.
    public var file: String
    /// Physical line, 1 = header; 0 = the whole file.
    public var line: Int
    /// The column concerned, when there is one.
    public var column: String?
    /// The offending cell value, when there is one.
    public var value: String?
    /// What is wrong, naming the column and quoting the value.
    public var reason: String

    public init(file: String, line: Int, column: String? = nil, value: String? = nil, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.value = value
        self.reason = reason
    }

    public var description: String { "\(file):\(line): \(reason)" }
}

/// Why a registry was refused: every issue found, sorted by file name then line (issues on
/// one line keep the order they were found in). A registry with any issue is rejected
/// whole; the caller keeps the previous registry in force (SPEC §2).
public struct RegistryRejection: Error, Sendable, Codable, Equatable, CustomStringConvertible {
    /// All issues, sorted by (file, line).
    public let issues: [RegistryIssue]

    public init(issues: [RegistryIssue]) {
        self.issues = issues.enumerated().sorted { a, b in
            if a.element.file != b.element.file { return a.element.file < b.element.file }
            if a.element.line != b.element.line { return a.element.line < b.element.line }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// One line, e.g. `registry rejected: 3 issues (enterprises.csv 1, points.csv 2)`.
    public var summary: String {
        var counts: [(file: String, count: Int)] = []
        for issue in issues {
            if let last = counts.last, last.file == issue.file {
                counts[counts.count - 1].count += 1
            } else {
                counts.append((issue.file, 1))
            }
        }
        let perFile = counts.map { "\($0.file) \($0.count)" }.joined(separator: ", ")
        return "registry rejected: \(issues.count) issue\(issues.count == 1 ? "" : "s") (\(perFile))"
    }

    /// The summary followed by one `file:line: reason` per line.
    public var report: String {
        ([summary] + issues.map(\.description)).joined(separator: "\n")
    }

    public var description: String { summary }
}
