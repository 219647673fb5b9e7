import Accounting
import Charts
import PEMSCore
import Testing

/// The brief's problem table with SPEC 2 events (built by hand, `EvidencePageTests`).
@Suite struct BriefEventMinutesTests {
    static func facts(_ events: [EventRecord]) -> PeriodFacts {
        let day = EvidencePageTests.day
        return PeriodFacts(ComputationResult(from: day, to: day, settings: Settings(), registryVersion: 1,
                                             registry: EvidencePageTests.registry, facilityDays: [], events: events, dq: [],
                                             carbonDays: [], responseBaselines: [], streamedFrom: day, facilityDaysComputed: 0))
    }

    /// A cumulative stop 04:00–06:30 ran four 15-minute runs: "累计" is their hour, not the 2.5-hour span.
    @Test func theBriefsCumulativeMinutesAreViolatingMinutes() throws {
        let problem = try #require(BriefContent(Self.facts([EvidencePageTests.cumulativeStop])).problems.first)
        #expect(problem.mainIssue == "未按规定停产 1 起，累计 1.0 小时（最长一次始于 7/9 04:00）")
    }

    /// The new rule is named in the alarm distribution and the brief, never "未知" or a code.
    @Test func theAlarmDistributionAndTheBriefNameTheExemptionBreach() throws {
        let facts = Self.facts([EvidencePageTests.exemptionBreach])
        #expect(AlarmDistributionChart(facts).byRule.map { $0.label } == ["报备期间生产未停"])
        let brief = BriefContent(facts)
        #expect(brief.problems.first?.mainIssue.hasPrefix("报备期间生产未停 1 起") == true)
        #expect(brief.summary.contains { $0.contains("主要为报备期间生产未停 1 起") })
    }
}
