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

    /// 日报 and the abnormal/limit JSON (`PeriodReport.render`, as `pems report daily`), the
    /// day's brief and the evidence pack of its events.
    func day(_ outcome: StoredComputation.Outcome, to dir: URL) throws {
        let result = try outcome.result()
        let d = result.to
        if let t = templates[.daily] {
            _ = try PeriodReport.render(t, rows: outcome.rows, period: .day, store: context.store, out: dir)
        }
        try brief(result, to: dir)
        let events = EvidencePack.select(result.events, day: d)
        if !events.isEmpty {
            let pack = try Products.evidencePack(result, events: events, day: d, store: context.store)
            log(try ChartFiles.writeEvidence(pack, name: "evidence-\(d)", to: dir))
        }
    }

    /// 周报 or 月报 (+ 数据质量与联网 and the enterprise files for a month) and the period's brief.
    func period(_ outcome: StoredComputation.Outcome, _ p: RollupPeriod, to dir: URL) throws {
        if let t = templates[p == .week ? .weekly : .monthly] {
            _ = try PeriodReport.render(t, rows: outcome.rows, period: p, store: context.store, out: dir)
        }
        if p == .month, let t = templates[.quality] {
            _ = try QualityReport.render(t, rows: outcome.rows, store: context.store, out: dir)
        }
        let result = try outcome.result()
        try brief(result, to: dir)
        if p == .month, let t = templates[.dossier] { try dossiers(result, template: t, to: dir) }
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

    /// 应急减排评估 of a response.
    func response(_ id: String, to dir: URL) throws {
        guard let t = templates[.response] else { return }
        _ = try Products.responseReport(t, id: id, store: context.store, settings: context.settings,
                                        engineVersion: context.engineVersion, out: dir)
    }

    /// brief.pdf with its charts; 环比 against the stored period of equal length just before.
    func brief(_ result: ComputationResult, to dir: URL) throws {
        log(try ChartFiles.writeBrief(try PeriodFacts(result, store: context.store), to: dir))
    }

    /// Logs the text warnings of written charts (issue 13: a text with characters no installed
    /// font can draw is published with a placeholder, and the job log says which).
    func log(_ written: WrittenCharts) {
        for w in written.warnings { context.logger.warning("\(w)") }
    }
}
