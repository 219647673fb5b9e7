import Foundation
import Testing

/// SQL lives in the store (`Sources/PEMSCore/Store`): every other module asks the store's
/// typed methods, so a table's columns are named in one place (issue 15).
@Suite struct SQLPlacementTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// Statements as they start in a string literal, and the connection's SQL entry points.
    static let sql = #"\b(SELECT|INSERT INTO|DELETE FROM|UPDATE [a-z_]+ SET|PRAGMA|CREATE TABLE|ALTER TABLE)\b|\.db\.(statement|run|execute|scalarInt)\("#

    /// `file:line: text` of every line outside the store's folder that holds SQL (comments aside).
    static func linesWithSQL() throws -> [String] {
        var out: [String] = []
        let store = sources.appendingPathComponent("PEMSCore/Store").path + "/"
        let walker = try #require(FileManager.default.enumerator(atPath: sources.path))
        for case let relative as String in walker where relative.hasSuffix(".swift") {
            let path = sources.appendingPathComponent(relative).path
            guard !path.hasPrefix(store) else { continue }
            let text = try String(contentsOfFile: path, encoding: .utf8)
            for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                guard !code.hasPrefix("//"), code.range(of: sql, options: .regularExpression) != nil else { continue }
                out.append("\(relative):\(i + 1): \(code)")
            }
        }
        return out.sorted()
    }

    @Test func noModuleOutsideTheStoreWritesSQL() throws {
        let found = try Self.linesWithSQL()
        #expect(found.isEmpty, "SQL outside Sources/PEMSCore/Store:\n\(found.joined(separator: "\n"))")
    }

    /// The scan itself finds SQL where there is some (else the test above could not fail).
    @Test func theScanFindsTheStoresOwnSQL() throws {
        let text = try String(contentsOf: Self.sources.appendingPathComponent("PEMSCore/Store/Store+Readings.swift"), encoding: .utf8)
        #expect(text.range(of: Self.sql, options: .regularExpression) != nil)
    }
}
