import ArgumentParser
import Accounting
import PEMSCore

/// `pems monthly [--date D]` — the month's reports on their own (SPEC §11).
struct MonthlyCommand: RollupJobCommand {
    static let period = RollupPeriod.month

    static let configuration = CommandConfiguration(
        commandName: "monthly",
        abstract: "Compute a calendar month and write its 月报, 数据质量与联网, brief and enterprise files.",
        discussion: """
        The month containing --date (default: last month). Writes <out>/monthly/YYYY-MM/, with \
        the enterprise files (一企一档, as `pems dossier`) of the enterprises with events or \
        data-quality findings that month in its dossiers/ folder. The nightly run of a month's \
        last day does this too. Exit codes as for `pems nightly`.

        Examples:
          pems monthly
          pems monthly --date 2026-06-15 --out /srv/pems/out
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var job: JobOptions

    @Option(name: .long, help: ArgumentHelp("A day of the month to report (default: a day of last month).", valueName: "date"))
    var date: Day?
}
