/// Where a job run stands (`runs.status`, SPEC §11).
///
/// A run is written as `running` when it starts and set to one of the others when it ends.
/// A run whose process died (kill -9, power loss) stays `running` until the next run, holding
/// the store lock and so knowing nobody else runs, marks it `interrupted`.
public enum RunStatus: String, Sendable, CaseIterable, Codable {
    /// Started and not yet ended (or its process died and no later run has looked yet).
    case running
    /// Every step completed.
    case succeeded
    /// Completed with some steps skipped or failed (the message says which); outputs written.
    case partial
    /// Could not complete; outputs, if any, are incomplete.
    case failed
    /// The process ended without finishing the run (killed or crashed).
    case interrupted

    /// True for a run whose outputs can be trusted as a complete answer for its inputs.
    public var completed: Bool { self == .succeeded || self == .partial }
}
