import Foundation

/// The files `ChartFiles` (or `Chart.write`) wrote and the text warnings of all of them, each
/// text once however many files draw it (an enterprise name is in the brief, its heat map and
/// its map): what `pems brief`/`evidence` print on stderr and the jobs log (issue 13).
public struct WrittenCharts: Sendable {
    public var files: [URL] = []
    public private(set) var warnings: [TextWarning] = []

    public init() {}

    /// Adds a written file and its warnings.
    mutating func add(_ file: URL, _ newWarnings: [TextWarning]) {
        files.append(file)
        add(newWarnings)
    }

    /// Adds the files and warnings of another write.
    mutating func add(_ other: WrittenCharts) {
        files += other.files
        add(other.warnings)
    }

    private mutating func add(_ newWarnings: [TextWarning]) {
        for w in newWarnings where !warnings.contains(where: { $0.text == w.text }) { warnings.append(w) }
    }
}
