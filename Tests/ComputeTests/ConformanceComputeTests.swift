import Accounting
import Foundation
import PEMSCore
import Reports
import Testing

/// `../shared/conformance/`: load the registry and packets, compute 2024-07-08 … 07-12, export,
/// and match the expected files under the README's comparison rule.
@Suite(.serialized) struct ConformanceComputeTests {
    static let expected = SharedFixture.path("conformance/expected")
    /// The facility_day columns SPEC §4–§7 define (plus the §9.1 sync and effective rates,
    /// which follow from the §5.4 conditions alone).
    static let stateColumns: Set<String> = [
        "completeness", "running_minutes", "energy_kwh", "baseline_power_kw", "stopped_minutes",
        "ineffective_minutes", "low_minutes", "sync_rate", "effective_rate", "enterprise_id", "kind",
    ]

    static func exportConformance(from data: String) throws -> (ComputeWorkspace, URL) {
        let ws = try ComputeWorkspace()
        try ws.importRegistry(SharedFixture.path("conformance/registry"), from: "2024-06-01")
        try ws.load([SharedFixture.path("conformance/\(data)")], registryDay: "2024-07-12")
        let result = try ws.compute(from: "2024-07-08", to: "2024-07-12")
        let out = ws.dir.appendingPathComponent("export")
        try MachineExports.write(result, to: out)
        return (ws, out)
    }

    @Test func packetsGiveTheExpectedEventsDataQualityAndFacilityDays() throws {
        let (ws, out) = try Self.exportConformance(from: "packets")
        _ = ws
        for file in ["events.csv", "dq.csv"] {
            let diffs = try ExportComparison.differences(expected: Self.expected + "/" + file, actual: out.path + "/" + file, file: file)
            #expect(diffs.isEmpty, "\(diffs.prefix(20).joined(separator: "\n"))")
        }
        let diffs = try ExportComparison.differences(expected: Self.expected + "/facility_day.csv",
                                                     actual: out.path + "/facility_day.csv", file: "facility_day.csv",
                                                     columns: Self.stateColumns)
        #expect(diffs.isEmpty, "\(diffs.prefix(20).joined(separator: "\n"))")
    }

    /// README: loading `readings/` instead gives identical files, except that dq.csv has no
    /// CLOCK rows (CSV readings carry no QN).
    @Test func csvReadingsGiveTheSameExportsWithoutClockRows() throws {
        let (ws, out) = try Self.exportConformance(from: "readings")
        _ = ws
        let events = try ExportComparison.differences(expected: Self.expected + "/events.csv", actual: out.path + "/events.csv", file: "events.csv")
        #expect(events.isEmpty, "\(events.joined(separator: "\n"))")
        let dq = try ExportComparison.differences(expected: Self.expected + "/dq.csv", actual: out.path + "/dq.csv", file: "dq.csv")
        #expect(!dq.isEmpty)
        #expect(dq.allSatisfy { $0.hasPrefix("dq.csv: missing row") && $0.hasSuffix(", CLOCK") }, "\(dq.joined(separator: "\n"))")
        #expect(dq.count == 3)  // E004's three electrical points on 2024-07-08
    }

    /// SPEC §13.12: an event running into the period keeps its true start; one still running
    /// at the period's end is cut there, and `minutes` counts only the period.
    @Test func carbonOverdueKeepsItsTrueStartAndCountsOnlyMinutesInsideThePeriod() throws {
        let (ws, _) = try Self.exportConformance(from: "packets")
        let result = try ws.compute(from: "2024-07-10", to: "2024-07-10")
        let t1 = result.events.first { $0.rule == .carbonOverdue && $0.facilityID == "E001-T1" }
        #expect(t1?.start.description == "2024-07-06 00:00:00")
        #expect(t1?.end.description == "2024-07-11 00:00:00")
        #expect(t1?.minutes == 1440)
        #expect(t1?.evidence.carbon?["days"].map { $0 >= 90 } == true)
    }
}
