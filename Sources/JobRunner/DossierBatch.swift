import Accounting
import Baselines
import Charts
import Foundation
import PEMSCore
import Reports

/// Which enterprises' files (一企一档) to write.
public enum DossierSelection: Sendable, Equatable {
    /// One enterprise, by id.
    case enterprise(String)
    /// Every enterprise of the registry the period was computed with.
    case all
    /// The enterprises with an event overlapping the period or a data-quality finding in it
    /// (the monthly job's `dossiers/`).
    case withEventsOrFindings
}

/// The files of the enterprise files a batch wrote (workbook and PDF of each, in enterprise
/// order), the enterprises, and the text warnings of the PDFs (each text once).
public struct WrittenDossiers: Sendable {
    public var enterprises: [String] = []
    public var files: [URL] = []
    public var warnings: [TextWarning] = []
}

/// The rows of one computed period, grouped by enterprise once for all the enterprise files
/// written from it: the facility-days and findings by index (a city-scale month's half
/// million facility-days and million findings are not copied), the events and activated-carbon
/// days, and the period-wide `DossierContext` (roll-up, ranks, 环比/同比 bases read once).
/// What each file still reads on its own are its few points' hours and evidence slot values.
struct DossierBatch: Sendable {
    /// The files of one enterprise and the text warnings of its PDF.
    struct Written: Sendable {
        var enterpriseID: String
        var files: [URL]
        var warnings: [TextWarning]
    }

    let result: ComputationResult
    let context: DossierContext
    let facilityDays: [String: [Int]]
    let findings: [String: [Int]]
    let events: [String: [EventRecord]]
    let carbon: [String: [CarbonDayRecord]]

    init(result: ComputationResult, store: Store?) throws {
        self.result = result
        context = try DossierContext(result: result, store: store)
        var fd: [String: [Int]] = [:], dq: [String: [Int]] = [:]
        for (i, f) in result.facilityDays.enumerated() { fd[f.enterpriseID, default: []].append(i) }
        for (i, d) in result.dq.enumerated() where !d.enterpriseID.isEmpty { dq[d.enterpriseID, default: []].append(i) }
        facilityDays = fd
        findings = dq
        var ev: [String: [EventRecord]] = [:], cd: [String: [CarbonDayRecord]] = [:]
        for e in result.events { ev[e.enterpriseID, default: []].append(e) }
        for c in result.carbonDays { cd[c.enterpriseID, default: []].append(c) }
        events = ev
        carbon = cd
    }

    /// The ids selected, in id order. An id the registry does not have is refused by name.
    func ids(_ selection: DossierSelection) throws -> [String] {
        let registry = result.registry
        switch selection {
        case .enterprise(let id):
            guard registry.enterprise(id: id) != nil else {
                throw DossierError.unknown(id, in: registry, on: result.to)
            }
            return [id]
        case .all:
            return registry.enterprises.map(\.id).sorted()
        case .withEventsOrFindings:
            return registry.enterprises.map(\.id).filter { events[$0] != nil || findings[$0] != nil }.sorted()
        }
    }

    /// The readers one worker keeps for all the files it writes, on its own connection (built
    /// once: at city scale a reader's channel map costs more than one enterprise's month).
    struct Readers {
        let hours: PointHourTable.Reader
        let evidence: EvidenceDay.Reader

        init(store: Store, result: ComputationResult) throws {
            hours = try PointHourTable.Reader(store: store, registry: result.registry, settings: result.settings)
            evidence = try EvidenceDay.Reader(store: store, registry: result.registry, settings: result.settings)
        }
    }

    /// Writes the workbook and the PDF of enterprise `id` into `out`: its points' hours and its
    /// events' slot values read through `readers`.
    func write(_ id: String, template: ReportTemplate, readers: Readers, out: URL) throws -> Written {
        let registry = result.registry
        let meters = Set(registry.points(ofEnterprise: id).filter(\.isElectrical).map(\.id))
        var pointDays: [DossierData.PointHours] = []
        if !meters.isEmpty {
            try readers.hours.read(from: result.from, to: result.to, points: meters) { d, h in
                pointDays.append(DossierData.PointHours(day: d, hours: h))
            }
        }
        let data = try data(of: id, pointDays: pointDays)
        let workbook = try DossierWorkbook.render(template, data: data, out: out)
        let document = DossierDocument(data, evidence: try readers.evidence.read(wanted: DossierDocument.wanted(data)))
        let pdf = try ChartFiles.writeDossier(document, name: DossierWorkbook.baseName(enterpriseID: id, from: result.from, to: result.to),
                                              to: out)
        return Written(enterpriseID: id, files: [workbook] + pdf.files, warnings: pdf.warnings)
    }

    /// The file of enterprise `id` with its points' days and hours.
    func data(of id: String, pointDays: [DossierData.PointHours]) throws -> DossierData {
        try DossierData(context: context, enterpriseID: id, facilityDays: (facilityDays[id] ?? []).map { result.facilityDays[$0] },
                        events: events[id] ?? [], findings: (findings[id] ?? []).map { result.dq[$0] },
                        carbonDays: carbon[id] ?? [], pointDays: pointDays)
    }
}
