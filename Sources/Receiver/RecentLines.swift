import Foundation
import HJ212
import PEMSCore

/// The packets written in the last `window` (by receive time), by a 64-bit hash of the line, so
/// a packet a collector sends again because its answer never came — the receiver was killed
/// after writing it, or the connection dropped — is answered without being written twice
/// (issue 19: every answered packet in the inbox exactly once). Only lines that passed the
/// packet checks are kept; a bad line is written however often it comes. At start the tail of
/// the newest inbox files is read back (`seed`), so a restart knows what its predecessor wrote.
final class RecentLines: @unchecked Sendable {
    let window: Int64
    private let lock = NSLock()
    private var seen: Set<UInt64> = []
    /// (receive time in ms, hash) in the order inserted, for eviction.
    private var order: [(Int64, UInt64)] = []
    private var head = 0

    /// `window`: milliseconds a line is remembered.
    init(window: Int64 = 15 * 60_000) {
        self.window = window
    }

    /// FNV-1a over the line's bytes.
    static func hash(_ line: some Sequence<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in line {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01B3
        }
        return h
    }

    /// Remembers `line`, received at `time`; false when it was already written within the window.
    func insert(_ line: [UInt8], at time: ReceiveInstant) -> Bool {
        insert(hash: Self.hash(line), at: time.milliseconds)
    }

    private func insert(hash h: UInt64, at ms: Int64) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        while head < order.count, order[head].0 < ms - window {
            seen.remove(order[head].1)
            head += 1
        }
        if head > 65_536, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
        guard seen.insert(h).inserted else { return false }
        order.append((ms, h))
        return true
    }

    /// Reads back the last `maxBytes` of each of `files` (oldest first) and remembers the lines
    /// received within the window before `now` (the part after the receive time). 32 MB is
    /// about 50,000 packets: the re-sends that follow a restart come within seconds, and the
    /// receiver's memory stays small after restarting on an hour's file of a busy city.
    func seed(from files: [URL], now: ReceiveInstant, maxBytes: Int = 32 << 20) {
        for url in files {
            guard let handle = FileHandle(forReadingAtPath: url.path) else { continue }
            defer { try? handle.close() }
            let size = (try? handle.seekToEnd()) ?? 0
            let from = size > UInt64(maxBytes) ? size - UInt64(maxBytes) : 0
            try? handle.seek(toOffset: from)
            guard let data = try? handle.readToEnd() else { continue }
            var lines = data.split(separator: 0x0A, omittingEmptySubsequences: true)
            if from > 0, !lines.isEmpty { lines.removeFirst() }   // cut mid-line
            for line in lines where line.count > ReceiveTime.prefixBytes {
                guard let ms = Self.milliseconds(line), ms >= now.milliseconds - window else { continue }
                _ = insert(hash: Self.hash(line.dropFirst(ReceiveTime.prefixBytes)), at: ms)
            }
        }
    }

    /// The receive time `line` starts with (`HJ212.ReceiveTime`, CST) as milliseconds since
    /// 1970-01-01 00:00 UTC.
    static func milliseconds(_ line: some Collection<UInt8>) -> Int64? {
        guard let r = ReceiveTime.leading(line),
              let t = Timestamp(year: r.year, month: r.month, day: r.day, hour: r.hour, minute: r.minute, second: r.second)
        else { return nil }
        return (t.seconds - 8 * 3600) * 1000 + Int64(r.millisecond)
    }
}
