import Foundation
import Logging
import NIOCore
import NIOPosix

/// `pems receive`: the HJ 212 TCP server data collectors (数采仪) send to (issue 19). One
/// `CollectorConnection` per connection on SwiftNIO's event loops (one per core), every line
/// written to the inbox by one `InboxWriter`, the counts in `ReceiverStats`, rewritten to the
/// inbox's status file every few seconds. Runs until `stop` (the command stops it on SIGINT
/// or SIGTERM, which is how systemd stops it), then writes what is queued and hands over
/// the open hour's file.
public final class ReceiverServer: @unchecked Sendable {
    public let inbox: URL
    let limits: ReceiverLimits
    private let logger: Logger
    private let group: MultiThreadedEventLoopGroup
    private let writer: InboxWriter
    private let recent = RecentLines()
    let stats = ReceiverStats()
    private let directory: CollectorDirectory
    /// 补采 from the nightly's gap list, when `pems receive --gaps` is given.
    let recovery: GapRecovery?
    private var channel: Channel?
    private var statusTask: RepeatedTask?

    /// The address and port it listens on (the port the system chose when asked for port 0).
    public private(set) var listening = ""
    public private(set) var port = 0

    /// Prepares the inbox (hands over files a crash left) without listening yet.
    /// `gaps`: the nightly's out folder, whose newest gap list is asked for (`GapRecovery`).
    public init(inbox: URL, limits: ReceiverLimits = ReceiverLimits(), gaps: GapRecoverySettings? = nil, logger: Logger) throws {
        self.inbox = inbox
        let directory = CollectorDirectory()
        self.directory = directory
        recovery = gaps.map { GapRecovery(settings: $0, directory: directory, logFolder: inbox, logger: logger) }
        self.limits = limits
        self.logger = logger
        group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, System.coreCount))
        writer = try InboxWriter(inbox: inbox, commitInterval: limits.commitInterval, logger: logger)
        // What the last run wrote (its newest files, the one a crash left included), so a
        // packet sent again after a restart is not written twice.
        let newest = try FileManager.default.contentsOfDirectory(atPath: inbox.path)
            .filter { $0.hasPrefix("hj212-") && $0.hasSuffix(".log") }
            .compactMap { name -> (Date, URL)? in
                let url = inbox.appendingPathComponent(name)
                guard let m = try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date else { return nil }
                return (m, url)
            }
            .sorted { $0.0 < $1.0 }.suffix(2).map(\.1)
        recent.seed(from: newest, now: ReceiveInstant.now())
    }

    /// Starts writing and listening on `host`:`port`.
    public func start(host: String, port: Int) throws {
        writer.start()
        let writer = self.writer, recent = self.recent, stats = self.stats, limits = self.limits, logger = self.logger
        let directory = self.directory, recovery = self.recovery
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 4)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        IdleStateHandler(readTimeout: .milliseconds(Int64(limits.idleTimeout * 1000))))
                    try channel.pipeline.syncOperations.addHandler(
                        CollectorConnection(writer: writer, recent: recent, stats: stats, limits: limits, logger: logger,
                                            directory: directory, recovery: recovery))
                }
            }
        do {
            let ch = try bootstrap.bind(host: host, port: port).wait()
            channel = ch
            self.port = ch.localAddress?.port ?? port
            listening = "\(host):\(self.port)"
        } catch {
            writer.stop()
            throw ReceiverError.cannotListen(host: host, port: port, reason: "\(error)")
        }
        let inbox = self.inbox, listening = self.listening
        if let recovery { stats.recovery = { recovery.summary() } }
        stats.write(to: inbox, listening: listening)
        statusTask = group.next().scheduleRepeatedTask(initialDelay: .seconds(2), delay: .seconds(2)) { _ in
            stats.write(to: inbox, listening: listening)
        }
        recovery?.start(on: group.next())
        logger.notice("receiving HJ 212 on \(listening), writing to \(inbox.path)")
    }

    /// Stops listening, closes every connection, writes what is queued and hands over the
    /// open file. Waits for all of it.
    public func stop() {
        statusTask?.cancel()
        recovery?.stop()
        try? channel?.close().wait()
        try? group.syncShutdownGracefully()
        writer.stop()
        stats.write(to: inbox, listening: listening)
        logger.notice("stopped; the open hour's file handed over")
    }
}

/// Why the receiver could not start.
public enum ReceiverError: Error, CustomStringConvertible {
    case cannotListen(host: String, port: Int, reason: String)
    case badAddress(String)

    public var description: String {
        switch self {
        case let .cannotListen(host, port, reason): return "cannot listen on \(host):\(port): \(reason)"
        case let .badAddress(s): return "--listen \(s): expected HOST:PORT (e.g. 0.0.0.0:9000)"
        }
    }
}
