import Baselines
import PEMSCore

/// The reading-level checks of a period day (SPEC §8) when the day is read in parts on
/// several threads (issue 20): each part observes its own points with its own copy of the
/// checks' state, and the parts are merged back in afterwards.
///
/// The checks' state is per point (`ReadingChecks` keeps each point's carry and constant
/// days), and the parts of a day's read hold disjoint points (`DayReadingSource.channelRanges`),
/// so each point's state after the merge is exactly what observing the points one after
/// another on one thread leaves.
final class DayObservation {
    /// One part's state, written only by the thread reading that part.
    final class Part: @unchecked Sendable {
        var checks: ReadingChecks
        var facts: [Int: ReadingChecks.DayFacts] = [:]
        init(_ checks: ReadingChecks) { self.checks = checks }
    }

    private let day: Day
    private let parts: [Part]

    init(checks: ReadingChecks, day: Day, parts: Int) {
        self.day = day
        self.parts = (0..<parts).map { _ in Part(checks) }
    }

    /// The observer of part `k` of the day's read.
    func observer(part k: Int) -> BaselineEngine.ReadingObserver {
        precondition(k < parts.count, "the day is read in at most \(parts.count) parts")
        let part = parts[k], day = day
        return { i, readings in part.facts[i] = part.checks.observe(point: i, day: day, readings) }
    }

    /// Each part's points' state and facts, into `checks` and `facts`.
    func merge(into checks: inout ReadingChecks, facts: inout [Int: ReadingChecks.DayFacts]) {
        for part in parts {
            for (i, f) in part.facts {
                checks.adopt(point: i, from: part.checks)
                facts[i] = f
            }
        }
    }
}
