import ArgumentParser
import Accounting
import PEMSCore

/// `pems weekly [--date D]` — the week's report on its own (SPEC §11).
struct WeeklyCommand: RollupJobCommand {
    static let period = RollupPeriod.week

    static let configuration = CommandConfiguration(
        commandName: "weekly",
        abstract: "Compute a week (Monday–Sunday) and write its 周报 and brief.",
        discussion: """
        The week containing --date (default: last week). Writes <out>/weekly/<Monday>/. The \
        nightly run of a Sunday does this too; use this command to render a week again after \
        late data or a template change. Exit codes as for `pems nightly`.

        Examples:
          pems weekly
          pems weekly --date 2026-07-01 --out /srv/pems/out
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var job: JobOptions

    @Option(name: .long, help: ArgumentHelp("A day of the week to report (default: a day of last week).", valueName: "date"))
    var date: Day?
}
