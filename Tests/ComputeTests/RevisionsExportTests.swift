import Accounting
import Foundation
import PEMSCore
import Reports
import TestSupport
import Testing

/// SPEC §12 `revisions.csv` (§13.35) against the SPEC 2 fixture, and its road: the revisions
/// of a period travel with the period's rows (`StoredComputation.run` → `PeriodRows`), so
/// `pems export` and the jobs' exports write the same file from a fresh or a reused result.
@Suite(.serialized) struct RevisionsExportTests {
    static let fixture = "conformance-spec2"

    /// Rows of a `revisions.csv`, compared in order (the file is in key order, rows with one
    /// key in load order) under the fixture README's comparison rule.
    static func differences(expected: String, actual: String) throws -> [String] {
        let e = try ExportComparison.table(expected), a = try ExportComparison.table(actual)
        var out: [String] = []
        if a.header != ["time", "mn", "code", "param", "old_value", "new_value"] { out.append("header \(a.header)") }
        if e.rows.count != a.rows.count { out.append("\(a.rows.count) rows, expected \(e.rows.count)") }
        for (i, (er, ar)) in zip(e.rows, a.rows).enumerated() {
            for (c, (ev, av)) in zip(er, ar).enumerated() where !ExportComparison.cellsMatch(ev, av) {
                out.append("row \(i + 1) \(e.header[c]): expected '\(ev)', got '\(av)'")
            }
        }
        return out
    }

    @Test(arguments: ["packets", "readings"])
    func revisionsExportMatchesTheConformanceFixtureFromPacketsAndFromCSV(_ data: String) throws {
        let ws = try ConformanceStore.workspace(data == "packets" ? .packets : .readings, label: "revisions")
        let csv = MachineExports.revisions(try ws.store.revisions(from: Day("2024-07-08")!, to: Day("2024-07-12")!))
        let out = ws.dir.appendingPathComponent("revisions.csv")
        try Data(csv.text.utf8).write(to: out)
        let expected = SharedFixture.path("\(Self.fixture)/expected/revisions.csv")
        #expect(try Self.differences(expected: expected, actual: out.path) == [])
        // Written like every other number: `0.6`, `1.51`.
        #expect(csv.text.contains("2024-07-09 23:58:00,13060800040180,pg2001,Pt,0.6,1.51\n"))
    }

    @Test func aStoredComputationCarriesThePeriodsRevisionsIntoItsExports() throws {
        let ws = try ComputeWorkspace()
        try ws.importRegistry(SharedFixture.path("\(Self.fixture)/registry"), from: "2024-06-01")
        try ws.load([SharedFixture.path("\(Self.fixture)/packets/2024-07-11.log")], registryDay: "2024-07-12")
        let day = Day("2024-07-11")!
        var settings = Settings()
        settings.thresholdLookbackDays = 1
        settings.thresholdMinDays = 1
        for reuse in [false, true] {
            let outcome = try StoredComputation.run(store: ws.store, settings: settings, from: day, to: day,
                                                    engineVersion: "test", reuse: true)
            #expect(outcome.reused == reuse)
            #expect(outcome.rows.revisions.map(\.newValue) == [43.14, 43.69])
            #expect(try outcome.result().revisions.map(\.newValue) == [43.14, 43.69])
            let dir = ws.dir.appendingPathComponent("out-\(reuse)")
            let written = try MachineExports.write(rows: outcome.rows, to: dir)
            #expect(written.map(\.lastPathComponent).contains("revisions.csv"))
            let text = try String(contentsOf: dir.appendingPathComponent("revisions.csv"), encoding: .utf8)
            #expect(text == """
                time,mn,code,param,old_value,new_value
                2024-07-11 15:22:00,13060700030180,311011,Pt,43.98,43.14
                2024-07-11 15:22:00,13060700030180,311011,Pt,43.14,43.69

                """)
        }
    }
}
