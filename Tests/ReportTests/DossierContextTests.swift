import Accounting
import PEMSCore
import Reports
import Testing

/// The period-wide parts of the enterprise files: ranks by emitted VOCs within a district and
/// an industry (SPEC §9.6), and the comparison periods.
@Suite struct DossierContextTests {
    static let day = Day("2024-07-09")!

    /// E1, E2, E3 in 竞秀区, E4 in 莲池区; E1, E2, E4 plastics, E3 rubber. Emitted: E1 5 kg,
    /// E2 9 kg, E3 9 kg, E4 20 kg (one production facility-day each).
    static var result: ComputationResult {
        let ents = [("E1", "130602", Industry.plastics, 5.0), ("E2", "130602", .plastics, 9), ("E3", "130602", .rubber, 9),
                    ("E4", "130606", .plastics, 20)]
        let registry = Registry(
            districts: [District(code: "130602", name: "竞秀区"), District(code: "130606", name: "莲池区")],
            enterprises: ents.map { Enterprise(id: $0.0, name: "企业" + $0.0, districtCode: $0.1, industry: $0.2) },
            facilities: ents.map { Facility(id: $0.0 + "-P", enterpriseID: $0.0, kind: .production, name: "线") })
        let days = ents.map { e -> FacilityDayRecord in
            var f = FacilityDayRecord(date: day, facilityID: e.0 + "-P", enterpriseID: e.0, kind: .production, completeness: 1,
                                      runningMinutes: 600, energyKWh: e.3 * 10)
            f.generatedKg = e.3 * 2
            f.emittedKg = e.3
            return f
        }
        return ComputationResult(from: day, to: day, settings: Settings(), registryVersion: 1, registry: registry, facilityDays: days,
                                 events: [], dq: [], carbonDays: [], responseBaselines: [], streamedFrom: day, facilityDaysComputed: 4)
    }

    static func data(_ id: String) throws -> DossierData {
        let r = result
        return try DossierData(context: try DossierContext(result: r, store: nil), enterpriseID: id, facilityDays: r.facilityDays,
                               events: [], findings: [], carbonDays: [], pointDays: [])
    }

    @Test func ranksAreByEmittedKgWithinTheDistrictAndTheIndustryTiesByID() throws {
        // 竞秀区: E2 9, E3 9 (tie: E2 first by id), E1 5. Plastics: E4 20, E2 9, E1 5.
        #expect(try Self.data("E2").districtRank.map { [$0.rank, $0.of] } == [1, 3])
        #expect(try Self.data("E3").districtRank.map { [$0.rank, $0.of] } == [2, 3])
        #expect(try Self.data("E1").districtRank.map { [$0.rank, $0.of] } == [3, 3])
        #expect(try Self.data("E4").districtRank.map { [$0.rank, $0.of] } == [1, 1])
        #expect(try Self.data("E1").industryRank.map { [$0.rank, $0.of] } == [3, 3])
        #expect(try Self.data("E2").industryRank.map { [$0.rank, $0.of] } == [2, 3])
        #expect(try Self.data("E3").industryRank.map { [$0.rank, $0.of] } == [1, 1])
        let e1 = try Self.data("E1")
        #expect(e1.districtRank?.scopeEmittedKg == 23 && e1.districtRank?.emittedKg == 5)
        #expect(e1.industryRank?.scopeEmittedKg == 34)
    }

    @Test func theComparisonPeriodsAreTheEqualLengthBeforeAndTheSameDatesAYearEarlier() {
        let (a, b) = DossierContext.previousRange(from: Day("2026-06-01")!, to: Day("2026-06-30")!)
        #expect(a == Day("2026-05-02")! && b == Day("2026-05-31")!)
        let y = DossierContext.lastYearRange(from: Day("2028-02-01")!, to: Day("2028-02-29")!)
        #expect(y?.0 == Day("2027-02-01")! && y?.1 == Day("2027-02-28")!)
    }

    @Test func withoutAStoreTheComparisonsAreBlank() throws {
        let d = try Self.data("E4")
        let energy = try #require(d.figures.first { $0.label == "用电量" })
        #expect(energy.value == 200 && energy.previous == nil && energy.change == nil && energy.yoyChange == nil)
        #expect(d.days.map(\.emittedKg) == [20])
    }
}
