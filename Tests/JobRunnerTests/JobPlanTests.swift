import Foundation
import JobRunner
import PEMSCore
import Testing

/// The schedule rules of SPEC §11, on plans alone.
@Suite struct JobPlanTests {
    static func day(_ s: String) -> Day { Day(s)! }

    static func registry(responses: [(String, String, String)] = []) throws -> Registry {
        try JobFixture.registry(responses: responses)
    }

    @Test func aWeekdayNightlyHasOnlyItsDay() throws {
        let plan = JobPlan.nightly(Self.day("2026-07-08"), registry: try Self.registry())   // a Wednesday
        #expect(plan.steps == [.day(Self.day("2026-07-08"))])
        #expect(plan.loadInbox && !plan.recompute)
    }

    @Test func theSundayNightlyAlsoRendersTheWeekAndAMonthsLastDayTheMonth() throws {
        // 2026-05-31 is a Sunday and the last day of May.
        let plan = JobPlan.nightly(Self.day("2026-05-31"), registry: try Self.registry())
        #expect(plan.steps == [.day(Self.day("2026-05-31")), .week(Self.day("2026-05-25")), .month(Self.day("2026-05-01"))])
    }

    @Test func aResponseIsAssessedByTheNightlyOfItsLastDay() throws {
        // Ends at 2026-07-03 00:00: its last minute is on 07-02.
        let reg = try Self.registry(responses: [("R1", "2026-06-29 00:00", "2026-07-03 00:00")])
        #expect(JobPlan.nightly(Self.day("2026-07-02"), registry: reg).steps.contains(.response("R1")))
        #expect(!JobPlan.nightly(Self.day("2026-07-03"), registry: reg).steps.contains(.response("R1")))
        #expect(!JobPlan.nightly(Self.day("2026-07-01"), registry: reg).steps.contains(.response("R1")))
    }

    @Test func aRerunDoesForEveryDayWhatItsNightlyDid() throws {
        let reg = try Self.registry(responses: [("R1", "2026-06-29 00:00", "2026-07-03 00:00")])
        let rerun = JobPlan.rerun(from: Self.day("2026-06-27"), to: Self.day("2026-07-06"), registry: reg)
        var expected: [JobStep] = []
        for i in 0..<10 { expected += JobPlan.nightly(Self.day("2026-06-27").adding(days: i), registry: reg).steps }
        #expect(rerun.steps == expected)
        #expect(rerun.recompute && !rerun.loadInbox)
        // 06-28 and 07-05 are Sundays, 06-30 ends June, R1 ends on 07-02.
        #expect(rerun.steps.filter { if case .week = $0 { return true } else { return false } }.count == 2)
        #expect(rerun.steps.contains(.month(Self.day("2026-06-01"))))
    }

    @Test func aNightlyWithoutADateCatchesUpTheNightsMissedSinceTheLastCompletedOne() throws {
        let reg = try Self.registry()
        let yesterday = Self.day("2026-07-01")
        // The run reporting 06-28 completed; 06-29 and 06-30 were missed (machine off, killed).
        let plan = JobPlan.catchUp(since: Self.day("2026-06-28"), yesterday: yesterday, registry: reg)
        #expect((plan.from, plan.to) == (Self.day("2026-06-29"), yesterday))
        #expect(plan.steps == [.day(Self.day("2026-06-29")), .day(Self.day("2026-06-30")), .month(Self.day("2026-06-01")),
                               .day(yesterday)])
        // Nothing missed, a first night, a repeated run: just yesterday.
        #expect(JobPlan.catchUp(since: Self.day("2026-06-30"), yesterday: yesterday, registry: reg).steps == [.day(yesterday)])
        #expect(JobPlan.catchUp(since: nil, yesterday: yesterday, registry: reg).steps == [.day(yesterday)])
        #expect(JobPlan.catchUp(since: yesterday, yesterday: yesterday, registry: reg).steps == [.day(yesterday)])
        // At most a week back.
        let long = JobPlan.catchUp(since: Self.day("2026-05-01"), yesterday: yesterday, registry: reg)
        #expect(long.from == Self.day("2026-06-25") && long.kind == .nightly && long.loadInbox)
    }

    @Test func weeklyAndMonthlyCoverTheWholeBucketOfTheirDate() {
        let w = JobPlan.weekly(containing: Self.day("2026-07-08"))
        #expect((w.from, w.to) == (Self.day("2026-07-06"), Self.day("2026-07-12")))
        let m = JobPlan.monthly(containing: Self.day("2026-02-14"))
        #expect((m.from, m.to) == (Self.day("2026-02-01"), Self.day("2026-02-28")))
    }

    @Test func theDefaultDatesAreYesterdayLastWeekAndLastMonthInCST() {
        // 2026-07-01 01:30 CST (a Wednesday).
        let now = Timestamp(seconds: Int64(Self.day("2026-07-01").index) * 86_400 + 5_400)
        #expect(JobPlan.yesterday(now: now) == Self.day("2026-06-30"))
        #expect(JobPlan.previousWeek(now: now) == Self.day("2026-06-22"))
        #expect(RollupPeriodCheck.month(of: JobPlan.previousMonth(now: now)) == "2026-06")
    }

    @Test func consecutiveLateDaysBecomeRanges() {
        let days = ["2026-07-01", "2026-07-02", "2026-07-04", "2026-07-05", "2026-07-06", "2026-07-09"].map(Self.day)
        let r = LateData.ranges(days.reversed())
        #expect(r.map { "\($0.from)…\($0.to)" } == ["2026-07-01…2026-07-02", "2026-07-04…2026-07-06", "2026-07-09…2026-07-09"])
    }

    @Test func theOutputIndexNamesTheDocumentsAndCountsTheCharts() {
        let files = ["daily/2026-07-05/brief.pdf", "daily/2026-07-05/trend.png", "daily/2026-07-05/trend.pdf",
                     "daily/2026-07-05/日报_2026-07-05.xlsx", "weekly/2026-06-29/周报.xlsx"]
            .map { RunOutput(path: $0, sha256: "", bytes: 0) }
        #expect(OutputIndex.lines(files) == ["daily/2026-07-05/: brief.pdf, 日报_2026-07-05.xlsx, +2 chart files (PNG/PDF)",
                                             "weekly/2026-06-29/: 周报.xlsx"])
    }

    @Test func theOutputIndexGivesTheCountyEditionsOfAStepOneLine() {
        let files = ["daily/2026-07-05/brief.pdf", "daily/2026-07-05/日报_2026-07-05.xlsx",
                     "districts/130602/daily/2026-07-05/brief_130602.pdf", "districts/130602/daily/2026-07-05/trend_130602.png",
                     "districts/130602/daily/2026-07-05/日报_2026-07-05_130602.xlsx",
                     "districts/130606/daily/2026-07-05/brief_130606.pdf", "districts/130606/daily/2026-07-05/trend_130606.png",
                     "districts/130606/daily/2026-07-05/日报_2026-07-05_130606.xlsx"]
            .map { RunOutput(path: $0, sha256: "", bytes: 0) }
        #expect(OutputIndex.lines(files) == [
            "daily/2026-07-05/: brief.pdf, 日报_2026-07-05.xlsx",
            "districts/<code>/daily/2026-07-05/: brief_<code>.pdf, 日报_2026-07-05_<code>.xlsx, +1 chart files (PNG/PDF) (2 districts)",
        ])
    }
}

enum RollupPeriodCheck {
    static func month(of d: Day) -> String { String(d.description.prefix(7)) }
}
