import Accounting
import PEMSCore

/// A period's stored computation as the commands run it: `StoredComputation.run` with this
/// build's engine version and a progress bar over the period's days (drawn only on a
/// terminal). `reuse`: take a stored computation of the same period whose inputs are
/// unchanged (export, brief, evidence) instead of computing again (compute).
enum PeriodRun {
    static func outcome(store: Store, settings: Settings, from: Day, to: Day, reuse: Bool = true,
                        useDayCache: Bool = true) throws -> StoredComputation.Outcome {
        let bar = ProgressBar(label: "computing", bytes: false)
        defer { bar.finish() }
        let days = to.index - from.index + 1
        return try StoredComputation.run(store: store, settings: settings, from: from, to: to,
                                         engineVersion: PEMSVersion.engine, reuse: reuse, useDayCache: useDayCache) { day in
            bar.update(max(0, day.index - from.index), days)
        }
    }

    /// `outcome` with the rows of a reused stored computation left in the store, to be
    /// streamed (`StoredComputation.rows`; export of a city-scale month, issue 5).
    static func rows(store: Store, settings: Settings, from: Day, to: Day) throws -> StoredComputation.RowsOutcome {
        let bar = ProgressBar(label: "computing")
        defer { bar.finish() }
        let days = to.index - from.index + 1
        return try StoredComputation.rows(store: store, settings: settings, from: from, to: to,
                                          engineVersion: PEMSVersion.engine) { day in
            bar.update(max(0, day.index - from.index), days)
        }
    }
}
