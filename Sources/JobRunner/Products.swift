import Accounting
import Charts
import Foundation
import PEMSCore
import Reports

/// The computing side of the products that need more than a period's rows — the one place
/// the jobs (`StepProducts`) and the commands (`pems report response`, `pems evidence`,
/// `pems dossier`, `pems demo`) share, so a product is made by the same code whichever asks for it. The
/// renderers (Reports, Charts) take what these compute or read and compute nothing.
public enum Products {
    /// The evidence pack of `events` of the computed period `result`: the slot values its
    /// charts show are read here (`EvidenceDay.read`), then drawn by the pack.
    /// `scope`: a county edition's pack holds its district's events only (its slot values alone are read).
    public static func evidencePack(_ result: ComputationResult, events: [EventRecord], day: Day?,
                                    store: Store, scope: ReportScope = .city) throws -> EvidencePack {
        let mine = events.filter { scope.includes(enterpriseID: $0.enterpriseID, in: result.registry) }
        let wanted = EvidencePack.wanted(mine, result: result, day: day)
        let days = try EvidenceDay.read(store: store, registry: result.registry, settings: result.settings, wanted: wanted)
        return EvidencePack(result: result, events: mine, days: days, day: day, scope: scope)
    }

    /// The enterprise files (一企一档 监管记录: a workbook and an A4 PDF each,
    /// `一企一档_<id>_<D1>_<D2>.xlsx/.pdf`) of the enterprises `selection` names, from the
    /// computed period `result` — `pems dossier` and the monthly job's `dossiers/` alike. The
    /// period's rows are grouped by enterprise and its roll-up, ranks and 环比/同比 bases read
    /// once (`DossierBatch`); per enterprise only its points' hours (`PointHourTable`) and the
    /// slot values of its events' evidence charts (`EvidenceDay.Reader`, its own channels) are
    /// read, then `DossierWorkbook` and `DossierDocument` draw them.
    ///
    /// The enterprises are shared out among `workers` threads (a month's files are hundreds),
    /// each reading through its own read-only connection to the store's file (`WorkShare`,
    /// `DossierShare`); every file is made from its enterprise's rows alone, so the bytes do
    /// not depend on the sharing. A store that is not a file is read on this thread.
    public static func dossiers(_ template: ReportTemplate, result: ComputationResult, selection: DossierSelection,
                                store: Store, out: URL, workers: Int = 2) throws -> WrittenDossiers {
        let share = try DossierShare(batch: try DossierBatch(result: result, store: store), selection: selection,
                                     template: template, out: out)
        let ids = share.ids
        try WorkShare.run(ids.count, workers: workers, store: store) { k, own in try share.write(ids[k], store: own) }
        return share.written()
    }

    /// 应急减排评估 of response `id`: its days computed, or the stored computation with the same
    /// inputs reused (`StoredComputation.run`), then the workbook; returns the files written.
    public static func responseReport(_ template: ReportTemplate, id: String, store: Store, settings: Settings,
                                      engineVersion: String, out: URL, scope: ReportScope = .city,
                                      progress: ((Day) -> Void)? = nil) throws -> [URL] {
        try responseReport(template, id: id, store: store, settings: settings, engineVersion: engineVersion,
                           editions: { _ in [(scope, out)] }, progress: progress)
    }

    /// The assessment of response `id`, computed once and written for each edition `editions`
    /// returns when given the district codes the response covers (the job: the city's and one
    /// per covered district, each into its own folder).
    public static func responseReport(_ template: ReportTemplate, id: String, store: Store, settings: Settings,
                                      engineVersion: String,
                                      editions: (_ covered: [String]) throws -> [(scope: ReportScope, out: URL)],
                                      progress: ((Day) -> Void)? = nil) throws -> [URL] {
        let resp = try ResponseReport.response(id: id, store: store)
        let (first, last) = ResponseReport.days(resp)
        let outcome = try StoredComputation.run(store: store, settings: settings, from: first, to: last,
                                                engineVersion: engineVersion, reuse: true, progress: progress)
        let result = try outcome.result()
        let covered = (resp.districtCodes ?? result.registry.districts.map(\.code)).filter { result.registry.district(code: $0) != nil }
        var written: [URL] = []
        for (scope, out) in try editions(covered) {
            written += try ResponseReport.render(template, response: resp, result: result, out: out, scope: scope)
        }
        return written
    }
}
