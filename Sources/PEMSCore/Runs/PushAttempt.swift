/// One attempt of a run to deliver a day's provincial payload (seed 003 附件3), as the run
/// ledger keeps it (`push_attempts`, schema 14): what was sent, where, when, and the answer.
public struct PushAttempt: Sendable, Equatable {
    /// The run that made the attempt (`pems push`, or the nightly job that pushed after publishing).
    public var runID: RunID
    /// The reported day (CST) the payload belongs to.
    public var day: Day
    /// `abnormal` or `limit` (seed 003 附件3 §三 1 and 2).
    public var payload: String
    /// 1 for the first POST, 2 for the first retry, …; 0 for an `empty` payload (nothing sent).
    public var attempt: Int
    /// The address POSTed to.
    public var url: String
    /// The published file sent, relative to the run's out folder (e.g. `daily/2026-07-05/abnormal_2026-07-05.json`).
    public var file: String
    /// Lower-case hex SHA-256 and size in bytes of the body sent (the file's bytes).
    public var sha256: String
    public var bytes: Int
    /// When the attempt started (CST).
    public var at: Timestamp
    /// The HTTP status of the answer; nil when none came (`error` says why).
    public var httpStatus: Int?
    /// Why there was no usable answer (timeout, connection refused, …); nil otherwise.
    public var error: String?
    /// The reply body as received (UTF-8; at most `PushAttempt.replyLimit` characters kept).
    public var reply: String?
    public var outcome: PushOutcome

    /// The characters of a reply body the ledger keeps.
    public static let replyLimit = 4000

    public init(runID: RunID, day: Day, payload: String, attempt: Int, url: String, file: String, sha256: String,
                bytes: Int, at: Timestamp, httpStatus: Int?, error: String?, reply: String?, outcome: PushOutcome) {
        self.runID = runID
        self.day = day
        self.payload = payload
        self.attempt = attempt
        self.url = url
        self.file = file
        self.sha256 = sha256
        self.bytes = bytes
        self.at = at
        self.httpStatus = httpStatus
        self.error = error
        self.reply = reply.map { String($0.prefix(Self.replyLimit)) }
        self.outcome = outcome
    }
}
