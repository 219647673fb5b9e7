import Foundation
import PEMSCore
import Reports
import Testing

/// `PointHourExport` writes what it is handed, in the files' key order and with the numbers
/// every SPEC §12 export uses.
@Suite struct PointHourExportTests {
    static let d1 = Day("2024-07-01")!, d2 = Day("2024-07-02")!

    /// Two hours of a point-day (the rest of a real day left out: the writer writes what it gets).
    static func pointDay(_ date: Day, _ point: String, energy: Double) -> (PointDayRecord, [PointHourRecord]) {
        let hours = [
            PointHourRecord(date: date, hour: 0, pointID: point, enterpriseID: "E1", energyKWh: energy, meanKW: energy,
                            completeness: 1),
            PointHourRecord(date: date, hour: 1, pointID: point, enterpriseID: "E1", energyKWh: 0, meanKW: nil,
                            completeness: 0),
        ]
        let day = PointDayRecord(date: date, pointID: point, enterpriseID: "E1", energyKWh: energy, meanKW: energy / 3,
                                 maxKW: energy, completeness: 1.0 / 96.0)
        return (day, hours)
    }

    @Test func rowsGoByDateHourAndPointWhateverOrderThePointsOfADayCameIn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pems-pointhour-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let written = try PointHourExport.write(to: dir) { sink in
            for (date, point, energy) in [(Self.d1, "p2", 2.5), (Self.d1, "p1", 1.0), (Self.d2, "p1", 0.1)] {
                let (day, hours) = Self.pointDay(date, point, energy: energy)
                try sink(day, hours)
            }
        }
        #expect(written.map(\.lastPathComponent) == ["point_hour.csv", "point_day.csv"])
        let hour = try String(contentsOf: written[0], encoding: .utf8)
        #expect(hour == """
            date,hour,point_id,enterprise_id,energy_kwh,mean_kw,completeness
            2024-07-01,0,p1,E1,1,1,1
            2024-07-01,0,p2,E1,2.5,2.5,1
            2024-07-01,1,p1,E1,0,,0
            2024-07-01,1,p2,E1,0,,0
            2024-07-02,0,p1,E1,0.1,0.1,1
            2024-07-02,1,p1,E1,0,,0

            """)
        let day = try String(contentsOf: written[1], encoding: .utf8)
        // 1/3, 2.5/3, 0.1/3 and 1/96 with 12 decimals at most (ExportNumber).
        #expect(day == """
            date,point_id,enterprise_id,energy_kwh,mean_kw,max_kw,completeness
            2024-07-01,p1,E1,1,0.333333333333,1,0.010416666667
            2024-07-01,p2,E1,2.5,0.833333333333,2.5,0.010416666667
            2024-07-02,p1,E1,0.1,0.033333333333,0.1,0.010416666667

            """)
        let hidden = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }
        #expect(hidden.isEmpty)
    }

    @Test func aFailureWhileProducingLeavesNeitherFileNorATemporaryOne() throws {
        struct Stop: Error {}
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pems-pointhour-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: Stop.self) {
            try PointHourExport.write(to: dir) { sink in
                let (day, hours) = Self.pointDay(Self.d1, "p1", energy: 1)
                try sink(day, hours)
                throw Stop()
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}
