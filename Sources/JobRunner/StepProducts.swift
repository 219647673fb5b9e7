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
    /// day's gap list (`gaps-D.csv`), the day's brief and the evidence pack of its events; then each county edition (日报, brief,
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
        // The day's 补采清单 for the receiver (`pems receive --gaps`, issue 19; seed 001 §5.5.2), as
        // `gaps.csv` of `pems export`: the city's only — the receiver asks every collector.
        let gaps = outcome.rows.gaps.filter { $0.date == d }
        try Data(MachineExports.gaps(gaps).text.utf8).write(to: dir.appendingPathComponent(OutputLayout.gapList(d)))
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
    ///
    /// Every workbook, brief and enterprise file is an independent piece, and all of them share
    /// one queue of `workers` threads (`WorkShare`), largest first: the city's 数据质量与联网
    /// (its 数据完整率 sheet has every facility-day of the month), the other workbooks, the
    /// briefs, then the enterprise files, so no thread waits for another at the end of a kind.
    /// Each piece writes its own files from its own rows, so the bytes do not depend on the
    /// sharing. While this thread sums the period through a second connection, another loads
    /// the stored rows, sums the briefs' facts and groups the enterprise files' rows through the
    /// main one (`BackgroundWork`); the briefs and files wait for that, the workbooks do not.
    func period(_ outcome: StoredComputation.Outcome, _ p: RollupPeriod, to dir: URL, editions: (String) throws -> URL) throws {
        let codes = districts(outcome.rows.registry)
        let template = templates[p == .week ? .weekly : .monthly]
        let quality = p == .month ? templates[.quality] : nil
        let dossier = p == .month ? templates[.dossier] : nil
        let scopes = [ReportScope.city] + codes.map(ReportScope.district)
        let outs = try scopes.map { try $0.districtCode.map(editions) ?? dir }
        var lap = Date()
        func timed(_ what: String) {
            context.logger.debug("\(p) \(what): \(String(format: "%.1f", Date().timeIntervalSince(lap))) s")
            lap = Date()
        }
        let second = try Self.secondConnection(to: context.store)
        let store = context.store
        let dossiers = dir.appendingPathComponent(OutputLayout.dossiers, isDirectory: true)
        let prepare = { () throws -> Prepared in
            let result = try outcome.result()
            let facts = try PeriodFacts(result, store: store)
            let share = try dossier.map {
                try DossierShare(batch: try DossierBatch(result: result, store: store), selection: .withEventsOrFindings,
                                 template: $0, out: dossiers)
            }
            return Prepared(result: result, facts: facts, dossiers: share)
        }
        // A store that is not a file is read on this thread only, in order.
        let background = second != nil ? BackgroundWork(prepare) : nil
        let inline = background == nil ? try prepare() : nil
        func prepared() throws -> Prepared {
            if let inline { return inline }
            guard let background else { preconditionFailure("no prepared rows") }
            return try background.wait()
        }

        var pieces: [Piece] = []
        for k in scopes.indices {
            if let quality { pieces.append(.workbook(k, quality, quality: true)) }
            if let template { pieces.append(.workbook(k, template, quality: false)) }
        }
        pieces += scopes.indices.map(Piece.brief)
        if dossier != nil { pieces += outcome.rows.registry.enterprises.map(\.id).sorted().map(Piece.dossier) }
        let briefs = Briefs(scopes.count)
        let spent = Spent()
        do {
            let reading = second ?? context.store
            let data = (template != nil || quality != nil)
                ? try PeriodReportData(rows: outcome.rows.reading(through: reading), period: p, store: reading) : nil
            timed("period sums")
            try WorkShare.run(pieces.count, workers: Self.workers, store: context.store) { i, store in
                let start = Date()
                switch pieces[i] {
                case let .workbook(k, t, isQuality):
                    guard let data else { return }
                    let edition = data.reading(through: store).edition(scopes[k])
                    if isQuality {
                        _ = try QualityReport.render(t, data: edition, store: store, out: outs[k])
                    } else {
                        _ = try PeriodReport.render(t, data: edition, out: outs[k])
                    }
                    spent.add(.workbook, since: start)
                case .brief(let k):
                    let facts = try prepared().facts
                    briefs.set(k, try ChartFiles.writeBrief(scopes[k] == .city ? facts : facts.edition(scopes[k]), to: outs[k]))
                    spent.add(.brief, since: start)
                case .dossier(let id):
                    guard let share = try prepared().dossiers, share.selects(id) else { return }
                    try share.write(id, store: store)
                    spent.add(.dossier, since: start)
                }
            }
            timed("workbooks, briefs and enterprise files on \(Self.workers) threads (\(spent.text))")
        } catch {
            _ = try? background?.wait()
            throw error
        }
        let ready = try prepared()
        for written in briefs.all() { log(written) }
        if let share = ready.dossiers {
            let written = share.written()
            for w in written.warnings { context.logger.warning("\(w)") }
            context.logger.info("enterprise files: \(written.enterprises.count) enterprises with events or data-quality findings")
        }
        // The portal pages last, naming every file written above (the month's `dossiers/` too).
        for k in scopes.indices {
            try PortalFiles.writePage(scopes[k] == .city ? ready.facts : ready.facts.edition(scopes[k]), period: p, to: outs[k])
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

    /// One independent piece of a period's render.
    private enum Piece {
        /// Edition k's 周报/月报, or its 数据质量与联网 (`quality`).
        case workbook(Int, ReportTemplate, quality: Bool)
        /// Edition k's brief.
        case brief(Int)
        /// The enterprise file of this enterprise, when the month selects it.
        case dossier(String)
    }

    /// What the briefs and the enterprise files need beyond the period's sums: the stored rows,
    /// the briefs' facts, the enterprise files' grouping (a month only).
    private struct Prepared {
        let result: ComputationResult
        let facts: PeriodFacts
        let dossiers: DossierShare?
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

    /// Thread time spent per kind of piece (the debug log's split of a period's render).
    private final class Spent: @unchecked Sendable {
        enum Kind: String, CaseIterable { case workbook = "workbooks", brief = "briefs", dossier = "enterprise files" }
        private var seconds: [Kind: Double] = [:]
        private let lock = NSLock()
        func add(_ kind: Kind, since start: Date) {
            let t = Date().timeIntervalSince(start)
            lock.lock()
            seconds[kind, default: 0] += t
            lock.unlock()
        }
        var text: String {
            lock.lock()
            defer { lock.unlock() }
            return Kind.allCases.map { "\($0.rawValue) \(String(format: "%.1f", seconds[$0] ?? 0)) s" }.joined(separator: ", ")
        }
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
