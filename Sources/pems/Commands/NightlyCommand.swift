import ArgumentParser
import JobRunner
import Foundation
import PEMSCore

/// `pems nightly [--date D]` — the job cron runs every night (SPEC §11).
struct NightlyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nightly",
        abstract: "Load the inbox, compute day D (default yesterday) and write its reports.",
        discussion: """
        Loads every file in the inbox not loaded before, lists days reported earlier whose \
        data changed since (late data: rerun them with `pems rerun`), computes D as a period \
        of its own with its look-back, and writes into <out>/daily/D/: 日报, the provincial \
        abnormal/limit JSON, the day's brief (brief.pdf and its charts) and the evidence pack \
        of the day's events. When D is a Sunday (the run on Monday) it also writes the week's \
        周报 and brief into <out>/weekly/<Monday>/; when D ends a month (the run on the 1st) the \
        月报, 数据质量与联网, brief and enterprise files (dossiers/) into <out>/monthly/YYYY-MM/; when D is a response's last \
        day, its 应急减排评估 into <out>/responses/<id>/. Every reported day also gets its alarm \
        feed <out>/alarms/alarms_D.jsonl (see `pems alarms --help`).

        Files are written to <out>/.staging/ and each folder is put in place whole when every \
        step succeeded: a reader sees its old files or its new ones, never a mix. \
        The run, its inputs and every output's SHA-256 are recorded in the ledger (pems runs). \
        Two runs on one store never overlap: the second exits with code 75.

        When the settings give `province.url`, the run then POSTs each reported day's abnormal \
        and limit JSON, as published, to the province (seed 003 附件3; see `pems push --help`); \
        a day the province already has is not sent again.

        Exit codes: 0 done; 3 done, but a reported day's data is incomplete (below \
        data_quality.completeness_min); 4 done and published, but the push to the province \
        failed (retry it alone: pems push --date D); 1 failed (nothing published); 64 bad \
        usage; 75 another run holds the store's lock (retry later).

        Examples:
          pems nightly                                  # yesterday, inbox and out from pems.yaml
          pems nightly --date 2026-07-05 --inbox /srv/pems/inbox --out /srv/pems/out
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var job: JobOptions

    @Option(name: .long, help: ArgumentHelp("The day to report (YYYY-MM-DD, CST).",
                                            discussion: "Default: yesterday, and any of the 7 days before it that no completed nightly run into --out has reported since (a night the machine was off, a killed run).",
                                            valueName: "date"))
    var date: Day?

    @Option(name: .long, help: ArgumentHelp("Folder to load new files from (default: the config's `inbox`).", valueName: "dir"))
    var inbox: String?

    @Flag(name: .long, help: "Do not load anything (the data is already in the store).")
    var noLoad = false

    func run() throws {
        var parameters = ["date": date?.description ?? "yesterday"]
        if noLoad { parameters["load"] = "no" } else if let inbox { parameters["inbox"] = inbox }
        try JobCommandRunner.run(global, job, command: "nightly", parameters: parameters, inbox: noLoad ? nil : .some(inbox)) { store, registry, out in
            var plan: JobPlan
            if let date {
                plan = JobPlan.nightly(date, registry: registry)
            } else {
                // Catch up: the days since the last completed nightly run into this folder.
                let last = try store.runs(limit: 500).first {
                    $0.command == JobKind.nightly.rawValue && $0.status.completed
                        && LateData.canonical(URL(fileURLWithPath: $0.outDir, isDirectory: true)) == LateData.canonical(out)
                }.flatMap { $0.parameters["to"].flatMap(Day.init) }
                plan = JobPlan.catchUp(since: last, yesterday: JobPlan.yesterday(), registry: registry)
                if let last, plan.from.index - last.index > 1 {
                    JobCommandRunner.log.warning("days \(last.adding(days: 1)) … \(plan.from.adding(days: -1)) were never reported into \(out.path) and are older than \(JobPlan.catchUpDays) days: pems rerun --from \(last.adding(days: 1)) --to \(plan.from.adding(days: -1))")
                }
            }
            plan.loadInbox = !noLoad
            return plan
        }
    }
}
