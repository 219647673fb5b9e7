import PEMSCore

/// What a finished job did: the ledger id, its status and exit code, the published files,
/// the days with incomplete data, and the late-data days found on the way.
public struct JobOutcome: Sendable {
    public var runID: Int
    public var exitCode: JobExitCode
    /// Published files, relative to the out folder, in path order.
    public var outputs: [RunOutput]
    /// Reported days whose mean facility completeness was below `data_quality.completeness_min`
    /// (or that had no data): the reason for `JobExitCode.partialData`.
    public var partialDays: [(day: Day, completeness: Double)]
    /// Days reported by earlier runs whose input data changed since (see `LateData`).
    public var lateDays: [Day]
    /// Files loaded from the inbox, and lines they rejected (nightly).
    public var filesLoaded: Int
    public var rejectedLines: Int
    /// Inbox files not loaded (FIFOs, devices, symlinks leaving the inbox, unreadable), each
    /// with its reason: logged as warnings and kept in the run's ledger message; not a failure.
    public var filesNotLoaded: [(path: String, reason: String)] = []
    /// The pushes of the reported days' provincial JSON (nightly with `province.url` set), in
    /// day and payload order; empty when nothing was pushed.
    public var pushes: [PayloadPush] = []
    /// Each stage in order ("load", "compute 2026-07-05", "render 2026-07-05", …): seconds
    /// and its own peak resident memory in bytes (`StageMemory`; nil where unknown).
    public var stages: [(name: String, seconds: Double, peakBytes: Int?)]
    public var seconds: Double
}
