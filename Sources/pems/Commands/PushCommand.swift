import ArgumentParser
import Foundation
import JobRunner
import Logging
import PEMSCore

/// `pems push [--date D] [--force]` — delivers a published day's provincial JSON to the
/// province (seed 003 附件3, issue 19), on its own: the schedule's retry after a nightly run
/// exited 4, or a person re-sending a rerun day with `--force`.
struct PushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Send day D's abnormal and limit JSON, as published, to the province.",
        discussion: """
        Reads <out>/daily/D/abnormal_D.json and limit_D.json — the files the nightly job \
        published, byte for byte — and POSTs each (Content-Type application/json) to the \
        province's interface: <province.url>/abnormal and <province.url>/limit, e.g. \
        https://fbjd.newhero.com.cn/pcom/ps/ex/join/abnormal (seed 003 附件3). The province \
        answers {"success": true, "msg": …}. An empty list is not sent (nothing to report).

        A POST with no answer, a timeout (province.timeout_seconds), HTTP 5xx, 408 or 429 is \
        tried again up to province.retries more times, waiting province.backoff_seconds and \
        twice as long before each next try; a refusal ("success": false, HTTP 4xx) is not. \
        Every attempt — time, address, SHA-256 of the body, HTTP status or error, the reply — \
        is recorded in the run ledger: pems runs show ID.

        A day's payload the province already accepted (by this command or the nightly job) is \
        skipped; --force sends it again, e.g. after `pems rerun` changed the day's files.

        Exit codes: 0 the province has both payloads (or they were empty); 4 a payload got no \
        answer or was refused (try again later); 1 could not run (no province.url, the day is \
        not published); 64 bad usage; 75 another run holds the store's lock.

        Examples:
          pems push                          # yesterday, out folder and address from pems.yaml
          pems push --date 2026-07-05 --force
        """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("The day to push (YYYY-MM-DD, CST).", discussion: "Default: yesterday.", valueName: "date"))
    var date: Day?

    @Flag(name: .long, help: "Send the day even when the province already accepted it.")
    var force = false

    @Option(name: .long, help: ArgumentHelp("The out folder the day was published under.",
                                            discussion: "Default: the config file's `out`, else ./out.", valueName: "dir"))
    var out: String?

    @OptionGroup var logging: LogLevelOption

    func run() throws {
        let level = logging.level
        LoggingSystem.bootstrap { _ in JobLogHandler(logLevel: level, terminal: Terminal.stderrIsTTY) }
        let log = Logger(label: "pems.push")
        let code: JobExitCode
        do {
            let settings = try global.settings()
            let (store, lock) = try global.openLockedStore(settings)
            defer { lock.release() }
            let folder = URL(fileURLWithPath: out ?? settings.out ?? "out", isDirectory: true)
            let day = date ?? JobPlan.yesterday()
            let outcome = try PushJob(store: store, settings: settings, out: folder, engineVersion: PEMSVersion.engine, logger: log)
                .run(days: [day], force: force)
            for p in outcome.pushes { log.notice("\(p.summary)") }
            log.notice("ledger: pems runs show \(outcome.runID)")
            code = outcome.exitCode
        } catch let e as StoreLockError {
            log.error("\(e)")
            if case .held = e { throw ExitCode(JobExitCode.lockHeld.rawValue) }
            throw ExitCode(JobExitCode.failure.rawValue)
        } catch {
            log.error("\(error)")
            throw ExitCode(JobExitCode.failure.rawValue)
        }
        if code != .ok { throw ExitCode(code.rawValue) }
    }
}
