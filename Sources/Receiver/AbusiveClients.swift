import Foundation
import NIOCore
import NIOPosix

/// Clients that misbehave, for `pems bench receive --abuse` (issue 19: the receiver keeps
/// serving the well-behaved collectors meanwhile). Each kind reconnects after the receiver
/// closes it, so the abuse lasts the whole run:
///
/// - `garbage`: random bytes, 4 KB every 50 ms, CR LF now and then (lines that fail the checks);
/// - `longLine`: one line of `longLineBytes` (10 MB) without a line end, sent as fast as it goes;
/// - `idle`: connections that send nothing;
/// - `slowloris`: a packet's first bytes, then one byte every 5 s, never finishing the line.
public final class AbusiveClients: @unchecked Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case garbage, longLine = "long_line", idle, slowloris
    }

    /// What each kind did: connections made, closed by the receiver, bytes sent.
    public struct Tally: Sendable {
        public var connected = 0
        public var closedByReceiver = 0
        public var refused = 0
        public var bytes = 0
        public init() {}
    }

    let host: String
    let port: Int
    let counts: [Kind: Int]
    let longLineBytes: Int
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let lock = NSLock()
    private var tallies: [Kind: Tally] = [:]
    private var stopping = false
    private var channels: [ObjectIdentifier: Channel] = [:]

    public init(host: String, port: Int, garbage: Int = 2, longLine: Int = 1, idle: Int = 1000, slowloris: Int = 20,
                longLineBytes: Int = 10 << 20) {
        self.host = host
        self.port = port
        counts = [.garbage: garbage, .longLine: longLine, .idle: idle, .slowloris: slowloris]
        self.longLineBytes = longLineBytes
    }

    /// Opens every client (the idle ones 50 at a time, not all in one instant).
    public func start() {
        for kind in Kind.allCases {
            for i in 0..<(counts[kind] ?? 0) {
                let delay = kind == .idle ? Int64(i / 50) * 100 : Int64(i) * 10
                group.next().scheduleTask(in: .milliseconds(delay)) { [self] in open(kind, seed: UInt64(i + 1)) }
            }
        }
    }

    /// Closes every client and reports per kind.
    public func stop() -> [Kind: Tally] {
        lock.lock()
        stopping = true
        let open = Array(channels.values)
        lock.unlock()
        for c in open { c.close(promise: nil) }
        Thread.sleep(forTimeInterval: 0.3)
        try? group.syncShutdownGracefully()
        lock.lock()
        defer { lock.unlock() }
        return tallies
    }

    private func tally(_ kind: Kind, _ change: (inout Tally) -> Void) {
        lock.lock()
        change(&tallies[kind, default: Tally()])
        lock.unlock()
    }

    private var isStopping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopping
    }

    private func open(_ kind: Kind, seed: UInt64) {
        guard !isStopping else { return }
        let loop = group.next()
        ClientBootstrap(group: loop)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .connect(host: host, port: port)
            .whenComplete { [self] result in
                switch result {
                case .failure:
                    tally(kind) { $0.refused += 1 }
                    loop.scheduleTask(in: .seconds(1)) { [self] in open(kind, seed: seed) }
                case .success(let channel):
                    tally(kind) { $0.connected += 1 }
                    lock.lock()
                    channels[ObjectIdentifier(channel)] = channel
                    lock.unlock()
                    channel.closeFuture.whenComplete { [self] _ in
                        lock.lock()
                        channels[ObjectIdentifier(channel)] = nil
                        let ours = stopping
                        lock.unlock()
                        guard !ours else { return }
                        tally(kind) { $0.closedByReceiver += 1 }
                        loop.scheduleTask(in: .seconds(kind == .longLine ? 5 : 1)) { [self] in open(kind, seed: seed &+ 1) }
                    }
                    behave(kind, on: channel, seed: seed)
                }
            }
    }

    private func behave(_ kind: Kind, on channel: Channel, seed: UInt64) {
        let loop = channel.eventLoop
        switch kind {
        case .idle:
            break
        case .garbage:
            var state = seed &* 0x9E37_79B9_7F4A_7C15
            loop.scheduleRepeatedTask(initialDelay: .zero, delay: .milliseconds(50)) { [self] task in
                guard channel.isActive else { task.cancel(); return }
                var bytes = [UInt8](repeating: 0, count: 4096)
                for i in bytes.indices {
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    bytes[i] = UInt8(truncatingIfNeeded: state >> 33)
                }
                bytes[2047] = 0x0D
                bytes[2048] = 0x0A
                channel.writeAndFlush(channel.allocator.buffer(bytes: bytes), promise: nil)
                tally(.garbage) { $0.bytes += bytes.count }
            }
        case .longLine:
            let chunk = [UInt8](repeating: UInt8(ascii: "A"), count: 64 << 10)
            func send(_ left: Int) {
                guard left > 0, channel.isActive else { return }
                let n = min(left, chunk.count)
                channel.writeAndFlush(channel.allocator.buffer(bytes: chunk[..<n])).whenSuccess { [self] in
                    tally(.longLine) { $0.bytes += n }
                    send(left - n)
                }
            }
            channel.writeAndFlush(channel.allocator.buffer(bytes: Array("##9999QN=".utf8)), promise: nil)
            send(longLineBytes)
        case .slowloris:
            let start = Array("##0590QN=20260101000000000;ST=32;CN=2011;".utf8)
            var i = 0
            loop.scheduleRepeatedTask(initialDelay: .zero, delay: .seconds(5)) { [self] task in
                guard channel.isActive else { task.cancel(); return }
                channel.writeAndFlush(channel.allocator.buffer(bytes: [start[i % start.count]]), promise: nil)
                tally(.slowloris) { $0.bytes += 1 }
                i += 1
            }
        }
    }
}
