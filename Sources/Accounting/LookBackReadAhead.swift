import Baselines
import Foundation
import PEMSCore

/// Reads the next look-back days' summaries, tops and slot values (as far as `LookBackPlan`
/// says they are needed) on threads of their own, each with its own connection to the store,
/// while the computation passes over the days before (issue 20). Reading and decoding the
/// entries is most of what a look-back day taken from its summary costs; the computation then
/// only adds them to its histories. Days alternate between the `readers` threads, each
/// reading its days in order, `depth` days ahead of the computation.
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

    /// Threads reading, and how many days ahead of the computation they read.
    static let readers = 2
    static let depth = 4

    /// The copies of the day cache the threads read through, one each (their counts are added
    /// to the computation's).
    let caches: [DayCache]
    let plan: LookBackPlan
    private let queues = (0..<readers).map { DispatchQueue(label: "pems.look-back-read-ahead.\($0)") }
    private let lock = NSLock()
    // Guarded by `lock`: per requested day, its signal and, once read, its result.
    private var pending: [Int: DispatchSemaphore] = [:]
    private var results: [Int: Result<Inputs?, Error>] = [:]

    /// nil when the store is not a file (no second connection can be opened).
    init?(cache: DayCache, plan: LookBackPlan) throws {
        var copies: [DayCache] = []
        for _ in 0..<Self.readers {
            guard let copy = try cache.readingCopy() else { return nil }
            copies.append(copy)
        }
        caches = copies
        self.plan = plan
    }

    /// The counts of the threads' copies of the day cache, summed.
    func count(_ counter: (DayCache) -> Int) -> Int { caches.reduce(0) { $0 + counter($1) } }

    /// Starts reading `day` (a look-back day the plan takes from its summary) in the background.
    func request(_ day: Day) {
        let use = plan.use(day)
        guard use != .compute, use != .open else { return }
        let signal = DispatchSemaphore(value: 0)
        lock.withLock { pending[day.index] = signal }
        let k = ((day.index % Self.readers) + Self.readers) % Self.readers
        queues[k].async { [self] in
            let cache = caches[k]
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
        for q in queues { q.sync {} }
    }
}
