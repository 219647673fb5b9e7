import Foundation
import HJ212
import NIOCore

/// Which connection each MN's packets come in on, so the receiver can send a collector a
/// request (补采: `GapRecovery`). A collector is known from the first packet of an MN that
/// passes the checks on a connection, and forgotten when that connection closes; a device that
/// reconnects is known again from its next packet.
final class CollectorDirectory: @unchecked Sendable {
    struct Entry {
        var collector: HistoryRequest.Collector
        var channel: Channel
        var remote: String
    }

    private let lock = NSLock()
    private var byMN: [String: Entry] = [:]

    /// `collector`'s packets arrive on `channel` (the newest connection wins).
    func saw(_ collector: HistoryRequest.Collector, on channel: Channel, remote: String) {
        lock.lock()
        byMN[collector.mn] = Entry(collector: collector, channel: channel, remote: remote)
        lock.unlock()
    }

    /// Forgets the MNs whose packets came in on `channel`.
    func closed(_ channel: Channel) {
        lock.lock()
        byMN = byMN.filter { $0.value.channel !== channel }
        lock.unlock()
    }

    /// The connection of `mn`, when it is connected.
    func entry(_ mn: String) -> Entry? {
        lock.lock()
        defer { lock.unlock() }
        return byMN[mn]
    }
}
