import Baselines
import Foundation
import PEMSCore

/// Reads the next look-back days' summaries and slot values (as far as `LookBackPlan` says
/// they are needed) on a thread of its own, with its own connection to the store, while the
/// computation passes over the day before (issue 20). Reading and decoding an entry is most of
/// what a look-back day taken from its summary costs; the computation then only adds it to
/// its histories.
///
/// What it reads is exactly what the computation would read itself; a day it could not take
/// from the store (no summary, no cached values) is handed back empty and the computation
/// reads it as before.
final class LookBackReadAhead: @unchecked Sendable {
    struct Inputs {
        var summary: DaySummary
        /// The day's slot values when the plan needs them and the day cache holds them (for a
        /// day that gives only its threshold history: when its tops are not kept).
        var values: [[Double]?]?
        /// The day's tops, when it gives only its threshold history and they are kept.
        var tops: DayTops?
    }

    /// The copy of the day cache this thread reads through (its counts are added to the
    /// computation's).
    let cache: DayCache
    let plan: LookBackPlan
    private let queue = DispatchQueue(label: "pems.look-back-read-ahead")
    private let lock = NSLock()
    // Guarded by `lock`: per requested day, its signal and, once read, its result.
    private var pending: [Int: DispatchSemaphore] = [:]
    private var results: [Int: Result<Inputs?, Error>] = [:]

    /// nil when the store is not a file (no second connection can be opened).
    init?(cache: DayCache, plan: LookBackPlan) throws {
        guard let copy = try cache.readingCopy() else { return nil }
        self.cache = copy
        self.plan = plan
    }

    /// Starts reading `day` (a look-back day the plan takes from its summary) in the background.
    func request(_ day: Day) {
        let use = plan.use(day)
        guard use != .compute, use != .open else { return }
        let signal = DispatchSemaphore(value: 0)
        lock.withLock { pending[day.index] = signal }
        queue.async { [self] in
            let result = Result<Inputs?, Error> {
                guard let summary = try cache.loadSummary(day) else { return nil }
                let tops = use == .thresholds ? try cache.loadTops(day) : nil
                let values = tops == nil && (use == .thresholds || use == .whole) ? try cache.load(day)?.values : nil
                return Inputs(summary: summary, values: values, tops: tops)
            }
            lock.withLock { results[day.index] = result }
            signal.signal()
        }
    }

    /// What was read for `day`, waiting for it; nil when `day` was not requested or its
    /// summary could not be read.
    func take(_ day: Day) throws -> Inputs? {
        guard let signal = lock.withLock({ pending.removeValue(forKey: day.index) }) else { return nil }
        signal.wait()
        return try lock.withLock { results.removeValue(forKey: day.index) }?.get()
    }

    /// Waits for the reads still under way (before the connection is closed).
    func finish() {
        queue.sync {}
    }
}
