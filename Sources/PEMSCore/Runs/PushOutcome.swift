/// What one attempt to deliver a payload to the province came to (`push_attempts.outcome`,
/// issue 19).
public enum PushOutcome: String, Sendable, CaseIterable, Codable {
    /// The province answered HTTP 2xx with `{"success": true, …}`: delivered.
    case accepted
    /// The province answered but did not take the payload (`"success": false`, an unreadable
    /// reply, or an HTTP 4xx other than 408/429): not retried, a person must look.
    case rejected
    /// No usable answer: no connection, a timeout, HTTP 5xx, 408 or 429. Retried.
    case failed
    /// The day's payload is an empty list: nothing was sent (the province is told of
    /// anomalies, not of their absence). Counts as delivered.
    case empty

    /// True when the day's payload needs no further push.
    public var delivered: Bool { self == .accepted || self == .empty }
}
