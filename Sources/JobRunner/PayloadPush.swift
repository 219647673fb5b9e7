import PEMSCore

/// What pushing one payload of one day came to.
public struct PayloadPush: Sendable {
    public var day: Day
    /// `abnormal` or `limit`.
    public var payload: String
    /// The published file, relative to the out folder.
    public var file: String
    public var url: String
    /// The attempts this push made, in order (none when skipped or not tried).
    public var attempts: [PushAttempt] = []
    /// The earlier attempt that delivered it, when it was skipped for that.
    public var earlier: PushAttempt?
    /// Why it could not be tried (the file is missing or not a JSON list).
    public var problem: String?

    /// True when the province has it (now or before), or it had nothing to send.
    public var delivered: Bool { earlier != nil || attempts.last?.outcome.delivered == true }

    /// "abnormal 2026-07-05: HTTP 500 after 4 attempts" — for a run's ledger message.
    public var summary: String {
        if let problem { return "\(payload) \(day): \(problem)" }
        if earlier != nil { return "\(payload) \(day): delivered before, skipped" }
        guard let last = attempts.last else { return "\(payload) \(day): not tried" }
        let answer = last.httpStatus.map { "HTTP \($0)" + (last.reply.map { " \($0.prefix(200))" } ?? "") } ?? (last.error ?? "no answer")
        let n = "\(attempts.count) attempt\(attempts.count == 1 ? "" : "s")"
        switch last.outcome {
        case .accepted: return "\(payload) \(day): delivered (\(n))"
        case .empty: return "\(payload) \(day): nothing to send"
        case .rejected: return "\(payload) \(day): refused by the province: \(answer) (\(n))"
        case .failed: return "\(payload) \(day): not delivered: \(answer) (\(n))"
        }
    }
}
