import Foundation
import Logging
import PEMSCore

/// `pems push`: delivers published days' provincial JSON on its own (the schedule's retry after
/// a nightly exited with `JobExitCode.pushFailed`, or a person with `--force`). One run of the
/// ledger, command `push`, whose attempts `pems runs show` lists. The caller holds the store
/// lock, as for every job.
public struct PushJob {
    public var store: Store
    public var settings: Settings
    public var out: URL
    public var engineVersion: String
    public var logger: Logger

    public init(store: Store, settings: Settings, out: URL, engineVersion: String, logger: Logger) {
        self.store = store
        self.settings = settings
        self.out = out
        self.engineVersion = engineVersion
        self.logger = logger
    }

    /// What the run did: its ledger id, exit code and each payload's push.
    public struct Outcome: Sendable {
        public var runID: Int
        public var exitCode: JobExitCode
        public var pushes: [PayloadPush]
    }

    /// Pushes both payloads of each of `days`. Exit 0 when the province has every one (now or
    /// before) or it had nothing to send; `pushFailed` when one got no answer or was refused;
    /// `failure` when one could not be tried (its file is not published).
    public func run(days: [Day], force: Bool) throws -> Outcome {
        guard settings.provinceURL != nil else { throw PushError.noAddress }
        for r in try store.markInterruptedRuns() {
            logger.warning("run \(r.id) (\(r.command) \(r.parameterText), started \(r.startedAt)) was interrupted")
        }
        var parameters = ["date": days.map(\.description).joined(separator: ",")]
        if force { parameters["force"] = "yes" }
        let runID = try store.beginRun(RunStart(command: "push", parameters: parameters, settings: SettingsFile.render(settings),
                                                engineVersion: engineVersion, registryVersion: nil, registrySHA256: nil,
                                                outDir: out.path))
        do {
            let pushes = try ProvincePush(store: store, settings: settings, out: out, log: logger)
                .push(days: days, runID: runID, force: force)
            let code: JobExitCode = pushes.contains { $0.problem != nil } ? .failure
                : pushes.allSatisfy(\.delivered) ? .ok : .pushFailed
            let message = pushes.map(\.summary).joined(separator: "; ")
            try store.finishRun(runID, status: code == .ok ? .succeeded : .failed, exitCode: code.rawValue,
                                counts: RunCounts(filesLoaded: 0, rejectedLines: 0, lateDays: 0), message: message)
            return Outcome(runID: runID.rawValue, exitCode: code, pushes: pushes)
        } catch {
            try? store.finishRun(runID, status: .failed, exitCode: JobExitCode.failure.rawValue,
                                 counts: RunCounts(filesLoaded: 0, rejectedLines: 0, lateDays: 0), message: String(describing: error))
            throw error
        }
    }
}
