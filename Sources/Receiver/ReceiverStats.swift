import Foundation
import HJ212

/// What the running receiver counts, shared by every connection: what `pems receive --status`
/// prints (connections, packets per minute, the last packet of each MN), from the status file
/// the receiver rewrites every few seconds (`statusFileName` in the inbox, a hidden file the
/// loader does not take).
final class ReceiverStats: @unchecked Sendable {
    static let statusFileName = ".pems-receive-status.json"

    private let lock = NSLock()
    private let started = ReceiveInstant.now()
    private var connections = 0
    private var packets = 0
    private var badLines = 0
    private var droppedClients = 0
    private var refusedConnections = 0
    /// Packets per receive second of the last minutes (second → count).
    private var perSecond: [Int64: Int] = [:]
    private var lastByMN: [String: (time: ReceiveInstant, remote: String)] = [:]
    /// The 补采 counts (`GapRecovery.summary`), when the receiver asks for gaps.
    var recovery: (@Sendable () -> (list: String?, windows: Int, done: Int, asked: Int, gaveUp: Int))?

    /// A connection opened; false when `limit` are already open (the caller closes it).
    func opened(limit: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard connections < limit else {
            refusedConnections += 1
            return false
        }
        connections += 1
        return true
    }

    func closed() {
        lock.lock()
        connections -= 1
        lock.unlock()
    }

    /// A line that passed the packet checks, from `mn` (nil when it has none).
    func packet(mn: String?, at time: ReceiveInstant, from remote: String) {
        lock.lock()
        packets += 1
        perSecond[time.milliseconds / 1000, default: 0] += 1
        if let mn { lastByMN[mn] = (time, remote) }
        lock.unlock()
    }

    func badLine() {
        lock.lock()
        badLines += 1
        lock.unlock()
    }

    func dropped() {
        lock.lock()
        droppedClients += 1
        lock.unlock()
    }

    /// The status as JSON (keys sorted, one MN per line of `last_packet_by_mn`).
    func json(listening: String) -> String {
        let now = ReceiveInstant.now()
        lock.lock()
        let second = now.milliseconds / 1000
        perSecond = perSecond.filter { $0.key > second - 600 }
        let lastMinute = perSecond.filter { $0.key > second - 60 }.values.reduce(0, +)
        let lastTen = perSecond.values.reduce(0, +)
        var lines = [
            "  \"bad_lines\": \(badLines),",
            "  \"connections\": \(connections),",
            "  \"dropped_clients\": \(droppedClients),",
            "  \"listening\": \"\(listening)\",",
            "  \"now\": \"\(now.text)\",",
            "  \"packets\": \(packets),",
            "  \"packets_last_minute\": \(lastMinute),",
            "  \"packets_per_minute_last_10\": \(Double(lastTen) / 10),",
            "  \"refused_connections\": \(refusedConnections),",
            "  \"started\": \"\(started.text)\",",
        ]
        if let r = recovery?() {
            lines.append("  \"gap_recovery\": {\"list\": \(r.list.map(JSONString.quoted) ?? "null"), \"windows\": \(r.windows), "
                         + "\"done\": \(r.done), \"asked\": \(r.asked), \"gave_up\": \(r.gaveUp)},")
        }
        let mns = lastByMN.keys.sorted()
        lines.append("  \"last_packet_by_mn\": {" + (mns.isEmpty ? "}" : ""))
        for (i, mn) in mns.enumerated() {
            guard let v = lastByMN[mn] else { continue }
            lines.append("    \(JSONString.quoted(mn)): {\"time\": \"\(v.time.text)\", \"from\": \"\(v.remote)\"}" + (i == mns.count - 1 ? "" : ","))
        }
        if !mns.isEmpty { lines.append("  }") }
        lock.unlock()
        return "{\n" + lines.joined(separator: "\n") + "\n}\n"
    }

    /// Rewrites the status file in `inbox` (written aside, then renamed over the old one).
    func write(to inbox: URL, listening: String) {
        let target = inbox.appendingPathComponent(Self.statusFileName)
        let aside = inbox.appendingPathComponent(Self.statusFileName + ".new")
        do {
            try Data(json(listening: listening).utf8).write(to: aside)
            _ = rename(aside.path, target.path)
        } catch {
            // The status is informative only; the next write tries again.
        }
    }
}
