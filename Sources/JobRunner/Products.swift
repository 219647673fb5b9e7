import Accounting
import Baselines
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
    public static func evidencePack(_ result: ComputationResult, events: [EventRecord], day: Day?,
                                    store: Store) throws -> EvidencePack {
        let wanted = EvidencePack.wanted(events, result: result, day: day)
        let days = try EvidenceDay.read(store: store, registry: result.registry, settings: result.settings, wanted: wanted)
        return EvidencePack(result: result, events: events, days: days, day: day)
    }

    /// The enterprise files (一企一档 监管记录: a workbook and an A4 PDF each,
    /// `一企一档_<id>_<D1>_<D2>.xlsx/.pdf`) of the enterprises `selection` names, from the
    /// computed period `result` — `pems dossier` and the monthly job's `dossiers/` alike. The
    /// period's rows are grouped by enterprise and its roll-up, ranks and 环比/同比 bases read
    /// once (`DossierBatch`); per enterprise only its points' hours (`PointHourTable`) and the
    /// slot values of its events' evidence charts (`EvidenceDay.Reader`, its own channels) are
    /// read here; then `DossierWorkbook` and `DossierDocument` draw them.
    public static func dossiers(_ template: ReportTemplate, result: ComputationResult, selection: DossierSelection,
                                store: Store, out: URL, progress: ((Int, Int) -> Void)? = nil) throws -> WrittenDossiers {
        let batch = try DossierBatch(result: result, store: store)
        let ids = try batch.ids(selection)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let registry = result.registry, settings = result.settings
        let evidence = try EvidenceDay.Reader(store: store, registry: registry, settings: settings)
        var written = WrittenDossiers()
        for (i, id) in ids.enumerated() {
            progress?(i, ids.count)
            let meters = Set(registry.points(ofEnterprise: id).filter(\.isElectrical).map(\.id))
            var hours: [PointHourRecord] = []
            if !meters.isEmpty {
                try PointHourTable.read(store: store, registry: registry, settings: settings, from: result.from, to: result.to,
                                        points: meters) { _, h in hours += h }
            }
            let data = try batch.data(of: id, hours: hours)
            written.files.append(try DossierWorkbook.render(template, data: data, out: out))
            let document = DossierDocument(data, evidence: try evidence.read(wanted: DossierDocument.wanted(data)))
            let name = DossierWorkbook.baseName(enterpriseID: id, from: result.from, to: result.to)
            let pdf = try ChartFiles.writeDossier(document, name: name, to: out)
            written.files += pdf.files
            for w in pdf.warnings where !written.warnings.contains(where: { $0.text == w.text }) { written.warnings.append(w) }
            written.enterprises.append(id)
        }
        progress?(ids.count, ids.count)
        return written
    }

    /// 应急减排评估 of response `id`: its days computed, or the stored computation with the same
    /// inputs reused (`StoredComputation.run`), then the workbook; returns the files written.
    public static func responseReport(_ template: ReportTemplate, id: String, store: Store, settings: Settings,
                                      engineVersion: String, out: URL, progress: ((Day) -> Void)? = nil) throws -> [URL] {
        let resp = try ResponseReport.response(id: id, store: store)
        let (first, last) = ResponseReport.days(resp)
        let outcome = try StoredComputation.run(store: store, settings: settings, from: first, to: last,
                                                engineVersion: engineVersion, reuse: true, progress: progress)
        return try ResponseReport.render(template, response: resp, result: try outcome.result(), out: out)
    }
}
