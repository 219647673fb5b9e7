import Foundation

/// The comparison rule of `../shared/conformance-spec2/README.md`: rows match by the SPEC §12
/// key columns (rows sharing a key — `revisions.csv`'s load order — match in file order), both
/// files hold the same keys, and matched cells are equal — numbers within
/// |a − b| ≤ 1e-9 or ≤ 1e-6 × max(|a|, |b|), everything else as exact text, empty only
/// matching empty.
struct ExportComparison {
    static let keys: [String: [String]] = [
        "events.csv": ["rule", "enterprise_id", "facility_id", "start"],
        "facility_day.csv": ["date", "facility_id"],
        "enterprise_day.csv": ["date", "enterprise_id"],
        "district_day.csv": ["date", "district_code"],
        "dq.csv": ["date", "point_id", "enterprise_id", "check"],
        "allocation.csv": ["response_id", "enterprise_id"],
        "reduction.csv": ["response_id", "date", "enterprise_id"],
        "revisions.csv": ["mn", "code", "param", "time"],
    ]

    /// Human-readable differences; empty when the files match. `columns` limits the cells
    /// compared (keys are always compared).
    static func differences(expected: String, actual: String, file: String, columns: Set<String>? = nil) throws -> [String] {
        guard let key = keys[file] else { return ["no key columns known for \(file)"] }
        let e = try table(expected), a = try table(actual)
        var out: [String] = []
        let eRows = try index(e, key, file: "expected/\(file)"), aRows = try index(a, key, file: file)
        for k in eRows.keys.sorted(by: { $0.joined(separator: "|") < $1.joined(separator: "|") }) where aRows[k] == nil {
            out.append("\(file): missing row \(k.joined(separator: ", "))")
        }
        for k in aRows.keys.sorted(by: { $0.joined(separator: "|") < $1.joined(separator: "|") }) where eRows[k] == nil {
            out.append("\(file): extra row \(k.joined(separator: ", "))")
        }
        for (k, er) in eRows {
            guard let ar = aRows[k] else { continue }
            for (column, ev) in er where columns == nil || columns!.contains(column) || key.contains(column) {
                guard let av = ar[column] else { out.append("\(file): column \(column) missing"); continue }
                if !cellsMatch(ev, av) {
                    out.append("\(file) [\(k.joined(separator: ", "))] \(column): expected '\(ev)', got '\(av)'")
                }
            }
        }
        return out.sorted()
    }

    static func cellsMatch(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard !a.isEmpty, !b.isEmpty, let x = Double(a), let y = Double(b) else { return false }
        let d = abs(x - y)
        return d <= 1e-9 || d <= 1e-6 * max(abs(x), abs(y))
    }

    /// Header + rows of a CSV file (quoted cells supported).
    static func table(_ path: String) throws -> (header: [String], rows: [[String]]) {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = parse(text)
        guard !lines.isEmpty else { return ([], []) }
        let header = lines.removeFirst()
        return (header, lines.filter { !($0.count == 1 && $0[0].isEmpty) })
    }

    static func index(_ t: (header: [String], rows: [[String]]), _ key: [String], file: String) throws -> [[String]: [String: String]] {
        var out: [[String]: [String: String]] = [:]
        for row in t.rows {
            var dict: [String: String] = [:]
            for (i, h) in t.header.enumerated() { dict[h] = i < row.count ? row[i] : "" }
            // A key seen before gets its ordinal: rows sharing a key match in file order, and a
            // repeated key is never hidden by overwriting the first.
            var k = key.map { dict[$0] ?? "" }
            let base = k
            var n = 1
            while out[k] != nil { n += 1; k = base + ["#\(n)"] }
            out[k] = dict
        }
        return out
    }

    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], cell = ""
        var quoted = false
        var it = Array(text.unicodeScalars.map(Character.init))[...]
        while let c = it.popFirst() {
            if quoted {
                if c == "\"" { if it.first == "\"" { cell.append("\""); it.removeFirst() } else { quoted = false } } else { cell.append(c) }
            } else if c == "\"" { quoted = true
            } else if c == "," { row.append(cell); cell = ""
            } else if c == "\n" || c == "\r\n" { row.append(cell); rows.append(row); row = []; cell = ""
            } else if c == "\r" { continue
            } else { cell.append(c) }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows
    }
}
