import Foundation

/// One piece of work started on another thread now and waited for later: a period's render
/// loads the stored rows and sums the brief's facts through the main connection while its
/// workbooks are written through their own (`WorkShare`), instead of after them.
///
/// The caller must not use what the work uses (the main store connection) until `wait`
/// returns, and must call `wait` before it returns, also when it fails, so no work is left
/// running on a connection that is about to be closed. Any thread may wait, any number of
/// times; each gets the same value (the result is written once, before the group is left).
final class BackgroundWork<Value>: @unchecked Sendable {
    private var result: Result<Value, Error>?
    private let done = DispatchGroup()

    /// Starts `work` on a global queue.
    init(_ work: @escaping () throws -> Value) {
        let box = Unchecked(work)
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = Result { try box.value() }
            done.leave()
        }
    }

    /// Waits for the work and returns its value or rethrows its error.
    func wait() throws -> Value {
        done.wait()
        guard let result else { preconditionFailure("BackgroundWork finished without a result") }
        return try result.get()
    }

    /// A value handed to the other thread as is (only that thread uses it until `wait`).
    private struct Unchecked<T>: @unchecked Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }
}
