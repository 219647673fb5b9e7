import ArgumentParser
import JobRunner
import PEMSCore

/// `pems rerun --from D1 --to D2` — an auditor's rerun of a date range (SPEC §11).
struct RerunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rerun",
        abstract: "Recompute every day of a range and write every report of it again.",
        discussion: """
        For each day of the range, in order, exactly what its nightly run did — the day \
        computed again as a period of its own, 日报, JSON, brief and evidence; the week's \
        reports after a Sunday, the month's after a month's last day, a response's assessment \
        after its last day — into the same places under --out. Nothing is loaded. With the \
        inputs unchanged the files are byte-identical to the original ones; \
        `pems runs diff <original> <rerun>` says whether they are and, if not, which inputs \
        changed (late data, registry, settings, engine version). Exit codes as for `pems nightly`.

        Examples:
          pems rerun --from 2026-07-01 --to 2026-07-31 --out /srv/audit/2026-07
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var job: JobOptions

    @Option(name: .long, help: ArgumentHelp("First day (YYYY-MM-DD, CST).", valueName: "date"))
    var from: Day

    @Option(name: .long, help: ArgumentHelp("Last day, inclusive.", valueName: "date"))
    var to: Day

    func validate() throws {
        if to < from { throw ValidationError("--to \(to) is before --from \(from)") }
        if to.index - from.index > 366 { throw ValidationError("a rerun covers at most 367 days; split the range") }
    }

    func run() throws {
        try JobCommandRunner.run(global, job, command: "rerun", parameters: ["from": from.description, "to": to.description]) { _, registry, _ in
            JobPlan.rerun(from: from, to: to, registry: registry)
        }
    }
}
