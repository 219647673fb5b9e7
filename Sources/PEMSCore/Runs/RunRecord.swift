import Foundation

/// One row of the run ledger (`runs`, SPEC §11) as read back from the store.
///
/// Times are CST wall clock (`Timestamp`), like every other ledger column.
public struct RunRecord: Sendable, Equatable {
    public var id: RunID
    /// The job: `nightly`, `weekly`, `monthly`, `rerun`, …
    public var command: String
    /// The run's parameters (see `RunStart.parameters`).
    public var parameters: [String: String]
    /// The effective settings, flat `key: value` lines (`SettingsFile.render`).
    public var settings: String
    /// The engine fingerprint (`RunStart.engineVersion`); runs recorded before schema 8 hold
    /// the release version here, as no fingerprint existed then.
    public var engineVersion: String
    /// The release version (`RunStart.releaseVersion`); nil only for a row written by hand.
    public var releaseVersion: String?
    public var registryVersion: Int?
    public var registrySHA256: String?
    /// The folder the run wrote to; `RunOutput.path` is relative to it.
    public var outDir: String
    /// When the run started (CST).
    public var startedAt: Timestamp
    /// When it ended (CST); nil while `running`. For `interrupted` runs, when the interruption
    /// was noticed, not when the process died.
    public var endedAt: Timestamp?
    public var status: RunStatus
    /// The process exit code the run ended with; nil while running or when interrupted.
    public var exitCode: Int32?
    /// What went wrong or was skipped, for the person reading the ledger.
    public var message: String?
    public var counts: RunCounts
    /// The process id and host that ran it (to tell a stale `running` row from a live one).
    public var pid: Int
    public var host: String

    public init(id: RunID, command: String, parameters: [String: String], settings: String, engineVersion: String,
                registryVersion: Int?, registrySHA256: String?, outDir: String, startedAt: Timestamp,
                endedAt: Timestamp?, status: RunStatus, exitCode: Int32?, message: String?, counts: RunCounts,
                pid: Int, host: String, releaseVersion: String? = nil) {
        self.id = id
        self.command = command
        self.parameters = parameters
        self.settings = settings
        self.engineVersion = engineVersion
        self.releaseVersion = releaseVersion
        self.registryVersion = registryVersion
        self.registrySHA256 = registrySHA256
        self.outDir = outDir
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.exitCode = exitCode
        self.message = message
        self.counts = counts
        self.pid = pid
        self.host = host
    }

    /// Wall-clock seconds from start to end; nil while running.
    public var seconds: Int64? { endedAt.map { $0.seconds - startedAt.seconds } }

    /// For a `running` run started on this host: true when its process no longer exists (it
    /// was killed or crashed; the next run will mark it `interrupted`). Nil when that cannot
    /// be told: another status, or another host.
    public func processIsGone(onHost host: String = Store.hostName()) -> Bool? {
        guard status == .running, self.host == host, let pid = Int32(exactly: pid), pid > 0 else { return nil }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// The parameters as `key=value` words in key order, e.g. `date=2026-07-05 out=/srv/out`.
    public var parameterText: String {
        parameters.keys.sorted().map { "\($0)=\(parameters[$0] ?? "")" }.joined(separator: " ")
    }
}
