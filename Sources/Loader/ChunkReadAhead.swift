import Foundation

/// Reads the next chunk of a file on a thread of its own while the workers parse the current
/// one: reading, hashing (`LineChunks.digest`) and cutting a chunk into lines were done
/// between chunks with the workers idle, a fifth of a city day's load (docs/PERFORMANCE.md).
///
/// One chunk is read ahead (so at most two are in memory). `next()` returns them in file order
/// and rethrows a read error where it happened; `finish()` stops the reader — also when the
/// consumer stops early — and returns the `LineChunks` with its counts and digest.
final class ChunkReadAhead: @unchecked Sendable {
    private var source: LineChunks
    private let lock = NSLock()
    /// Chunks read and not yet taken (at most one), or the error that ended reading.
    private var ready: [Result<LineChunks.Chunk?, Error>] = []
    private var cancelled = false
    /// Signalled when a chunk may be read (at the start, and when the consumer took the last
    /// one). Created at 0 and signalled once by `start`: libdispatch traps when a semaphore
    /// is freed holding less than it was created with, which a reader stopped early leaves.
    private let room = DispatchSemaphore(value: 0)
    /// Signalled when a chunk (or the end, or an error) is ready.
    private let filled = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)
    private var running = false

    init(_ source: LineChunks) {
        self.source = source
    }

    /// Starts the reading thread.
    func start() {
        running = true
        room.signal()
        let t = Thread { [self] in read() }
        t.name = "pems-load-read"
        t.start()
    }

    private func read() {
        defer { stopped.signal() }
        while true {
            room.wait()
            lock.lock()
            let stop = cancelled
            lock.unlock()
            if stop { return }
            let r = Result { try source.next() }
            lock.lock()
            ready.append(r)
            lock.unlock()
            filled.signal()
            switch r {
            case .success(.some): continue
            case .success(nil), .failure: return
            }
        }
    }

    /// The next chunk in file order; nil at the end of the file.
    func next() throws -> LineChunks.Chunk? {
        filled.wait()
        lock.lock()
        let r = ready.removeFirst()
        lock.unlock()
        if case .success(.some) = r { room.signal() }
        return try r.get()
    }

    /// Stops the reader (if it is still reading) and returns the chunk source as it ended.
    func finish() -> LineChunks {
        guard running else { return source }
        lock.lock()
        cancelled = true
        lock.unlock()
        room.signal()
        stopped.wait()
        running = false
        return source
    }
}
