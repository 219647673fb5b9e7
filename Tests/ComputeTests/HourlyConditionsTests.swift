import Accounting
import Baselines
import PEMSCore
import Testing

/// The per-hour treatment conditions kept with each treatment facility-day (for the hour-of-day
/// heat map), checked against the conformance fixture's scripted situations and by hand.
@Suite struct HourlyConditionsTests {
    @Test func theWorstConditionOfEachHoursSlotsInNIsKept() {
        let clock = SlotClock(minutes: 15)
        var condition = [TreatmentCondition](repeating: .normal, count: 96)
        var inN = [Bool](repeating: true, count: 96)
        for k in 0..<32 { inN[k] = false }                 // 00:00–08:00 production off
        condition[36] = .low                                // 09:00 low, rest of hour normal
        condition[40] = .low; condition[41] = .stopped      // 10:00 low, 10:15 stopped
        condition[44] = .stopped; inN[44] = false           // 11:00 stopped but outside N
        condition[48] = .unknown                            // 12:00 treatment state unknown
        let code = HourlyConditions.code(condition: condition, inN: inN, clock: clock)
        #expect(code == "--------NLSNUNNNNNNNNNNN")
        #expect(HourlyConditions.marks(code)?[10] == .stopped)
        #expect(HourlyConditions.marks("short") == nil)
    }

    @Test func conformanceStopsAndLowRunningShowInTheirHours() throws {
        let ws = try DayCacheTests.conformanceStore()
        let r = try DayCacheTests.run(ws, cache: true)
        func code(_ facility: String, _ date: String) -> String? {
            r.facilityDays.first { $0.facilityID == facility && $0.date.description == date }?.hourlyConditions
        }
        // E001-T2: both fans off 07-08 09:00–11:30 while production runs (fixture README).
        let t2 = try #require(code("E001-T2", "2024-07-08").flatMap(HourlyConditions.marks))
        #expect(Array(t2[9...11]) == [.stopped, .stopped, .stopped])
        #expect(t2[8] != .stopped && t2[12] != .stopped)
        // E004-T1 runs at half power 07-12 08:30–11:00: LOW in hours 08, 09, 10, not 11.
        let t4 = try #require(code("E004-T1", "2024-07-12").flatMap(HourlyConditions.marks))
        #expect(Array(t4[8...10]) == [.low, .low, .low])
        #expect(t4[11] == .normal)
        // Production facilities carry none.
        #expect(code("E004-P1", "2024-07-12") == nil)
    }
}
