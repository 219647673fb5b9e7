import Accounting
import Foundation
import PEMSCore
import Testing

/// Roll-ups, 环比 and 同比 read stored daily results (`Store.dailyResults`), not slots: nightly
/// computations of single days add up to the week and month, the newest computation of a date
/// wins, and a bucket with nothing stored is missing (a blank change).
///
/// Standard mini city, hour slots: P1 generates 50 kWh × 0.02 = 1 kg per running hour.
@Suite struct StoredAccountingTests {
    static func workspace(_ readings: ReadingsFile, registryFrom: String) throws -> ComputeWorkspace {
        let ws = try ComputeWorkspace()
        let dir = ws.dir.appendingPathComponent("registry")
        try MiniCity.standard.write(to: dir)
        try ws.importRegistry(dir.path, from: registryFrom)
        let file = ws.dir.appendingPathComponent("r.csv")
        try Data(readings.text.utf8).write(to: file)
        try ws.load([file.path], registryDay: registryFrom)
        return ws
    }

    @Test func nightlyComputationsRollUpToTheWeekAndADatesOwnNewestComputationWins() throws {
        // Mon 07-01 … Wed 07-03; P1 runs 24, 12 and 6 hours → 24, 12, 6 kg generated.
        var r = ReadingsFile()
        for (d, hours) in [("2024-07-01", 24), ("2024-07-02", 12), ("2024-07-03", 6)] {
            r.normalDay(d) { code, h in code == "pg1001" && h >= hours ? 0 : .none }
        }
        let ws = try Self.workspace(r, registryFrom: "2024-06-01")
        let settings = MiniRun.hourly
        for d in ["2024-07-01", "2024-07-02", "2024-07-03"] { _ = try ws.compute(from: d, to: d, settings: settings) }
        let (_, registry) = try ws.store.registry(for: Day("2024-07-03")!)

        let daily = try ws.store.dailyResults(from: Day("2024-07-01")!, to: Day("2024-07-07")!)
        #expect(daily.dates.map(\.description) == ["2024-07-01", "2024-07-02", "2024-07-03"])
        let week = AccountingRollup(registry: registry, daily).totals(.enterprise, per: .week)
        #expect(week.count == 1 && week[0].start == Day("2024-07-01")! && week[0].days == 3)
        #expect(abs(week[0].generatedKg - 42) < 1e-9)

        // Late data: P1 also ran 06:00–11:59 on 07-03. Until recomputed, the roll-up reads what
        // was stored (42 kg). A date is read from its own single-day computation when it has one
        // (what the nightly job and `pems rerun` store), so recomputing 07-02 … 07-03 as one
        // period does not replace the nightly days; recomputing the late day (a rerun) does.
        var late = ReadingsFile()
        late.hourly("2024-07-03", "pg1001", hours: 6..<12) { _ in 50 }
        let file = ws.dir.appendingPathComponent("late.csv")
        try Data(late.text.utf8).write(to: file)
        try ws.load([file.path], registryDay: "2024-07-03")
        let stale = AccountingRollup(registry: registry, try ws.store.dailyResults(from: Day("2024-07-01")!, to: Day("2024-07-31")!))
        #expect(abs(stale.totals(.city, per: .month)[0].generatedKg - 42) < 1e-9)
        _ = try ws.compute(from: "2024-07-02", to: "2024-07-03", settings: settings)
        let range = AccountingRollup(registry: registry, try ws.store.dailyResults(from: Day("2024-07-01")!, to: Day("2024-07-31")!))
        #expect(abs(range.totals(.city, per: .month)[0].generatedKg - 42) < 1e-9)
        _ = try ws.compute(from: "2024-07-03", to: "2024-07-03", settings: settings)
        let again = try ws.store.dailyResults(from: Day("2024-07-01")!, to: Day("2024-07-31")!)
        #expect(again.facilityDays.count == 3 * 2)  // P1 and T1 on three dates, no duplicates
        let month = AccountingRollup(registry: registry, again).totals(.city, per: .month)
        #expect(month.count == 1 && abs(month[0].generatedKg - 48) < 1e-9)  // 24 + 12 + 12
        // A date no single-day computation covers is read from the newest period covering it.
        _ = try ws.compute(from: "2024-07-04", to: "2024-07-05", settings: settings)
        #expect(try ws.store.dailyResults(from: Day("2024-07-04")!, to: Day("2024-07-05")!).dates.count == 2)
    }

    @Test func yearOverYearWithAMissingYearIsBlankAndWithAStoredYearIsTheRelativeChange() throws {
        // 2023-07-01: P1 at 25 kW (12 kg); 2024-07-01 and 07-02: 50 kW (24 kg each).
        var r = ReadingsFile()
        r.normalDay("2023-07-01") { code, _ in code == "pg1001" ? 25 : .none }
        r.normalDay("2024-07-01")
        r.normalDay("2024-07-02")
        let ws = try Self.workspace(r, registryFrom: "2023-01-01")
        _ = try ws.compute(from: "2023-07-01", to: "2023-07-01", settings: MiniRun.hourly)
        _ = try ws.compute(from: "2024-07-01", to: "2024-07-02", settings: MiniRun.hourly)
        let (_, registry) = try ws.store.registry(for: Day("2024-07-02")!)

        // Day 2024-07-01 against 2023-07-01: (24 − 12) / 12 = 1.
        let stored = try PeriodComparison.yearOverYear(store: ws.store, registry: registry, level: .enterprise,
                                                       period: .day, start: Day("2024-07-01")!, metric: .generatedKg)
        #expect(stored.count == 1 && stored[0].earlier == 12 && stored[0].change.map { abs($0 - 1) < 1e-9 } == true)
        // Day 2024-07-02: nothing stored for 2023-07-02 → earlier missing, change blank.
        let missing = try PeriodComparison.yearOverYear(store: ws.store, registry: registry, level: .enterprise,
                                                        period: .day, start: Day("2024-07-02")!, metric: .generatedKg)
        #expect(missing.count == 1 && missing[0].current == 24 && missing[0].earlier == nil && missing[0].change == nil)
        // Month July 2024 (48 kg) against July 2023 (12 kg) → 3; 环比 against June 2024 (not stored) → blank.
        let month = try PeriodComparison.yearOverYear(store: ws.store, registry: registry, level: .district,
                                                      period: .month, start: Day("2024-07-01")!, metric: .generatedKg)
        #expect(month.first { $0.code == "130602" }?.change.map { abs($0 - 3) < 1e-9 } == true)
        let previous = try PeriodComparison.periodOverPeriod(store: ws.store, registry: registry, level: .district,
                                                             period: .month, start: Day("2024-07-01")!, metric: .generatedKg)
        #expect(previous.first { $0.code == "130602" }.map { $0.earlier == nil && $0.change == nil } == true)
        // 环比 by day: 07-02 against 07-01, both 24 kg → 0.
        let dayOnDay = try PeriodComparison.periodOverPeriod(store: ws.store, registry: registry, level: .city,
                                                             period: .day, start: Day("2024-07-02")!, metric: .generatedKg)
        #expect(dayOnDay.first?.change == 0)
    }
}
