/// Failures of the store that are not raw SQLite errors.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    /// The file was written by a newer pems (its schema version is higher than this build's).
    case newerSchema(path: String, found: Int, supported: Int)
    /// No registry has been imported yet; most commands need one.
    case noRegistry(path: String)
    /// A stored series blob could not be decoded.
    case corruptSeries(day: String, channel: Int, detail: String)
    /// A stored registry version no longer validates (a newer pems checks more).
    case storedRegistryInvalid(version: Int, detail: String)
    /// A stored result row could not be read back.
    case corruptResult(table: String, computation: Int, detail: String)
    /// A run id that is not in the run ledger.
    case unknownRun(path: String, run: Int)
    /// A stored run ledger row could not be read back (a bad time, status or parameters).
    case corruptRun(run: Int, detail: String)
    /// The file is a SQLite database of something else: its `PRAGMA application_id` is
    /// another program's, or 0 without pems's tables (`Schema.applicationID`). Left untouched.
    case notAStore(path: String, applicationID: Int32)
    /// The file is not a SQLite database at all (a CSV, a log, a truncated copy). Left untouched.
    case notSQLite(path: String)
    /// A store opened read-only is at an older schema than what a command reads needs; a
    /// read-only open never migrates, the next command that writes the store does.
    case olderSchema(path: String, found: Int, needed: Int, what: String)
    /// `Store.compact` cannot put a rewritten store in place: too little free disk for the
    /// copy, or the copy failed its check. The store is left as it was.
    case compactFailed(path: String, detail: String)

    public var description: String {
        switch self {
        case .newerSchema(let path, let found, let supported):
            return "\(path): store schema version \(found) is newer than this pems supports (\(supported)); upgrade pems"
        case .noRegistry(let path):
            return "\(path): no registry imported yet; run `pems registry import DIR` first"
        case .corruptSeries(let day, let channel, let detail):
            return "stored series for channel \(channel) on \(day) is unreadable: \(detail)"
        case .storedRegistryInvalid(let version, let detail):
            return "stored registry version \(version) no longer validates: \(detail)"
        case .corruptResult(let table, let computation, let detail):
            return "\(table) of computation \(computation) has an unreadable row ('\(detail)')"
        case .unknownRun(let path, let run):
            return "\(path): no run \(run) in the run ledger; `pems runs` lists the runs"
        case .corruptRun(let run, let detail):
            return "run \(run) in the run ledger is unreadable: \(detail)"
        case .notAStore(let path, let id):
            let hex = String(UInt32(bitPattern: id), radix: 16)
            return "\(path) is a SQLite database but not a pems store (application_id 0x\(String(repeating: "0", count: 8 - hex.count) + hex)); it was left untouched — check --store or the config's `store`"
        case .notSQLite(let path):
            return "\(path) is not a SQLite database, so not a pems store; it was left untouched — check --store or the config's `store`"
        case .compactFailed(let path, let detail):
            return "\(path): not compacted, the store is left as it was: \(detail)"
        case .olderSchema(let path, let found, let needed, let what):
            return "\(path): the store is at schema version \(found) and \(what) needs version \(needed); commands that only read never upgrade a store — the next command that writes it (pems load, pems registry import, a job) will"
        }
    }
}
