import Foundation
import Testing
import TestSupport
@testable import PEMSCore

/// The computation tables are written and read through one declaration each
/// (`ResultTables`): it must match the live schema, and every value must come back under its
/// own column's name.
@Suite struct TableColumnsTests {
    struct Declared: Equatable, CustomStringConvertible {
        var name: String, type: String, notNull: Bool
        var description: String { "\(name) \(type)\(notNull ? " NOT NULL" : "")" }
    }

    static func live(_ table: String, in store: Store) throws -> [Declared] {
        try store.db.statement("PRAGMA table_info(\(table))").map { Declared(name: $0.text(1), type: $0.text(2), notNull: $0.int(3) != 0) }
    }

    static func declared<R>(_ t: TableColumns<R>) -> [Declared] {
        t.declared.map { Declared(name: $0.name, type: $0.type, notNull: $0.notNull) }
    }

    /// Each declared table whose declaration differs from the store's table, with both.
    static func mismatches(in store: Store) throws -> [String] {
        let tables: [(String, [Declared])] = [
            (ResultTables.computations.table, declared(ResultTables.computations)),
            (ResultTables.facilityDays.table, declared(ResultTables.facilityDays)),
            (ResultTables.events.table, declared(ResultTables.events)),
            (ResultTables.findings.table, declared(ResultTables.findings)),
            (ResultTables.carbonDays.table, declared(ResultTables.carbonDays)),
            (ResultTables.responseBaselines.table, declared(ResultTables.responseBaselines)),
            (ResultTables.exemptedEvents.table, declared(ResultTables.exemptedEvents)),
            (ResultTables.pointGaps.table, declared(ResultTables.pointGaps)),
        ]
        return try tables.compactMap { table, declared in
            let live = try live(table, in: store)
            return declared == live ? nil : "\(table): declared \(declared) but the store has \(live)"
        }
    }

    @Test func everyDeclarationMatchesTheMigratedTable() throws {
        let t = try StoreWorkspace("tables")
        defer { t.remove() }
        #expect(try Self.mismatches(in: t.store) == [])
    }

    /// What the check above is for: a migration adding a column the declaration lacks.
    @Test func aColumnAddedWithoutItsDeclarationIsCaught() throws {
        let t = try StoreWorkspace("tables")
        defer { t.remove() }
        try t.store.db.execute("ALTER TABLE result_carbon_days ADD COLUMN replaced_by TEXT")
        let found = try Self.mismatches(in: t.store)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("result_carbon_days: declared") == true)
        #expect(found.first?.hasSuffix("reached TEXT NOT NULL, replaced_by TEXT]") == true)
    }

    @Test func theInsertNamesEveryDeclaredColumnOnce() {
        let sql = ResultTables.facilityDays.insertSQL
        #expect(sql.hasPrefix("INSERT INTO result_facility_days (computation_id, date, facility_id, "))
        #expect(sql.hasSuffix(", outlet_slots, hourly_conditions) VALUES (" + Array(repeating: "?", count: 29).joined(separator: ", ") + ")"))
        // The row id of `computations` is SQLite's to fill.
        #expect(!ResultTables.computations.insertSQL.contains("computation_id"))
    }

    /// A facility-day whose every field holds a different value.
    static func facilityDay() throws -> FacilityDayRecord {
        var r = FacilityDayRecord(date: try #require(Day("2026-07-05")), facilityID: "F9", enterpriseID: "E9", kind: .treatment,
                                  completeness: 0.5, runningMinutes: 600, energyKWh: 12.25)
        r.baselinePowerKW = 1.5; r.baselineEnergyKWh = 2.5; r.syncRate = 0.125; r.effectiveRate = 0.25
        r.collectionRate = 0.375; r.removalRate = 0.625; r.stoppedMinutes = 15; r.ineffectiveMinutes = 30
        r.lowMinutes = 45; r.generatedKg = 3.5; r.capturedKg = 4.5; r.removedKg = 5.5; r.emittedKg = 6.5
        r.nSlots = 96; r.syncSlots = 95; r.normalSlots = 94; r.removalSlots = 93; r.outletMeasuredKg = 7.5
        r.outletEstimatedKg = 8.5; r.outletSlots = 92; r.hourlyConditions = "NNNNLLLLSSSSIIIIUUUU----"
        return r
    }

    static func results() throws -> StoredResults {
        let day = try #require(Day("2026-07-05"))
        var evidence = EventEvidence()
        evidence.violatingSlots = 3
        evidence.carbon = ["days": 91]
        let event = EventRecord(rule: .carbonOverdue, enterpriseID: "E9", facilityID: "F9", start: day.start,
                                end: day.adding(days: 1).start, minutes: 1440, violatingMinutes: 1440, evidence: evidence)
        let carbon = CarbonDayRecord(date: day, facilityID: "F9", enterpriseID: "E9",
                                     replacedAt: try #require(Timestamp("2026-04-01 08:30:00")), runningHours: 10.5,
                                     energyKWh: 20.5, airVolumeM3: 30.5, days: 95.25, remainingCapacity: nil, due: true,
                                     reached: ["days", "hours"])
        return StoredResults(facilityDays: [try facilityDay()], events: [event],
                             dq: [DQFinding(date: day, pointID: "P9", enterpriseID: "E9", check: .clock, detail: "skew")],
                             carbonDays: [carbon],
                             responseBaselines: [ResponseBaseline(responseID: "R1", date: day, facilityID: "F8", baselineEnergyKWh: 40.5)],
                             gaps: [PointGapRecord(date: day, pointID: "P9", enterpriseID: "E9", mn: "M9",
                                                   start: try #require(Timestamp("2026-07-05 22:15:00")),
                                                   end: day.adding(days: 1).start, slots: 7)])
    }

    static func save(_ results: StoredResults, in store: Store) throws -> Int {
        let day = try #require(Day("2026-07-05"))
        return try store.saveComputation(from: day, to: day, streamedFrom: day.adding(days: -74), registryVersion: 3,
                                         engineVersion: "test", settings: "slot_minutes: 15\n", fingerprint: "abc",
                                         startedAt: Timestamp(seconds: 0), seconds: 1.5, facilityDaysComputed: 75,
                                         results: results)
    }

    /// The narrow reads of a city-scale month (issue 17): only the facility-days with an
    /// outlet-measured slot, and the completeness columns alone, as the whole records have them.
    @Test func outletSelectionAndCompletenessColumnsReadWhatTheRecordsHold() throws {
        let t = try StoreWorkspace("narrow")
        defer { t.remove() }
        var results = try Self.results()
        let base = results.facilityDays[0]
        var days: [FacilityDayRecord] = []
        for (i, slots) in [nil, 0, 3, 92].enumerated() {
            var r = base
            r.facilityID = "F\(i)"
            r.enterpriseID = i % 2 == 0 ? "E1" : "E2"
            r.completeness = 0.25 * Double(i)
            r.outletSlots = slots
            days.append(r)
        }
        results.facilityDays = days
        let id = try Self.save(results, in: t.store)
        var outlet: [String] = [], outletE1: [String] = []
        try t.store.forEachFacilityDay(of: id, withOutletSlots: true) { outlet.append($0.facilityID) }
        try t.store.forEachFacilityDay(of: id, enterpriseIDs: ["E1"], withOutletSlots: true) { outletE1.append($0.facilityID) }
        #expect(outlet == ["F2", "F3"])
        #expect(outletE1 == ["F2"])
        var narrow: [FacilityDayCompleteness] = []
        try t.store.forEachFacilityDayCompleteness(of: id) { narrow.append($0) }
        #expect(narrow == days.map(FacilityDayCompleteness.init))
        #expect(narrow.map(\.completeness) == [0, 0.25, 0.5, 0.75])
    }

    @Test func savedRowsReadBackUnchanged() throws {
        let t = try StoreWorkspace("tables")
        defer { t.remove() }
        let saved = try Self.results()
        let id = try Self.save(saved, in: t.store)
        let read = try t.store.results(of: id)
        #expect(read.facilityDays == saved.facilityDays)
        #expect(read.events == saved.events)
        #expect(read.dq == saved.dq)
        #expect(read.carbonDays == saved.carbonDays)
        #expect(read.responseBaselines == saved.responseBaselines)
        #expect(read.gaps == saved.gaps)
        let day = try #require(Day("2026-07-05"))
        let info = try #require(try t.store.latestComputation(from: day, to: day))
        #expect(info.id == id && info.streamedFrom == day.adding(days: -74) && info.registryVersion == 3)
        #expect(info.facilityDaysComputed == 75 && info.events == 1 && info.findings == 1 && info.seconds == 1.5)
    }

    @Test func eachValueIsStoredUnderItsOwnColumn() throws {
        let t = try StoreWorkspace("tables")
        defer { t.remove() }
        _ = try Self.save(try Self.results(), in: t.store)
        let row = try t.store.db.statement("""
            SELECT kind, completeness, running_minutes, sync_rate, removal_rate, low_minutes, emitted_kg, n_slots,
                   removal_slots, outlet_estimated_kg, outlet_slots, hourly_conditions
            FROM result_facility_days
            """).first { r in
            (0..<12).map { i in r.isNull(Int32(i)) ? "NULL" : r.text(Int32(i)) }.joined(separator: "|")
        }
        #expect(row == "treatment|0.5|600|0.125|0.625|45|6.5|96|93|8.5|92|NNNNLLLLSSSSIIIIUUUU----")
        let carbon = try t.store.db.statement("SELECT replaced_at, days, remaining, due, reached FROM result_carbon_days")
            .first { r in (0..<5).map { i in r.isNull(Int32(i)) ? "NULL" : r.text(Int32(i)) }.joined(separator: "|") }
        #expect(carbon == "2026-04-01 08:30:00|95.25|NULL|1|days hours")
        let events = try t.store.db.statement("SELECT events, findings, facility_days FROM computations")
            .first { "\($0.int(0)) \($0.int(1)) \($0.int(2))" }
        #expect(events == "1 1 75")
    }

    @Test func anUnreadableValueNamesTheTableAndColumn() throws {
        let t = try StoreWorkspace("tables")
        defer { t.remove() }
        let id = try Self.save(try Self.results(), in: t.store)
        try t.store.db.run("UPDATE result_facility_days SET kind = 'boiler'")
        #expect {
            try t.store.forEachFacilityDay(of: id) { _ in }
        } throws: { error in
            String(describing: error) == "result_facility_days of computation \(id) has an unreadable row ('kind boiler')"
        }
    }
}
