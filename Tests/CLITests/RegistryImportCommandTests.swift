import Foundation
import TestSupport
import Testing

/// `pems registry import`: what an accepted version brings in of the readings kept aside,
/// and the refusal of a version that drops too many points, on the real binary.
@Suite struct RegistryImportCommandTests {
    /// A copy of the conformance registry in `dir` with `points.csv` rows filtered.
    static func registry(in dir: URL, _ name: String, keepPoint: (String) -> Bool) throws -> String {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.copyItem(atPath: SharedFixture.path("conformance-spec2/registry"), toPath: url.path)
        let points = url.appendingPathComponent("points.csv")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: points.path)
        let lines = try String(contentsOf: points, encoding: .utf8).split(separator: "\n").map(String.init)
        try ((lines.prefix(1) + lines.dropFirst().filter(keepPoint)).joined(separator: "\n") + "\n")
            .write(to: points, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func importingAVersionThatKnowsAKeptAsideCodeSaysWhatItBroughtIn() throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let v1 = try Self.registry(in: dir, "v1") { !$0.hasPrefix("E001-pg1001,") }
        var r = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", "2024-06-01", v1], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        r = try PEMSProcess.run(["--store", "s.db", "load", SharedFixture.path("conformance-spec2/packets/2024-07-11.log"),
                                 SharedFixture.path("conformance-spec2/packets/2024-07-12.log")], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        // E001-pg1001 sends Pt, Ept and RS every minute: 3 × 1440 a day, less the packets lost.
        let kept = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("kept aside: ") })
        let n = try #require(Int(kept.dropFirst("kept aside: ".count).prefix { $0 != " " }.filter { $0 != "," }))
        #expect(n > 2 * 3 * 1400 && n <= 2 * 3 * 1440)
        r = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", "2024-06-01",
                                 SharedFixture.path("conformance-spec2/registry")], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        var grouped = ""   // 8625 → "8,625"
        for (i, c) in String(n).reversed().enumerated() { if i > 0 && i % 3 == 0 { grouped.append(",") }; grouped.append(c) }
        let formatted = String(grouped.reversed())
        #expect(r.stdout.contains("registry v2: \(formatted) readings kept aside brought in from 2 files\n"), "\(r.stdout)")
    }

    @Test func aVersionDroppingAFifthOfThePointsNeedsAllowShrink() throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var r = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", "2024-06-01",
                                     SharedFixture.path("conformance-spec2/registry")], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let small = try Self.registry(in: dir, "small") { !$0.contains(",sensor,") }
        r = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", "2024-07-01", small], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("points.csv:0: points.csv drops 7 of the 31 points of registry version 1, in force on 2024-07-01"), "\(r.stderr)")
        #expect(r.stderr.contains("--allow-shrink"))
        #expect(r.stderr.contains("version 1 stays in force"))
        r = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--allow-shrink", "--effective-from", "2024-07-01", small], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("registry version 2 imported"))
    }
}
