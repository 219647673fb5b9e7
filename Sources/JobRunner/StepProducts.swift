import Accounting
import Charts
import Foundation
import PEMSCore
import Reports

/// Renders one step's products into its staging folder from a computed period (the job
/// computed it: `JobRunner.compute`). Everything here reads only the computation and stored
/// results, so the same inputs give the same
/// bytes (workbook times and PDF dates are pinned to the period's end, SPEC §10).
struct StepProducts {
    let context: JobContext
    let templates: [ReportKind: ReportTemplate]

    /// Loads and checks every template the plan needs before any work starts (issue 5: a
    /// template naming an unknown source or field is rejected with its file and the name).
    init(context: JobContext, plan: JobPlan) throws {
        self.context = context
        var kinds: Set<ReportKind> = []
        for step in plan.steps {
            switch step {
            case .day: kinds.insert(.daily)
            case .week: kinds.insert(.weekly)
            case .month: kinds.formUnion([.monthly, .quality, .dossier])
            case .response: kinds.insert(.response)
            }
        }
        var templates: [ReportKind: ReportTemplate] = [:]
        for k in kinds.sorted(by: { $0.rawValue < $1.rawValue }) { templates[k] = try TemplateLoader.load(k, from: context.templates) }
        self.templates = templates
    }

    /// The county editions a step writes beside the city's (`district_editions`): one per
    /// district of the registry the period was computed with, none when the setting is off.
    func districts(_ registry: Registry) -> [String] {
        context.settings.districtEditions ? registry.districts.map(\.code) : []
    }

    /// 日报 and the abnormal/limit JSON (`PeriodReport.render`, as `pems report daily`), the
    /// day's brief and the evidence pack of its events; then each county edition (日报, brief,
    /// evidence of its district's events) into the folder `editions` gives for its code, from
    /// the same sums (`PeriodReportData.edition`, `PeriodFacts.edition`, `EvidencePack.edition`).
    func day(_ outcome: StoredComputation.Outcome, to dir: URL, editions: (String) throws -> URL) throws {
        let result = try outcome.result()
        let d = result.to
        let codes = districts(outcome.rows.registry)
        if let t = templates[.daily] {
            let data = try PeriodReportData(rows: outcome.rows, period: .day, store: context.store)
            _ = try PeriodReport.render(t, data: data, out: dir)
            for code in codes { _ = try PeriodReport.render(t, data: data.edition(.district(code)), out: try editions(code)) }
        }
        let facts = try PeriodFacts(result, store: context.store)
        log(try ChartFiles.writeBrief(facts, to: dir))
        for code in codes { log(try ChartFiles.writeBrief(facts.edition(.district(code)), to: try editions(code))) }
        let events = EvidencePack.select(result.events, day: d)
        if !events.isEmpty {
            let pack = try Products.evidencePack(result, events: events, day: d, store: context.store)
            log(try ChartFiles.writeEvidence(pack, name: "evidence-\(d)", to: dir))
            for code in codes {
                let own = pack.edition(.district(code))
                if !own.events.isEmpty { log(try ChartFiles.writeEvidence(own, name: "evidence-\(d)", to: try editions(code))) }
            }
        }
        // The portal pages last, naming every file written above (SPEC §11 outbox; Jobs/README.md "The portal").
        try PortalFiles.writePage(facts, period: .day, to: dir)
        for code in codes { try PortalFiles.writePage(facts.edition(.district(code)), period: .day, to: try editions(code)) }
    }

    /// 周报 or 月报 (+ 数据质量与联网 for a month) and the period's brief, then each county
    /// edition of them, all from one summing of the period (`PeriodReportData.edition`); for a
    /// month also the enterprise files (`dossiers/`, the city's folder only).
    func period(_ outcome: StoredComputation.Outcome, _ p: RollupPeriod, to dir: URL, editions: (String) throws -> URL) throws {
        let codes = districts(outcome.rows.registry)
        let template = templates[p == .week ? .weekly : .monthly]
        let quality = p == .month ? templates[.quality] : nil
        let scopes = [ReportScope.city] + codes.map(ReportScope.district)
        let outs = try scopes.map { try $0.districtCode.map(editions) ?? dir }
        var lap = Date()
        func timed(_ what: String) {
            context.logger.debug("\(p) \(what): \(String(format: "%.1f", Date().timeIntervalSince(lap))) s")
            lap = Date()
        }
        // The stored rows loaded and the briefs' facts summed through the main connection on
        // another thread, while this one sums the period through a second connection and the
        // workbooks are written through their own (`WorkShare`): at city scale the loading and
        // summing would otherwise leave one of the two cores idle for seconds.
        let second = try Self.secondConnection(to: context.store)
        let store = context.store
        let prepared: BackgroundWork<(ComputationResult, PeriodFacts)>?
        if second != nil {
            prepared = BackgroundWork {
                let result = try outcome.result()
                return (result, try PeriodFacts(result, store: store))
            }
        } else {
            prepared = nil
        }
        do {
            if template != nil || quality != nil {
                let reading = second ?? context.store
                let data = try PeriodReportData(rows: outcome.rows.reading(through: reading), period: p, store: reading)
                timed("period sums")
                // Every workbook of every edition is independent: two at a time, the city's (largest)
                // first, each thread streaming the stored rows through its own connection.
                var pieces: [(edition: Int, template: ReportTemplate, quality: Bool)] = []
                for k in scopes.indices {
                    if let template { pieces.append((k, template, false)) }
                    if let quality { pieces.append((k, quality, true)) }
                }
                try WorkShare.run(pieces.count, workers: Self.workers, store: context.store) { i, store in
                    let piece = pieces[i], k = piece.edition
                    let edition = data.reading(through: store).edition(scopes[k])
                    if piece.quality {
                        _ = try QualityReport.render(piece.template, data: edition, store: store, out: outs[k])
                    } else {
                        _ = try PeriodReport.render(piece.template, data: edition, out: outs[k])
                    }
                }
                timed("workbooks of \(scopes.count) editions")
            }
        } catch {
            _ = try? prepared?.wait()
            throw error
        }
        let result: ComputationResult, facts: PeriodFacts
        if let prepared {
            (result, facts) = try prepared.wait()
        } else {
            result = try outcome.result()
            facts = try PeriodFacts(result, store: context.store)
        }
        timed("stored rows loaded and brief facts")
        let briefs = Briefs(scopes.count)
        try WorkShare.run(scopes.count, workers: Self.workers, store: context.store) { k, _ in
            let own = scopes[k] == .city ? facts : facts.edition(scopes[k])
            briefs.set(k, try ChartFiles.writeBrief(own, to: outs[k]))
        }
        for written in briefs.all() { log(written) }
        timed("briefs of \(scopes.count) editions")
        if p == .month, let t = templates[.dossier] {
            try dossiers(result, template: t, to: dir)
            timed("enterprise files")
        }
        // The portal pages last, naming every file written above (the month's `dossiers/` too).
        for k in scopes.indices {
            try PortalFiles.writePage(scopes[k] == .city ? facts : facts.edition(scopes[k]), period: p, to: outs[k])
        }
    }

    /// Threads for the county editions and the enterprise files (this kind of machine has two cores).
    static let workers = 2

    /// Another read-only connection to the store's file; nil for a store that is not a file
    /// (tests' in-memory stores: everything is then read on the main connection, in order).
    static func secondConnection(to store: Store) throws -> Store? {
        let path = store.path
        guard !path.isEmpty, path != ":memory:", FileManager.default.fileExists(atPath: path) else { return nil }
        return try Store(path: path, readOnly: true)
    }

    /// The briefs written by the threads of `period`, by edition (logged in edition order).
    private final class Briefs: @unchecked Sendable {
        private var values: [WrittenCharts?]
        private let lock = NSLock()
        init(_ n: Int) { values = Array(repeating: nil, count: n) }
        func set(_ k: Int, _ w: WrittenCharts) {
            lock.lock()
            values[k] = w
            lock.unlock()
        }
        func all() -> [WrittenCharts] { values.compactMap { $0 } }
    }

    /// `dossiers/`: the enterprise files (一企一档) of the enterprises with an event or a
    /// data-quality finding in the month. The folder is made even when none has, so a rerun
    /// that finds none leaves no file of the earlier run behind.
    func dossiers(_ result: ComputationResult, template: ReportTemplate, to dir: URL) throws {
        let written = try Products.dossiers(template, result: result, selection: .withEventsOrFindings, store: context.store,
                                            out: dir.appendingPathComponent(OutputLayout.dossiers, isDirectory: true))
        for w in written.warnings { context.logger.warning("\(w)") }
        context.logger.info("enterprise files: \(written.enterprises.count) enterprises with events or data-quality findings")
    }

    /// 应急减排评估 of a response, and its county editions (the districts it covers).
    func response(_ id: String, to dir: URL, editions: (String) throws -> URL) throws {
        guard let t = templates[.response] else { return }
        let on = context.settings.districtEditions
        _ = try Products.responseReport(t, id: id, store: context.store, settings: context.settings,
                                        engineVersion: context.engineVersion, editions: { covered in
            [(ReportScope.city, dir)] + (on ? try covered.map { (ReportScope.district($0), try editions($0)) } : [])
        })
    }

    /// Logs the text warnings of written charts (issue 13: a text with characters no installed
    /// font can draw is published with a placeholder, and the job log says which).
    func log(_ written: WrittenCharts) {
        for w in written.warnings { context.logger.warning("\(w)") }
    }
}
