import Accounting
@testable import Baselines
import Foundation
import PEMSCore
import Reports
import TestSupport
import Testing

/// The hourly and daily data tables (`PointHourTable`, issue 17 deliver 3) on the mini city,
/// with 15-minute slots so an hour can be partly present; every number worked out by hand.
@Suite struct PointHourTableTests {
    static let day = "2024-07-01"

    /// - `ta` (t10001), hour 10: Pt 8 at 10:00 and 12 at 10:05 (slot 10:00 = 10 kW), 6 at
    ///   10:20 (slot 10:15), 100 flagged D at 10:35 (unusable: slot 10:30 missing), 4 at 10:50.
    /// - `p1` (pg1001), hour 9: no Pt at 09:00 but Pa 10 + Pb 20 + Pc 15.5 = 45.5 kW; at 09:15
    ///   Pt 40 and phases 1 + 1 + 1 (the Pt wins).
    /// - `tot` (100000) sends Ept only: 1000 kWh at 12:00, 1010 at 12:30, 1025 at 13:00, 1100 at
    ///   14:30 → samples 20 kW at 12:00 and 30 kW at 12:30; 13:00–14:30 is longer than 1 h.
    /// - `tb` sends nothing; `temp` (sensor) sends 800 °C at 10:00.
    static func readings() -> ReadingsFile {
        var r = ReadingsFile()
        let d = day + " "
        r.add(d + "10:00", "t10001", 8)
        r.add(d + "10:05", "t10001", 12)
        r.add(d + "10:20", "t10001", 6)
        r.add(d + "10:35", "t10001", 100, flag: "D")
        r.add(d + "10:50", "t10001", 4)
        r.add(d + "09:00", "pg1001", 10, param: "Pa")
        r.add(d + "09:00", "pg1001", 20, param: "Pb")
        r.add(d + "09:00", "pg1001", 15.5, param: "Pc")
        r.add(d + "09:15", "pg1001", 40)
        for p in ["Pa", "Pb", "Pc"] { r.add(d + "09:15", "pg1001", 1, param: p) }
        r.add(d + "12:00", "100000", 1000, param: "Ept")
        r.add(d + "12:30", "100000", 1010, param: "Ept")
        r.add(d + "13:00", "100000", 1025, param: "Ept")
        r.add(d + "14:30", "100000", 1100, param: "Ept")
        r.add(d + "10:00", "a01012", 800)
        return r
    }

    /// The mini city's store with `readings` loaded (registry from 2024-06-01).
    static func store(_ readings: ReadingsFile) throws -> (StoreWorkspace, Registry) {
        let ws = try ComputeWorkspace()
        let registryDir = ws.dir.appendingPathComponent("registry")
        try MiniCity.standard.write(to: registryDir)
        try ws.importRegistry(registryDir.path, from: "2024-06-01")
        let file = ws.dir.appendingPathComponent("readings.csv")
        try Data(readings.text.utf8).write(to: file)
        try ws.load([file.path], registryDay: day)
        return (ws, try ws.store.registry(for: Day(day)!).1)
    }

    static func table(points: Set<String>? = nil) throws -> [String: (PointDayRecord, [PointHourRecord])] {
        let (ws, registry) = try store(readings())
        var out: [String: (PointDayRecord, [PointHourRecord])] = [:]
        var order: [String] = []
        try PointHourTable.read(store: ws.store, registry: registry, settings: Settings(), from: Day(day)!, to: Day(day)!,
                                points: points) { d, h in
            out[d.pointID] = (d, h)
            order.append(d.pointID)
        }
        #expect(order == order.sorted(), "point id order")
        return out
    }

    @Test func anHourWithAMissingSlotHasItsPresentSlotsEnergyMeanAndShare() throws {
        let t = try Self.table()
        let (day, hours) = try #require(t["ta"])
        #expect(hours.map(\.hour) == Array(0..<24))
        let h10 = hours[10]
        // (10 + 6 + 4) kW × 0.25 h = 5 kWh; mean 20 / 3 kW; 3 of 4 slots.
        #expect(h10.energyKWh == 5)
        #expect(h10.meanKW == 20.0 / 3.0)
        #expect(h10.completeness == 0.75)
        #expect(h10.enterpriseID == "E1" && h10.date == Day(Self.day)!)
        #expect(hours[9] == PointHourRecord(date: Day(Self.day)!, hour: 9, pointID: "ta", enterpriseID: "E1", energyKWh: 0,
                                            meanKW: nil, completeness: 0))
        #expect(day == PointDayRecord(date: Day(Self.day)!, pointID: "ta", enterpriseID: "E1", energyKWh: 5,
                                      meanKW: 20.0 / 3.0, maxKW: 10, completeness: 3.0 / 96.0))
    }

    @Test func aPhaseSumPointTakesPaPlusPbPlusPcWhereItHasNoPt() throws {
        let (day, hours) = try #require(try Self.table()["p1"])
        // Slot 09:00 45.5 kW (phase sum), slot 09:15 40 kW (Pt): (45.5 + 40) × 0.25 = 21.375 kWh.
        #expect(hours[9].energyKWh == 21.375)
        #expect(hours[9].meanKW == 42.75)
        #expect(hours[9].completeness == 0.5)
        #expect(day.energyKWh == 21.375 && day.maxKW == 45.5 && day.completeness == 2.0 / 96.0)
    }

    @Test func anEptOnlyPointTakesItsCounterSamplesAtTheirFirstReading() throws {
        let (day, hours) = try #require(try Self.table()["tot"])
        // Slots 12:00 (20 kW) and 12:30 (30 kW): (20 + 30) × 0.25 = 12.5 kWh; nothing from 13:00 on.
        #expect(hours[12].energyKWh == 12.5)
        #expect(hours[12].meanKW == 25)
        #expect(hours[12].completeness == 0.5)
        #expect(hours[13].completeness == 0 && hours[14].completeness == 0)
        #expect(day.energyKWh == 12.5 && day.meanKW == 25 && day.maxKW == 30)
    }

    @Test func aPointWithoutDataIsListedEmptyAndSensorsAreNot() throws {
        let t = try Self.table()
        #expect(t.keys.sorted() == ["p1", "ta", "tb", "tot"])
        let (day, hours) = try #require(t["tb"])
        #expect(day.energyKWh == 0 && day.meanKW == nil && day.maxKW == nil && day.completeness == 0)
        #expect(hours.count == 24 && hours.allSatisfy { $0.meanKW == nil && $0.energyKWh == 0 })
    }

    @Test func aSelectionReadsOnlyItsElectricalPointsWithTheSameValues() throws {
        let all = try Self.table()
        let some = try Self.table(points: ["ta", "tot", "temp", "nope"])
        #expect(some.keys.sorted() == ["ta", "tot"])
        for id in ["ta", "tot"] {
            #expect(some[id]?.0 == all[id]?.0)
            #expect(some[id]?.1 == all[id]?.1)
        }
    }

    @Test func aCounterPairAcrossMidnightCountsOnlyWhenTheNextDayIsInThePeriod() throws {
        // tot: 1000 kWh at 23:30 of 07-01, 1020 at 00:10 of 07-02 → 30 kW (40 min) in slot 23:30
        // of 07-01 when 07-02 is inside the period, else nothing (SPEC §4, §13.12).
        var r = ReadingsFile()
        r.add(Self.day + " 23:30", "100000", 1000, param: "Ept")
        r.add("2024-07-02 00:10", "100000", 1020, param: "Ept")
        let (ws, registry) = try Self.store(r)
        func tot(to: String) throws -> PointDayRecord? {
            var found: PointDayRecord?
            try PointHourTable.read(store: ws.store, registry: registry, settings: Settings(), from: Day(Self.day)!,
                                    to: Day(to)!, points: ["tot"]) { d, _ in if d.date == Day(Self.day)! { found = d } }
            return found
        }
        #expect(try tot(to: "2024-07-02")?.energyKWh == 7.5)  // 30 kW × 0.25 h
        #expect(try tot(to: Self.day)?.energyKWh == 0)
    }
}

/// The tables on the SPEC 2 conformance fixture (`../shared/conformance-spec2`, loaded and
/// computed once for the suite): every point-day is the sum of its hours, and on the
/// facility-days whose completeness is 1 the facility's electrical points add up to its
/// `energy_kwh` in `facility_day.csv` of the same period.
@Suite(.serialized) struct PointHourConformanceTests {
    /// Built once; never changed afterwards, and the suite's tests run one at a time
    /// (`.serialized`), so sharing its store connection is safe.
    final class Fixture: @unchecked Sendable {
        let ws: StoreWorkspace
        let registry: Registry
        let export: URL
        let days: [PointDayRecord]
        let hours: [String: [PointHourRecord]]

        init() throws {
            let (ws, export) = try ConformanceComputeTests.exportConformance(from: "packets")
            self.ws = ws
            self.export = export
            registry = try ws.store.registry(for: Day("2024-07-12")!).1
            var days: [PointDayRecord] = [], hours: [String: [PointHourRecord]] = [:]
            try PointHourTable.read(store: ws.store, registry: registry, settings: try ConformanceComputeTests.settings(),
                                    from: Day("2024-07-08")!, to: Day("2024-07-12")!) { d, h in
                days.append(d)
                hours["\(d.date) \(d.pointID)"] = h
            }
            self.days = days
            self.hours = hours
        }
    }

    static let fixture = Result { try Fixture() }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }

    @Test func everyElectricalPointIsListedEveryDayInDateThenPointOrder() throws {
        let f = try Self.fixture.get()
        let electrical = f.registry.points.filter(\.isElectrical).map(\.id).sorted()
        #expect(electrical.count == 24)  // 31 points, 7 of them sensors
        var expected: [String] = []
        for d in 8...12 { expected += electrical.map { "2024-07-\(d < 10 ? "0" : "")\(d) \($0)" } }
        #expect(f.days.map { "\($0.date) \($0.pointID)" } == expected)
    }

    @Test func eachPointDaysEnergyIsTheSumOfItsHours() throws {
        let f = try Self.fixture.get()
        var withEnergy = 0
        for d in f.days {
            let hours = try #require(f.hours["\(d.date) \(d.pointID)"])
            #expect(hours.count == 24)
            let sum = hours.reduce(0) { $0 + $1.energyKWh }
            #expect(Self.close(d.energyKWh, sum), "\(d.date) \(d.pointID): \(d.energyKWh) vs Σ hours \(sum)")
            let present = hours.reduce(0) { $0 + $1.completeness } / 24
            #expect(Self.close(d.completeness, present), "\(d.date) \(d.pointID)")
            if d.energyKWh > 0 { withEnergy += 1 }
        }
        #expect(withEnergy > 100)
    }

    @Test func completeFacilityDaysEqualTheSumOfTheirPointsInFacilityDayCSV() throws {
        let f = try Self.fixture.get()
        let text = try String(contentsOf: f.export.appendingPathComponent("facility_day.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        let (date, facility, completeness, energy) = (header.firstIndex(of: "date")!, header.firstIndex(of: "facility_id")!,
                                                       header.firstIndex(of: "completeness")!, header.firstIndex(of: "energy_kwh")!)
        var pointEnergy: [String: Double] = [:]
        for d in f.days { pointEnergy["\(d.date) \(d.pointID)"] = d.energyKWh }
        var compared = 0, phaseSumFacilityCompared = false
        for row in lines.dropFirst() where row[completeness] == "1" {
            let points = f.registry.points.filter { $0.facilityID == row[facility] && $0.isElectrical }
            guard !points.isEmpty else { continue }
            let sum = points.reduce(0) { $0 + (pointEnergy["\(row[date]) \($1.id)"] ?? .nan) }
            let expected = try #require(Double(row[energy]))
            #expect(Self.close(sum, expected), "\(row[date]) \(row[facility]): Σ points \(sum) vs facility_day \(expected)")
            compared += 1
            if points.contains(where: { $0.id == "E002-pg2001" }) { phaseSumFacilityCompared = true }
        }
        #expect(compared > 40)
        #expect(phaseSumFacilityCompared, "the Pa + Pb + Pc meter's facility is among the complete days")
    }

    @Test func theDayCacheOfTheComputationGivesTheSameRecordsForEveryDayButTheLast() throws {
        let f = try Self.fixture.get()
        let (info, registry) = try f.ws.store.registry(for: Day("2024-07-12")!)
        let settings = try ConformanceComputeTests.settings()
        // The fixture's computation ran under engine version "test" and kept 07-08 … 07-11.
        let cache = try DayCache(store: f.ws.store, identity: DayCache.Identity(engineVersion: "test", registrySHA256: info.sha256),
                                 settings: settings, pointCount: registry.points.count, from: Day("2024-07-08")!,
                                 to: Day("2024-07-12")!)
        var days: [PointDayRecord] = []
        var sameHours = true
        try PointHourTable.read(store: f.ws.store, registry: registry, settings: settings, from: Day("2024-07-08")!,
                                to: Day("2024-07-12")!, cache: cache) { d, h in
            days.append(d)
            if f.hours["\(d.date) \(d.pointID)"] != h { sameHours = false }
        }
        #expect(cache.hits == 4)
        #expect(days == f.days)
        #expect(sameHours)
    }

    @Test func theTablesWriteByteIdenticalFilesTwice() throws {
        let f = try Self.fixture.get()
        let settings = try ConformanceComputeTests.settings()
        var texts: [[Data]] = []
        for run in 0..<2 {
            let dir = f.ws.dir.appendingPathComponent("hourly-\(run)")
            let written = try PointHourExport.write(to: dir) { sink in
                try PointHourTable.read(store: f.ws.store, registry: f.registry, settings: settings, from: Day("2024-07-08")!,
                                        to: Day("2024-07-12")!, sink)
            }
            #expect(written.map(\.lastPathComponent) == PointHourExport.fileNames)
            texts.append(try written.map { try Data(contentsOf: $0) })
        }
        #expect(texts[0] == texts[1])
        let hourLines = String(decoding: texts[0][0], as: UTF8.self).split(separator: "\n")
        #expect(hourLines.count == 1 + 5 * 24 * 24)
        #expect(hourLines.first == "date,hour,point_id,enterprise_id,energy_kwh,mean_kw,completeness")
        let dayLines = String(decoding: texts[0][1], as: UTF8.self).split(separator: "\n")
        #expect(dayLines.count == 1 + 5 * 24)
        #expect(dayLines.first == "date,point_id,enterprise_id,energy_kwh,mean_kw,max_kw,completeness")
    }
}
