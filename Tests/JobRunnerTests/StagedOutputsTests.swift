import Foundation
import JobRunner
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
        try staged.publish(files, steps: [OutputLayout.folder(of: step)])

        #expect(try String(contentsOf: out.appendingPathComponent("daily/2026-07-05/report.xlsx"), encoding: .utf8) == "new report")
        #expect(!fm.fileExists(atPath: out.appendingPathComponent("daily/2026-07-05/evidence-X.png").path))
        #expect(fm.fileExists(atPath: out.appendingPathComponent("daily/2026-07-04/report.xlsx").path))
        #expect(!fm.fileExists(atPath: out.appendingPathComponent(".staging").path))
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
}
