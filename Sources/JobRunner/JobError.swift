import Foundation

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
        }
    }
}
