import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure injected at a named point of writing outputs, so that tests can show what a
/// command that fails or is killed half way leaves behind (issue 14: none of its new files,
/// the old ones intact, nothing hidden left over) without timing a kill. Unset in real runs.
///
/// The environment variable `PEMS_FAIL_AT` is read here and nowhere else:
/// `PEMS_FAIL_AT='wrote facility_day.csv'` makes `reached("wrote facility_day.csv")` throw;
/// `PEMS_FAIL_AT='kill:wrote facility_day.csv'` kills the process there with SIGKILL, as a
/// power cut or the OOM killer would. The points are named for what has just happened:
/// `wrote NAME` after each export, chart or brief file is written; in a job run (`JobRunner`),
/// `staged` once every step is written into staging, `published FOLDER` right after a step
/// folder (e.g. `daily/2024-07-12`) is put in place — inside the rename window, where only
/// `kill:` acts — `recorded outputs` after the ledger records the published files (the run
/// still `running`) and `finished run` after the ledger closes the run.
public enum FailurePoint: Error, CustomStringConvertible {
    /// The injected failure, naming its point.
    case injected(String)

    /// The point named by `PEMS_FAIL_AT`, if any, and whether it kills.
    static let armed: (point: String, kill: Bool)? = {
        guard let text = ProcessInfo.processInfo.environment["PEMS_FAIL_AT"], !text.isEmpty else { return nil }
        return text.hasPrefix("kill:") ? (String(text.dropFirst(5)), true) : (text, false)
    }()

    /// Fails (or dies) here when `PEMS_FAIL_AT` names `point`; returns otherwise.
    public static func reached(_ point: String) throws {
        guard let armed, armed.point == point else { return }
        if armed.kill { kill(getpid(), SIGKILL) }
        throw FailurePoint.injected(point)
    }

    public var description: String {
        switch self {
        case .injected(let point): return "failure injected at '\(point)' (PEMS_FAIL_AT)"
        }
    }
}
