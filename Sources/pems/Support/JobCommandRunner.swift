import ArgumentParser
import Foundation
import JobRunner
import Logging
import PEMSCore
import Reports

/// What the four job commands share: settings, the store lock, the job context, running the
/// plan, the summary, and the mapping of outcomes to the documented exit codes
/// (`JobExitCode`: 0 ok, 1 failure, 3 partial data, 4 push to the province failed, 64 usage,
/// 75 lock held).
enum JobCommandRunner {
    /// The job commands' logger (after `run` bootstrapped the logging system).
    static var log: Logger { Logger(label: "pems.job") }

    /// Runs `makePlan` (given the store, the newest registry and the out folder) under the store lock and exits with the job's code.
    static func run(_ global: GlobalOptions, _ options: JobOptions, command: String, parameters: [String: String],
                    inbox: String?? = nil, makePlan: (Store, Registry, URL) throws -> JobPlan) throws {
        let level = options.level
        LoggingSystem.bootstrap { _ in JobLogHandler(logLevel: level, terminal: Terminal.stderrIsTTY) }
        let log = Self.log
        let code: JobExitCode
        do {
            code = try runLocked(global, options, command: command, parameters: parameters, inbox: inbox, log: log,
                                 makePlan: makePlan)
        } catch let e as ExitCode {
            throw e
        } catch let e as JobError {
            log.error("\(e)")
            if case .noInbox = e { throw ExitCode(JobExitCode.usage.rawValue) }
            throw ExitCode(JobExitCode.failure.rawValue)
        } catch let e as StoreLockError {
            log.error("\(e)")
            // Only a lock another run holds is worth retrying later; an unusable lock file
            // (permissions, a missing folder) is a failure to fix.
            if case .held = e { throw ExitCode(JobExitCode.lockHeld.rawValue) }
            throw ExitCode(JobExitCode.failure.rawValue)
        } catch {
            let text = FileWriteError(error).map(String.init(describing:)) ?? String(describing: error)
            log.error("\(text)")   // one line: the log handler shows line breaks escaped
            throw ExitCode(JobExitCode.failure.rawValue)
        }
        if code != .ok { throw ExitCode(code.rawValue) }
    }

    private static func runLocked(_ global: GlobalOptions, _ options: JobOptions, command: String,
                                  parameters: [String: String], inbox: String??, log: Logger,
                                  makePlan: (Store, Registry, URL) throws -> JobPlan) throws -> JobExitCode {
        let settings = try global.settings()
        guard let templates = TemplateLocator.directory(explicit: options.templates) else {
            throw UserError("no ReportTemplates folder found in the current directory or above the executable; pass --templates DIR")
        }
        let storePath = global.storePath(settings)
        try Store.verify(path: storePath) // a file that is no pems store is refused before the lock writes beside it
        let lock = try StoreLock.acquire(storePath: storePath, command: CommandLine.arguments.joined(separator: " "))
        defer { lock.release() }
        let store = try Store(path: storePath)
        let (_, registry) = try store.registry(for: Day(year: 9999, month: 12, day: 31) ?? Day(index: 0))
        let out = URL(fileURLWithPath: options.out ?? settings.out ?? "out", isDirectory: true)
        let plan = try makePlan(store, registry, out)
        // nil: not a loading job; .some(nil): nightly without --inbox (use the config's).
        var inboxURL: URL?
        if plan.loadInbox, let chosen = inbox {
            guard let path = chosen ?? settings.inbox else { throw JobError.noInbox }
            inboxURL = URL(fileURLWithPath: path, isDirectory: true)
        }
        let bar = ProgressBar(label: command, bytes: false)
        defer { bar.finish() }
        let context = JobContext(store: store, settings: settings, templates: templates, out: out, inbox: inboxURL,
                                 engineVersion: PEMSVersion.engine, logger: log,
                                 command: command, parameters: parameters) { _, done, total in bar.update(done, total) }
        let outcome = try JobRunner(context: context).run(plan)
        bar.finish()
        log.notice("run \(outcome.runID): \(command) \(plan.from == plan.to ? plan.from.description : "\(plan.from) … \(plan.to)") finished in \(String(format: "%.1f", outcome.seconds)) s, exit \(outcome.exitCode.rawValue); \(outcome.outputs.count) files under \(out.path)/:")
        for line in OutputIndex.lines(outcome.outputs) { log.notice("  \(line)") }
        log.notice("ledger: pems runs show \(outcome.runID)")
        return outcome.exitCode
    }
}
