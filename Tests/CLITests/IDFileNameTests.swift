import Foundation
import TestSupport
import Testing

/// File and folder names made from registry ids (issue 14): a `response_id` of `R/1`, `..`
/// or one holding a control character is written as a safe name inside the out folder
/// (`FileName.safe`), so the assessment, the nightly of the response's last day and
/// `pems report response` succeed.
@Suite(.serialized) struct IDFileNameTests {
    static let templates = SharedFixture.repositoryRoot.appendingPathComponent("ReportTemplates").path
    static let slash = "R/1", dots = "..", control = "R\u{1}3"

    /// The conformance registry with its responses renamed `R/1` (07-03 08:00 – 07-04 08:00),
    /// `..` (07-09 12:00 – 07-11) and a copy of the second as `R\u{1}3`, imported, and the
    /// conformance packets loaded.
    static func prepared() throws -> URL {
        let dir = try PEMSProcess.tempDir()
        let registry = dir.appendingPathComponent("registry")
        try FileManager.default.copyItem(atPath: SharedFixture.path("conformance-spec2/registry"), toPath: registry.path)
        try """
            response_id,level,start,end,districts
            \(slash),yellow,2024-07-03 08:00,2024-07-04 08:00,130602
            \(dots),orange,2024-07-09 12:00,2024-07-11 00:00,
            \(control),orange,2024-07-09 12:00,2024-07-11 00:00,

            """.write(to: registry.appendingPathComponent("responses.csv"), atomically: true, encoding: .utf8)
        let targets = registry.appendingPathComponent("targets.csv")
        let text = try String(contentsOf: targets, encoding: .utf8).replacingOccurrences(of: "R20240709-O", with: dots)
        try text.write(to: targets, atomically: true, encoding: .utf8)
        let imported = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", "2024-06-01", registry.path], in: dir)
        #expect(imported.status == 0, "\(imported.stderr)")
        let loaded = try PEMSProcess.run(["--store", "s.db", "load", "--quiet", SharedFixture.path("conformance-spec2/packets")], in: dir, timeout: 300)
        #expect(loaded.status == 0, "\(loaded.stderr)")
        return dir
    }

    /// Every path under `folder` (relative, folders included), sorted.
    static func tree(_ folder: URL) -> [String] {
        (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).sorted()
    }

    /// The names in `paths` that a safe name never is: hidden, `..`, with a control character.
    static func unsafeNames(_ paths: [String]) -> [String] {
        paths.flatMap { $0.split(separator: "/").map(String.init) }.filter { name in
            name.hasPrefix(".") || name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }
        }
    }

    @Test func reportResponseWritesAnIDWithSlashDotsOrAControlCharacterAsASafeNameInTheOutFolder() throws {
        let dir = try Self.prepared()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = Self.tree(dir).filter { !$0.hasPrefix("registry") && !$0.hasPrefix("s.db") }
        var written: [String] = []
        for id in [Self.slash, Self.dots, Self.control] {
            let r = try PEMSProcess.run(["--store", "s.db", "report", "response", "--response", id, "--out", "rep",
                                         "--templates", Self.templates], in: dir, timeout: 300)
            #expect(r.status == 0, "\(id): exit \(r.status): \(r.stderr)")
            written = Self.tree(dir.appendingPathComponent("rep"))
        }
        #expect(written.count == 3, "\(written)")
        #expect(written.allSatisfy { !$0.contains("/") && $0.hasPrefix("应急减排评估_") && $0.hasSuffix(".xlsx") }, "\(written)")
        #expect(Self.unsafeNames(written).isEmpty, "\(written)")
        // Nothing was written beside the out folder.
        let after = Self.tree(dir).filter { !$0.hasPrefix("registry") && !$0.hasPrefix("s.db") && !$0.hasPrefix("rep") }
        #expect(after == before.filter { !$0.hasPrefix("rep") }, "\(after)")
    }

    @Test func assessAndTheNightlyOfTheLastDayWriteEachResponseInItsOwnSafeFolder() throws {
        let dir = try Self.prepared()
        defer { try? FileManager.default.removeItem(at: dir) }
        let assess = try PEMSProcess.run(["--store", "s.db", "assess", "--response", Self.slash, "--response", Self.dots,
                                          "--response", Self.control, "--out", "out", "--templates", Self.templates],
                                         in: dir, timeout: 300)
        #expect(assess.status == 0 || assess.status == 3, "exit \(assess.status): \(assess.stderr)")
        let responses = Self.tree(dir.appendingPathComponent("out/responses"))
        let folders = responses.filter { !$0.contains("/") }
        #expect(folders.count == 3, "\(responses)")
        #expect(responses.filter { $0.hasSuffix(".xlsx") }.count == 3, "\(responses)")
        #expect(Self.unsafeNames(responses).isEmpty, "\(responses)")

        let nightly = try PEMSProcess.run(["--store", "s.db", "nightly", "--date", "2024-07-04", "--no-load", "--out", "night",
                                           "--templates", Self.templates], in: dir, timeout: 300)
        #expect(nightly.status == 0 || nightly.status == 3, "exit \(nightly.status): \(nightly.stderr)")
        let night = Self.tree(dir.appendingPathComponent("night"))
        let workbooks = night.filter { $0.hasPrefix("responses/") && $0.hasSuffix(".xlsx") }
        #expect(workbooks.count == 1 && workbooks.first?.hasPrefix("responses/R_1") == true, "\(night)")
        #expect(Self.unsafeNames(night.filter { !$0.hasPrefix(".staging") }).isEmpty, "\(night)")
    }
}
