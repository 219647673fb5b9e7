import PEMSCore

/// The outcome for one input file.
public struct FileResult: Sendable {
    public enum Status: String, Sendable {
        /// Read and stored.
        case loaded
        /// Same content hash as a file loaded before: nothing done (SPEC §3.3).
        case skipped
        /// Not read at all: not a regular file, a symlink leaving the folder, not openable
        /// (`reason` says which). Named in the summary and the job log, not a failure.
        case notLoaded = "not_loaded"
    }
    public var path: String
    public var sha256: String
    public var bytes: Int
    public var format: InputFormat
    public var status: Status
    public var counters: LoadCounters
    public var examples: [RejectExample]
    /// For a skipped file: when the identical content was loaded, and from which path.
    public var previouslyLoaded: (path: String, at: String)?
    /// For a file not loaded: why ("not a regular file: FIFO").
    public var reason: String? = nil
    /// How `path` was made from the file name's bytes (GB 18030 and `\xNN` names are marked in the summary).
    public var nameEncoding: InputFile.NameEncoding = .utf8
}

/// What kind of input a file holds.
public enum InputFormat: String, Sendable {
    /// HJ 212 packet log, one packet per line (SPEC §3.1).
    case hj212
    /// CSV readings `time, mn, code, param, value, flag` (SPEC §3.2).
    case csv
}
