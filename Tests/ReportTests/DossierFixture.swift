import Accounting
import Baselines
import Foundation
import JobRunner
import PEMSCore
import Reports
import TestSupport

/// The SPEC 2 conformance city (`../shared/conformance-spec2`: 4 enterprises, 23 events, the
/// data-quality checks, activated carbon, plans and exemptions) loaded once per test process:
/// 2024-07-03 … 07-07 computed day by day (the 环比 base the nightly runs would have stored),
/// then the period 2024-07-08 … 07-12, its §12 exports, and every enterprise's file written
/// by `Products.dossiers` — the code `pems dossier --all` and the monthly job run.
final class DossierFixture: @unchecked Sendable {
    static let fixture = SharedFixture.path("conformance-spec2")
    static let from = Day("2024-07-08")!, to = Day("2024-07-12")!
    static let templates = SharedFixture.repositoryRoot.appendingPathComponent("ReportTemplates", isDirectory: true)

    let ws: StoreWorkspace
    let settings: Settings
    let result: ComputationResult
    let export: URL
    let out: URL
    let written: WrittenDossiers

    static func shared() throws -> DossierFixture { try instance.get() }
    private static let instance: Result<DossierFixture, Error> = Result { try DossierFixture() }

    private init() throws {
        ws = try ConformanceStore.workspace(.packets, label: "dossier")
        settings = try SettingsFile.load(path: Self.fixture + "/pems.yaml")
        var d = Day("2024-07-03")!
        while d < Self.from {
            _ = try StoredComputation.run(store: ws.store, settings: settings, from: d, to: d, engineVersion: "test", reuse: true)
            d = d.adding(days: 1)
        }
        result = try StoredComputation.run(store: ws.store, settings: settings, from: Self.from, to: Self.to,
                                           engineVersion: "test", reuse: true).result()
        export = ws.dir.appendingPathComponent("export", isDirectory: true)
        try MachineExports.write(result, to: export)
        let (ws, registry, settings) = (ws, result.registry, settings)
        try PointHourExport.write(to: export) { sink in
            try PointHourTable.read(store: ws.store, registry: registry, settings: settings, from: Self.from, to: Self.to, sink)
        }
        out = ws.dir.appendingPathComponent("dossiers", isDirectory: true)
        written = try Self.render(result, store: ws.store, into: out, selection: .all)
    }

    /// Every enterprise's file written into `dir`, as `pems dossier --all` writes them.
    func render(into dir: URL, selection: DossierSelection = .all) throws -> WrittenDossiers {
        try Self.render(result, store: ws.store, into: dir, selection: selection)
    }

    static func render(_ result: ComputationResult, store: Store, into dir: URL, selection: DossierSelection) throws -> WrittenDossiers {
        let template = try TemplateLoader.load(.dossier, from: templates)
        return try Products.dossiers(template, result: result, selection: selection, store: store, out: dir)
    }

    static func baseName(_ id: String) -> String { "一企一档_\(id)_\(from)_\(to)" }

    func workbook(_ id: String) throws -> ReadWorkbook {
        try ReadWorkbook.read(out.appendingPathComponent(Self.baseName(id) + ".xlsx"))
    }

    func pdf(_ id: String) -> URL { out.appendingPathComponent(Self.baseName(id) + ".pdf") }

    /// The rows of one export file.
    func csv(_ name: String) throws -> [[String: String]] { try csvRows(export.appendingPathComponent(name)) }

    static let enterprises = ["E001", "E002", "E003", "E004"]
}

extension ReadWorkbook.Sheet {
    /// The data rows as header → cell.
    var records: [[String: ReadWorkbook.Cell]] {
        data.map { row in
            var out: [String: ReadWorkbook.Cell] = [:]
            for (i, h) in headers.enumerated() where i < row.count { out[h] = row[i] }
            return out
        }
    }
}
