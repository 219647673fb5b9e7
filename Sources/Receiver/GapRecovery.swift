import Foundation
import HJ212
import Logging
import NIOCore
import PEMSCore

/// 补采 (seed 001 §5.5.2; issue 19): asks connected collectors for the minute data the last
/// nightly found missing, and records each request and what came back.
///
/// - **The list.** Every `rescan` seconds the newest gap file under the nightly's out folder
///   is looked for (`GapList`); a new file, or the same file rewritten by a rerun, replaces the
///   windows to ask for. The receiver never opens the store.
/// - **The requests.** A window is asked for (`HistoryRequest`, CN 2051 with BeginTime and
///   EndTime) when its MN is connected (`CollectorDirectory`), with at most one request per MN
///   waiting and at most `perMinute` requests a minute in all, so neither a collector nor the
///   receiver is flooded after a night with many gaps.
/// - **The replies.** The collector's CN 9011 (QnRtn), its CN 2051 data of the window (written
///   to the inbox like every line, so the next nightly loads them) and CN 9012 (ExeRtn) are
///   matched to the request by QN and MN. ExeRtn 1 (done) or 100 (no data) ends a window; a
///   refusal, another ExeRtn or no 9012 within `timeout` is tried again after `retryAfter`, up
///   to `maxAttempts` times.
/// - **The log.** `recovery-YYYYMMDD.jsonl` in the inbox (CST day of the event; not a name
///   the loader takes), one JSON object a line: `request`, `accepted` / `refused`, `done`,
///   `timeout`, `gave_up`, each with the list, MN, QN and window. On start, the log of the
///   current list is read back, so a restart does not ask again for what was answered.
final class GapRecovery: @unchecked Sendable {
    typealias Settings = GapRecoverySettings

    private enum Status: Equatable {
        case waiting(notBefore: Int64)
        case asked(qn: String, at: Int64, lines: Int, accepted: Int?)
        case done
        case gaveUp
    }

    private struct State {
        var attempts = 0
        var status = Status.waiting(notBefore: 0)
    }

    let settings: Settings
    private let directory: CollectorDirectory
    private let logFolder: URL
    private let logger: Logger
    private let lock = NSLock()
    private var list: GapList?
    private var listModified: Date?
    private var lastScan: Int64?
    private var order: [GapList.Window] = []
    private var states: [GapList.Window: State] = [:]
    /// MN → the window asked for and not yet answered (at most one per MN).
    private var outstanding: [String: GapList.Window] = [:]
    private var sent: [Int64] = []
    private var lastQN: Int64 = 0
    private var task: RepeatedTask?

    init(settings: Settings, directory: CollectorDirectory, logFolder: URL, logger: Logger) {
        self.settings = settings
        self.directory = directory
        self.logFolder = logFolder
        self.logger = logger
    }

    /// Looks at the list and the connections every second on `loop`.
    func start(on loop: EventLoop) {
        task = loop.scheduleRepeatedTask(initialDelay: .milliseconds(200), delay: .seconds(1)) { [weak self] _ in
            self?.tick(now: ReceiveInstant.now())
        }
    }

    func stop() {
        task?.cancel()
        task = nil
    }

    /// Whether a line of `mn` may be a reply to a request (cheap: called for every packet).
    func waits(for mn: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return outstanding[mn] != nil
    }

    /// A line of a collector with a request waiting: a 9011, 9012 or data of the window.
    func observed(_ line: [UInt8], at time: ReceiveInstant) {
        guard let p = HistoryRequest.parse(line) else { return }
        lock.lock()
        defer { lock.unlock() }
        guard let window = outstanding[p.mn], var state = states[window],
              case .asked(let qn, let at, let lines, let accepted) = state.status else { return }
        let now = time.milliseconds
        switch p.cn {
        case 9011 where p.qn == qn:
            let code = p.returnCode ?? -1
            if code == HistoryRequest.accepted {
                state.status = .asked(qn: qn, at: at, lines: lines, accepted: code)
                record("accepted", window, qn: qn, extra: ["qn_rtn": "\(code)"], at: time)
            } else {
                record("refused", window, qn: qn, extra: ["qn_rtn": "\(code)"], at: time)
                state.status = retryOrGiveUp(window, state.attempts, now: now, at: time)
                outstanding[p.mn] = nil
            }
        case 9012 where p.qn == qn:
            let code = p.returnCode ?? -1
            record("done", window, qn: qn, extra: ["exe_rtn": "\(code)", "lines": "\(lines)",
                                                   "seconds": String(format: "%.3f", Double(now - at) / 1000)], at: time)
            if code == HistoryRequest.succeeded || code == HistoryRequest.noData {
                state.status = .done
            } else {
                state.status = retryOrGiveUp(window, state.attempts, now: now, at: time)
            }
            outstanding[p.mn] = nil
        case 2051:
            if let dt = p.dataTime.flatMap({ Timestamp(compact: Array($0.utf8)) }), dt >= window.from, dt < window.to {
                state.status = .asked(qn: qn, at: at, lines: lines + 1, accepted: accepted)
            }
        default:
            break
        }
        states[window] = state
    }

    /// Reads a new list if there is one, ends requests that waited too long, sends what may be sent.
    func tick(now time: ReceiveInstant) {
        let now = time.milliseconds
        lock.lock()
        defer { lock.unlock() }
        if lastScan.map({ now - $0 >= Int64(settings.rescan * 1000) }) ?? true {
            lastScan = now
            rescan(at: time)
        }
        for (mn, window) in outstanding {
            guard let state = states[window], case .asked(let qn, let at, let lines, _) = state.status,
                  now - at > Int64(settings.timeout * 1000) else { continue }
            record("timeout", window, qn: qn, extra: ["lines": "\(lines)"], at: time)
            states[window]?.status = retryOrGiveUp(window, state.attempts, now: now, at: time)
            outstanding[mn] = nil
        }
        sent = sent.filter { now - $0 < 60_000 }
        for window in order where sent.count < settings.perMinute {
            guard outstanding[window.mn] == nil, var state = states[window],
                  case .waiting(let notBefore) = state.status, notBefore <= now,
                  let entry = directory.entry(window.mn) else { continue }
            lastQN = max(lastQN + 1, Self.qnNumber(time))
            let qn = String(lastQN)
            let frame = HistoryRequest.frame(qn: qn, to: entry.collector, begin: window.begin, end: window.end)
            state.attempts += 1
            state.status = .asked(qn: qn, at: now, lines: 0, accepted: nil)
            states[window] = state
            outstanding[window.mn] = window
            sent.append(now)
            record("request", window, qn: qn, extra: ["attempt": "\(state.attempts)", "remote": JSONString.quoted(entry.remote)], at: time)
            entry.channel.writeAndFlush(entry.channel.allocator.buffer(bytes: frame), promise: nil)
        }
    }

    /// A counts summary for the status file: the list and its windows by state.
    func summary() -> (list: String?, windows: Int, done: Int, asked: Int, gaveUp: Int) {
        lock.lock()
        defer { lock.unlock() }
        var done = 0, asked = 0, gaveUp = 0
        for s in states.values {
            switch s.status {
            case .done: done += 1
            case .asked: asked += 1
            case .gaveUp: gaveUp += 1
            case .waiting: break
            }
        }
        return (list?.name, order.count, done, asked, gaveUp)
    }

    private func retryOrGiveUp(_ window: GapList.Window, _ attempts: Int, now: Int64, at time: ReceiveInstant) -> Status {
        if attempts >= settings.maxAttempts {
            record("gave_up", window, qn: nil, extra: ["attempts": "\(attempts)"], at: time)
            return .gaveUp
        }
        return .waiting(notBefore: now + Int64(settings.retryAfter * 1000))
    }

    /// Takes the newest gap file when it is new or rewritten; what the log says was answered
    /// for that file is not asked again.
    private func rescan(at time: ReceiveInstant) {
        guard let (name, modified) = GapList.newest(in: settings.out) else { return }
        guard name != list?.name || modified != listModified else { return }
        let read: GapList
        do {
            read = try GapList(out: settings.out, name: name)
        } catch {
            logger.warning("\(error)")
            listModified = modified
            return
        }
        for p in read.problems { logger.warning("\(p)") }
        let replacing = list?.name == name
        list = read
        listModified = modified
        let previous = replacing ? states : [:]
        states = [:]
        order = read.windows
        let logged = replacing ? [:] : Self.logged(list: name, in: logFolder)
        for w in order {
            states[w] = previous[w] ?? logged[w] ?? State()
        }
        outstanding = outstanding.filter { states[$0.value] != nil }
        let open = states.values.filter { if case .waiting = $0.status { return true } else { return false } }.count
        logger.notice("gap list \(name): \(order.count) windows of \(Set(order.map(\.mn)).count) MNs, \(open) to ask for")
    }

    /// What earlier runs logged for `list`: windows done or given up, and attempts made.
    private static func logged(list: String, in folder: URL) -> [GapList.Window: State] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix("recovery-") && $0.hasSuffix(".jsonl") }.sorted()
        var out: [GapList.Window: State] = [:]
        for name in names.suffix(7) {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
            for line in data.split(separator: 0x0A) {
                guard let o = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                      o["list"] as? String == list, let event = o["event"] as? String, let mn = o["mn"] as? String,
                      let from = (o["from"] as? String).flatMap(Timestamp.init), let to = (o["to"] as? String).flatMap(Timestamp.init)
                else { continue }
                let w = GapList.Window(mn: mn, from: from, to: to)
                var s = out[w] ?? State()
                switch event {
                case "request": s.attempts += 1
                case "done":
                    let code = Int(o["exe_rtn"] as? Int ?? -1)
                    if code == HistoryRequest.succeeded || code == HistoryRequest.noData { s.status = .done }
                case "gave_up": s.status = .gaveUp
                default: break
                }
                out[w] = s
            }
        }
        return out
    }

    /// Appends one event to the day's log (CST day of `time`), and to the receiver's log.
    private func record(_ event: String, _ w: GapList.Window, qn: String?, extra: [String: String], at time: ReceiveInstant) {
        func minute(_ t: Timestamp) -> String { String(t.description.prefix(16)) }
        var fields = ["\"at\": \"\(time.text)\"", "\"event\": \"\(event)\"", "\"list\": \(JSONString.quoted(list?.name ?? ""))",
                      "\"mn\": \(JSONString.quoted(w.mn))", "\"from\": \"\(minute(w.from))\"", "\"to\": \"\(minute(w.to))\""]
        if let qn { fields.append("\"qn\": \"\(qn)\"") }
        for k in extra.keys.sorted() { fields.append("\"\(k)\": \(extra[k] ?? "null")") }
        let line = "{" + fields.joined(separator: ", ") + "}\n"
        let day = time.timestamp.day.description.filter { $0 != "-" }
        let url = logFolder.appendingPathComponent("recovery-\(day).jsonl")
        let fd = open(url.path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        if fd >= 0 {
            let bytes = Array(line.utf8)
            _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
        } else {
            logger.error("\(url.path): cannot append to the recovery log (errno \(errno))")
        }
        logger.info("补采 \(event) \(w.mn) \(minute(w.from))–\(minute(w.to))\(qn.map { " QN \($0)" } ?? "")")
    }

    /// `YYYYMMDDhhmmssmmm` of `time` (CST) as a number: a request's QN.
    static func qnNumber(_ time: ReceiveInstant) -> Int64 {
        let t = time.text.filter(\.isNumber)
        return Int64(t) ?? 0
    }
}

/// How `pems receive --gaps` asks for missing data (`GapRecovery`).
public struct GapRecoverySettings: Sendable {
    /// The nightly's out folder (its `--out`), where its day steps write `daily/<D>/gaps-<D>.csv`.
    public var out: URL
    /// Requests a minute, in all.
    public var perMinute = 10
    /// Seconds to wait for the CN 9012 that ends a request.
    public var timeout: Double = 300
    /// Seconds before a failed window is asked for again.
    public var retryAfter: Double = 600
    /// Requests of one window before it is given up.
    public var maxAttempts = 3
    /// Seconds between looks for a new gap file.
    public var rescan: Double = 60

    public init(out: URL) { self.out = out }
}
