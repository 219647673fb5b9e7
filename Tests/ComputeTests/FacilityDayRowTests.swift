import Accounting
import Foundation
import PEMSCore
import Testing

/// The period computation hands out each facility-day complete for its kind (no column left
/// for a later pass), with the SPEC §9.1 rates the roll-ups compute the same way
/// (`TreatmentRates`).
@Suite struct FacilityDayRowTests {
    /// Two days of the series city (P1 → T1 and T2, P2 without treatment), T1's fan off for
    /// three hours of the second day.
    static func compute() throws -> ComputationResult {
        var r = ReadingsFile()
        for d in ["2024-07-01", "2024-07-02", "2024-07-03"] { AccountingSlotTests.seriesDay(d, into: &r) }
        AccountingSlotTests.seriesDay("2024-07-04", into: &r, t1Off: 8...10)
        return try MiniRun.compute(AccountingSlotTests.seriesCity, r, from: "2024-07-03", to: "2024-07-04")
    }

    @Test func everyFacilityDayComesOutCompleteForItsKind() throws {
        let result = try Self.compute()
        #expect(result.facilityDays.count == 2 * 4)
        for f in result.facilityDays {
            let treatment: [Any?] = [f.nSlots, f.syncSlots, f.normalSlots, f.stoppedMinutes, f.ineffectiveMinutes,
                                     f.lowMinutes, f.removalSlots, f.hourlyConditions]
            let production: [Any?] = [f.generatedKg, f.capturedKg, f.removedKg, f.emittedKg]
            switch f.kind {
            case .treatment:
                #expect(treatment.allSatisfy { $0 != nil }, "\(f.facilityID) \(f.date)")
                #expect(production.allSatisfy { $0 == nil }, "\(f.facilityID) \(f.date)")
            case .production:
                #expect(production.allSatisfy { $0 != nil }, "\(f.facilityID) \(f.date)")
                #expect(treatment.allSatisfy { $0 == nil }, "\(f.facilityID) \(f.date)")
            }
        }
    }

    @Test func aFacilityDaysRatesAreTheRollUpsRatesOfThatDayAlone() throws {
        let result = try Self.compute()
        let t1 = try #require(result.facilityDay("T1", "2024-07-04"))
        let n = try #require(t1.nSlots), sync = try #require(t1.syncSlots)
        // Three hours STOPPED of 24 (hour slots).
        #expect(n == 24 && sync == 21)
        #expect(t1.stoppedMinutes == 3 * 60)
        #expect(t1.syncRate == 21.0 / 24.0)
        #expect(t1.syncRate == TreatmentRates.sync(syncSlots: sync, nSlots: n))
        #expect(t1.effectiveRate == TreatmentRates.effective(normalSlots: try #require(t1.normalSlots), nSlots: n))
        var e = EnterpriseDayRecord(date: t1.date, enterpriseID: "E1", districtCode: "D1", industry: .plastics,
                                    syncSlots: sync, nSlots: n)
        e.normalSlots = try #require(t1.normalSlots)
        #expect(e.syncRate == t1.syncRate)
        #expect(e.effectiveRate == t1.effectiveRate)
        #expect(TreatmentRates.sync(syncSlots: 0, nSlots: 0) == nil)
        #expect(TreatmentRates.removal(sum: 1, runningSlots: 0) == nil)
    }
}
