import Accounting
import PEMSCore
import Reports

/// What a job will do, decided before any work starts: the reported days and the ordered
/// steps. Pure (a registry and dates in, steps out), so the schedule rules are unit-tested.
///
/// The rule that makes reruns reproducible: a day is always computed as a period of its own,
/// a week as Monday–Sunday, a month as the calendar month — never "whatever range was asked
/// for" — so the nightly run and an auditor's rerun of the same day read the same data and
/// write the same bytes (SPEC §11, §13.12: data after a period's end is not used).
public struct JobPlan: Sendable, Equatable {
    public var kind: JobKind
    /// The reported CST days `[from, to]` (what `pems runs` shows and late data is checked against).
    public var from: Day
    public var to: Day
    /// Load new files from the inbox before computing (nightly only).
    public var loadInbox: Bool
    /// Recompute even when a stored computation with the same inputs exists (rerun).
    public var recompute: Bool
    public var steps: [JobStep]

    /// Nightly for day `d`: the day; on a Sunday the week it ends; on a month's last day the
    /// month; every response whose last day is `d`.
    public static func nightly(_ d: Day, registry: Registry) -> JobPlan {
        JobPlan(kind: .nightly, from: d, to: d, loadInbox: true, recompute: false, steps: daySteps(d, registry: registry))
    }

    /// How many days a nightly run without `--date` goes back to report nights that were missed.
    public static let catchUpDays = 7

    /// The nightly run without a date: yesterday, preceded by the days after `last` (the last
    /// day a completed nightly run reported) that were missed — a machine that was off, a run
    /// that was killed — at most `catchUpDays` in all. Each day gets exactly its nightly steps.
    public static func catchUp(since last: Day?, yesterday: Day, registry: Registry) -> JobPlan {
        var first = yesterday
        if let last, last < yesterday { first = max(last.adding(days: 1), yesterday.adding(days: -(catchUpDays - 1))) }
        var steps: [JobStep] = []
        var d = first
        while d <= yesterday {
            steps += daySteps(d, registry: registry)
            d = d.adding(days: 1)
        }
        return JobPlan(kind: .nightly, from: first, to: yesterday, loadInbox: true, recompute: false, steps: steps)
    }

    /// Rerun of `[from, to]`: for every day exactly the steps its nightly run had.
    public static func rerun(from: Day, to: Day, registry: Registry) -> JobPlan {
        var steps: [JobStep] = []
        var d = from
        while d <= to {
            steps += daySteps(d, registry: registry)
            d = d.adding(days: 1)
        }
        return JobPlan(kind: .rerun, from: from, to: to, loadInbox: false, recompute: true, steps: steps)
    }

    /// The week (Monday–Sunday) containing `date`.
    public static func weekly(containing date: Day) -> JobPlan {
        let monday = RollupPeriod.week.bucket(of: date)
        return JobPlan(kind: .weekly, from: monday, to: RollupPeriod.week.last(monday), loadInbox: false,
                       recompute: false, steps: [.week(monday)])
    }

    /// The calendar month containing `date`.
    public static func monthly(containing date: Day) -> JobPlan {
        let first = RollupPeriod.month.bucket(of: date)
        return JobPlan(kind: .monthly, from: first, to: RollupPeriod.month.last(first), loadInbox: false,
                       recompute: false, steps: [.month(first)])
    }

    /// The assessments of `responses` (reported days: from the first one's start to the last one's end).
    public static func assessment(_ responses: [Response]) throws -> JobPlan {
        let spans = responses.map(ResponseReport.days)
        guard let from = spans.map(\.0).min(), let to = spans.map(\.1).max() else {
            throw JobError.badRange("no response to assess")
        }
        return JobPlan(kind: .assessment, from: from, to: to, loadInbox: false, recompute: false,
                       steps: responses.map(\.id).sorted().map(JobStep.response))
    }

    static func daySteps(_ d: Day, registry: Registry) -> [JobStep] {
        var steps: [JobStep] = [.day(d)]
        if d.isoWeekday == 7 { steps.append(.week(RollupPeriod.week.bucket(of: d))) }
        if RollupPeriod.month.last(RollupPeriod.month.bucket(of: d)) == d { steps.append(.month(RollupPeriod.month.bucket(of: d))) }
        for r in registry.responses.sorted(by: { $0.id < $1.id }) where ResponseReport.days(r).1 == d {
            steps.append(.response(r.id))
        }
        return steps
    }

    /// The default day of a nightly run: yesterday in CST (SPEC §1, §11).
    public static func yesterday(now: Timestamp = Store.now()) -> Day { now.day.adding(days: -1) }

    /// The default date of a weekly run (a day of the week before this one) and of a
    /// monthly run (a day of the month before this one).
    public static func previousWeek(now: Timestamp = Store.now()) -> Day { RollupPeriod.week.bucket(of: now.day).adding(days: -7) }
    public static func previousMonth(now: Timestamp = Store.now()) -> Day { RollupPeriod.month.bucket(of: now.day).adding(days: -1) }
}
