import Accounting
import ArgumentParser
import Charts
import DemoCity
import Foundation
import JobRunner
import Logging
import Loader
import PEMSCore
import Reports

/// `pems demo` — the main job on the built-in demo city (the README's first command).
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate the demo city, import its registry, load its data, compute and export it, and check the ground truth.",
        discussion: """
        The demo city is a deterministic Baoding-like city (6 districts, 176 enterprises in \
        VOC industries, production lines and RTO / activated-carbon / UV / spray treatment \
        with primary/backup fans and sensors) with 35 days of HJ 212 packets and injected \
        anomalies listed in <out>/city/ground_truth.csv. Same options, same bytes.

        After loading, the demo period is computed (SPEC §4–§9) and exported into <out>/export \
        (as `pems export` would), and the events and data-quality rows are checked against the \
        ground truth: every injected event found (rule, enterprise, facility, start and end \
        within one slot, and the violating minutes where the truth states them), no event where \
        the truth says none, every injected data-quality row in dq.csv (and no VOLTAGE_LOOP, \
        CURRENT_LOOP or THRESHOLD_SUSPECT row beyond them), the energy of the line metered by \
        phase powers only, every replaced reading in revisions.csv, and the events that match \
        no injected anomaly listed. The brief of the whole \
        period and the evidence pack of its busiest day go to <out>/brief. Then the jobs run as \
        the schedule would (SPEC §11, each recorded in the run ledger) into <out>/out: the nightly \
        run of the last day (日报, provincial JSON, brief, evidence; the week too when the day is \
        a Sunday), the weekly run of the last full week, the monthly run of the first month \
        (月报, 数据质量与联网, brief, the enterprise files of dossiers/) and the assessment of every response; an index of the files \
        written ends the output.

        The demo keeps to its own store, <out>/pems.db, recreated on each run, unless \
        --store is given (then nothing is deleted and loading is idempotent as usual).

        Examples:
          pems demo                          # into ./demo
          pems demo --interval 1 --days 10   # minute data, shorter
        """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Output folder.", valueName: "dir"))
    var out = "demo"

    @Option(name: .long, help: "Number of enterprises.")
    var enterprises = 176

    @Option(name: .long, help: "Number of days of data.")
    var days = 35

    @Option(name: .long, help: ArgumentHelp("First day (YYYY-MM-DD, CST).", valueName: "date"))
    var start = "2026-06-01"

    @Option(name: .long, help: ArgumentHelp("Minutes between realtime packets: 15 or 1.", valueName: "minutes"))
    var interval = 15

    @Option(name: .long, help: "Random seed; the same seed gives the same city.")
    var seed: UInt64 = 20260601

    @Option(name: .long, help: ArgumentHelp("Folder of report templates (default: ./ReportTemplates, else the one above the executable).", valueName: "dir"))
    var templates: String?

    func validate() throws {
        guard Day(start) != nil else { throw ValidationError("--start '\(start)' is not a date YYYY-MM-DD") }
        guard [1, 15].contains(interval) else { throw ValidationError("--interval must be 15 or 1 (got \(interval))") }
        guard (57...20_000).contains(enterprises) else { throw ValidationError("--enterprises must be 57…20000 (got \(enterprises)): the demo needs room for every scenario") }
        guard (14...366).contains(days) else { throw ValidationError("--days must be 14…366 (got \(days)): baselines need history") }
    }

    func run() throws {
        try CommandFailure.run {
            let settings = try global.settings()
            let outURL = URL(fileURLWithPath: out, isDirectory: true)
            let cityURL = outURL.appendingPathComponent("city", isDirectory: true)
            try FileManager.default.createDirectory(at: outURL, withIntermediateDirectories: true)
            let storePath = global.store ?? outURL.appendingPathComponent("pems.db").path
            if global.store == nil {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: storePath + suffix) }
            }
            var options = DemoOptions()
            options.seed = seed
            options.enterprises = enterprises
            options.days = days
            options.start = start
            options.intervalMinutes = interval
            let t0 = Date()
            let bar = ProgressBar(label: "generating", bytes: false)
            try? FileManager.default.removeItem(at: cityURL)
            let manifest = try DemoCity.generate(options, to: cityURL) { f in bar.update(Int(f * 1000), 1000) }
            bar.finish()
            let generated = Date().timeIntervalSince(t0)
            print("demo city: \(manifest.enterprises) enterprises in \(manifest.districts) districts, \(manifest.points) points, \(manifest.periodStart) … \(manifest.periodEnd), every \(manifest.intervalMinutes) min")
            print("generated \(manifest.files.count) files, \(String(format: "%.0f", Double(manifest.bytes) / 1_048_576)) MB in \(String(format: "%.1f", generated)) s into \(cityURL.path)")

            let store = try Store(path: storePath)
            let registryDir = cityURL.appendingPathComponent("registry").path
            switch try RegistryImporter.importDirectory(registryDir, into: store, effectiveFrom: Day(String(manifest.periodStart.prefix(10))) ?? Day(index: 0)) {
            case .success(let o):
                print("registry version \(o.version.id) (effective from \(o.version.effectiveFrom)): \(o.version.summary)")
            case .failure(let rejection):
                for issue in rejection.issues.prefix(20) { Terminal.errLine(issue.description) }
                throw UserError("\(registryDir): the generated registry was rejected (\(rejection.summary)) — a bug in the demo generator")
            }
            let inputs = ["packets", "readings"].map { cityURL.appendingPathComponent($0).path }
                .filter { FileManager.default.fileExists(atPath: $0) }
            let summary = try LoadCommand.load(files: try InputFiles.expand(inputs), store: store, settings: settings)
            print(summary.text(perFile: false), terminator: "")
            print(DemoCheck.compare(manifest: manifest, summary: summary), terminator: "")

            // Compute and export the demo period, then check the events against the ground truth.
            guard let from = Day(String(manifest.periodStart.prefix(10))), let end = Day(String(manifest.periodEnd.prefix(10))) else {
                throw UserError("the demo manifest has no period (\(manifest.periodStart) … \(manifest.periodEnd))")
            }
            let last = end.adding(days: -1)
            let computeBar = ProgressBar(label: "computing", bytes: false)
            let outcome = try StoredComputation.run(store: store, settings: settings, from: from, to: last,
                                                    engineVersion: PEMSVersion.engine, reuse: true) { day in
                computeBar.update(max(0, day.index - from.index), last.index - from.index + 1)
            }
            computeBar.finish()
            let exportURL = outURL.appendingPathComponent("export", isDirectory: true)
            let r = try outcome.result()
            try MachineExports.write(r, to: exportURL)
            print("computed \(from) … \(last): \(LoadSummaryFormat.n(r.facilityDays.count)) facility-days, \(r.events.count) events, \(LoadSummaryFormat.n(r.dq.count)) data-quality findings in \(String(format: "%.1f", outcome.seconds)) s\(outcome.reused ? " (stored result reused)" : "")")
            print("exports: \(exportURL.path) (\(MachineExports.fileNames.joined(separator: ", ")))")
            let truthURL = cityURL.appendingPathComponent("ground_truth.csv")
            let check = try DemoEventCheck.check(truth: truthURL, export: exportURL,
                                                 registry: cityURL.appendingPathComponent("registry", isDirectory: true),
                                                 settings: settings)
            print(check.text, terminator: "")
            try Self.writeCharts(r, store: store, to: outURL.appendingPathComponent("brief", isDirectory: true))

            // The jobs of SPEC §11 on the demo period, as the schedule would run them.
            if let templatesURL = TemplateLocator.directory(explicit: templates) {
                try Self.runJobs(store: store, storePath: storePath, settings: settings, templates: templatesURL,
                                 out: outURL.appendingPathComponent("out", isDirectory: true),
                                 from: from, last: last, registry: r.registry)
            } else {
                print("jobs: skipped (no ReportTemplates folder; pass --templates DIR)")
            }
            print("store: \(storePath)")
            print("ground truth: \(truthURL.path)")
        }
    }

    /// The nightly job of the last day (without its load step: the demo loaded the city's
    /// files above), the weekly job of the last full week unless that
    /// nightly run rendered it, the monthly job of the first month and the assessment of every
    /// response — each recorded in the run ledger — then an index of everything written.
    static func runJobs(store: Store, storePath: String, settings: Settings, templates: URL, out: URL,
                        from: Day, last: Day, registry: Registry) throws {
        let lock = try StoreLock.acquire(storePath: storePath, command: "pems demo")
        defer { lock.release() }
        let log = Logger(label: "pems.demo") { _ in JobLogHandler(logLevel: .warning, terminal: Terminal.stderrIsTTY) }
        var nightly = JobPlan.nightly(last, registry: registry)
        nightly.loadInbox = false
        var plans = [nightly]
        let lastFullWeek = RollupPeriod.week.bucket(of: last.adding(days: 1)).adding(days: -7)
        if last.isoWeekday != 7, lastFullWeek >= from { plans.append(JobPlan.weekly(containing: lastFullWeek)) }
        plans.append(JobPlan.monthly(containing: from))
        if !registry.responses.isEmpty { plans.append(try JobPlan.assessment(registry.responses)) }
        var files: [RunOutput] = []
        for plan in plans {
            let context = JobContext(store: store, settings: settings, templates: templates, out: out, inbox: nil,
                                     engineVersion: PEMSVersion.engine, logger: log, command: plan.kind.rawValue,
                                     parameters: ["demo": "yes"])
            let outcome = try JobRunner(context: context).run(plan)
            let span = plan.from == plan.to ? plan.from.description : "\(plan.from) … \(plan.to)"
            print("job \(plan.kind.rawValue) \(span): run \(outcome.runID), \(outcome.outputs.count) files in \(String(format: "%.1f", outcome.seconds)) s, exit \(outcome.exitCode.rawValue)")
            files += outcome.outputs
        }
        print("outputs under \(out.path)/ (layout: Jobs/README.md; ledger: pems --store \(storePath) runs):")
        let unique = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { $1 }).values.sorted { $0.path < $1.path }
        for line in OutputIndex.lines(unique) { print("  " + line) }
    }

    /// The leadership brief of the demo period and the evidence pack of its busiest day (the
    /// day most events overlap; the earliest on a tie), into <out>/brief (SPEC §10).
    static func writeCharts(_ result: ComputationResult, store: Store, to dir: URL) throws {
        let facts = try PeriodFacts(result, store: store)
        let brief = try ChartFiles.writeBrief(facts, to: dir)
        var busiest: (day: Day, events: [EventRecord])?
        var d = result.from
        while d <= result.to {
            let events = EvidencePack.select(result.events, day: d)
            if events.count > (busiest?.events.count ?? 0) { busiest = (d, events) }
            d = d.adding(days: 1)
        }
        for w in brief.warnings { Terminal.errLine("pems: warning: \(w)") }
        print("brief: \(brief.files[0].path) (\(BriefDocument.pageCount) pages; charts as PNG and PDF beside it)")
        if let busiest {
            let pack = try Products.evidencePack(result, events: busiest.events, day: busiest.day, store: store)
            let written = try ChartFiles.writeEvidence(pack, name: "evidence-\(busiest.day)", to: dir)
            for w in written.warnings { Terminal.errLine("pems: warning: \(w)") }
            print("evidence pack: \(written.files[0].path) (\(busiest.events.count) events of \(busiest.day), the busiest day; `pems evidence --date D` for another)")
        }
    }
}
