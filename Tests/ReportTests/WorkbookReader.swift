import Foundation

/// A workbook as openpyxl reads it (`read_workbook.py`): the tests check what a real reader
/// sees, not what the writer meant to write.
struct ReadWorkbook {
    struct Cell { let value: Any?; let format: String; let type: String
        var string: String? { value as? String }
        var number: Double? { (value as? NSNumber).map(\.doubleValue) }
    }
    struct Sheet {
        let name: String
        let freeze: String?
        let filter: String?
        let hidden: [String]
        let conditional: [String]
        /// The formulas of the conditional-format rules, in the order written.
        let rules: [String]
        let charts: [String]
        let rows: [[Cell]]

        /// The header row (the first row whose first cell is followed by the data; row 6 with title rows).
        func row(_ n: Int) -> [Cell] { n - 1 < rows.count ? rows[n - 1] : [] }
        var headers: [String] { row(6).map { $0.string ?? "" } }
        /// Data rows below the header at row 6.
        var data: [[Cell]] { Array(rows.dropFirst(6)) }
        func column(_ header: String) -> Int? { headers.firstIndex(of: header) }
    }
    let created: String?
    let sheets: [Sheet]

    func sheet(_ name: String) -> Sheet? { sheets.first { $0.name == name } }

    /// The interpreter with openpyxl: `PEMS_PYTHON`, else /usr/bin/python3 (Jobs/setup installs
    /// python3-openpyxl for it; a pyenv `python3` on PATH may lack it).
    static var python: String { ProcessInfo.processInfo.environment["PEMS_PYTHON"] ?? "/usr/bin/python3" }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("read_workbook.py").path

    struct ReaderMissing: Error, CustomStringConvertible {
        let description: String
    }

    static func read(_ url: URL) throws -> ReadWorkbook {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [script, url.path]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        if p.terminationStatus != 0 {
            if errText.contains("No module named 'openpyxl'") {
                throw ReaderMissing(description: "\(python) has no openpyxl: run Jobs/setup (apt python3-openpyxl) or set PEMS_PYTHON")
            }
            throw ReaderMissing(description: "read_workbook.py failed on \(url.path): \(errText)")
        }
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let sheets = json["sheets"] as? [[String: Any]] else { throw ReaderMissing(description: "bad reader output") }
        return ReadWorkbook(created: json["created"] as? String, sheets: sheets.map { s in
            Sheet(name: s["name"] as? String ?? "", freeze: s["freeze"] as? String, filter: s["filter"] as? String,
                  hidden: s["hidden"] as? [String] ?? [], conditional: s["conditional"] as? [String] ?? [],
                  rules: s["rules"] as? [String] ?? [],
                  charts: s["charts"] as? [String] ?? [],
                  rows: (s["rows"] as? [[[String: Any]]] ?? []).map { row in
                      row.map { c in Cell(value: c["v"] is NSNull ? nil : c["v"], format: c["f"] as? String ?? "", type: c["t"] as? String ?? "") }
                  })
        })
    }
}

/// Rows of a CSV export (no quoted commas in the columns the tests read).
func csvRows(_ url: URL) throws -> [[String: String]] {
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) else { return [] }
    return lines.dropFirst().map { line in
        let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var row: [String: String] = [:]
        for (i, h) in header.enumerated() where i < cells.count { row[h] = cells[i] }
        return row
    }
}
