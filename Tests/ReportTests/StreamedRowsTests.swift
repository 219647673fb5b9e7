import Accounting
import Foundation
import PEMSCore
import Reports
import Testing

/// A reused stored computation is streamed from the store (`PeriodRows`), never loaded whole
/// (issue 5: a city-scale month in under 500 MB). What the workbooks and exports show must not
/// depend on it: the same bytes as from the loaded rows.
@Suite(.serialized) struct StreamedRowsTests {
    @Test func streamedStoredRowsGiveTheSameRowsWorkbooksAndExportsAsLoadedOnes() throws {
        let f = try ReportFixture.shared()
        try f.locked {
            let from = f.firstDay, to = f.firstDay.adding(days: 13)
            // Loaded first (computing and storing the period if needed), so the stream reuses it.
            let loaded = try StoredComputation.run(store: f.store, settings: f.settings, from: from, to: to,
                                                   engineVersion: "test", reuse: true)
            let streamed = try StoredComputation.run(store: f.store, settings: f.settings, from: from, to: to,
                                                     engineVersion: "test", reuse: true)
            #expect(streamed.reused)
            #expect(streamed.computationID == loaded.computationID)
            let rows = streamed.rows, result = try loaded.result()

            var days: [FacilityDayRecord] = []
            try rows.forEachFacilityDay { days.append($0) }
            #expect(days == result.facilityDays)
            #expect(try rows.facilityDayCount() == result.facilityDays.count)
            var findings: [DQFinding] = []
            try rows.forEachFinding(exportOrder: true) { findings.append($0) }
            #expect(!findings.isEmpty)
            #expect(findings == result.dq.sorted(by: DQFinding.exportOrder))
            var counts: [DQCheck: Int] = [:]
            for d in result.dq { counts[d.check, default: 0] += 1 }
            #expect(try rows.findingCounts() == counts)
            #expect(rows.events == result.events && rows.carbonDays == result.carbonDays)

            let out = try f.outDir("streamed")
            let a = try MachineExports.write(rows: rows, to: out.appendingPathComponent("streamed", isDirectory: true))
            let b = try MachineExports.write(result, to: out.appendingPathComponent("loaded", isDirectory: true))
            #expect(a.map(\.lastPathComponent) == MachineExports.fileNames)
            for (x, y) in zip(a, b) { #expect(try Data(contentsOf: x) == Data(contentsOf: y), "\(x.lastPathComponent)") }

            for kind in [ReportKind.daily, .monthly] {
                let template = try TemplateLoader.load(kind, from: ReportFixture.templates)
                let x = try PeriodReport.write(template, rows: rows, period: .month, store: f.store,
                                               out: out.appendingPathComponent("streamed-\(kind.rawValue)", isDirectory: true))
                let y = try PeriodReport.write(template, rows: PeriodRows(result), period: .month, store: f.store,
                                               out: out.appendingPathComponent("loaded-\(kind.rawValue)", isDirectory: true))
                #expect(try Data(contentsOf: x) == Data(contentsOf: y), "\(kind.rawValue)")
            }
        }
    }

    /// The narrow read the city-scale month needs (issue 17) gives what the whole records
    /// would: the completeness columns of every facility-day, in the same order, from the
    /// store and from loaded rows alike, and the same mean to the last bit.
    @Test func completenessColumnsMatchTheWholeRecords() throws {
        let f = try ReportFixture.shared()
        try f.locked {
            let from = f.firstDay, to = f.firstDay.adding(days: 13)
            let outcome = try StoredComputation.run(store: f.store, settings: f.settings, from: from, to: to,
                                                    engineVersion: "test", reuse: true)
            let stored = outcome.rows, result = try outcome.result(), loaded = PeriodRows(result)
            let some = Set(result.registry.enterprises.map(\.id).sorted().prefix(3))
            for rows in [stored, loaded] {
                for ids in [nil, some] {
                    var whole: [FacilityDayCompleteness] = [], narrow: [FacilityDayCompleteness] = []
                    try rows.forEachFacilityDay(byDateAndFacility: true, enterprises: ids) { whole.append(FacilityDayCompleteness($0)) }
                    try rows.forEachFacilityDayCompleteness(byDateAndFacility: true, enterprises: ids) { narrow.append($0) }
                    #expect(!narrow.isEmpty)
                    #expect(narrow == whole)
                }
            }
            var mean = CompletenessMean()
            for d in result.facilityDays.sorted(by: { ($0.date, $0.facilityID) < ($1.date, $1.facilityID) }) { mean.add(d) }
            #expect(try stored.meanCompleteness() == mean.value)
        }
    }
}
