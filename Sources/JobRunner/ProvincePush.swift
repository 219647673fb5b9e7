import Foundation
import Logging
import PEMSCore
import Reports

/// Delivers days' provincial anomaly JSON to the province (seed 003 附件3, issue 19): for each
/// day, the `abnormal` payload is POSTed to `<province.url>/abnormal` and the `limit` payload to
/// `<province.url>/limit` (the seed's two interface addresses share everything but that last
/// part). The body is the file the nightly job published, byte for byte
/// (`daily/D/abnormal_D.json`, `daily/D/limit_D.json` under the out folder): what the ledger
/// lists with its SHA-256 is what the province gets, never a fresh rendering.
///
/// Each attempt is recorded in the run ledger under the pushing run (`Store.recordPushAttempt`)
/// as it ends. A payload is retried after no answer, a timeout, HTTP 5xx, 408 or 429, up to
/// `province.retries` more times, waiting `province.backoff_seconds` before the first retry and
/// twice as long before each next one; an answer that refuses it (`"success": false`, HTTP 4xx)
/// is not retried. A payload some run delivered already (outcome `accepted`, or `empty`: an
/// empty list, which is not sent) is skipped unless `force`.
public struct ProvincePush {
    public var store: Store
    public var settings: Settings
    /// The out folder the day's files were published under.
    public var out: URL
    public var log: Logger

    public init(store: Store, settings: Settings, out: URL, log: Logger) {
        self.store = store
        self.settings = settings
        self.out = out
        self.log = log
    }

    /// The two payloads of a day, in the order they are sent.
    public static let payloads: [ProvincialAnomalyJSON.Payload] = [.abnormal, .limit]

    /// The published file of `payload` for `day`, relative to the out folder.
    public static func file(_ payload: ProvincialAnomalyJSON.Payload, day: Day) -> String {
        "\(OutputLayout.folder(of: .day(day)))/\(payload.rawValue)_\(day).json"
    }

    /// Seconds waited before attempt `attempt` (2 = the first retry): `base × 2^(attempt − 2)`;
    /// 0 before the first attempt.
    public static func backoff(beforeAttempt attempt: Int, base: Double) -> Double {
        attempt <= 1 ? 0 : base * pow(2, Double(attempt - 2))
    }

    /// What an answer means: HTTP 2xx with a JSON object whose `success` is true is `accepted`;
    /// HTTP 5xx, 408 (request timeout) and 429 (too many requests) are `failed` (tried again);
    /// anything else the province said is `rejected`.
    public static func outcome(status: Int, body: String) -> PushOutcome {
        switch status {
        case 200..<300:
            guard let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else { return .rejected }
            return (object["success"] as? Bool) == true || (object["success"] as? String) == "true" ? .accepted : .rejected
        case 408, 429, 500..<600:
            return .failed
        default:
            return .rejected
        }
    }

    /// Pushes both payloads of each day, recording every attempt under `runID`. Problems with
    /// one payload (file missing, no answer) are in its result, never thrown; only a failure to
    /// write the ledger throws.
    public func push(days: [Day], runID: RunID, force: Bool) throws -> [PayloadPush] {
        guard let base = settings.provinceURL else { throw PushError.noAddress }
        let client = ProvinceClient(timeoutSeconds: settings.provinceTimeoutSeconds)
        var results: [PayloadPush] = []
        for day in days {
            for payload in Self.payloads {
                results.append(try push(payload, day: day, to: ProvinceAddress.endpoint(base: base, payload: payload.rawValue),
                                         runID: runID, force: force, client: client))
            }
        }
        return results
    }

    private func push(_ payload: ProvincialAnomalyJSON.Payload, day: Day, to url: String, runID: RunID, force: Bool,
                      client: ProvinceClient) throws -> PayloadPush {
        let file = Self.file(payload, day: day)
        var result = PayloadPush(day: day, payload: payload.rawValue, file: file, url: url)
        let path = out.appendingPathComponent(file).path
        guard let body = FileManager.default.contents(atPath: path) else {
            result.problem = "\(path) is not there: the day is not published into \(out.path) (pems nightly --date \(day), or pems rerun)"
            log.error("\(result.problem ?? "")")
            return result
        }
        guard let list = try? JSONSerialization.jsonObject(with: body) as? [Any] else {
            result.problem = "\(path) is not a JSON list (seed 003 附件3); not sent"
            log.error("\(result.problem ?? "")")
            return result
        }
        let sha = ContentHash.sha256(body)
        if !force, let earlier = try store.deliveredPush(day: day, payload: payload.rawValue) {
            result.earlier = earlier
            let how = earlier.outcome == .empty ? "had nothing to send" : "delivered it"
            log.info("\(payload.rawValue) \(day): run \(earlier.runID) \(how) at \(earlier.at) CST; skipped (--force sends it again)")
            if earlier.sha256 != sha {
                log.warning("\(file) changed since run \(earlier.runID) pushed it (sha256 \(earlier.sha256.prefix(12)) → \(sha.prefix(12))): pems push --date \(day) --force sends the new one")
            }
            return result
        }
        if list.isEmpty {
            let a = PushAttempt(runID: runID, day: day, payload: payload.rawValue, attempt: 0, url: url, file: file, sha256: sha,
                                bytes: body.count, at: Store.now(), httpStatus: nil, error: nil, reply: nil, outcome: .empty)
            try store.recordPushAttempt(a)
            result.attempts.append(a)
            log.info("\(payload.rawValue) \(day): no records, nothing sent")
            return result
        }
        for attempt in 1...(1 + settings.provinceRetries) {
            let wait = Self.backoff(beforeAttempt: attempt, base: settings.provinceBackoffSeconds)
            if wait > 0 { Thread.sleep(forTimeInterval: wait) }
            let at = Store.now()
            var a = PushAttempt(runID: runID, day: day, payload: payload.rawValue, attempt: attempt, url: url, file: file,
                                sha256: sha, bytes: body.count, at: at, httpStatus: nil, error: nil, reply: nil, outcome: .failed)
            do {
                let reply = try client.post(body, to: url)
                a = PushAttempt(runID: runID, day: day, payload: payload.rawValue, attempt: attempt, url: url, file: file,
                                sha256: sha, bytes: body.count, at: at, httpStatus: reply.status, error: nil, reply: reply.body,
                                outcome: Self.outcome(status: reply.status, body: reply.body))
            } catch {
                a.error = String(describing: error)
            }
            try store.recordPushAttempt(a)
            result.attempts.append(a)
            let answer = a.httpStatus.map { "HTTP \($0) \(a.reply ?? "")" } ?? (a.error ?? "")
            switch a.outcome {
            case .accepted, .empty:
                log.info("\(payload.rawValue) \(day): delivered to \(url) (attempt \(attempt), \(body.count) bytes): \(answer)")
                return result
            case .rejected:
                log.error("\(payload.rawValue) \(day): the province refused it (\(url), attempt \(attempt)): \(answer)")
                return result
            case .failed:
                let more = attempt <= settings.provinceRetries
                    ? "; retrying in \(secondsText(Self.backoff(beforeAttempt: attempt + 1, base: settings.provinceBackoffSeconds))) s" : ""
                log.warning("\(payload.rawValue) \(day): attempt \(attempt) of \(1 + settings.provinceRetries) failed: \(answer)\(more)")
            }
        }
        return result
    }
}
