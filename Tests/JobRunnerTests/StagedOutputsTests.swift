import Foundation
@testable import JobRunner
import PEMSCore
import Testing

/// Publishing a run's files (SPEC §11: outputs written under a temporary name and renamed).
@Suite struct StagedOutputsTests {
    @Test func publishingReplacesFilesAndRemovesWhatTheRunNoLongerWritesInItsFoldersOnly() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("pems-staged-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let fm = FileManager.default
        // An earlier run's day folder: a report and an evidence page of an event that is gone now.
        try fm.createDirectory(at: out.appendingPathComponent("daily/2026-07-05"), withIntermediateDirectories: true)
        try Data("old report".utf8).write(to: out.appendingPathComponent("daily/2026-07-05/report.xlsx"))
        try Data("old event".utf8).write(to: out.appendingPathComponent("daily/2026-07-05/evidence-X.png"))
        try fm.createDirectory(at: out.appendingPathComponent("daily/2026-07-04"), withIntermediateDirectories: true)
        try Data("other day".utf8).write(to: out.appendingPathComponent("daily/2026-07-04/report.xlsx"))

        let staged = try StagedOutputs(out: out, runID: 7)
        let step = JobStep.day(Day("2026-07-05")!)
        let dir = try staged.folder(step)
        try Data("new report".utf8).write(to: dir.appendingPathComponent("report.xlsx"))
        let files = try staged.files()
        #expect(files.map(\.path) == ["daily/2026-07-05/report.xlsx"])
        #expect(files.first?.sha256 == ContentHash.sha256(Data("new report".utf8)))
        try staged.publish(steps: [OutputLayout.folder(of: step)])

        #expect(try String(contentsOf: out.appendingPathComponent("daily/2026-07-05/report.xlsx"), encoding: .utf8) == "new report")
        #expect(!fm.fileExists(atPath: out.appendingPathComponent("daily/2026-07-05/evidence-X.png").path))
        #expect(fm.fileExists(atPath: out.appendingPathComponent("daily/2026-07-04/report.xlsx").path))
        #expect(!fm.fileExists(atPath: out.appendingPathComponent(".staging").path))
    }

    /// The alarm feed's folder holds every day's file: a run's files join it one by one,
    /// replacing a file of the same day and leaving the other days' files.
    @Test func filesOfAJoiningFolderReplaceTheirNamesAndLeaveTheFolderIsOtherFiles() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("pems-staged-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let fm = FileManager.default
        try fm.createDirectory(at: out.appendingPathComponent("alarms"), withIntermediateDirectories: true)
        try Data("day 4\n".utf8).write(to: out.appendingPathComponent("alarms/alarms_2026-07-04.jsonl"))
        try Data("old day 5\n".utf8).write(to: out.appendingPathComponent("alarms/alarms_2026-07-05.jsonl"))
        let staged = try StagedOutputs(out: out, runID: 9)
        let step = JobStep.day(Day("2026-07-05")!)
        try Data("report".utf8).write(to: try staged.folder(step).appendingPathComponent("report.xlsx"))
        try fm.createDirectory(at: staged.staging.appendingPathComponent("alarms"), withIntermediateDirectories: true)
        try Data("new day 5\n".utf8).write(to: staged.staging.appendingPathComponent(OutputLayout.alarmFile(Day("2026-07-05")!)))
        #expect(try staged.files().map(\.path) == ["alarms/alarms_2026-07-05.jsonl", "daily/2026-07-05/report.xlsx"])
        try staged.publish(steps: [OutputLayout.folder(of: step)], joining: [OutputLayout.alarms])
        #expect(try String(contentsOf: out.appendingPathComponent("alarms/alarms_2026-07-05.jsonl"), encoding: .utf8) == "new day 5\n")
        #expect(try String(contentsOf: out.appendingPathComponent("alarms/alarms_2026-07-04.jsonl"), encoding: .utf8) == "day 4\n")
        #expect(fm.fileExists(atPath: out.appendingPathComponent("daily/2026-07-05/report.xlsx").path))
        #expect(!fm.fileExists(atPath: out.appendingPathComponent(".staging").path))
    }

    @Test func aFolderWhereAnAlarmFileGoesStopsThePublishBeforeAnythingMoves() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("pems-staged-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let fm = FileManager.default
        try fm.createDirectory(at: out.appendingPathComponent("alarms/alarms_2026-07-05.jsonl"), withIntermediateDirectories: true)
        let staged = try StagedOutputs(out: out, runID: 10)
        let step = JobStep.day(Day("2026-07-05")!)
        try Data("report".utf8).write(to: try staged.folder(step).appendingPathComponent("report.xlsx"))
        try fm.createDirectory(at: staged.staging.appendingPathComponent("alarms"), withIntermediateDirectories: true)
        try Data("x\n".utf8).write(to: staged.staging.appendingPathComponent(OutputLayout.alarmFile(Day("2026-07-05")!)))
        #expect(throws: JobError.self) { try staged.publish(steps: [OutputLayout.folder(of: step)], joining: [OutputLayout.alarms]) }
        #expect(!fm.fileExists(atPath: out.appendingPathComponent("daily/2026-07-05").path))
        staged.discard()
    }

    @Test func aDiscardedRunLeavesThePublishedFilesAsTheyWere() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("pems-staged-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        try FileManager.default.createDirectory(at: out.appendingPathComponent("daily/2026-07-05"), withIntermediateDirectories: true)
        try Data("old".utf8).write(to: out.appendingPathComponent("daily/2026-07-05/report.xlsx"))
        let staged = try StagedOutputs(out: out, runID: 8)
        try Data("half".utf8).write(to: try staged.folder(.day(Day("2026-07-05")!)).appendingPathComponent("report.xlsx"))
        staged.discard()
        #expect(try String(contentsOf: out.appendingPathComponent("daily/2026-07-05/report.xlsx"), encoding: .utf8) == "old")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(".staging").path))
    }

    /// The regular, visible files of a folder (name → SHA-256 of the bytes), as a reader on
    /// a share sees them: list, then open each by name. A file listed but gone before it is
    /// read counts as `gone`, so a snapshot taken across a change is never a clean set.
    static func snapshot(_ folder: URL) -> [String: String] {
        var set: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where !name.hasPrefix(".") {
            let path = folder.appendingPathComponent(name).path
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else { continue }
            set[name] = FileManager.default.contents(atPath: path).map { ContentHash.sha256($0) } ?? "gone"
        }
        return set
    }

    /// Snapshots a reader thread took, each when the publisher paused for it.
    final class ReaderLog: @unchecked Sendable {
        var snapshots: [[String: String]] = []
        var stop = false
    }

    @Test func aReaderListingAndHashingTheFolderWhilePublishRunsSeesTheOldSetOrTheNewNeverAMix() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("pems-staged-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let step = JobStep.day(Day("2026-07-05")!)
        let folder = out.appendingPathComponent(OutputLayout.folder(of: step))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The published set of an earlier run: the 日报, a JSON and an event's page the new run no longer finds.
        for (name, text) in [("日报_2026-07-05.xlsx", "old report"), ("abnormal_2026-07-05.json", "old json"),
                             ("evidence-A.png", "old event A")] {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        let oldSet = Self.snapshot(folder)
        let staged = try StagedOutputs(out: out, runID: 9)
        let dir = try staged.folder(step)
        var newSet: [String: String] = [:]
        for (name, text) in [("日报_2026-07-05.xlsx", "new report"), ("abnormal_2026-07-05.json", "new json"),
                             ("evidence-B.png", "new event B"), ("brief.pdf", "new brief")] {
            try Data(text.utf8).write(to: dir.appendingPathComponent(name))
            newSet[name] = ContentHash.sha256(Data(text.utf8))
        }

        // The reader takes a snapshot each time the publisher pauses after a rename, so every
        // state publishing passes through is looked at (no timing involved).
        let log = ReaderLog()
        let ask = DispatchSemaphore(value: 0), answered = DispatchSemaphore(value: 0)
        let reader = Thread {
            while true {
                ask.wait()
                if log.stop { answered.signal(); return }
                log.snapshots.append(Self.snapshot(folder))
                answered.signal()
            }
        }
        reader.start()
        try staged.publish(steps: [OutputLayout.folder(of: step)]) { _ in
            ask.signal()
            answered.wait()
        }
        log.stop = true
        ask.signal()
        answered.wait()

        #expect(!log.snapshots.isEmpty)
        for (i, seen) in log.snapshots.enumerated() {
            #expect(seen == oldSet || seen == newSet, "snapshot \(i) is a mix: \(seen.keys.sorted())")
        }
        #expect(Self.snapshot(folder) == newSet)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(".staging").path))
    }

    @Test func publishingKeepsAFolderSomeoneElsePutInAStepFolder() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("pems-staged-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let notes = out.appendingPathComponent("daily/2026-07-05/notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try Data("checked on site".utf8).write(to: notes.appendingPathComponent("visit.txt"))
        let staged = try StagedOutputs(out: out, runID: 10)
        try Data("new".utf8).write(to: try staged.folder(.day(Day("2026-07-05")!)).appendingPathComponent("brief.pdf"))
        try staged.publish(steps: ["daily/2026-07-05"])
        #expect(try String(contentsOf: notes.appendingPathComponent("visit.txt"), encoding: .utf8) == "checked on site")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("daily/2026-07-05/brief.pdf").path))
    }

    /// Makes `relative` under `out` (and its folders) with `text`, last modified `age` seconds ago.
    static func make(_ out: URL, _ relative: String, _ text: String = "x", age: TimeInterval = 3600) throws {
        let url = out.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -age)], ofItemAtPath: url.path)
    }

    @Test func hiddenTemporaryFilesAndStagingOfWritersThatNoLongerRunAreRemovedAndNamed() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("pems-staged-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let me = StagingOwner.current
        // This pid with another start time: a process that has ended (its pid reused by us).
        let gone = StagingOwner(pid: me.pid, startTicks: me.startTicks + 1)
        let deadStaging = ".staging/" + gone.folderName("export")
        try Self.make(out, deadStaging + "/.facility_day.csv.tmp", age: 0)
        try Self.make(out, ".staging/run-3/daily/2026-07-04/brief.pdf")          // an earlier version's, unnamed owner
        // Left by writes that were killed before staging existed: Foundation's atomic writes
        // (`.dat.nosync…`), CSVFile's and the workbook writer's temporary names.
        let temporary = [".dat.nosync5B0C.QCpBZc", ".facility_day.csv.tmp", "daily/2026-07-05/.日报_2026-07-05.xlsx.tmp",
                         "weekly/2026-06-29/.dat.nosync12AB.x7Yz9Q", "responses/R1/.应急减排评估_R1.xlsx.tmp"]
        for t in temporary { try Self.make(out, t) }
        // Not leftovers: a hidden file of another name, a visible `.tmp`, a report.
        let kept = [".notes", "report.tmp", "daily/2026-07-05/日报_2026-07-05.xlsx"]
        for k in kept { try Self.make(out, k) }

        let removed = StagedOutputs.removeLeftovers(out: out, layoutFolders: true)
        #expect(Set(removed.map(\.path)) == Set([deadStaging, ".staging/run-3"] + temporary), "\(removed)")
        #expect(removed.first { $0.path == deadStaging }?.reason.contains("pid \(me.pid)") == true)
        for t in temporary { #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(t).path), "\(t)") }
        for k in kept { #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(k).path), "\(k)") }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(".staging").path))
    }

    @Test func theStagingOfAWriterStillRunningAndATemporaryFileJustWrittenAreLeftAlone() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("pems-staged-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        // A `pems brief` on another store writing into the same folder right now (this process),
        // and a temporary file whose writer may still be at work.
        let live = ".staging/" + StagingOwner.current.folderName("brief") + "/brief.pdf"
        try Self.make(out, live, age: 7200)
        try Self.make(out, ".brief.pdf.tmp", age: 5)
        #expect(StagedOutputs.removeLeftovers(out: out, layoutFolders: true).isEmpty)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(live).path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(".brief.pdf.tmp").path))
    }

    @Test func aStagingFolderNameCarriesItsOwnerAndTellsALiveOneFromAGoneOne() {
        let me = StagingOwner.current
        #expect(me.startTicks > 0)
        let name = me.folderName("run-12")
        #expect(StagingOwner.parse(name)?.label == "run-12")
        #expect(StagingOwner.parse(name)?.owner == me)
        #expect(me.isAlive)
        #expect(!StagingOwner(pid: me.pid, startTicks: me.startTicks + 1).isAlive)
        #expect(StagingOwner.parse("run-12") == nil)
        #expect(StagingOwner.parse("pid12-34") == nil)
    }

    @Test func somethingInTheWayOfAnyStepFolderStopsThePublishBeforeAFolderMoves() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("pems-staged-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        try Self.make(out, "daily/2026-07-05/brief.pdf", "old day")
        try Self.make(out, "weekly/2026-06-29", "a file where the week's folder goes")
        let staged = try StagedOutputs(out: out, runID: 11)
        try Data("new day".utf8).write(to: try staged.folder(.day(Day("2026-07-05")!)).appendingPathComponent("brief.pdf"))
        try Data("new week".utf8).write(to: try staged.folder(.week(Day("2026-06-29")!)).appendingPathComponent("brief.pdf"))
        #expect(throws: JobError.self) { try staged.publish(steps: ["daily/2026-07-05", "weekly/2026-06-29"]) }
        #expect(try String(contentsOf: out.appendingPathComponent("daily/2026-07-05/brief.pdf"), encoding: .utf8) == "old day")
        staged.discard()
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(".staging").path))
    }

    @Test func withoutAnExchangeTheOldFolderIsRenamedAsideAndTheNewOneIntoItsPlace() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("pems-exchange-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        try Self.make(base, "target/old.txt", "old")
        try Self.make(base, "new/new.txt", "new")
        let old = try FolderExchange.put(base.appendingPathComponent("new"), at: base.appendingPathComponent("target"), exchange: false)
        #expect(Self.snapshot(base.appendingPathComponent("target")).keys.sorted() == ["new.txt"])
        #expect(old.map { Self.snapshot($0).keys.sorted() } == ["old.txt"])
        // With the exchange, the old folder ends where the new one was.
        try Self.make(base, "newer/newer.txt", "newer")
        let swapped = try FolderExchange.put(base.appendingPathComponent("newer"), at: base.appendingPathComponent("target"))
        #expect(swapped == base.appendingPathComponent("newer"))
        #expect(Self.snapshot(base.appendingPathComponent("target")).keys.sorted() == ["newer.txt"])
        #expect(Self.snapshot(base.appendingPathComponent("newer")).keys.sorted() == ["new.txt"])
    }
}
