import EngineFingerprint
import Foundation
import PEMSCore
import TestSupport
import Testing

/// `pems --version` and the run ledger name both the release version and the engine
/// fingerprint the binary was built with (issue 15); `pems runs diff` reports a change of it.
@Suite(.serialized) struct VersionCommandTests {
    /// The fingerprint of the sources in this checkout, computed here from the same files the
    /// build plugin hashes (every file under `Sources/<module>` of `EngineFingerprint.modules`).
    static func fingerprintOfTheseSources() throws -> String {
        let root = SharedFixture.repositoryRoot
        var files: [EngineFingerprint.SourceFile] = []
        for module in EngineFingerprint.modules {
            let dir = root.appendingPathComponent("Sources/\(module)")
            let walker = try #require(FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey],
                                                                      options: [.skipsHiddenFiles]))
            for case let url as URL in walker where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
                let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
                files.append(.init(path: relative, bytes: Array(try Data(contentsOf: url))))
            }
        }
        #expect(files.count > 100)
        return EngineFingerprint.fingerprint(of: files, schemaVersion: Schema.currentVersion)
    }

    @Test func versionPrintsTheReleaseAndTheFingerprintOfTheSourcesItWasBuiltFrom() throws {
        let r = try PEMSProcess.run(["--version"], timeout: 60)
        #expect(r.status == 0, "\(r.stderr)")
        let engine = try Self.fingerprintOfTheseSources()
        #expect(r.stdout == "pems 0.1.0 (engine \(engine.prefix(12)), schema \(Schema.currentVersion))\n")
    }

    @Test func theLedgerRecordsBothVersionsAndRunsDiffReportsAnEngineChange() throws {
        let dir = try JobCommandTests.prepared()
        defer { try? FileManager.default.removeItem(at: dir) }
        for _ in 0..<2 {
            let r = try PEMSProcess.run(JobCommandTests.nightly(["--inbox", "inbox"]), in: dir, timeout: 300)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let engine = try Self.fingerprintOfTheseSources()
        let show = try PEMSProcess.run(["--store", "s.db", "runs", "show", "2"], in: dir, timeout: 60)
        #expect(show.stdout.contains("\nrelease:      0.1.0\n"), "\(show.stdout)")
        #expect(show.stdout.contains("\nengine:       \(engine)\n"), "\(show.stdout)")
        let same = try PEMSProcess.run(["--store", "s.db", "runs", "diff", "1", "2"], in: dir, timeout: 60)
        #expect(!same.stdout.contains("engine fingerprint changed"), "\(same.stdout)")

        // Run 1 as if an older build (other computing code, same release) had made it.
        let older = String(repeating: "0", count: 64)
        let store = try Store(path: dir.appendingPathComponent("s.db").path)
        try store.db.run("UPDATE runs SET engine_version = ? WHERE run_id = 1", [older])
        let diff = try PEMSProcess.run(["--store", "s.db", "runs", "diff", "1", "2"], in: dir, timeout: 60)
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(diff.stdout.contains("\nengine fingerprint changed: 000000000000 → \(engine.prefix(12))\n"), "\(diff.stdout)")
        #expect(!diff.stdout.contains("release version changed"))
    }
}
