import Foundation
import PEMSCore

/// A CSV file as SPEC §12 writes them: UTF-8, a header row, `\n` line ends, cells quoted
/// only when they hold a comma, quote or line break.
public struct CSVExport {
    public let header: [String]
    public private(set) var rows: [[String]] = []

    public init(header: [String]) { self.header = header }

    public mutating func append(_ cells: [String]) {
        precondition(cells.count == header.count, "row has \(cells.count) cells, header \(header.count)")
        rows.append(cells)
    }

    public var text: String {
        var s = ""
        for line in [header] + rows {
            s += line.map(CSVCell.escaped).joined(separator: ",")
            s += "\n"
        }
        return s
    }

    /// Cell text of an optional number: empty = not applicable / not available.
    public static func number(_ x: Double?) -> String { x.map(ExportNumber.format) ?? "" }
    public static func integer(_ x: Int?) -> String { x.map(String.init) ?? "" }
}
