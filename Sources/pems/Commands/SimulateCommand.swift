import ArgumentParser
import Foundation
import Receiver

/// `pems simulate` — replays a generated city's packets as data collectors against a
/// receiver (issue 19), for tests and load.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Replay a city's packets as data collectors over TCP (tests, load).",
        discussion: """
        Reads the packet logs in --city (e.g. the demo city's packets, or \
        ../shared/conformance-spec2/packets), shares the MNs out among --devices connections \
        and sends each packet at its DataTime, --speed times faster than real time, to --to. \
        --now moves every DataTime (and QN) so the first is now; --clock-offset-share gives \
        that share of the MNs (the last ones) a clock off by --clock-offset-minutes; --resend-share makes that \
        share of the devices drop their connection a third of the way through, stay away a \
        tenth of the run, then send what they missed (and what was not answered) at once. A \
        device sends each packet at its QN (the moment it stamped), so devices do not all send \
        in the same instant.

        补采: every device answers a history request from the receiver (CN 2051 with BeginTime \
        and EndTime, `pems receive --gaps`) with CN 9011, its packets of the window as minute \
        data (CN 2051), then CN 9012. --withhold-share makes that share of the devices keep \
        back --withhold-minutes of data a third of the way through (sent only when asked); \
        --skip-minutes sends only the data after the first that many minutes (the skipped data \
        can still be asked for); --stay keeps each device connected that long after its last \
        packet, to be asked.

        Prints packets sent and answered, packets per second, and the time from sending to \
        the answer (p50, p99, max). --answered writes "MN QN" of every answered packet, one \
        per line, so what was answered can be checked against the inbox.

        Examples:
          pems simulate --city ../shared/conformance-spec2/packets --to 127.0.0.1:9000 --devices 8 --speed 3600
          pems simulate --city demo/packets --to 127.0.0.1:9000 --devices 3000 --speed 60 --now
          pems simulate --city ../shared/conformance-spec2/packets --to 127.0.0.1:9000 --devices 4 --speed 7200 --withhold-share 0.5
        """)

    @Option(name: .long, help: ArgumentHelp("Folder of packet logs to replay.", valueName: "dir"))
    var city: String

    @Option(name: .long, help: ArgumentHelp("The receiver's address.", valueName: "host:port"))
    var to: String

    @Option(name: .long, help: "Concurrent connections (at most one per MN).")
    var devices = 10

    @Option(name: .long, help: "Times faster than real time.")
    var speed = 60.0

    @Flag(name: .long, help: "Move the data's times so the first packet is now.")
    var now = false

    @Option(name: .long, help: "Share of devices that disconnect once and send their backlog late (0–1).")
    var resendShare = 0.0

    @Option(name: .long, help: "Share of MNs whose clock is off (0–1).")
    var clockOffsetShare = 0.0

    @Option(name: .long, help: "How far those clocks are off, in minutes (negative: behind).")
    var clockOffsetMinutes = 30

    @Option(name: .long, help: "Replay this many MNs: the first ones, or all and copies under new MNs (load).")
    var mns: Int?

    @Option(name: .long, help: "Only this many minutes of the city's data (after --skip-minutes).")
    var minutes: Int?

    @Option(name: .long, help: "Send only the data after the first this many minutes (the rest answers history requests).")
    var skipMinutes = 0

    @Option(name: .long, help: "Share of devices that keep back --withhold-minutes of data until asked (0–1).")
    var withholdShare = 0.0

    @Option(name: .long, help: "Minutes of data those devices keep back.")
    var withholdMinutes = 60

    @Option(name: .long, help: "Seconds each device stays connected after its last packet.")
    var stay = 1.0

    @Option(name: .long, help: ArgumentHelp("Write \"MN QN\" of every answered packet here.", valueName: "file"))
    var answered: String?

    func validate() throws {
        guard ReceiveCommand.address(to) != nil else { throw ValidationError("--to \(to): expected HOST:PORT") }
        guard devices >= 1 else { throw ValidationError("--devices must be 1 or more") }
        if let minutes, minutes < 1 { throw ValidationError("--minutes must be 1 or more") }
        if let mns, mns < 1 { throw ValidationError("--mns must be 1 or more") }
        guard speed > 0 else { throw ValidationError("--speed must be above 0") }
        guard (0...1).contains(resendShare), (0...1).contains(clockOffsetShare), (0...1).contains(withholdShare) else {
            throw ValidationError("--resend-share, --clock-offset-share and --withhold-share must be 0…1")
        }
        guard skipMinutes >= 0, withholdMinutes >= 1, stay >= 0 else {
            throw ValidationError("--skip-minutes must be 0 or more, --withhold-minutes 1 or more, --stay 0 or more")
        }
    }

    func run() throws {
        guard let (host, port) = ReceiveCommand.address(to) else { throw ExitCode(64) }
        let folder = URL(fileURLWithPath: city, isDirectory: true)
        do {
            var plain = try SimulatedCity(folder: folder, minutes: minutes.map { $0 + skipMinutes })
            if let mns { plain = plain.resized(to: mns) }
            guard !plain.devices.isEmpty else { throw SimulatorError.noPackets(city) }
            // The city's first DataTime moved to now (CST), when asked.
            let shift = now ? Int64(Date().timeIntervalSince1970) + 8 * 3600 - plain.firstDataTime : 0
            var offsets: [String: Int64] = [:]
            let n = Int((Double(plain.devices.count) * clockOffsetShare).rounded())
            // The last MNs (the devices that drop out, --resend-share, carry the first ones).
            for d in plain.devices.suffix(n) { offsets[d.mn] = Int64(clockOffsetMinutes) * 60 }
            let replay = (shift == 0 && offsets.isEmpty) ? plain : plain.shifted(by: shift, clockOffset: offsets)
            var options = DeviceSimulator.Options()
            options.resendShare = resendShare
            options.withholdShare = withholdShare
            options.withholdMinutes = withholdMinutes
            options.liveFrom = Int64(skipMinutes) * 60
            options.stay = stay
            let sim = DeviceSimulator(city: replay, devices: devices, speed: speed, options: options)
            let r = try sim.run(host: host, port: port)
            func ms(_ v: Double?) -> String { v.map { String(format: "%.1f ms", $0) } ?? "-" }
            print("""
            devices \(r.devices), packets sent \(r.sent) (\(r.askedAnswer) asking for an answer), answered \(r.answered), \
            reconnects \(r.reconnects), closed by the receiver \(r.closedByReceiver) (\(r.unsent) packets unsent), \
            lines without MN/QN/DataTime \(replay.untimed) sent, \(replay.skipped) skipped; \
            withheld \(r.withheld)\(r.withheldWindow.map { " (sent \($0.from) to \($0.to))" } ?? ""), history requests answered \(r.historyRequests) (\(r.historyPackets) packets sent back)
            \(String(format: "%.1f", r.seconds)) s, \(String(format: "%.0f", Double(r.sent) / max(r.seconds, 0.001))) packets/s; \
            send → answer p50 \(ms(r.percentile(50))), p99 \(ms(r.percentile(99))), max \(ms(r.latencies.last))
            """)
            if let answered {
                let text = r.answeredPackets.map { "\($0.mn) \($0.qn)\n" }.joined()
                try Data(text.utf8).write(to: URL(fileURLWithPath: answered))
            }
            if r.answered < r.askedAnswer { throw ExitCode(3) }
        } catch let e as ExitCode {
            throw e
        } catch {
            FileHandle.standardError.write(Data("pems simulate: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
