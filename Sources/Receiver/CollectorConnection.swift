import HJ212
import Logging
import NIOCore

/// One data collector's (数采仪) TCP connection: its bytes cut into packet lines
/// (`LineFramer`), each line written to the inbox (`InboxWriter`) and, once it is on disk,
/// answered when the packet asks for it (`DataAnswer`: CN 9014; never a packet that failed
/// its checks). The limits of `ReceiverLimits` close a connection that sends too much, too
/// slowly, nothing, or only lines that fail the checks; each is logged with the client.
final class CollectorConnection: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let writer: InboxWriter
    private let recent: RecentLines
    private let stats: ReceiverStats
    private let limits: ReceiverLimits
    private let logger: Logger
    private let directory: CollectorDirectory?
    private let recovery: GapRecovery?
    /// MNs seen on this connection (told to `directory` once each).
    private var mns: Set<String> = []
    private var framer: LineFramer
    /// Reused for every line of the connection (`DataAnswer.examine`).
    private var scanner: PacketScanner
    private var remote = "?"
    private var counted = false
    /// Bytes received in the current minute (`windowStart`, seconds).
    private var windowBytes = 0
    private var windowStart: Int64 = 0
    /// When the unfinished line started (nil while none is pending).
    private var pendingSince: ReceiveInstant?
    private var badInARow = 0
    private var closing = false
    private var watch: RepeatedTask?

    init(writer: InboxWriter, recent: RecentLines, stats: ReceiverStats, limits: ReceiverLimits, logger: Logger,
         directory: CollectorDirectory? = nil, recovery: GapRecovery? = nil) {
        self.directory = directory
        self.recovery = recovery
        self.writer = writer
        self.recent = recent
        self.stats = stats
        self.limits = limits
        self.logger = logger
        framer = LineFramer(maxLineBytes: limits.maxLineBytes)
        scanner = PacketScanner(maxLineBytes: limits.maxLineBytes)
    }

    func channelActive(context: ChannelHandlerContext) {
        remote = context.remoteAddress.map(Self.describe) ?? "?"
        guard stats.opened(limit: limits.maxConnections) else {
            logger.warning("\(remote): refused, \(limits.maxConnections) connections already open")
            context.close(promise: nil)
            return
        }
        counted = true
        // The slow-line check (a client that sends a packet a byte at a time).
        let step = TimeAmount.milliseconds(Int64(max(1, min(limits.lineTimeout / 4, 5)) * 1000))
        watch = context.eventLoop.scheduleRepeatedTask(initialDelay: step, delay: step) { [weak self] _ in
            guard let self, let since = self.pendingSince, !self.closing else { return }
            let age = Double(ReceiveInstant.now().milliseconds - since.milliseconds) / 1000
            if age > self.limits.lineTimeout {
                self.drop(context, "a line left unfinished for \(Int(age)) s (limit \(Int(self.limits.lineTimeout)) s)")
            }
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        watch?.cancel()
        watch = nil
        if !mns.isEmpty { directory?.closed(context.channel) }
        if counted {
            stats.closed()
            counted = false
        }
        switch framer.finish() {
        case .line(let l)?:
            logger.notice("\(remote): disconnected in the middle of a line (\(l.count) bytes, not written, not answered)")
        case .tooLong(let n)?:
            logger.notice("\(remote): disconnected in the middle of an over-long line (\(n) bytes, dropped)")
        case nil:
            break
        }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        let buffer = unwrapInboundIn(data)
        let now = ReceiveInstant.now()
        let second = now.milliseconds / 1000
        if second - windowStart >= 60 {
            windowStart = second
            windowBytes = 0
        }
        windowBytes += buffer.readableBytes
        if windowBytes > limits.bytesPerMinute {
            drop(context, "sent more than \(limits.bytesPerMinute) bytes in a minute")
            return
        }
        let pieces = buffer.readableBytesView.withContiguousStorageIfAvailable { framer.push($0) }
            ?? framer.push(Array(buffer.readableBytesView))
        for piece in pieces {
            switch piece {
            case .line(let line): received(line, at: now, context: context)
            case .tooLong(let n):
                logger.warning("\(remote): a line of \(n) bytes, over the limit of \(limits.maxLineBytes), dropped")
                stats.badLine()
                badLine(context)
            }
            if closing { return }
        }
        pendingSince = framer.pendingCount > 0 ? (pendingSince ?? now) : nil
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            drop(context, "sent nothing for \(Int(limits.idleTimeout)) s")
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        logger.notice("\(remote): \(error); closed")
        context.close(promise: nil)
    }

    /// Writes `line` to the inbox, then answers it if it asks for an answer.
    private func received(_ line: [UInt8], at time: ReceiveInstant, context: ChannelHandlerContext) {
        let examined = DataAnswer.examine(line, scanner: &scanner)
        if examined.passed {
            badInARow = 0
            stats.packet(mn: examined.mn, at: time, from: remote)
            if let mn = examined.mn, let directory {
                // 补采: where to send this MN's requests, and the replies to one.
                if mns.insert(mn).inserted, let c = HistoryRequest.Collector.of(line) {
                    directory.saw(c, on: context.channel, remote: remote)
                }
                if let recovery, recovery.waits(for: mn) { recovery.observed(line, at: time) }
            }
        } else {
            stats.badLine()
            badLine(context)
        }
        let answer = examined.answer
        let channel = context.channel
        let remote = self.remote, logger = self.logger
        let done: InboxWriter.Completion = { ok in
            guard ok else {
                logger.error("\(remote): a line could not be written to the inbox; not answered")
                return
            }
            guard let answer else { return }
            channel.writeAndFlush(channel.allocator.buffer(bytes: answer), promise: nil)
        }
        // A packet sent again (its answer never came) is answered once its first copy is on
        // disk, not written twice.
        if examined.passed, !recent.insert(line, at: time) {
            writer.afterCommit(at: time, done: done)
        } else {
            writer.append(line, receivedAt: time, done: done)
        }
    }

    private func badLine(_ context: ChannelHandlerContext) {
        badInARow += 1
        if badInARow >= limits.maxBadLinesInARow {
            drop(context, "\(badInARow) lines in a row failed the packet checks")
        }
    }

    private func drop(_ context: ChannelHandlerContext, _ why: String) {
        guard !closing else { return }
        closing = true
        stats.dropped()
        logger.warning("\(remote): \(why); closed")
        context.close(promise: nil)
    }

    private static func describe(_ a: SocketAddress) -> String {
        if let ip = a.ipAddress, let port = a.port { return a.protocol == .inet6 ? "[\(ip)]:\(port)" : "\(ip):\(port)" }
        return "\(a)"
    }
}
