/// The exit codes of the job commands (documented in the README and `pems nightly --help`),
/// chosen so cron wrappers and systemd can tell the cases apart.
public enum JobExitCode: Int32, Sendable, CaseIterable {
    /// Every step ran and the outputs are published.
    case ok = 0
    /// The job could not run or a step failed (nothing of this run was published), or
    /// publishing itself failed part-way (the ledger entry lists no outputs; rerun).
    case failure = 1
    /// Every step ran and the outputs are published, but a reported day's data is
    /// incomplete (mean facility completeness below `data_quality.completeness_min`, or no
    /// data at all): the numbers are provisional; rerun the day when the data arrives.
    case partialData = 3
    /// Every step ran and the outputs are published, but the day's provincial JSON did not
    /// reach the province (no answer, a timeout, or a refusal after the retries; the ledger
    /// holds each attempt). Retry the push alone: `pems push --date D`. Takes precedence over
    /// `partialData` (the ledger message names both).
    case pushFailed = 4
    /// Bad usage (unknown option, invalid date …), from the argument parser; nothing ran.
    case usage = 64
    /// Another run holds the store's lock; nothing ran. Safe to retry later (EX_TEMPFAIL).
    case lockHeld = 75
}
