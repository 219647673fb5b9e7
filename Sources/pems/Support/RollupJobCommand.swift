import ArgumentParser
import Accounting
import JobRunner
import PEMSCore

/// What `pems weekly` and `pems monthly` share: the period of --date (default: the last whole
/// week or month, CST) run as a job (SPEC §11) through `JobCommandRunner`. Each command keeps
/// its own help text and `--date` option; the run is written once, here.
protocol RollupJobCommand: ParsableCommand {
    /// `.week` (Monday–Sunday) or `.month` (calendar month).
    static var period: RollupPeriod { get }
    var global: GlobalOptions { get }
    var job: JobOptions { get }
    var date: Day? { get }
}

extension RollupJobCommand {
    func run() throws {
        let period = Self.period
        let week = period == .week
        let day = date ?? (week ? JobPlan.previousWeek() : JobPlan.previousMonth())
        try JobCommandRunner.run(global, job, command: week ? "weekly" : "monthly", parameters: ["date": day.description]) {
            _, _, _ in week ? JobPlan.weekly(containing: day) : JobPlan.monthly(containing: day)
        }
    }
}
