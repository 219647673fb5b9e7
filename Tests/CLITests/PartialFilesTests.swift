import Foundation
import Testing

/// Issue 14, partial files: a command that fails or is killed half way leaves none of its new
/// files visible and the old ones as they were; the hidden files a killed write leaves
/// (`.facility_day.csv.tmp`, Foundation's `.dat.nosync…`, `.日报_….xlsx.tmp`, staging folders)
/// are removed by the next command writing into that folder, which names them.
@Suite(.serialized) struct PartialFilesTests {
    /// Every entry under `folder`, hidden ones and folders included (relative path → bytes;
    /// folders as empty data with a trailing `/`).
    static func everything(_ folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let rel = walker?.nextObject() as? String {
            var isDir: ObjCBool = false
            let path = folder.appendingPathComponent(rel).path
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { continue }
            result[isDir.boolValue ? rel + "/" : rel] = isDir.boolValue ? Data() : FileManager.default.contents(atPath: path)
        }
        return result
    }

    /// The hidden entries under `folder` (relative paths).
    static func hidden(_ folder: URL) -> [String] {
        everything(folder).keys.filter { $0.split(separator: "/").contains { $0.hasPrefix(".") } }.sorted()
    }

    /// A store with the conformance registry and 2024-07-11 and 07-12 loaded, and `out/` holding
    /// the exports (or brief) of 07-12 alone: the old set a later command must not spoil.
    static func withOldSet(_ command: String) throws -> URL {
        let dir = try HugeStoredValueTests.store(huge: false)
        let r = try PEMSProcess.run(["--store", "s.db", command, "--from", "2024-07-12", "--out", "out"], in: dir, timeout: 300)
        #expect(r.status == 0, "\(r.stderr)")
        return dir
    }

    /// The files the same command writes for 07-11…07-12, into a folder of their own (what the
    /// old set must be told apart from: a mix of the two would show).
    static func reference(_ command: String, in dir: URL) throws -> [String: Data] {
        let r = try PEMSProcess.run(["--store", "s.db", command, "--from", "2024-07-11", "--to", "2024-07-12", "--out", "reference"],
                                    in: dir, timeout: 300)
        #expect(r.status == 0, "\(r.stderr)")
        return everything(dir.appendingPathComponent("reference"))
    }

    static let twoDays = ["--from", "2024-07-11", "--to", "2024-07-12", "--out", "out"]

    @Test func aFailedExportLeavesTheOldFilesAsTheyWereAndNoneOfItsNewOnes() throws {
        let dir = try Self.withOldSet("export")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        try Data("kept".utf8).write(to: out.appendingPathComponent("notes.txt"))
        let before = Self.everything(out)
        let reference = try Self.reference("export", in: dir)
        #expect(reference["events.csv"] != before["events.csv"] || reference["facility_day.csv"] != before["facility_day.csv"])

        let r = try PEMSProcess.run(["--store", "s.db", "export"] + Self.twoDays, in: dir, timeout: 300,
                                    environment: ["PEMS_FAIL_AT": "wrote district_day.csv"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("PEMS_FAIL_AT"), "\(r.stderr)")
        #expect(!r.stdout.contains("wrote:"), "\(r.stdout)")
        let after = Self.everything(out)
        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
        #expect(changed.isEmpty, "\(changed)")
    }

    @Test func aFailedBriefLeavesTheOldFilesAsTheyWereAndNoneOfItsNewOnes() throws {
        let dir = try Self.withOldSet("brief")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let before = Self.everything(out)
        #expect(before["brief.pdf"] != nil)
        let reference = try Self.reference("brief", in: dir)
        #expect(reference["brief.pdf"] != before["brief.pdf"])

        let r = try PEMSProcess.run(["--store", "s.db", "brief"] + Self.twoDays, in: dir, timeout: 300,
                                    environment: ["PEMS_FAIL_AT": "wrote alarms.png"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("alarms.png"), "\(r.stderr)")
        let after = Self.everything(out)
        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
        #expect(changed.isEmpty, "\(changed)")
    }

    @Test func aFolderWhereAnExportedFileGoesStopsTheExportBeforeAnyFileIsReplaced() throws {
        let dir = try Self.withOldSet("export")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        try FileManager.default.removeItem(at: out.appendingPathComponent("dq.csv"))
        try FileManager.default.createDirectory(at: out.appendingPathComponent("dq.csv"), withIntermediateDirectories: true)
        try Data("someone's".utf8).write(to: out.appendingPathComponent("dq.csv/notes.txt"))
        let before = Self.everything(out)

        let r = try PEMSProcess.run(["--store", "s.db", "export"] + Self.twoDays, in: dir, timeout: 300)
        #expect(r.status == 1)
        #expect(r.stderr.contains("dq.csv"), "\(r.stderr)")
        let after = Self.everything(out)
        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
        #expect(changed.isEmpty, "\(changed)")
    }

    @Test func theHiddenFilesOfAKilledExportAreRemovedByTheNextRunWhichNamesThem() throws {
        let dir = try Self.withOldSet("export")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let before = Self.everything(out)
        let reference = try Self.reference("export", in: dir)

        // Killed (SIGKILL) just after facility_day.csv was written: nothing new may show.
        let killed = try PEMSProcess.run(["--store", "s.db", "export"] + Self.twoDays, in: dir, timeout: 300,
                                         environment: ["PEMS_FAIL_AT": "kill:wrote facility_day.csv"])
        #expect(killed.status == -9)
        let visible = { (files: [String: Data]) in files.filter { !$0.key.split(separator: "/").contains { $0.hasPrefix(".") } } }
        #expect(visible(Self.everything(out)) == visible(before))
        // What a kill left before writes were staged (an earlier version), an hour ago.
        let legacy = [".facility_day.csv.tmp", ".dat.nosync5B0C.QCpBZc"]
        for name in legacy {
            let url = out.appendingPathComponent(name)
            try Data("half".utf8).write(to: url)
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: url.path)
        }
        let leftBehind = Self.hidden(out)
        #expect(leftBehind.contains { $0.hasPrefix(".staging/export-pid") }, "\(leftBehind)")

        let next = try PEMSProcess.run(["--store", "s.db", "export"] + Self.twoDays, in: dir, timeout: 300)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(Self.hidden(out).isEmpty, "\(Self.hidden(out))")
        for name in legacy { #expect(next.stderr.contains("removed \(out.path)/\(name)"), "\(next.stderr)") }
        #expect(next.stderr.contains("removed \(out.path)/.staging/export-pid"), "\(next.stderr)")
        #expect(Self.everything(out) == reference)
    }

    @Test func aNightlyRemovesTheHiddenTemporaryFilesLeftInItsFoldersAndNamesThem() throws {
        let dir = try JobCommandTests.prepared()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        // A staging folder of a run that is gone (this test's pid, started at another time),
        // and what killed writes of an earlier version left in the job's folders an hour ago.
        let left = [".staging/run-99-pid\(getpid())-1/daily/2024-07-11/brief.pdf",
                    "daily/2024-07-10/.日报_2024-07-10.xlsx.tmp",
                    "weekly/2024-07-08/.dat.nosync1A2B.c3D4e5",
                    ".facility_day.csv.tmp"]
        for rel in left {
            let url = out.appendingPathComponent(rel)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("half".utf8).write(to: url)
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: url.path)
        }
        let r = try PEMSProcess.run(JobCommandTests.nightly(["--inbox", "inbox"]), in: dir, timeout: 600)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.hidden(out).isEmpty, "\(Self.hidden(out))")
        for rel in left.dropFirst() { #expect(r.stderr.contains(rel), "\(rel): \(r.stderr)") }
        #expect(r.stderr.contains(".staging/run-99-pid\(getpid())-1"), "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("daily/2024-07-12/brief.pdf").path))
    }
}
