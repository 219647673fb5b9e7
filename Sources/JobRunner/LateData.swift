import Foundation
import PEMSCore

/// Late data (SPEC §11): data that reached the store after a run reported a day, and that
/// changes what that day's computation reads. Every job records, per day it read, the
/// series summary it saw (`Store.recordRunInputs`); a day is *late* when the newest
/// successful run that reported it saw a different summary for that day or one of the days
/// before it that its computation read (the look-back). Those days are listed for
/// `pems rerun`, never recomputed behind the user's back: the published reports stay what
/// they were until someone decides to rerun.
public enum LateData {
    /// The per-day input fingerprints a computation of `[from, to]` reads from
    /// `streamedFrom`: one per day of the range, days without data included (so data that
    /// arrives for an empty day shows as a change) — `Store.dayInputFingerprints`.
    /// `series`: the range's `Store.seriesFingerprints` when the caller has them (a
    /// computation's `Outcome.seriesFingerprints`), so the series headers are not scanned again.
    public static func inputs(store: Store, streamedFrom: Day, to: Day, series: [Int: String]? = nil) throws -> [Day: String] {
        try store.dayInputFingerprints(from: streamedFrom, to: to, series: series)
    }

    /// Reported days, within `window` days before the newest reported day, whose inputs
    /// changed since the newest successful or partial run that reported them; ascending.
    /// `lookBack`: how many days before a reported day its computation reads (baselines and
    /// thresholds, SPEC §13.12) — a change to an older day does not affect it.
    ///
    /// `outDir`: only runs that published into this folder count (an auditor's rerun into
    /// another folder does not update the bureau's outbox); nil: runs into any folder.
    public static func detect(store: Store, lookBack: Int, outDir: URL? = nil, window: Int = 92) throws -> [Day] {
        let folder = outDir.map(canonical)
        let runs = try store.runs(limit: nil).filter { run in
            run.status.completed && (folder == nil || canonical(URL(fileURLWithPath: run.outDir, isDirectory: true)) == folder)
        }
        // The newest run reporting each day.
        var reporter: [Day: RunID] = [:]
        var newest: Day?
        for run in runs {   // newest first
            guard JobKind(rawValue: run.command) != nil,
                  let from = run.parameters["from"].flatMap(Day.init), let to = run.parameters["to"].flatMap(Day.init) else { continue }
            newest = max(newest ?? to, to)
            var d = from
            while d <= to {
                if reporter[d] == nil { reporter[d] = run.id }
                d = d.adding(days: 1)
            }
        }
        guard let last = newest else { return [] }
        let firstReported = last.adding(days: -window)
        let byRun = Dictionary(grouping: reporter.filter { $0.key >= firstReported }, by: \.value).mapValues { $0.map(\.key) }
        // What each reporting run saw, then today's fingerprints of all those days in one pass
        // (a scan of the series headers: one per night, not one per run).
        var seenByRun: [(days: [Day], seen: [Day: String])] = []
        var lo: Day?, hi: Day?
        for (runID, days) in byRun.sorted(by: { $0.key < $1.key }) {
            let seen = try store.runInputs(runID)
            guard let a = seen.keys.min(), let b = seen.keys.max() else { continue }
            lo = min(lo ?? a, a)
            hi = max(hi ?? b, b)
            seenByRun.append((days, seen))
        }
        guard let lo, let hi else { return [] }
        let now = try inputs(store: store, streamedFrom: lo, to: hi)
        var late: [Day] = []
        for (days, seen) in seenByRun {
            let changed = seen.keys.filter { now[$0] != seen[$0] }
            guard !changed.isEmpty else { continue }
            late += days.filter { r in changed.contains { $0 <= r && r.index - $0.index <= lookBack } }
        }
        return late.sorted()
    }

    /// A folder's path with `.`/`..` and symbolic links resolved, for comparing out folders.
    public static func canonical(_ url: URL) -> String { url.standardizedFileURL.resolvingSymlinksInPath().path }

    /// Consecutive days joined into ranges, e.g. for `pems rerun --from A --to B` suggestions.
    public static func ranges(_ days: [Day]) -> [(from: Day, to: Day)] {
        var out: [(from: Day, to: Day)] = []
        for d in days.sorted() {
            if let last = out.last, last.to.adding(days: 1) == d { out[out.count - 1].to = d } else { out.append((d, d)) }
        }
        return out
    }
}
