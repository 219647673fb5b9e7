import Accounting
import Foundation
import PEMSCore
import Reports
import TestSupport
import Testing

/// SPEC §13.37 end to end: readings kept aside while the registry lacked their point or MN,
/// brought in by a later registry version, give exactly the exports of a store that had that
/// version before loading the same files.
@Suite(.serialized) struct KeptAsideExportTests {
    /// A copy of the conformance registry with `points.csv` / `collectors.csv` edited.
    static func registry(in dir: URL, _ name: String, edit: (inout [String: [String]]) -> Void) throws -> String {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.copyItem(atPath: SharedFixture.path("conformance-spec2/registry"), toPath: url.path)
        var files: [String: [String]] = [:]
        for f in ["points.csv", "collectors.csv"] {
            let path = url.appendingPathComponent(f)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path.path)
            files[f] = try String(contentsOf: path, encoding: .utf8).split(separator: "\n").map(String.init)
        }
        edit(&files)
        for (f, lines) in files {
            try (lines.joined(separator: "\n") + "\n").write(to: url.appendingPathComponent(f), atomically: true, encoding: .utf8)
        }
        return url.path
    }

    /// Exports of 2024-07-08 … 07-12 after importing `before`, loading `data`, importing `after`.
    static func export(_ ws: ComputeWorkspace, before: String, data: String, after: String?) throws -> URL {
        try ws.importRegistry(before, from: "2024-06-01")
        try ws.load([SharedFixture.path("conformance-spec2/\(data)")], registryDay: "2024-07-12")
        if let after { try ws.importRegistry(after, from: "2024-06-01") }
        let result = try ws.compute(from: "2024-07-08", to: "2024-07-12")
        let out = ws.dir.appendingPathComponent("export")
        try MachineExports.write(result, to: out)
        return out
    }

    /// `export` of a store that had the conformance registry before loading `data` (the shared
    /// loaded copy, `ConformanceStore`), then `after` imported.
    static func exportConformance(_ data: String, after: String?) throws -> (ComputeWorkspace, URL) {
        let ws = try ConformanceStore.workspace(data == "packets" ? .packets : .readings, label: "kept-aside")
        if let after { try ws.importRegistry(after, from: "2024-06-01") }
        let result = try ws.compute(from: "2024-07-08", to: "2024-07-12")
        let out = ws.dir.appendingPathComponent("export")
        try MachineExports.write(result, to: out)
        return (ws, out)
    }

    static func expectIdentical(_ a: URL, _ b: URL) throws {
        for file in MachineExports.fileNames {
            let x = try Data(contentsOf: a.appendingPathComponent(file)), y = try Data(contentsOf: b.appendingPathComponent(file))
            #expect(x == y, "\(file) differs from the clean load's")
        }
    }

    @Test func aPointMissingFromTheFirstRegistryGivesTheCleanLoadsExportsOnceAVersionAddsIt() throws {
        let late = try ComputeWorkspace()
        let v1 = try Self.registry(in: late.dir, "v1") { $0["points.csv"]!.removeAll { $0.hasPrefix("E001-pg1001,") } }
        let v2 = SharedFixture.path("conformance-spec2/registry")
        let a = try Self.export(late, before: v1, data: "packets", after: v2)
        let kept = try late.store.db.scalarInt("SELECT coalesce(sum(kept_aside_readings), 0) FROM files WHERE format = 'hj212'") ?? 0
        #expect(kept > 10_000)   // E001-pg1001's Pt, Ept and RS of 12 days
        let (clean, b) = try Self.exportConformance("packets", after: nil)
        try Self.expectIdentical(a, b)
        // The export differs from one without the point: the test can fail.
        let without = try ComputeWorkspace()
        let c = try Self.export(without, before: v1, data: "packets", after: nil)
        #expect(try Data(contentsOf: c.appendingPathComponent("facility_day.csv")) != Data(contentsOf: b.appendingPathComponent("facility_day.csv")))
        withExtendedLifetime(clean) {}  // its folder holds `b`
    }

    @Test func anMNAddedByALaterRegistryGivesTheCleanLoadsExportsForPacketsAndCSVReadings() throws {
        for data in ["packets", "readings"] {
            let clean = try ComputeWorkspace()
            let v2 = try Self.registry(in: clean.dir, "v2") {
                $0["collectors.csv"]!.append("13069999990180,E004")
                $0["points.csv"]!.append("E004-x1001,E004,13069999990180,pg1001,production,E004-P1,外来设备,75.0,,,,")
            }
            let (late, a) = try Self.exportConformance(data, after: v2)
            let b = try Self.export(clean, before: v2, data: data, after: nil)
            defer { withExtendedLifetime(late) {} }  // its folder holds `a`
            try Self.expectIdentical(a, b)
            let dq = try String(contentsOf: a.appendingPathComponent("dq.csv"), encoding: .utf8)
            #expect(!dq.contains("13069999990180"), "\(data): UNKNOWN_MN still reported")
        }
    }
}
