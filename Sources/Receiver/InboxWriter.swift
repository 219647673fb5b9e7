import Foundation
import Logging

/// Appends received lines to the inbox as hourly packet logs the loader reads, and says when
/// each line is safely on disk, so a packet is answered only then (issue 19: nothing
/// acknowledged is lost).
///
/// - Each line is written as `<receive time> <line>\n` (SPEC §13.38), to the file of its CST
///   receive hour: `hj212-YYYYMMDD-HH.log`. While the hour is open the file is named
///   `….log.part`, which the loader does not take (`InputFiles.extensions`), so a nightly never
///   loads a file half-written; at the end of the hour it is closed and renamed (`handOver`).
/// - Writes are grouped: one thread collects the lines that arrive during `commitInterval`
///   (20–50 ms), writes them with one `write`, `fsync`s, then calls every line's completion.
///   A line whose write or sync failed is reported as failed and must not be answered.
/// - On start, a `.part` file left by a crash is handed over whole: an unfinished last line
///   (no line end: its write never completed, so it was never answered) is cut off and logged,
///   and the file is renamed as if its hour had ended.
///
/// The receiver never opens the store: the nightly loads these files like any others.
final class InboxWriter: @unchecked Sendable {
    typealias Completion = @Sendable (Bool) -> Void

    let inbox: URL
    let commitInterval: TimeInterval
    private let logger: Logger
    private let condition = NSCondition()
    private var queue: [(bytes: [UInt8], hour: Int64, done: Completion)] = []
    private var stopping = false
    private var thread: Thread?
    private let stopped = DispatchSemaphore(value: 0)
    /// The open hour's file (touched by the writer thread only).
    private var open: (hour: Int64, fd: Int32, part: URL)?

    init(inbox: URL, commitInterval: TimeInterval = 0.025, logger: Logger) throws {
        self.inbox = inbox
        self.commitInterval = min(max(commitInterval, 0.001), 1)
        self.logger = logger
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try recover()
    }

    /// Starts the writer thread.
    func start() {
        let t = Thread { [self] in run() }
        t.name = "pems-receive-inbox"
        thread = t
        t.start()
    }

    /// Queues `line` (without its line end), received at `time`; `done(true)` is called on the
    /// writer thread once it is on disk, `done(false)` if it could not be written.
    func append(_ line: [UInt8], receivedAt time: ReceiveInstant, done: @escaping Completion) {
        var bytes = Array(time.text.utf8)
        bytes.reserveCapacity(bytes.count + line.count + 2)
        bytes.append(0x20)
        bytes.append(contentsOf: line)
        bytes.append(0x0A)
        condition.lock()
        if stopping {
            condition.unlock()
            done(false)
            return
        }
        queue.append((bytes, time.hour, done))
        condition.signal()
        condition.unlock()
    }

    /// Calls `done(true)` once everything queued before it is on disk (a packet sent again whose
    /// first copy is already written or queued: `RecentLines`).
    func afterCommit(at time: ReceiveInstant, done: @escaping Completion) {
        condition.lock()
        if stopping {
            condition.unlock()
            done(false)
            return
        }
        queue.append(([], time.hour, done))
        condition.signal()
        condition.unlock()
    }

    /// Writes what is queued, closes and renames the open file, and stops the thread.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
        if thread != nil { stopped.wait() }
    }

    // MARK: - The writer thread

    private func run() {
        var lastCommit = Date.distantPast
        while true {
            condition.lock()
            // Wake at least once a second so the hour's file is closed when the hour ends,
            // also when no line arrives.
            if queue.isEmpty && !stopping { _ = condition.wait(until: Date().addingTimeInterval(1)) }
            let hadLines = !queue.isEmpty
            condition.unlock()
            // Lines that come within `commitInterval` of the last commit wait for the next one,
            // so a steady stream is written and synced once per interval.
            let wait = commitInterval - Date().timeIntervalSince(lastCommit)
            if hadLines && !stopping && wait > 0 { Thread.sleep(forTimeInterval: wait) }
            if hadLines { lastCommit = Date() }
            condition.lock()
            let batch = queue
            queue.removeAll(keepingCapacity: true)
            let last = stopping
            condition.unlock()
            commit(batch)
            if last {
                closeOpen()
                stopped.signal()
                return
            }
            if let o = open, ReceiveInstant.now().hour > o.hour { closeOpen() }
        }
    }

    /// Writes `batch` (grouped by hour, in order), syncs each file once, then completes.
    private func commit(_ batch: [(bytes: [UInt8], hour: Int64, done: Completion)]) {
        guard !batch.isEmpty else { return }
        var i = 0
        var results: [Bool] = []
        results.reserveCapacity(batch.count)
        while i < batch.count {
            let hour = batch[i].hour
            var j = i
            var bytes: [UInt8] = []
            while j < batch.count, batch[j].hour == hour { bytes += batch[j].bytes; j += 1 }
            let ok = bytes.isEmpty || write(bytes, hour: hour)
            results += Array(repeating: ok, count: j - i)
            i = j
        }
        for (item, ok) in zip(batch, results) { item.done(ok) }
    }

    private func write(_ bytes: [UInt8], hour: Int64) -> Bool {
        if let o = open, o.hour != hour { closeOpen() }
        if open == nil {
            let part = inbox.appendingPathComponent("hj212-\(ReceiveInstant.hourName(hour)).log.part")
            let fd = Foundation.open(part.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                logger.error("inbox: cannot open \(part.path): \(String(cString: strerror(errno)))")
                return false
            }
            open = (hour, fd, part)
        }
        guard let o = open else { return false }
        var written = 0
        let ok = bytes.withUnsafeBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return true }
            while written < raw.count {
                let n = Foundation.write(o.fd, base + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += n
            }
            return true
        }
        guard ok, fsync(o.fd) == 0 else {
            logger.error("inbox: cannot write \(o.part.path): \(String(cString: strerror(errno)))")
            // What was written of this batch stays; its lines are not answered, so the devices
            // send them again (the store knows a re-sent reading and keeps one).
            return false
        }
        return true
    }

    private func closeOpen() {
        guard let o = open else { return }
        close(o.fd)
        open = nil
        handOver(o.part)
    }

    /// Renames a closed `.part` file to its final name, or, when that is taken (a receiver
    /// restarted within the hour writes a second file for it), `…-HH_02.log`, `_03` …: names
    /// that sort after the hour's first file and before the next hour's, so the loader, which
    /// takes a folder's files in name order, loads them in the order they were received.
    private func handOver(_ part: URL) {
        let base = part.deletingPathExtension().deletingPathExtension().lastPathComponent
        var target = inbox.appendingPathComponent(base + ".log")
        var n = 2
        while FileManager.default.fileExists(atPath: target.path) {
            target = inbox.appendingPathComponent(base + "_" + (n < 10 ? "0\(n)" : "\(n)") + ".log")
            n += 1
        }
        if rename(part.path, target.path) != 0 {
            logger.error("inbox: cannot rename \(part.path) to \(target.lastPathComponent): \(String(cString: strerror(errno)))")
        }
    }

    /// The file's size and the offset just after its last line end (0 when it has none),
    /// reading backwards from the end in 64 KB steps; nil when it cannot be read.
    static func lastLineEnd(_ url: URL) -> (size: UInt64, keep: UInt64)? {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return nil }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd() else { return nil }
        var end = size
        while end > 0 {
            let start = end > 65_536 ? end - 65_536 : 0
            guard (try? handle.seek(toOffset: start)) != nil,
                  let chunk = try? handle.read(upToCount: Int(end - start)) else { return nil }
            if let i = chunk.lastIndex(of: 0x0A) { return (size, start + UInt64(i - chunk.startIndex) + 1) }
            end = start
        }
        return (size, 0)
    }

    /// Hands over the `.part` files a crash left (see the type's comment).
    private func recover() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: inbox.path).filter { $0.hasSuffix(".log.part") }.sorted()
        for name in names {
            let url = inbox.appendingPathComponent(name)
            // Only the end is read (back to the last line end): the file may hold an hour of a
            // busy city.
            guard let (size, keep) = Self.lastLineEnd(url) else { continue }
            if keep < size {
                logger.warning("inbox: \(name) ended in an unfinished line of \(size - keep) bytes (never answered); cut off")
                truncate(url.path, off_t(keep))
            }
            handOver(url)
            logger.notice("inbox: \(name) left by an earlier run handed over")
        }
    }
}
