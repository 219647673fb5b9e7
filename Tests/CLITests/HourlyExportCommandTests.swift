import Foundation
import TestSupport
import Testing

/// `pems export --hourly` (issue 17 deliver 3) on the SPEC 2 conformance fixture's last two
/// days, through the built binary.
@Suite(.serialized) struct HourlyExportCommandTests {
    static let registry = SharedFixture.path("conformance-spec2/registry")
    static let packets = SharedFixture.path("conformance-spec2/packets")
    static let hourHeader = "date,hour,point_id,enterprise_id,energy_kwh,mean_kw,completeness"
    static let dayHeader = "date,point_id,enterprise_id,energy_kwh,mean_kw,max_kw,completeness"

    /// A store with the fixture's registry and 07-11 … 07-12 loaded, in a fresh folder.
    static func loadedFolder() throws -> URL {
        let dir = try PEMSProcess.tempDir()
        let imported = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", "2024-06-01", registry],
                                           in: dir, timeout: 120)
        #expect(imported.status == 0, "\(imported.stderr)")
        let load = try PEMSProcess.run(["--store", "s.db", "load", "--quiet", packets + "/2024-07-11.log",
                                        packets + "/2024-07-12.log"], in: dir, timeout: 300)
        #expect(load.status == 0, "\(load.stderr)")
        return dir
    }

    static func rows(_ url: URL) throws -> [[String]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func hourlyAddsBothTablesWhoseSumsMatchFacilityDayAndARerunGivesTheSameBytes() throws {
        let dir = try Self.loadedFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = ["--store", "s.db", "export", "--from", "2024-07-11", "--to", "2024-07-12"]

        let plain = try PEMSProcess.run(args + ["--out", "plain"], in: dir, timeout: 300)
        #expect(plain.status == 0, "\(plain.stderr)")
        for file in ["point_hour.csv", "point_day.csv"] {
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("plain/" + file).path))
            #expect(!plain.stdout.contains(file))
        }

        let r = try PEMSProcess.run(args + ["--hourly", "--out", "out"], in: dir, timeout: 300)
        #expect(r.status == 0, "\(r.stderr)")
        let out = dir.appendingPathComponent("out")
        let hour = try Self.rows(out.appendingPathComponent("point_hour.csv"))
        let day = try Self.rows(out.appendingPathComponent("point_day.csv"))
        #expect(hour.first?.joined(separator: ",") == Self.hourHeader)
        #expect(day.first?.joined(separator: ",") == Self.dayHeader)
        #expect(r.stdout.contains("wrote: ") && r.stdout.contains("point_hour.csv") && r.stdout.contains("point_day.csv"))
        // 24 electrical points (31 less 7 sensors), 2 days, 24 hours each.
        #expect(hour.count == 1 + 2 * 24 * 24)
        #expect(day.count == 1 + 2 * 24)
        // Key order: date, hour, point_id and date, point_id.
        let hourKeys = hour.dropFirst().map { [$0[0], String(format: "%02d", Int($0[1]) ?? -1), $0[2]] }
        #expect(hourKeys == hourKeys.sorted { $0.lexicographicallyPrecedes($1) })
        let dayKeys = day.dropFirst().map { [$0[0], $0[1]] }
        #expect(dayKeys == dayKeys.sorted { $0.lexicographicallyPrecedes($1) })
        // The other exports are the same with and without --hourly.
        for file in ["facility_day.csv", "events.csv", "dq.csv"] {
            #expect(try Data(contentsOf: out.appendingPathComponent(file)) == Data(contentsOf: dir.appendingPathComponent("plain/" + file)))
        }

        // Each day = Σ its hours; each complete facility-day = Σ its points (within the 12 decimals written).
        var hourSum: [String: Double] = [:]
        for h in hour.dropFirst() { hourSum["\(h[0]) \(h[2])", default: 0] += Double(h[4]) ?? .nan }
        var pointDay: [String: Double] = [:]
        for d in day.dropFirst() {
            let e = try #require(Double(d[3]))
            pointDay["\(d[0]) \(d[1])"] = e
            let s = try #require(hourSum["\(d[0]) \(d[1])"])
            #expect(abs(e - s) <= 1e-9 * max(1, e), "\(d[0]) \(d[1])")
        }
        let points = try Self.rows(URL(fileURLWithPath: Self.registry + "/points.csv"))
        let facility = try Self.rows(out.appendingPathComponent("facility_day.csv"))
        var compared = 0
        for f in facility.dropFirst() where f[4] == "1" {
            let ids = points.dropFirst().filter { $0[5] == f[1] && $0[4] != "sensor" }.map { $0[0] }
            let sum = ids.reduce(0.0) { $0 + (pointDay["\(f[0]) \($1)"] ?? .nan) }
            let e = try #require(Double(f[6]))
            #expect(abs(sum - e) <= 1e-9 * max(1, e), "\(f[0]) \(f[1]): Σ points \(sum), facility \(e)")
            compared += 1
        }
        #expect(compared >= 20)

        let again = try PEMSProcess.run(args + ["--hourly", "--out", "again"], in: dir, timeout: 300)
        #expect(again.status == 0, "\(again.stderr)")
        for file in ["point_hour.csv", "point_day.csv"] {
            #expect(try Data(contentsOf: out.appendingPathComponent(file)) == Data(contentsOf: dir.appendingPathComponent("again/" + file)),
                    "\(file) differs on a rerun")
        }
    }

    @Test func aFailureAfterPointHourLeavesNoneOfTheExportsFiles() throws {
        let dir = try Self.loadedFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try PEMSProcess.run(["--store", "s.db", "export", "--from", "2024-07-12", "--hourly", "--out", "out"], in: dir,
                                    timeout: 300, environment: ["PEMS_FAIL_AT": "wrote point_hour.csv"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("PEMS_FAIL_AT"), "\(r.stderr)")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path)) ?? []
        #expect(left.isEmpty, "\(left)")
    }

    @Test func exportHelpSaysWhatTheHourlyTablesAre() throws {
        let r = try PEMSProcess.run(["export", "--help"], timeout: 60)
        #expect(r.status == 0)
        for text in ["--hourly", "point_hour.csv", "point_day.csv", "mean_kw", "max_kw", "completeness"] {
            #expect(r.stdout.contains(text), "\(text)")
        }
    }
}
