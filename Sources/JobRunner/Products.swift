import Accounting
import Charts
import Foundation
import PEMSCore
import Reports

/// The computing side of the products that need more than a period's rows — the one place
/// the jobs (`StepProducts`) and the commands (`pems report response`, `pems evidence`,
/// `pems demo`) share, so a product is made by the same code whichever asks for it. The
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
