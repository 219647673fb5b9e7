import Accounting
import Foundation
import JobRunner
import PEMSCore
import Reports
import Testing

/// One road from stored results to outputs (issue 15): only the jobs and the commands compute
/// (`StoredComputation.run`); the renderers take the computed rows, so the nightly job and
/// `pems report daily` write the 日报 and the provincial JSON with the same code and bytes.
@Suite(.serialized) struct OneRoadTests {
    static let day = Day("2026-06-05")!

    /// What `pems report daily --date D` does: the template, the day's computation reused, the render.
    static func reportDaily(_ f: JobFixture, out: URL) throws -> (files: [URL], reused: Bool, computationID: Int) {
        let template = try TemplateLoader.load(.daily, from: f.templates)
        let outcome = try StoredComputation.run(store: f.store, settings: Settings(), from: day, to: day,
                                                engineVersion: "test", reuse: true)
        let files = try PeriodReport.render(template, rows: outcome.rows, period: .day, store: f.store, out: out)
        return (files, outcome.reused, outcome.computationID)
    }

    @Test func theNightlyAndReportDailyWriteTheSameDailyWorkbookAndProvincialJSON() throws {
        let f = try JobFixture()
        let (_, registry) = try f.store.registry(for: Self.day)
        try f.deliver(from: JobFixture.first, to: Self.day)
        let run = try f.run(JobPlan.nightly(Self.day, registry: registry), out: "out")
        #expect(run.exitCode == .ok)
        let nightly = try f.files("out")
        let report = try Self.reportDaily(f, out: f.dir.appendingPathComponent("cli", isDirectory: true))
        #expect(report.reused)
        #expect(report.files.map(\.lastPathComponent) == ["日报_2026-06-05.xlsx", "abnormal_2026-06-05.json", "limit_2026-06-05.json"])
        for url in report.files {
            let published = try #require(nightly["daily/2026-06-05/\(url.lastPathComponent)"], "\(url.lastPathComponent)")
            #expect(try Data(contentsOf: url) == published, "\(url.lastPathComponent)")
        }
    }

    @Test func renderingFromComputedRowsStoresNoComputation() throws {
        let f = try JobFixture()
        try f.deliver(from: JobFixture.first, to: Self.day)
        let (_, registry) = try f.store.registry(for: Self.day)
        _ = try f.run(JobPlan.nightly(Self.day, registry: registry), out: "out")
        let before = try #require(try f.store.latestComputation(from: Self.day, to: Self.day))
        let report = try Self.reportDaily(f, out: f.dir.appendingPathComponent("cli", isDirectory: true))
        #expect(report.reused && report.computationID == before.id)
        // The renderers take rows: rendering them again, under other settings even, computes nothing.
        let outcome = try StoredComputation.run(store: f.store, settings: Settings(), from: Self.day, to: Self.day,
                                                engineVersion: "test", reuse: true)
        let template = try TemplateLoader.load(.daily, from: f.templates)
        _ = try PeriodReport.render(template, rows: outcome.rows, period: .day, store: f.store,
                                    out: f.dir.appendingPathComponent("again", isDirectory: true))
        #expect(try f.store.latestComputation(from: Self.day, to: Self.day)?.id == before.id)
    }
}
