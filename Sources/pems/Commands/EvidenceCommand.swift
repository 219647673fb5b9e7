import Accounting
import ArgumentParser
import Charts
import Foundation
import JobRunner
import PEMSCore

/// `pems evidence --event ID | --date D` — the evidence pack for 非现场执法 (SPEC §7, §10).
struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Write the evidence pack (one PDF page per event) for one event or all events of a day.",
        discussion: """
        Each page shows the event's day (00:00–24:00 CST): production and treatment power against \
        the treatment's baseline band, the start/stop thresholds, the allowed power of an order, \
        the treatment's sensors with their valid range, the anomaly spans shaded and labelled, and \
        the event's facts. Also writes each event's chart alone as evidence-<id>.png.

        An event id is RULE.FACILITY.YYYYMMDDTHHMM (the enterprise id instead of the facility for \
        OFFLINE; the start in CST), e.g. TREATMENT_STOPPED.E001-T1.20260608T0930. `--list` prints \
        the ids of the selected events.

        The events come from the stored computation of --from/--to (default: the day of --date, \
        or the start day of --event), computed first when missing or stale.

        --district CODE writes the county edition: only the events of that district's \
        enterprises (an --event of another district is not found); the files end in _CODE \
        (evidence-2026-06-08_130602.pdf).

        Examples:
          pems evidence --date 2026-06-08 --out out/evidence
          pems evidence --event TREATMENT_STOPPED.E001-T1.20260608T0930 --out out/evidence
          pems evidence --from 2026-06-01 --to 2026-06-30 --date 2026-06-08 --list
          pems evidence --date 2026-06-08 --district 130602 --out out/evidence
        """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("One event's id.", valueName: "id"))
    var event: String?

    @Option(name: .long, help: ArgumentHelp("All events overlapping this day (YYYY-MM-DD, CST).", valueName: "date"))
    var date: Day?

    @Option(name: .long, help: ArgumentHelp("First day of the stored period to take events from.", valueName: "date"))
    var from: Day?

    @Option(name: .long, help: ArgumentHelp("Last day of that period (default: --from).", valueName: "date"))
    var to: Day?

    @Option(name: .long, help: ArgumentHelp("Folder to write into (created if needed).", valueName: "dir"))
    var out = "."

    @Flag(name: .long, help: "Print the selected events' ids instead of writing files.")
    var list = false

    @OptionGroup var edition: DistrictOption

    func validate() throws {
        guard event != nil || date != nil else { throw ValidationError("give --event ID or --date YYYY-MM-DD") }
        if let event, Self.day(ofEventID: event) == nil {
            throw ValidationError("--event '\(event)' is not RULE.FACILITY.YYYYMMDDTHHMM")
        }
        if let from, let to, to < from { throw ValidationError("--to \(to) is before --from \(from)") }
    }

    /// The CST day in an event id's start.
    static func day(ofEventID id: String) -> Day? {
        guard let stamp = id.split(separator: ".").last, stamp.count == 13, stamp.dropFirst(8).first == "T" else { return nil }
        let d = stamp.prefix(8)
        return Day(d.prefix(4) + "-" + d.dropFirst(4).prefix(2) + "-" + d.suffix(2))
    }

    func run() throws {
        try CommandFailure.run {
            try ChartFont.verify()
            let settings = try global.settings()
            let (store, lock) = try global.openLockedStore(settings)
            defer { lock.release() }
            guard let first = from ?? date ?? event.flatMap(Self.day(ofEventID:)) else { throw UserError("no period: give --from") }
            let scope = try edition.scope(store: store, on: to ?? first)
            let outcome = try PeriodRun.outcome(store: store, settings: settings, from: first, to: to ?? first)
            let result = try outcome.result()
            let selected = EvidencePack.select(result.events, id: event, day: date, scope: scope, registry: result.registry)
            if list {
                for e in selected.sorted(by: { EventID.of($0) < EventID.of($1) }) { Terminal.line(EventID.of(e)) }
                return
            }
            let output = CommandOutput(path: out, command: "evidence")   // not for --list: it writes nothing
            if selected.isEmpty {
                if let event { throw ChartError.unknownEvent(event) }
                print("no events on \(date?.description ?? "")\(scope.districtCode.map { " in district \($0)" } ?? "") — nothing written")
                return
            }
            let pack = try Products.evidencePack(result, events: selected, day: event == nil ? date : nil, store: store, scope: scope)
            let name = event.map { "evidence-" + FileName.safe($0) + "-pack" } ?? "evidence-\(date?.description ?? "")"
            let written = try output.write { try ChartFiles.writeEvidence(pack, name: name, to: $0) }
            for w in written.warnings { Terminal.errLine("pems: warning: \(w)") }
            for url in written.files { Terminal.line("wrote: \(output.published(url).path)") }
        }
    }
}
