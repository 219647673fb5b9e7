import ArgumentParser
import Foundation
import JobRunner
import PEMSCore

/// `pems alarms --since RUN` — the alarm feed of the nightly runs after RUN, for a script that
/// forwards alarms by SMS, WeChat or an app (seed 001 §4.2; Jobs/README.md "The alarm feed").
struct AlarmsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alarms",
        abstract: "Print the alarm feed (JSON lines) of the nightly runs after a given run.",
        discussion: """
        Every nightly run writes, for each day it reports, <out>/alarms/alarms_D.jsonl: one JSON \
        object per line for each event that is new, still open or closed since the feed of the \
        day before (state "new", "open" or "closed"), with the enterprise, district, rule, CST \
        times, minutes, the facts that made it fire, its page in the day's evidence pack and a \
        Chinese text of at most 70 characters ready for an SMS ("message").

        This prints the same lines for every day reported by the nightly runs after run RUN \
        that published their files (status succeeded or partial), each day once, oldest day \
        first; nothing when there is none. It reads the stored results only (no computation, \
        no lock) and writes nothing. On stderr it names the newest run included: keep that id \
        and pass it as --since next time. RUN must be a nightly run of the ledger (`pems runs`).

        Examples:
          pems alarms --since 41
          pems alarms --since 41 | jq -r 'select(.state == "new") | .message'
        """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("The last nightly run already forwarded (its id in `pems runs`).", valueName: "run"))
    var since: String

    func validate() throws {
        if RunID(since) == nil { throw ValidationError("--since '\(since)' is not a run id (a positive whole number)") }
    }

    func run() throws {
        try CommandFailure.run {
            let settings = try global.settings()
            let store = try global.openStoreReadOnly(settings)
            try store.requireSchema(6, for: "the run ledger")
            guard let id = RunID(since) else { throw UserError("--since '\(since)' is not a run id") }
            let feed = try AlarmFeed.since(id, store: store)
            FileHandle.standardOutput.write(Data(AlarmFeed.text(feed.lines).utf8))
            let note: String
            if let newest = feed.newestRun {
                note = "alarms of \(feed.days.count) day\(feed.days.count == 1 ? "" : "s") (\(feed.lines.count) lines) from the nightly runs after \(id) up to run \(newest); next time: --since \(newest)"
            } else {
                note = "no nightly run after \(id) has published; next time: --since \(id)"
            }
            FileHandle.standardError.write(Data(("pems: " + note + "\n").utf8))
        }
    }
}
