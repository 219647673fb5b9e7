import Accounting
import Foundation
import Loader
import Logging
import PEMSCore

/// Runs a `JobPlan` (SPEC §11): records the run in the ledger, loads the inbox (nightly),
/// lists late data, computes and renders every step into a staging folder, publishes the
/// files by renaming them into place, and closes the ledger entry with the outputs' SHA-256.
///
/// The caller holds the store lock (`StoreLock`) for the whole run. A run that fails in a step
/// publishes nothing and is recorded as failed; publishing replaces each step folder whole in
/// one step (`StagedOutputs.publish`), so one that fails part-way through publishing leaves
/// some folders new and some old, never a folder mixed (its entry lists no outputs). A run
/// killed with `kill -9` leaves its ledger entry `running` (the next run marks it
/// `interrupted`), its staging folder and hidden temporary files (the next run writing into
/// the out folder removes them and names them in the log) and only whole SQLite
/// transactions, so running the job again completes the work.
public struct JobRunner {
    public let context: JobContext

    public init(context: JobContext) { self.context = context }

    var store: Store { context.store }
    var log: Logger { context.logger }

    public func run(_ plan: JobPlan) throws -> JobOutcome {
        let started = Date()
        var outFolders = [context.out]
        for r in try store.markInterruptedRuns() {
            log.warning("run \(r.id) (\(r.command) \(r.parameterText), started \(r.startedAt)) was interrupted; its files in \(r.outDir) may be missing or partly published — this run or `pems rerun` writes them again")
            let out = URL(fileURLWithPath: r.outDir, isDirectory: true)
            if let left = StagedOutputs.removeStaging(out: out, runID: r.id.rawValue) { log.warning("removed \(out.path)/\(left)") }
            if !outFolders.contains(where: { $0.standardizedFileURL == out.standardizedFileURL }) { outFolders.append(out) }
        }
        for out in outFolders {
            for left in StagedOutputs.removeLeftovers(out: out, layoutFolders: true) { log.warning("removed \(out.path)/\(left)") }
        }
        let products = try StepProducts(context: context, plan: plan)   // templates checked before any work
        let (registryInfo, registry) = try store.registry(for: plan.to)
        var parameters = context.parameters
        parameters["from"] = plan.from.description
        parameters["to"] = plan.to.description
        let runID = try store.beginRun(RunStart(
            command: plan.kind.rawValue, parameters: parameters, settings: SettingsFile.render(context.settings),
            engineVersion: context.engineVersion, registryVersion: registryInfo.id, registrySHA256: registryInfo.sha256,
            outDir: context.out.path))
        log.info("run \(runID.rawValue): \(plan.kind.rawValue) \(plan.from)…\(plan.to), \(plan.steps.count) steps, out \(context.out.path)")
        var outcome = JobOutcome(runID: runID.rawValue, exitCode: .ok, outputs: [], partialDays: [], lateDays: [],
                                 filesLoaded: 0, rejectedLines: 0, stages: [], seconds: 0)
        var staged: StagedOutputs?
        do {
            if plan.loadInbox, let inbox = context.inbox {
                let summary = try stage("load", &outcome) { try loadInbox(inbox) }
                outcome.filesLoaded = summary.loadedCount
                outcome.rejectedLines = summary.total.rejected.values.reduce(0, +)
                outcome.filesNotLoaded = summary.notLoaded
                log.info("loaded \(summary.loadedCount) new files from \(inbox.path) (\(summary.skippedCount) already loaded, \(summary.notLoadedCount) not loaded, \(outcome.rejectedLines) lines rejected)")
                for f in outcome.filesNotLoaded { log.warning("not loaded: \(f.path) (\(f.reason))") }
            }
            let lookBack = context.settings.baselineLookbackDays + context.settings.thresholdLookbackDays
            outcome.lateDays = try stage("late data", &outcome) {
                try LateData.detect(store: store, lookBack: lookBack, outDir: context.out).filter { $0 < plan.from || $0 > plan.to }
            }
            if !outcome.lateDays.isEmpty {
                let ranges = LateData.ranges(outcome.lateDays).map { "pems rerun --from \($0.from) --to \($0.to)" }
                log.warning("late data: \(outcome.lateDays.count) reported days have new input since they were reported: \(ranges.joined(separator: "; "))")
            }
            let stagedOutputs = try StagedOutputs(out: context.out, runID: runID.rawValue)
            staged = stagedOutputs
            for (i, step) in plan.steps.enumerated() {
                context.progress?("\(step)", i, plan.steps.count)
                try run(step, plan: plan, products: products, staged: stagedOutputs, runID: runID, outcome: &outcome)
            }
            context.progress?("done", plan.steps.count, plan.steps.count)
            try FailurePoint.reached("staged")
            let files = try stage("publish", &outcome) {
                let files = try stagedOutputs.files()
                // Only `kill:` acts inside the rename window: a throw there cannot stop a rename.
                let folders = OutputLayout.folders(of: plan.steps, staging: stagedOutputs.staging)
                try stagedOutputs.publish(steps: folders, joining: [OutputLayout.alarms]) { try? FailurePoint.reached("published \($0)") }
                try store.recordRunOutputs(runID, files)
                try FailurePoint.reached("recorded outputs")
                return files
            }
            outcome.outputs = files
            // The root pages list every step folder now in the out folder, earlier runs' too; they
            // are not this run's outputs (the ledger records those), and a failure to write them
            // leaves the published reports as they are.
            do {
                try PortalFiles.writeRoots(out: context.out, registry: registry)
            } catch {
                log.warning("portal index not written in \(context.out.path): \(error)")
            }
            // The nightly job delivers the days it reported to the province, after publishing:
            // a failed push leaves the published files as they are and gets its own exit code.
            var pushNote: String?
            if plan.kind == .nightly, context.settings.provinceURL != nil {
                let (pushes, note) = try stage("push", &outcome) { pushReportedDays(plan, runID: runID) }
                outcome.pushes = pushes
                pushNote = note
            }
            outcome.exitCode = pushNote != nil ? .pushFailed : outcome.partialDays.isEmpty ? .ok : .partialData
            outcome.seconds = Date().timeIntervalSince(started)
            let message = outcome.partialDays.isEmpty ? nil
                : "incomplete data: " + outcome.partialDays.map { "\($0.day) \(String(format: "%.1f%%", $0.completeness * 100))" }.joined(separator: ", ")
            // The ledger has no column for files not loaded; its message names them.
            let ledgerMessage = [message, Self.notLoadedNote(outcome.filesNotLoaded), pushNote].compactMap { $0 }.joined(separator: "; ")
            try store.finishRun(runID, status: outcome.partialDays.isEmpty && pushNote == nil ? .succeeded : .partial,
                                exitCode: outcome.exitCode.rawValue, counts: counts(outcome),
                                message: ledgerMessage.isEmpty ? nil : ledgerMessage)
            try FailurePoint.reached("finished run")
            if let message { log.warning("\(message) (below data_quality.completeness_min \(context.settings.dqCompletenessMin)); the outputs are provisional") }
            return outcome
        } catch {
            staged?.discard()
            try? store.finishRun(runID, status: .failed, exitCode: JobExitCode.failure.rawValue, counts: counts(outcome),
                                 message: String(describing: error))
            throw error
        }
    }

    /// Runs one stage, timing it and measuring its own peak memory; logs `stage <name>: …`.
    private func stage<T>(_ name: String, _ outcome: inout JobOutcome, _ body: () throws -> T) throws -> T {
        StageMemory.resetPeak()
        let t0 = Date()
        let value = try body()
        let seconds = Date().timeIntervalSince(t0), peak = StageMemory.peakBytes()
        outcome.stages.append((name, seconds, peak))
        log.info("stage \(name): \(String(format: "%.1f", seconds)) s, peak \(peak.map { "\($0 / 1_048_576) MB" } ?? "?")")
        return value
    }

    /// Pushes the provincial JSON of the plan's reported days (`ProvincePush`; a day some run
    /// delivered already is skipped). Returns the pushes and the ledger message's note when one
    /// did not reach the province (nil when all did). Never throws: the files are published
    /// whatever happens.
    private func pushReportedDays(_ plan: JobPlan, runID: RunID) -> ([PayloadPush], String?) {
        let days = plan.steps.compactMap { step -> Day? in if case .day(let d) = step { return d } else { return nil } }
        guard !days.isEmpty else { return ([], nil) }
        let pushes: [PayloadPush]
        do {
            pushes = try ProvincePush(store: store, settings: context.settings, out: context.out, log: log)
                .push(days: days, runID: runID, force: false)
        } catch {
            log.error("push to the province: \(error)")
            return ([], "push to the province failed: \(error); retry: " + days.map { "pems push --date \($0)" }.joined(separator: "; "))
        }
        let missed = pushes.filter { !$0.delivered }
        guard !missed.isEmpty else { return (pushes, nil) }
        let retry = Set(missed.map(\.day)).sorted().map { "pems push --date \($0)" }.joined(separator: "; ")
        log.error("the province did not get \(missed.map { "\($0.payload) \($0.day)" }.joined(separator: ", ")); the files are published; retry: \(retry)")
        return (pushes, "push to the province not delivered: " + missed.map(\.summary).joined(separator: "; ") + "; retry: " + retry)
    }

    /// "2 inbox files not loaded: inbox/a.log (not a regular file: FIFO); …" for the run
    /// ledger's message (the first 20 named), nil when every file was read.
    static func notLoadedNote(_ files: [(path: String, reason: String)]) -> String? {
        guard !files.isEmpty else { return nil }
        let named = files.prefix(20).map { "\($0.path) (\($0.reason))" }.joined(separator: "; ")
        let more = files.count > 20 ? "; … \(files.count - 20) more" : ""
        return "\(files.count) inbox file\(files.count == 1 ? "" : "s") not loaded: \(named)\(more)"
    }

    func counts(_ o: JobOutcome) -> RunCounts {
        RunCounts(filesLoaded: o.filesLoaded, rejectedLines: o.rejectedLines, lateDays: o.lateDays.count)
    }

    private func run(_ step: JobStep, plan: JobPlan, products: StepProducts, staged: StagedOutputs, runID: RunID,
                     outcome: inout JobOutcome) throws {
        let dir = try staged.folder(step)
        switch step {
        case .day(let d):
            let computed = try stage("compute \(d)", &outcome) {
                try ensureComparisonBase(RollupPeriod.day, before: d, runID: runID)
                return try compute(from: d, to: d, plan: plan, runID: runID)
            }
            try noteCompleteness(computed, outcome: &outcome)
            try stage("render \(d)", &outcome) { try products.day(computed, to: dir, editions: { try staged.folder(step, district: $0) }) }
            try stage("alarms \(d)", &outcome) {
                let lines = try AlarmFeed.read(day: d, computation: computed.computationID, store: store, registry: computed.rows.registry)
                try AlarmFeed.write(lines, day: d, under: staged.staging)
            }
        case .week(let monday):
            try period(.week, monday, step: step, plan: plan, products: products, staged: staged, runID: runID, outcome: &outcome)
        case .month(let first):
            try period(.month, first, step: step, plan: plan, products: products, staged: staged, runID: runID, outcome: &outcome)
        case .response(let id):
            try stage("render \(step)", &outcome) {
                try products.response(id, to: dir, editions: { try staged.folder(step, district: $0) })
            }
        }
    }

    /// A week or month step: its comparison base, the period computed as one, its products.
    private func period(_ p: RollupPeriod, _ start: Day, step: JobStep, plan: JobPlan, products: StepProducts,
                        staged: StagedOutputs, runID: RunID, outcome: inout JobOutcome) throws {
        let dir = try staged.folder(step)
        let computed = try stage("compute \(step)", &outcome) {
            try ensureComparisonBase(p, before: start, runID: runID)
            return try compute(from: start, to: p.last(start), plan: plan, runID: runID)
        }
        if plan.kind == .weekly || plan.kind == .monthly { try noteCompleteness(computed, outcome: &outcome) }
        try stage("render \(step)", &outcome) {
            try products.period(computed, p, to: dir, editions: { try staged.folder(step, district: $0) })
        }
    }

    /// Computes (or, unless the plan recomputes, reuses) a period and records the per-day
    /// input summaries it read in the ledger.
    private func compute(from: Day, to: Day, plan: JobPlan, runID: RunID) throws -> StoredComputation.Outcome {
        let outcome = try StoredComputation.run(store: store, settings: context.settings, from: from, to: to,
                                                engineVersion: context.engineVersion, reuse: !plan.recompute)
        log.debug("computed \(from)…\(to) in \(String(format: "%.1f", outcome.seconds)) s\(outcome.reused ? " (stored result reused)" : "")")
        try store.recordRunInputs(runID, fingerprints: try LateData.inputs(store: store, streamedFrom: outcome.rows.streamedFrom, to: to, series: outcome.seriesFingerprints))
        return outcome
    }

    /// The 环比 base of a report — the bucket before it — is read from stored single-day
    /// computations (`Store.dailyResults`). Days of that bucket with data but without one
    /// (the first nights of a store, a night the schedule missed) are computed now, each as a
    /// period of its own, so the report and any later rerun of it compare against the same
    /// stored days. In steady state every day has its nightly computation and this is one query.
    private func ensureComparisonBase(_ period: RollupPeriod, before start: Day, runID: RunID) throws {
        guard let firstData = try store.firstDataDay() else { return }
        let first = max(period.previous(start), firstData), last = start.adding(days: -1)
        guard first <= last else { return }
        let have = try store.singleDayComputations(from: first, to: last)
        var d = first
        while d <= last {
            if !have.contains(d) {
                let outcome = try StoredComputation.run(store: store, settings: context.settings, from: d, to: d,
                                                        engineVersion: context.engineVersion, reuse: true)
                try store.recordRunInputs(runID, fingerprints: try LateData.inputs(store: store, streamedFrom: outcome.rows.streamedFrom, to: d, series: outcome.seriesFingerprints))
                log.info("computed \(d) as the comparison base of \(period.rawValue) \(start)")
            }
            d = d.adding(days: 1)
        }
    }

    /// A reported day whose mean facility completeness is below `data_quality.completeness_min`
    /// (SPEC §8), or that has no facility-day at all, makes the run partial.
    private func noteCompleteness(_ computed: StoredComputation.Outcome, outcome: inout JobOutcome) throws {
        let rows = computed.rows
        var means: [Day: CompletenessMean] = [:]
        try rows.forEachFacilityDayCompleteness { means[$0.date, default: CompletenessMean()].add($0.completeness) }
        for d in rows.dates {
            let mean = means[d]?.value ?? 0
            if mean < context.settings.dqCompletenessMin { outcome.partialDays.append((d, mean)) }
        }
    }

    /// Loads every file in the inbox not loaded before (the store knows files by content,
    /// SPEC §3.3), with the registry in force today.
    private func loadInbox(_ inbox: URL) throws -> LoadSummary {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: inbox.path, isDirectory: &isDir), isDir.boolValue else {
            throw JobError.inboxMissing(inbox.path)
        }
        let progress = context.progress
        let summary = try FileLoad.run(files: try InputFiles.expand([inbox.path]), store: store, settings: context.settings) {
            done, total in progress?("load", done, total)
        }
        if let b = summary.broughtIn { log.info("kept aside before, brought in: \(b.summary)") }
        return summary
    }
}
