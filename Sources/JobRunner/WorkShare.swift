import Foundation
import PEMSCore

/// Shares independent pieces of work (the county editions of a period) out among a few
/// threads, each reading through its own read-only connection to the store's file; a thread
/// takes the next piece when it is done with one, so give the largest pieces first. Every piece writes its own files from its own rows, so the bytes do not depend on
/// the sharing; the first error, in piece order, is rethrown once all threads have stopped.
/// A store that is not a file (tests' in-memory stores) is read on this thread, one piece
/// after the other.
enum WorkShare {
    /// Runs `body(i, store)` for every i in 0..<count on up to `workers` threads.
    static func run(_ count: Int, workers: Int, store: Store, _ body: (Int, Store) throws -> Void) throws {
        let path = store.path
        let n = min(max(1, workers), count)
        guard n > 1, !path.isEmpty, path != ":memory:", FileManager.default.fileExists(atPath: path) else {
            for i in 0..<count { try body(i, store) }
            return
        }
        let errors = Errors(count)
        let next = Counter()
        withoutActuallyEscaping(body) { body in
            let shared = Unchecked(body)
            DispatchQueue.concurrentPerform(iterations: n) { w in
                let own: Store
                do {
                    own = try Store(path: path, readOnly: true)
                } catch {
                    errors.set(w, error)
                    return
                }
                while let i = next.take(below: count) {
                    do { try shared.value(i, own) } catch { errors.set(i, error); return }
                }
            }
        }
        try errors.first()
    }

    /// The next piece to take.
    private final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func take(below count: Int) -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard value < count else { return nil }
            value += 1
            return value - 1
        }
    }

    /// The errors of the pieces that failed, by piece.
    private final class Errors: @unchecked Sendable {
        private var values: [Error?]
        private let lock = NSLock()
        init(_ n: Int) { values = Array(repeating: nil, count: n) }
        func set(_ i: Int, _ e: Error) {
            lock.lock()
            values[i] = e
            lock.unlock()
        }
        func first() throws {
            if let e = values.lazy.compactMap({ $0 }).first { throw e }
        }
    }

    /// A value handed to the threads as is (the closure is only called while `run` waits).
    private struct Unchecked<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }
}
