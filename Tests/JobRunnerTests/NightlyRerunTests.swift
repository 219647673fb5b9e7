import Foundation
import JobRunner
import PEMSCore
import Testing

/// SPEC §11: the nightly runs, an auditor's rerun of their days, and late data, on a small
/// demo city whose day files arrive in an inbox night by night.
@Suite(.serialized) struct NightlyRerunTests {
    static func day(_ s: String) -> Day { Day(s)! }

    /// Names of the files whose bytes differ (or exist on one side only), for short messages.
    static func differences(_ a: [String: Data], _ b: [String: Data]) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }

    /// The nights and reruns of one story, told once (`story`) and checked behaviour by
    /// behaviour by the tests below, so a failure names what broke: Friday 06-05 … Monday
    /// 06-08 one night at a time (Sunday also renders the week), later days arriving, an
    /// auditor's rerun of 06-05 … 06-08 into `audit`, then a corrected reading for 06-07
    /// arriving late, rerun first into `audit2`, then into the outbox.
    struct Story: Sendable {
        var nights: [(day: Day, exitCode: JobExitCode, filesLoaded: Int)] = []
        /// The outbox after the four nights.
        var nightly: [String: Data] = [:]
        var stagingLeft = true
        /// Late days right after the later days' nightly.
        var lateAfterLaterDays: [Day] = []
        var rerunExitCode: JobExitCode = .failure
        var audited: [String: Data] = [:]
        var rerunRecorded: [RunOutput] = []
        /// After the corrected reading arrived: the next nightly's late days, and the outbox's.
        var nextNightlyLateDays: [Day] = []
        var outboxLate: [Day] = []
        var audit2Late: [Day] = []
        var outboxLateAfterAudit2: [Day] = []
        var outboxLateAfterRerun: [Day] = []
        /// The outbox's 06-07 日报 before it was rerun, after, and the one rerun into `audit2`.
        var outboxReportBeforeRerun: Data?
        var outboxReportAfterRerun: Data?
        var audit2Report: Data?

        static let report0607 = "daily/2026-06-07/日报_2026-06-07.xlsx"

        static func tell() throws -> Story {
            var s = Story()
            let f = try JobFixture()
            let (_, registry) = try f.store.registry(for: NightlyRerunTests.day("2026-06-14"))
            try f.deliver(from: JobFixture.first, to: NightlyRerunTests.day("2026-06-05"))
            for d in ["2026-06-05", "2026-06-06", "2026-06-07", "2026-06-08"].map(NightlyRerunTests.day) {
                try f.deliver(from: d, to: d)
                let o = try f.run(JobPlan.nightly(d, registry: registry), out: "out")
                s.nights.append((d, o.exitCode, o.filesLoaded))
            }
            s.nightly = try f.files("out")
            s.stagingLeft = FileManager.default.fileExists(atPath: f.dir.appendingPathComponent("out/.staging").path)

            try f.deliver(from: NightlyRerunTests.day("2026-06-09"), to: NightlyRerunTests.day("2026-06-14"))
            _ = try f.run(JobPlan.nightly(NightlyRerunTests.day("2026-06-14"), registry: registry), out: "out")
            s.lateAfterLaterDays = try LateData.detect(store: f.store, lookBack: 74)
            let rerun = try f.run(JobPlan.rerun(from: NightlyRerunTests.day("2026-06-05"), to: NightlyRerunTests.day("2026-06-08"), registry: registry), out: "audit")
            s.rerunExitCode = rerun.exitCode
            s.audited = try f.files("audit")
            s.rerunRecorded = try f.store.runOutputs(RunID(rerun.runID))

            let late = f.inbox.appendingPathComponent("late-2026-06-07.csv")
            try NightlyRerunTests.correctedReading(from: f.city.appendingPathComponent("readings/2026-06-07.csv")).write(to: late)
            s.nextNightlyLateDays = try f.run(JobPlan.nightly(NightlyRerunTests.day("2026-06-09"), registry: registry), out: "out").lateDays
            let outbox = f.dir.appendingPathComponent("out", isDirectory: true)
            s.outboxLate = try LateData.detect(store: f.store, lookBack: 74, outDir: outbox)
            for r in LateData.ranges(s.outboxLate) {
                _ = try f.run(JobPlan.rerun(from: r.from, to: r.to, registry: registry), out: "audit2")
            }
            s.audit2Late = try LateData.detect(store: f.store, lookBack: 74, outDir: f.dir.appendingPathComponent("audit2"))
            s.outboxLateAfterAudit2 = try LateData.detect(store: f.store, lookBack: 74, outDir: outbox)
            s.outboxReportBeforeRerun = try f.files("out")[report0607]
            for r in LateData.ranges(s.outboxLate) {
                _ = try f.run(JobPlan.rerun(from: r.from, to: r.to, registry: registry), out: "out")
            }
            s.outboxLateAfterRerun = try LateData.detect(store: f.store, lookBack: 74, outDir: outbox)
            s.outboxReportAfterRerun = try f.files("out")[report0607]
            s.audit2Report = try f.files("audit2")[report0607]
            return s
        }
    }

    /// The story, told once for all the tests that check it.
    static let story = Result { try Story.tell() }

    @Test func eachNightlyEndsOKAndLoadsOnlyItsNewFiles() throws {
        let s = try Self.story.get()
        #expect(s.nights.map(\.day) == ["2026-06-05", "2026-06-06", "2026-06-07", "2026-06-08"].map(Self.day))
        for n in s.nights { #expect(n.exitCode == .ok, "\(n.day)") }
        #expect(s.nights.map(\.filesLoaded) == [10, 2, 2, 2])
    }

    @Test func nightliesPublishTheDaysWorkbookBriefAndJSONAndSundaysTheWeek() throws {
        let s = try Self.story.get()
        #expect(s.nightly["weekly/2026-06-01/周报_2026-06-01_2026-06-07.xlsx"] != nil)
        #expect(s.nightly["daily/2026-06-08/日报_2026-06-08.xlsx"] != nil)
        #expect(s.nightly["daily/2026-06-08/brief.pdf"] != nil)
        #expect(s.nightly["daily/2026-06-06/abnormal_2026-06-06.json"] != nil)
    }

    /// The day's 补采清单 for `pems receive --gaps` (issue 19): `daily/D/gaps-D.csv`, the columns
    /// of `gaps.csv`, every run inside day D.
    @Test func eachNightlyWritesTheDaysGapListForTheReceiver() throws {
        let s = try Self.story.get()
        for n in s.nights {
            let d = n.day.description
            let data = try #require(s.nightly["daily/\(d)/gaps-\(d).csv"], "\(d)")
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
            #expect(lines.first == "mn,point_id,enterprise_id,from,to,missing_slots")
            let next = n.day.adding(days: 1).description
            for row in lines.dropFirst() {
                let c = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                #expect(c.count == 6 && c[3].hasPrefix(d) && (c[4].hasPrefix(d) || c[4] == "\(next) 00:00"), "\(row)")
            }
        }
    }

    @Test func nothingIsLeftInStagingAfterTheNightlies() throws {
        #expect(try Self.story.get().stagingLeft == false)
    }

    @Test func laterDaysArrivingDoNotMakeAReportedDayLate() throws {
        #expect(try Self.story.get().lateAfterLaterDays.isEmpty)
    }

    @Test func aRerunMonthsLaterWritesTheNightlyRunsBytes() throws {
        let s = try Self.story.get()
        #expect(s.rerunExitCode == .ok)
        // Everything but the later nightly's 06-14 day and week, byte for byte.
        let original = s.nightly.filter { !$0.key.hasPrefix("daily/2026-06-14") && !$0.key.hasPrefix("weekly/2026-06-08") }
        let differ = Self.differences(original, s.audited)
        #expect(differ.isEmpty, "differ: \(differ.prefix(5))")
        #expect(s.audited.count > 30)
    }

    @Test func theLedgerHoldsTheRerunsOutputsWithTheHashesOfTheFilesOnDisk() throws {
        let s = try Self.story.get()
        #expect(s.rerunRecorded.count == s.audited.count)
        for o in s.rerunRecorded { #expect(ContentHashCheck.sha256(s.audited[o.path]) == o.sha256, "\(o.path)") }
    }

    /// A corrected reading for 06-07 arrives after its nightly run: 06-07 and 06-08 (whose
    /// look-back reads 06-07) are late; 06-06 is not.
    @Test func aCorrectedReadingMakesItsDayAndTheDaysLookingBackOnItLate() throws {
        let s = try Self.story.get()
        #expect(s.nextNightlyLateDays.contains(Self.day("2026-06-07")) && s.nextNightlyLateDays.contains(Self.day("2026-06-08")))
        #expect(!s.nextNightlyLateDays.contains(Self.day("2026-06-06")))
        #expect(s.outboxLate.first == Self.day("2026-06-07"))
    }

    /// An auditor's rerun into another folder leaves the outbox's reports stale: they are
    /// still listed for it, and the outbox's report is the nightly's.
    @Test func aRerunIntoAnotherFolderLeavesTheOutboxListedAsLate() throws {
        let s = try Self.story.get()
        #expect(s.audit2Late.isEmpty)
        #expect(!s.outboxLate.isEmpty && s.outboxLateAfterAudit2 == s.outboxLate)
        #expect(s.outboxReportBeforeRerun == s.nightly[Story.report0607])
    }

    @Test func aRerunIntoTheOutboxClearsItsLateList() throws {
        #expect(try Self.story.get().outboxLateAfterRerun.isEmpty)
    }

    @Test func theRerunDayShowsTheCorrectionInBothFolders() throws {
        let s = try Self.story.get()
        let fixed = try #require(s.outboxReportAfterRerun)
        #expect(fixed == s.audit2Report)
        #expect(fixed != s.nightly[Story.report0607])
    }

    /// A re-send of the day's CSV readings in which the third line's point (a production line
    /// of the first enterprise) reads 0 kW from 10:00 to 14:00: a conflicting late correction.
    static func correctedReading(from csv: URL) throws -> Data {
        let text = try String(contentsOf: csv, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard lines.count >= 4 else { throw CocoaError(.fileReadCorruptFile) }
        let key = lines[3].split(separator: ",").prefix(3).dropFirst().joined(separator: ",")   // mn,code
        var out = [lines[0]]
        for line in lines.dropFirst() {
            var f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 5, f[1] + "," + f[2] == key, f[3] == "Pt", f[0] >= "2026-06-07 10:00", f[0] < "2026-06-07 14:00" else { continue }
            f[4] = "0.00"
            out.append(f.joined(separator: ","))
        }
        guard out.count > 10 else { throw CocoaError(.fileReadCorruptFile) }
        return Data((out.joined(separator: "\n") + "\n").utf8)
    }

    @Test func aDayWithoutDataEndsPartialAndStillPublishes() throws {
        let f = try JobFixture()
        let (_, registry) = try f.store.registry(for: Self.day("2026-06-14"))
        try f.deliver(from: JobFixture.first, to: Self.day("2026-06-03"))
        var plan = JobPlan.nightly(Self.day("2026-06-04"), registry: registry)   // nothing delivered for 06-04
        plan.loadInbox = true
        let o = try f.run(plan, out: "out")
        #expect(o.exitCode == .partialData)
        #expect(o.partialDays.map(\.day) == [Self.day("2026-06-04")])
        #expect(o.partialDays.first?.completeness == 0)
        #expect(try f.files("out")["daily/2026-06-04/日报_2026-06-04.xlsx"] != nil)
        let run = try f.store.run(RunID(o.runID))
        #expect(run?.status == .partial)
    }
}

enum ContentHashCheck {
    static func sha256(_ data: Data?) -> String? { data.map { ContentHash.sha256($0) } }
}
