import Foundation
import HJ212
import PEMSCore
import NIOCore
import NIOPosix

/// `pems simulate`: replays a generated city's packets (`SimulatedCity`) as data collectors,
/// each on its own TCP connection, faster than real time (issue 19: for tests and load).
///
/// - The city's MNs are shared out among `devices` connections in turn; each connection sends
///   its packets at (send time − the first live DataTime) / `speed` after the start, the send
///   time being the packet's QN (`SimulatedCity.Packet.offset`). Packets before `liveFrom` are
///   not sent, only kept to answer history requests.
/// - A share of the devices (`resendShare`) drop their connection a third of the way through,
///   stay away for a tenth of the run, reconnect and send what they could not (and what was
///   sent but not answered) at once: data re-sent after an outage, late. A device whose
///   connection the receiver closes (or loses: a restart) does the same a second later.
/// - A share of the devices (`withholdShare`) do not send the packets of `withholdMinutes`
///   starting a third of the way through the live data (a link that loses them while the
///   collector keeps them): the gaps the nightly lists for 补采.
/// - Every device answers a history request (CN 2051 with BeginTime and EndTime, from the
///   receiver's 补采) as a collector does: CN 9011 QnRtn=1, its packets of the window as minute
///   data (`SimulatedCity.minuteData`), then CN 9012 ExeRtn=1, or 100 when it has none. It stays
///   connected `stay` seconds after its last packet, to be asked.
/// - Every answer is matched to its packet by QN: the time from send to answer is measured,
///   and each answered packet is recorded (`answered`), so a test can check that everything
///   answered is in the inbox exactly once.
public final class DeviceSimulator: @unchecked Sendable {
    /// What a run measured.
    public struct Report: Sendable {
        public var devices = 0
        public var sent = 0
        public var askedAnswer = 0
        public var answered = 0
        public var reconnects = 0
        /// Connections the receiver closed, and packets not sent because of it.
        public var closedByReceiver = 0
        public var unsent = 0
        public var seconds = 0.0
        /// Send → answer times, milliseconds, sorted.
        public var latencies: [Double] = []
        /// MN and QN of every answered packet, in the order the answers came.
        public var answeredPackets: [(mn: String, qn: String)] = []
        /// Live packets not sent (`withholdShare`), history requests answered and the packets
        /// sent back for them.
        public var withheld = 0
        /// The send times (CST, `YYYY-MM-DD HH:MM`) between which they were kept back.
        public var withheldWindow: (from: String, to: String)?
        public var historyRequests = 0
        public var historyPackets = 0

        public func percentile(_ p: Double) -> Double? {
            guard !latencies.isEmpty else { return nil }
            let i = min(latencies.count - 1, max(0, Int((p / 100 * Double(latencies.count)).rounded(.up)) - 1))
            return latencies[i]
        }
    }

    /// How the devices behave beyond sending on time.
    public struct Options: Sendable {
        public var resendShare = 0.0
        public var withholdShare = 0.0
        public var withholdMinutes = 60
        /// Seconds of data (after the city's first DataTime) not sent live, only kept for
        /// history requests.
        public var liveFrom: Int64 = 0
        /// Seconds each device stays connected after its last packet.
        public var stay = 1.0
        public init() {}
    }

    let city: SimulatedCity
    let devices: Int
    let speed: Double
    let options: Options
    private let lock = NSLock()
    private var report = Report()

    public init(city: SimulatedCity, devices: Int, speed: Double, options: Options = Options()) {
        self.city = city
        self.devices = max(1, min(devices, city.devices.count))
        self.speed = max(speed, 0.001)
        var o = options
        o.resendShare = min(max(o.resendShare, 0), 1)
        o.withholdShare = min(max(o.withholdShare, 0), 1)
        self.options = o
    }

    /// Connects every device to `host`:`port`, sends everything, waits `linger` seconds for
    /// the last answers, and reports.
    public func run(host: String, port: Int, linger: Double = 2) throws -> Report {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, System.coreCount))
        defer { try? group.syncShutdownGracefully() }
        // The MNs of each device, and its packets merged in time order.
        // Live: the packets sent from `liveFrom` on (send times, which `shifted` does not move),
        // moved so the first live packet goes at the start.
        let liveFrom = Double(options.liveFrom)
        let live = city.devices.flatMap { $0.packets }.filter { $0.offset >= liveFrom }
        let base = live.map(\.offset).min() ?? 0
        let liveSpan = (live.map(\.offset).max() ?? base) - base
        // The withheld minutes: from a third of the way through, on whole minutes.
        let holdFrom = base + (liveSpan / 3 / 60).rounded(.down) * 60
        let hold = holdFrom..<(holdFrom + Double(options.withholdMinutes) * 60)
        var plans: [[SimulatedCity.Packet]] = Array(repeating: [], count: devices)
        var mnOf: [[String]] = Array(repeating: [], count: devices)
        var history: [String: [SimulatedCity.Packet]] = [:]
        for (i, d) in city.devices.enumerated() {
            history[d.mn] = d.packets
            plans[i % devices] += d.packets.filter { $0.offset >= liveFrom }
            mnOf[i % devices].append(d.mn)
        }
        let resenders = Int((Double(devices) * options.resendShare).rounded())
        let withholders = Int((Double(devices) * options.withholdShare).rounded())
        var withheld = 0
        for d in (devices - withholders)..<devices {
            let before = plans[d].count
            plans[d].removeAll { hold.contains($0.offset) }
            withheld += before - plans[d].count
        }
        for i in plans.indices {
            plans[i] = plans[i].enumerated().sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }.map { e in
                var q = e.element
                q.offset -= base
                return q
            }
        }
        let span = (plans.flatMap { $0.map(\.offset) }.max() ?? 0) / speed
        report.withheld = withheld
        if withheld > 0 {
            func minute(_ offset: Double) -> String { String(Timestamp(seconds: city.firstDataTime + Int64(offset)).description.prefix(16)) }
            report.withheldWindow = (minute(hold.lowerBound), minute(hold.upperBound))
        }
        let start = NIODeadline.now() + .milliseconds(500)
        let began = Date()
        var finished: [EventLoopFuture<Void>] = []
        for d in 0..<devices {
            let device = Device(simulator: self, group: group, host: host, port: port, packets: plans[d],
                                history: history.filter { mnOf[d].contains($0.key) },
                                speed: speed, start: start, stay: options.stay,
                                outage: d < resenders ? (span / 3, span / 10) : nil)
            finished.append(device.run())
        }
        try EventLoopFuture.andAllComplete(finished, on: group.next()).wait()
        Thread.sleep(forTimeInterval: linger)
        lock.lock()
        defer { lock.unlock() }
        report.devices = devices
        report.seconds = Date().timeIntervalSince(began) - linger
        report.latencies.sort()
        return report
    }

    fileprivate func sent(asksAnswer: Bool) {
        lock.lock()
        report.sent += 1
        if asksAnswer { report.askedAnswer += 1 }
        lock.unlock()
    }

    fileprivate func answered(mn: String, qn: String, milliseconds: Double) {
        lock.lock()
        report.answered += 1
        report.latencies.append(milliseconds)
        report.answeredPackets.append((mn, qn))
        lock.unlock()
    }

    fileprivate func lost(unsent: Int, closed: Bool) {
        lock.lock()
        report.unsent += unsent
        if closed { report.closedByReceiver += 1 }
        lock.unlock()
    }

    fileprivate func answeredHistory(packets: Int) {
        lock.lock()
        report.historyRequests += 1
        report.historyPackets += packets
        lock.unlock()
    }

    fileprivate func reconnected() {
        lock.lock()
        report.reconnects += 1
        lock.unlock()
    }
}

/// One simulated collector: its connection, its schedule, the packets waiting for an answer.
private final class Device: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    let simulator: DeviceSimulator
    let group: EventLoopGroup
    let loop: EventLoop
    let host: String
    let port: Int
    let packets: [SimulatedCity.Packet]
    /// Every packet of this device's MNs, for history requests.
    let history: [String: [SimulatedCity.Packet]]
    let speed: Double
    let stay: Double
    let start: NIODeadline
    /// (start, length) in seconds after `start` of the one outage, if this device has one.
    let outage: (Double, Double)?
    private var next = 0
    private var channel: Channel?
    private var framer = LineFramer()
    /// QN → (MN, send time) of packets waiting for an answer.
    private var waiting: [String: (mn: String, at: NIODeadline)] = [:]
    private var unanswered: [SimulatedCity.Packet] = []
    private var hadOutage = false
    private var finishing = false
    /// Disconnected, waiting to come back (sends pause; what falls due is sent on return).
    private var away = false
    /// Bumped when the device leaves: a send scheduled before that is void (the device
    /// schedules its sends again when it is back).
    private var generation = 0
    private let done: EventLoopPromise<Void>

    init(simulator: DeviceSimulator, group: EventLoopGroup, host: String, port: Int, packets: [SimulatedCity.Packet],
         history: [String: [SimulatedCity.Packet]], speed: Double, start: NIODeadline, stay: Double, outage: (Double, Double)?) {
        self.history = history
        self.stay = stay
        self.simulator = simulator
        self.group = group
        loop = group.next()
        self.host = host
        self.port = port
        self.packets = packets
        self.speed = speed
        self.start = start
        self.outage = outage
        done = loop.makePromise()
    }

    func run() -> EventLoopFuture<Void> {
        connect().whenComplete { [self] result in
            switch result {
            case .success: scheduleNext()
            case .failure:
                simulator.lost(unsent: packets.count, closed: false)
                done.succeed(())
            }
        }
        return done.futureResult
    }

    private func connect() -> EventLoopFuture<Void> {
        ClientBootstrap(group: loop)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { [self] ch in ch.pipeline.addHandler(self) }
            .connect(host: host, port: port)
            .map { [self] ch in channel = ch }
    }

    private func deadline(_ offset: Double) -> NIODeadline { start + .nanoseconds(Int64(offset / speed * 1e9)) }

    private func scheduleNext() {
        guard next < packets.count else {
            // Wait a moment for the last answers (and history requests), then close.
            loop.scheduleTask(in: .milliseconds(Int64(stay * 1000))) { [self] in
                finishing = true
                channel?.close(promise: nil)
                done.succeed(())
            }
            return
        }
        guard !away else { return }
        let p = packets[next]
        if let (at, length) = outage, !hadOutage, p.offset / speed >= at {
            hadOutage = true
            leave(reconnectingAt: deadline(0) + .nanoseconds(Int64((at + length) * 1e9)))
            return
        }
        let scheduledIn = generation
        loop.scheduleTask(deadline: deadline(p.offset)) { [self] in
            guard !away, generation == scheduledIn else { return }
            send(p)
            next += 1
            scheduleNext()
        }
    }

    /// Drops the connection (if still open) and comes back at `back`, trying every second until
    /// the receiver takes it: then what was sent but not answered goes again, and everything due
    /// meanwhile at once.
    private func leave(reconnectingAt back: NIODeadline) {
        away = true
        generation += 1
        let closing = channel
        channel = nil
        closing?.close(promise: nil)
        unanswered += packets[..<next].filter { waiting[$0.qn] != nil }
        waiting = [:]
        loop.scheduleTask(deadline: back) { [self] in comeBack() }
    }

    private func comeBack() {
        connect().whenComplete { [self] result in
            guard case .success = result else {
                if NIODeadline.now() - start > .seconds(3600) {
                    simulator.lost(unsent: unanswered.count + packets.count - next, closed: false)
                    done.succeed(())
                    return
                }
                loop.scheduleTask(in: .seconds(1)) { [self] in comeBack() }
                return
            }
            away = false
            simulator.reconnected()
            for u in unanswered { send(u) }
            unanswered = []
            while next < packets.count, deadline(packets[next].offset) <= .now() {
                send(packets[next])
                next += 1
            }
            scheduleNext()
        }
    }

    private func send(_ p: SimulatedCity.Packet) {
        guard let channel, channel.isActive else {
            // The connection just went (the receiver's close not seen yet): kept, as a
            // collector keeps it, and sent when the device is back.
            unanswered.append(p)
            return
        }
        if p.asksAnswer { waiting[p.qn] = (p.mn, .now()) }
        simulator.sent(asksAnswer: p.asksAnswer)
        channel.writeAndFlush(channel.allocator.buffer(bytes: p.bytes + [0x0D, 0x0A]), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        for piece in framer.push(buffer.readableBytesView) {
            guard case .line(let line) = piece else { continue }
            let text = String(decoding: line, as: UTF8.self)
            if text.contains("BeginTime="), let request = HistoryRequest.parse(line) {
                answerHistory(request, context: context)
                continue
            }
            guard let r = text.range(of: "QN=") else { continue }
            let qn = String(text[r.upperBound...].prefix { $0 != ";" })
            guard let w = waiting.removeValue(forKey: qn) else { continue }
            simulator.answered(mn: w.mn, qn: qn, milliseconds: Double((NIODeadline.now() - w.at).nanoseconds) / 1e6)
        }
    }

    /// A history request (补采): 9011, the window's packets as minute data, 9012.
    private func answerHistory(_ request: HistoryRequest.Parsed, context: ChannelHandlerContext) {
        let channel = context.channel
        func send(_ bytes: [UInt8]) { channel.write(channel.allocator.buffer(bytes: bytes), promise: nil) }
        guard request.cn == 2051, let begin = request.begin.flatMap(SimulatedCity.seconds),
              let end = request.end.flatMap(SimulatedCity.seconds), let stored = history[request.mn] else {
            send(HistoryRequest.reply(to: request, cn: 9011, code: 2))
            channel.flush()
            return
        }
        send(HistoryRequest.reply(to: request, cn: 9011, code: HistoryRequest.accepted))
        let found = stored.filter { ($0.cn == 2011 || $0.cn == 2051) && $0.dataTime >= begin && $0.dataTime <= end }
        for p in found { send((SimulatedCity.minuteData(p.bytes) ?? p.bytes) + [0x0D, 0x0A]) }
        send(HistoryRequest.reply(to: request, cn: 9012, code: found.isEmpty ? HistoryRequest.noData : HistoryRequest.succeeded))
        channel.flush()
        simulator.answeredHistory(packets: found.count)
    }

    func channelInactive(context: ChannelHandlerContext) {
        // Closed by the receiver (not by this device's own outage or end): come back, as a
        // collector does, a second later.
        if context.channel === channel, !finishing {
            simulator.lost(unsent: 0, closed: true)
            leave(reconnectingAt: .now() + .seconds(1))
        }
        framer = LineFramer()
        context.fireChannelInactive()
    }
}
