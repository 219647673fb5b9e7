import Baselines
import PEMSCore

/// How a computation passes over each look-back day (docs/COMPUTE.md "Day summaries"): what
/// the days after it need of it decides how little of it is read.
///
/// - A day without a kept summary is computed whole, as on a store's first computation (and
///   its summary kept) — from its open entry, with the θ it had, when it was an earlier
///   period's last day (`OpenDay`), else from its series.
/// - A day in the event or activated-carbon look-back (`wholeFrom` on) is needed whole: its
///   slot values are read and its states computed, with θ from the summary.
/// - A day inside the threshold window of a day whose θ is resolved (a period day, or a
///   look-back day computed whole) gives its present slot powers to the threshold history.
/// - Any other day gives only its normal days to the baseline history and its carries to the
///   reading checks: it is not read at all.
struct LookBackPlan {
    enum Use: Equatable {
        case compute
        /// Computed whole from its open entry (θ known: it reads no threshold history).
        case open
        case whole
        case thresholds
        case history
    }

    /// A kept summary the plan counted on could not be read (it vanished or is unreadable):
    /// the computation starts again without summaries.
    struct Broken: Error {}

    let start: Day
    private var uses: [Use]

    /// `start ..< from`: the look-back days. `hasSummary`, `hasOpen`: whether a summary, an
    /// open entry is kept for a day under the current inputs. `window`: days of threshold
    /// history a θ reads.
    init(start: Day, from: Day, wholeFrom: Day, window: Int, hasSummary: (Day) throws -> Bool,
         hasOpen: (Day) throws -> Bool = { _ in false }) rethrows {
        self.start = start
        let count = max(0, from.index - start.index)
        var uses = [Use](repeating: .history, count: count)
        var kept = [Bool](repeating: false, count: count)
        for k in 0..<count { kept[k] = try hasSummary(start.adding(days: k)) }
        // The days whose θ is resolved from the history: the period's, and those computed whole.
        // Walking back from the period, a day feeds the threshold history when one of them
        // lies within `window` days after it.
        var nextResolved = count  // offset of the nearest later day resolving θ (the period's first)
        for k in stride(from: count - 1, through: 0, by: -1) {
            let day = start.adding(days: k)
            if !kept[k] {
                if try hasOpen(day) {
                    uses[k] = .open
                } else {
                    uses[k] = .compute
                    nextResolved = k
                }
            } else if day >= wholeFrom {
                uses[k] = .whole
            } else if nextResolved - k <= window {
                uses[k] = .thresholds
            }
        }
        self.uses = uses
    }

    func use(_ day: Day) -> Use {
        let k = day.index - start.index
        return k >= 0 && k < uses.count ? uses[k] : .compute
    }
}
