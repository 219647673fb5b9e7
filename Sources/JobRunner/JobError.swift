import Foundation
import PEMSCore

/// Why a job could not run or finish; each message names the file or value at fault.
public enum JobError: Error, CustomStringConvertible {
    /// Renaming a staged output into place failed.
    case publish(from: String, to: String, errno: Int32)
    /// A file is where an output folder goes, or a folder where an output file goes: found
    /// before anything was published, so nothing was.
    case inTheWay(path: String, folderExpected: Bool)
    /// The nightly job has no inbox to load from.
    case noInbox
    /// The inbox folder does not exist.
    case inboxMissing(String)
    /// A day outside the stored registry's validity, an inverted range, …
    case badRange(String)
    /// The alarm feed of a day was asked for, but the store holds no computation of that day
    /// as a period of its own (what the nightly run stores).
    case noDayComputation(Day)
    /// `pems alarms --since RUN`: no run RUN in the ledger (`command` nil), or it is not a nightly run.
    case alarmsSince(run: Int, store: String, command: String?)

    public var description: String {
        switch self {
        case .publish(let from, let to, let e):
            return "could not move \(from) to \(to): \(String(cString: strerror(e)))"
        case .inTheWay(let path, let folderExpected):
            return "\(path): \(folderExpected ? "a file is where an output folder goes" : "a folder is where an output file goes"); nothing was published — move it away and run again"
        case .noInbox:
            return "no inbox to load from: pass --inbox DIR or set `inbox:` in the config file (or --no-load to skip loading)"
        case .inboxMissing(let path):
            return "\(path): inbox folder does not exist"
        case .badRange(let text):
            return text
        case .alarmsSince(let run, let store, nil):
            return "--since \(run): no run \(run) in \(store); `pems runs` lists the recorded runs"
        case .alarmsSince(let run, _, let command?):
            return "--since \(run): run \(run) is a \(command) run, not a nightly one; give the id of a nightly run (`pems runs`)"
        case .noDayComputation(let d):
            return "no stored computation of \(d) on its own: the nightly run or `pems rerun --from \(d) --to \(d)` stores it"
        }
    }
}
