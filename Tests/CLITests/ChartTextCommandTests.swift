import Foundation
import TestSupport
import Testing

/// `pems brief` and `pems evidence` with registry names no font can fully draw (issue 13): the
/// files are published (exit 0) and stderr names each text and what was replaced, with the
/// control characters escaped.
@Suite struct ChartTextCommandTests {
    static let registry = SharedFixture.path("conformance-spec2/registry")
    static let packets = SharedFixture.path("conformance-spec2/packets")

    /// The conformance registry with ESC and an RLO in every enterprise name.
    static func registryWithControlCharacters(in dir: URL) throws -> URL {
        let copy = dir.appendingPathComponent("registry", isDirectory: true)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: registry, isDirectory: true), to: copy)
        let file = copy.appendingPathComponent("enterprises.csv")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let renamed = lines.enumerated().map { i, line -> String in
            guard i > 0, !line.isEmpty else { return String(line) }
            var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[1] = "华\u{1B}[31m\u{202E}" + cells[1]
            return cells.joined(separator: ",")
        }
        try Data(renamed.joined(separator: "\n").utf8).write(to: file)
        return copy
    }

    @Test func briefAndEvidenceWithControlCharactersInNamesArePublishedWithWarningsOnStderr() throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = try Self.registryWithControlCharacters(in: dir)
        let imported = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", "2024-06-01", registry.path], in: dir)
        #expect(imported.status == 0, "\(imported.stderr)")
        _ = try PEMSProcess.run(["--store", "s.db", "load", "--quiet", Self.packets + "/2024-07-11.log",
                                 Self.packets + "/2024-07-12.log"], in: dir)
        let brief = try PEMSProcess.run(["--store", "s.db", "brief", "--from", "2024-07-12", "--out", "b"], in: dir)
        let pack = try PEMSProcess.run(["--store", "s.db", "evidence", "--from", "2024-07-12", "--date", "2024-07-12", "--out", "e"], in: dir)
        for (r, file) in [(brief, "b/brief.pdf"), (pack, "e/evidence-2024-07-12.pdf")] {
            #expect(r.status == 0, "\(r.stderr)")
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path))
            let warnings = r.stderr.split(separator: "\n").filter { $0.hasPrefix("pems: warning: text '") }
            #expect(!warnings.isEmpty, "\(r.stderr)")
            for w in warnings {
                #expect(w.contains("华\\u{1B}[31m\\u{202E}"), "\(w)")
                #expect(w.hasSuffix("' has characters no installed font can draw (U+001B, U+202E): drawn as U+FFFD"), "\(w)")
            }
            // Nothing raw reaches the terminal.
            #expect(!r.stderr.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" })
        }
    }
}
