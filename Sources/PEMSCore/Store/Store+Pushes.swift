import Foundation

/// The pushes of the run ledger (schema 14, issue 19): every attempt to deliver a day's
/// provincial payload (seed 003 附件3) with the province's reply, kept under the run that made
/// it, and the question a push asks first: was this day's payload delivered already?
extension Store {
    static let pushColumns = """
        run_id, day, payload, attempt, url, file, sha256, bytes, at, http_status, error, reply, outcome
        """

    /// Records one attempt, in its own transaction (a push killed between attempts keeps the
    /// ones made).
    public func recordPushAttempt(_ a: PushAttempt) throws {
        try requireRun(a.runID)
        try db.run("""
            INSERT OR REPLACE INTO push_attempts(\(Self.pushColumns))
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [a.runID.rawValue, a.day.description, a.payload, a.attempt, a.url, a.file, a.sha256, a.bytes,
                  a.at.description, a.httpStatus, a.error, a.reply, a.outcome.rawValue])
    }

    /// The attempts a run made, by day, payload and attempt; none on a store older than schema
    /// 13 (read-only opens do not migrate).
    public func pushAttempts(_ id: RunID) throws -> [PushAttempt] {
        guard try schemaVersion() >= 13 else { return [] }
        return try db.statement("""
            SELECT \(Self.pushColumns) FROM push_attempts WHERE run_id = ? ORDER BY day, payload, attempt
            """).map([id.rawValue]) { try Self.pushAttempt($0) }
    }

    /// The newest attempt that delivered `payload` of `day` (outcome `accepted` or `empty`), by
    /// any run; nil when none did.
    public func deliveredPush(day: Day, payload: String) throws -> PushAttempt? {
        try db.statement("""
            SELECT \(Self.pushColumns) FROM push_attempts
            WHERE day = ? AND payload = ? AND outcome IN (?, ?)
            ORDER BY run_id DESC, attempt DESC LIMIT 1
            """).first([day.description, payload, PushOutcome.accepted.rawValue, PushOutcome.empty.rawValue]) {
            try Self.pushAttempt($0)
        }
    }

    static func pushAttempt(_ row: Row) throws -> PushAttempt {
        let run = row.int(0)
        guard let day = Day(row.text(1)) else {
            throw StoreError.corruptRun(run: run, detail: "push_attempts day '\(row.text(1))' is not YYYY-MM-DD")
        }
        guard let at = Timestamp(row.text(8)) else {
            throw StoreError.corruptRun(run: run, detail: "push_attempts at '\(row.text(8))' is not YYYY-MM-DD HH:MM:SS")
        }
        guard let outcome = PushOutcome(rawValue: row.text(12)) else {
            throw StoreError.corruptRun(run: run, detail: "push_attempts outcome '\(row.text(12))' is not one of "
                                        + PushOutcome.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return PushAttempt(runID: RunID(run), day: day, payload: row.text(2), attempt: row.int(3), url: row.text(4),
                           file: row.text(5), sha256: row.text(6), bytes: row.int(7), at: at,
                           httpStatus: row.optionalInt(9), error: row.optionalText(10), reply: row.optionalText(11),
                           outcome: outcome)
    }
}
