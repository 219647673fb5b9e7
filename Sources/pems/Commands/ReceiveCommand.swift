import ArgumentParser
import Foundation
import Logging
import Receiver

/// `pems receive` — the HJ 212 TCP server data collectors send to (issue 19). Long-running;
/// systemd keeps it up (Jobs/systemd/pems-receive.service). It never opens the store: it
/// writes hourly packet logs into the inbox, which the nightly loads.
struct ReceiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive",
        abstract: "Receive HJ 212 packets from data collectors over TCP into the inbox.",
        discussion: """
        Listens on --listen for data collectors (数采仪). Every line received, good or bad, \
        is written to the inbox with its receive time before it (SPEC §13.38), one file per \
        CST hour: hj212-YYYYMMDD-HH.log, named ….log.part while the hour is open so a nightly \
        never loads it half-written. A packet that asks for an answer (Flag bit A) gets CN 9014 \
        with its own QN once its line is on disk (fsync, lines grouped every --commit-ms); a \
        packet damaged in transit (length or CRC) is never answered, so the device sends it \
        again.

        A connection is closed, and the reason logged, when it sends a line over \
        --max-line-bytes, more than --bytes-per-minute, nothing for --idle-timeout seconds, an \
        unfinished line for --line-timeout seconds, or --max-bad-lines lines in a row that \
        fail the packet checks; connections beyond --max-connections are refused.

        Stop it with SIGINT or SIGTERM: it writes what is queued and hands over the open \
        hour's file. A file left by a crash (….log.part) is handed over on the next start.

        --gaps OUT (the nightly's --out folder) turns on 补采: the receiver reads the newest \
        gap list the nightly wrote there (daily/D/gaps-D.csv, looked for every minute; the folder may not exist yet) and asks \
        each listed collector, while it is connected, for the missing minute data (CN 2051 \
        with BeginTime and EndTime): one request per collector at a time, at most \
        --gap-requests-per-minute in all, each tried again after 10 minutes if refused or \
        unanswered within --gap-timeout seconds, three times at most. The data sent back is \
        written to the inbox like any packet; each request and its replies (QnRtn, the lines \
        of the window, ExeRtn) go to recovery-YYYYMMDD.jsonl in the inbox.

        --status prints the running receiver's status (connections, packets per minute, the \
        last packet of each MN) from the inbox's .pems-receive-status.json.

        Examples:
          pems receive --listen 0.0.0.0:9000 --inbox /var/lib/pems/inbox
          pems receive --listen 0.0.0.0:9000 --inbox /var/lib/pems/inbox --gaps /var/lib/pems/out
          pems receive --status --inbox /var/lib/pems/inbox
        """)

    @Option(name: .long, help: ArgumentHelp("Address and port to listen on.", valueName: "host:port"))
    var listen: String?

    @Option(name: .long, help: ArgumentHelp("The inbox folder the nightly loads.", valueName: "dir"))
    var inbox: String

    @Flag(name: .long, help: "Print the running receiver's status and exit.")
    var status = false

    @Option(name: .long, help: "Connections open at once.")
    var maxConnections = ReceiverLimits().maxConnections

    @Option(name: .long, help: "Longest line kept, in bytes.")
    var maxLineBytes = ReceiverLimits().maxLineBytes

    @Option(name: .long, help: "Bytes one connection may send per minute.")
    var bytesPerMinute = ReceiverLimits().bytesPerMinute

    @Option(name: .long, help: "Seconds a connection may send nothing.")
    var idleTimeout = ReceiverLimits().idleTimeout

    @Option(name: .long, help: "Seconds a line may stay unfinished.")
    var lineTimeout = ReceiverLimits().lineTimeout

    @Option(name: .long, help: "Lines in a row failing the packet checks before a connection is closed.")
    var maxBadLines = ReceiverLimits().maxBadLinesInARow

    @Option(name: .long, help: "Milliseconds lines wait to be written and synced together (20–50).")
    var commitMs = Int(ReceiverLimits().commitInterval * 1000)

    @Option(name: .long, help: ArgumentHelp("The nightly's out folder: ask collectors for the gaps it lists (补采).", valueName: "dir"))
    var gaps: String?

    @Option(name: .long, help: "补采 requests per minute, all collectors together.")
    var gapRequestsPerMinute = 10

    @Option(name: .long, help: "Seconds a 补采 request may wait for its CN 9012.")
    var gapTimeout = 300.0

    @Option(name: .long, help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error.", valueName: "level"))
    var logLevel = "info"

    func validate() throws {
        if !status {
            guard let listen else { throw ValidationError("--listen HOST:PORT is required (or --status)") }
            guard Self.address(listen) != nil else { throw ValidationError("--listen \(listen): expected HOST:PORT, e.g. 0.0.0.0:9000") }
        }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be 1 or more") }
        guard maxLineBytes >= 64 else { throw ValidationError("--max-line-bytes must be 64 or more") }
        guard bytesPerMinute >= 1024 else { throw ValidationError("--bytes-per-minute must be 1024 or more") }
        guard idleTimeout > 0, lineTimeout > 0 else { throw ValidationError("--idle-timeout and --line-timeout must be above 0") }
        guard maxBadLines >= 1 else { throw ValidationError("--max-bad-lines must be 1 or more") }
        guard gapRequestsPerMinute >= 1 else { throw ValidationError("--gap-requests-per-minute must be 1 or more") }
        guard gapTimeout > 0 else { throw ValidationError("--gap-timeout must be above 0") }
        guard (1...1000).contains(commitMs) else { throw ValidationError("--commit-ms must be 1…1000") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level \(logLevel): not a level") }
    }

    /// `host:port` split at the last colon (`[::1]:9000` for IPv6).
    static func address(_ s: String) -> (host: String, port: Int)? {
        guard let colon = s.lastIndex(of: ":"), let port = Int(s[s.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        var host = String(s[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }

    func run() throws {
        let inboxURL = URL(fileURLWithPath: inbox, isDirectory: true)
        if status {
            let file = inboxURL.appendingPathComponent(".pems-receive-status.json")
            guard let data = FileManager.default.contents(atPath: file.path) else {
                FileHandle.standardError.write(Data("\(file.path): no status (is pems receive running on this inbox?)\n".utf8))
                throw ExitCode(1)
            }
            FileHandle.standardOutput.write(data)
            return
        }
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { _ in JobLogHandler(logLevel: level, terminal: Terminal.stderrIsTTY) }
        let log = Logger(label: "pems.receive")
        guard let listen, let (host, port) = Self.address(listen) else { throw ExitCode(64) }
        var limits = ReceiverLimits()
        limits.maxConnections = maxConnections
        limits.maxLineBytes = maxLineBytes
        limits.bytesPerMinute = bytesPerMinute
        limits.idleTimeout = idleTimeout
        limits.lineTimeout = lineTimeout
        limits.maxBadLinesInARow = maxBadLines
        limits.commitInterval = Double(commitMs) / 1000
        let server: ReceiverServer
        do {
            let recovery = gaps.map { folder -> GapRecoverySettings in
                var r = GapRecoverySettings(out: URL(fileURLWithPath: folder, isDirectory: true))
                r.perMinute = gapRequestsPerMinute
                r.timeout = gapTimeout
                return r
            }
            server = try ReceiverServer(inbox: inboxURL, limits: limits, gaps: recovery, logger: log)
            try server.start(host: host, port: port)
        } catch {
            log.error("\(error)")
            throw ExitCode(1)
        }
        let stop = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { stop.signal() }
            source.resume()
            sources.append(source)
        }
        stop.wait()
        log.notice("stopping")
        server.stop()
        _ = sources
    }
}
