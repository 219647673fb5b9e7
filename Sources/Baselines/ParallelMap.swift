import Foundation

/// Maps the indices `0 ..< count` on the machine's cores, each thread taking one contiguous
/// chunk, and gives the results in index order — so what comes out never depends on how the
/// work was shared (same inputs, same bytes). For pure, independent work per item: a
/// facility's §5.3 states from its points' slot powers, a treatment facility's §5.4
/// conditions, a point's 90th percentile (issue 20).
public enum ParallelMap {
    /// Threads used at most: the machine's active cores, no more than four.
    static let threads = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))

    /// `(0 ..< count).map(body)`, computed on up to `threads` threads. Fewer than
    /// `minimumPerThread` items per thread stay on the calling thread (starting a thread costs
    /// more than they do). `body` must only read shared state.
    public static func map<T>(_ count: Int, minimumPerThread: Int = 32, _ body: (Int) -> T) -> [T] {
        let n = min(threads, count / max(1, minimumPerThread))
        guard n > 1 else { return (0..<count).map(body) }
        var chunks = [[T]](repeating: [], count: n)
        withoutActuallyEscaping(body) { body in
            chunks.withUnsafeMutableBufferPointer { out in
                // Thread k writes only `out[k]`; `body` only reads (its caller's promise).
                let shared = Unchecked((body: body, out: out))
                DispatchQueue.concurrentPerform(iterations: n) { k in
                    let lower = count * k / n, upper = count * (k + 1) / n
                    shared.value.out[k] = (lower..<upper).map(shared.value.body)
                }
            }
        }
        return Array(chunks.joined())
    }
}
