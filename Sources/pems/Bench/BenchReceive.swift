import ArgumentParser
import Foundation
import HJ212
import Receiver

/// `pems bench receive` — the receiver under load over loopback (issue 19): `pems receive` in
/// a child process, the bench city's packets replayed by `--devices` simulated collectors,
/// optionally with misbehaving clients (`--abuse`) or a `kill -9` of the receiver and a restart
/// (`--kill-at`), then what was answered checked against the inbox.
struct BenchReceive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive",
        abstract: "Load the HJ 212 receiver with simulated collectors over loopback and report medians.",
        discussion: """
        Each run starts `pems receive` as a child process on a fresh inbox (in --dir) and \
        replays the bench city's 1-minute packets (`pems bench load` generates it) as --devices \
        collectors, each on its own connection, --speed times faster than real time, for \
        --seconds of wall time: 3,000 collectors at 60× send 3,000 packets a second. MNs are \
        copied under new names when --devices exceeds the city's. Each device sends a packet at \
        its QN, the moment it stamped (2–42 s after the minute in the bench city).

        Prints per run: packets sent and answered, packets per second, the time from sending a \
        packet to its answer (p50, p99, max), the receiver's peak resident memory (VmHWM) and \
        its CPU time as a share of one core; then the medians.

        --abuse adds, for the whole run: 2 clients sending random bytes, 1 sending a 10 MB \
        line, 1,000 idle connections and 20 slowloris clients (a byte every 5 s); it reports \
        how often the receiver closed each kind.

        --kill-at S sends the receiver SIGKILL S seconds into the run and starts it again on \
        the same inbox; the devices reconnect and send again what was not answered. Then every \
        packet that was answered must be in the inbox, no line written twice, every line that \
        is not a whole frame one the city sends so (not a piece of a packet), and no .part \
        file left: the run fails otherwise.

        Examples:
          pems bench receive --runs 3
          pems bench receive --runs 1 --abuse
          pems bench receive --runs 1 --kill-at 300
        """)

    @OptionGroup var bench: BenchOptions

    @Option(name: .long, help: "Simulated collectors, each on its own connection.")
    var devices = 3000

    @Option(name: .long, help: "Times faster than real time.")
    var speed = 60.0

    @Option(name: .long, help: "Wall-clock seconds of each run.")
    var seconds = 600

    @Option(name: .long, help: "Loopback port the receiver listens on.")
    var port = 9700

    @Flag(name: .long, help: "Add misbehaving clients for the whole run.")
    var abuse = false

    @Option(name: .long, help: ArgumentHelp("Kill the receiver (SIGKILL) this many seconds into the run, then restart it.", valueName: "seconds"))
    var killAt: Double?

    func validate() throws {
        guard devices >= 1 else { throw ValidationError("--devices must be 1 or more") }
        guard speed > 0, seconds >= 10 else { throw ValidationError("--speed must be above 0 and --seconds 10 or more") }
        if let killAt { guard killAt > 0, killAt < Double(seconds) else { throw ValidationError("--kill-at must be within the run") } }
    }

    struct RunResult {
        var seconds = 0.0
        var sent = 0
        var answered = 0
        var p50 = 0.0
        var p99 = 0.0
        var max = 0.0
        var peakBytes = 0
        var cpuShare = 0.0
    }

    func run() throws {
        try CommandFailure.run {
            let (city, _, _) = try bench.benchDay()
            let minutes = Int((Double(seconds) * speed / 60).rounded(.up)) + 1
            print("reading \(minutes) minutes of the bench city for \(devices) devices …")
            fflush(nil)
            let replay = try SimulatedCity(folder: city.appendingPathComponent("packets"), minutes: minutes).resized(to: devices)
            var results: [RunResult] = []
            for r in 1...bench.runs {
                let result = try once(replay, run: r)
                results.append(result)
                print("run \(r): " + Self.describe(result))
                fflush(nil)
            }
            func median(_ f: (RunResult) -> Double) -> Double { BenchChild.median(results.map(f)) }
            let m = RunResult(seconds: median(\.seconds), sent: Int(median { Double($0.sent) }), answered: Int(median { Double($0.answered) }),
                              p50: median(\.p50), p99: median(\.p99), max: median(\.max),
                              peakBytes: results.map(\.peakBytes).max() ?? 0, cpuShare: median(\.cpuShare))
            print("median of \(bench.runs): " + Self.describe(m))
            print("load: \(devices) devices at \(speed)× for \(seconds) s\(abuse ? ", with abuse" : "")\(killAt.map { ", receiver killed at \($0) s" } ?? ""); machine: \(ProcessInfo.processInfo.activeProcessorCount) cores")
        }
    }

    static func describe(_ r: RunResult) -> String {
        String(format: "%.1f s, sent %d, answered %d, %.0f packets/s; send → answer p50 %.1f ms, p99 %.1f ms, max %.1f ms; receiver peak %.0f MB, CPU %.0f %% of one core",
               r.seconds, r.sent, r.answered, Double(r.sent) / Swift.max(r.seconds, 0.001), r.p50, r.p99, r.max,
               Double(r.peakBytes) / 1_048_576, r.cpuShare * 100)
    }

    private func once(_ replay: SimulatedCity, run r: Int) throws -> RunResult {
        let folder = bench.base.appendingPathComponent("receive-\(r)", isDirectory: true)
        try? FileManager.default.removeItem(at: folder)
        let inbox = folder.appendingPathComponent("inbox", isDirectory: true)
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let receiver = ReceiverChild(inbox: inbox, port: port, log: folder.appendingPathComponent("receiver.log"))
        try receiver.start()
        let clients = abuse ? AbusiveClients(host: "127.0.0.1", port: port) : nil
        clients?.start()
        if let killAt {
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: killAt)
                receiver.killAndRestart()
            }
        }
        var options = DeviceSimulator.Options()
        options.stay = 1
        let sim = DeviceSimulator(city: replay, devices: devices, speed: speed, options: options)
        let report = try sim.run(host: "127.0.0.1", port: port)
        let tallies = clients?.stop()
        let (peak, cpu) = receiver.stop()
        var result = RunResult(seconds: report.seconds, sent: report.sent, answered: report.answered,
                               p50: report.percentile(50) ?? 0, p99: report.percentile(99) ?? 0, max: report.latencies.last ?? 0,
                               peakBytes: peak, cpuShare: cpu / Swift.max(report.seconds, 0.001))
        result.seconds = report.seconds
        if report.reconnects > 0 || report.closedByReceiver > 0 {
            print("  devices: \(report.closedByReceiver) connections lost, \(report.reconnects) reconnects, \(report.unsent) packets unsent")
        }
        if let tallies {
            for kind in AbusiveClients.Kind.allCases {
                let t = tallies[kind] ?? AbusiveClients.Tally()
                print("  abuse \(kind.rawValue): \(t.connected) connections, \(t.closedByReceiver) closed by the receiver, \(t.refused) refused, \(t.bytes) bytes sent")
            }
        }
        if killAt != nil { try check(inbox: inbox, answered: report.answeredPackets, replay: replay) }
        return result
    }

    /// After a kill: every answered packet in the inbox, no line written twice, every line
    /// that is not a whole frame one the city itself sends so (a bad-CRC packet, say), not a
    /// piece of one, and no `.part` left.
    private func check(inbox: URL, answered: [(mn: String, qn: String)], replay: SimulatedCity) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: inbox.path).sorted()
        let parts = names.filter { $0.hasSuffix(".part") }
        var keys = Set<String>()
        var lines = 0, twice = 0, sentBroken = 0, partial = 0
        var written = Set<Int>()
        // The city's own lines that are not whole frames, by MN (few).
        var broken: [String: Set<[UInt8]>] = [:]
        for d in replay.devices {
            for p in d.packets where HistoryRequest.parse(p.bytes) == nil { broken[d.mn, default: []].insert(p.bytes) }
        }
        let allBroken = broken.values.reduce(into: Set<[UInt8]>()) { $0.formUnion($1) }
        for name in names where name.hasSuffix(".log") {
            guard let data = FileManager.default.contents(atPath: inbox.appendingPathComponent(name).path) else { continue }
            for raw in data.split(separator: 0x0A) {
                lines += 1
                let line = Array(raw.dropFirst(24))
                if !written.insert(line.hashValue).inserted { twice += 1 }
                guard let p = HistoryRequest.parse(line) else {
                    if allBroken.contains(line) { sentBroken += 1 } else { partial += 1 }
                    continue
                }
                keys.insert(p.mn + " " + p.qn)
            }
        }
        let missing = answered.filter { !keys.contains($0.mn + " " + $0.qn) }.count
        print("  inbox: \(names.filter { $0.hasSuffix(".log") }.count) files, \(lines) lines (\(sentBroken) broken as the city sends them), "
              + "\(partial) partial lines, \(twice) lines written twice, \(parts.count) .part left; answered \(answered.count): \(missing) missing")
        guard missing == 0, twice == 0, partial == 0, parts.isEmpty else {
            throw UserError("after the kill: \(missing) answered packets missing, \(twice) lines written twice, \(partial) partial lines, \(parts.count) .part files")
        }
    }
}

/// `pems receive` as a child process of the bench, killed and restarted on request; its peak
/// resident memory and CPU time read from /proc while it runs.
final class ReceiverChild: @unchecked Sendable {
    let inbox: URL
    let port: Int
    let log: URL
    private let lock = NSLock()
    private var process: Process?
    private var peak = 0
    private var cpuBefore = 0.0
    private var sampler: Thread?
    private var sampling = true

    init(inbox: URL, port: Int, log: URL) {
        self.inbox = inbox
        self.port = port
        self.log = log
    }

    func start() throws {
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: BenchChild.executable)
        p.arguments = ["receive", "--listen", "127.0.0.1:\(port)", "--inbox", inbox.path, "--log-level", "notice"]
        p.standardOutput = handle
        p.standardError = handle
        try p.run()
        lock.lock()
        process = p
        lock.unlock()
        // Ready once the status file is written (after it listens).
        let status = inbox.appendingPathComponent(".pems-receive-status.json")
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: status.path) { Thread.sleep(forTimeInterval: 0.1) }
        if sampler == nil {
            let t = Thread { [self] in
                while lock.withLock({ sampling }) {
                    sample()
                    Thread.sleep(forTimeInterval: 0.5)
                }
            }
            sampler = t
            t.start()
        }
    }

    private func sample() {
        lock.lock()
        defer { lock.unlock() }
        guard let pid = process?.processIdentifier,
              let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return }
        peak = max(peak, kb * 1024)
    }

    /// utime + stime of `pid`, seconds.
    private static func cpu(_ pid: Int32) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return 0 }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After the name: state is field 3, utime 14 and stime 15 (1-based, man 5 proc).
        guard fields.count > 13, let u = Double(fields[11]), let s = Double(fields[12]) else { return 0 }
        return (u + s) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    func killAndRestart() {
        lock.lock()
        let p = process
        lock.unlock()
        guard let p else { return }
        sample()
        let used = Self.cpu(p.processIdentifier)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        lock.lock()
        cpuBefore += used
        lock.unlock()
        print("  receiver killed (SIGKILL) and started again")
        fflush(nil)
        try? start()
    }

    /// Stops it (SIGTERM) and returns its peak resident bytes and CPU seconds.
    func stop() -> (Int, Double) {
        sample()
        lock.lock()
        let p = process
        lock.unlock()
        var used = 0.0
        if let p {
            used = Self.cpu(p.processIdentifier)
            p.terminate()
            p.waitUntilExit()
        }
        lock.lock()
        sampling = false
        let result = (peak, cpuBefore + used)
        lock.unlock()
        return result
    }
}
