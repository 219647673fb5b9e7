import Baselines
import PEMSCore
import Testing

/// SPEC §4 slot values (with §13.5, §13.6) on hand-made readings; §3.1 usable flags.
@Suite struct SlotValueTests {
    let q = SlotClock(minutes: 15)

    func r(_ hh: Int, _ mm: Int, _ ss: Int, _ v: Double) -> Reading {
        Reading(second: Int32(hh * 3600 + mm * 60 + ss), value: v)
    }

    func r(_ hh: Int, _ mm: Int, _ v: Double) -> Reading { r(hh, mm, 0, v) }

    @Test func slotPowerIsTheMeanOfTheUsableReadingsInsideTheSlot() {
        // slot 0 = [00:00, 00:15): 10, 20, 30 → (10+20+30)/3 = 20; 00:15:00 belongs to slot 1.
        let v = SlotValues.compute(PointDayReadings(fine: [r(0, 0, 10), r(0, 5, 20), r(0, 14, 59, 30), r(0, 15, 40)]),
                                   clock: q, useEnergy: true)
        #expect(v.count == 96)
        #expect(v[0] == 20)
        #expect(v[1] == 40)
        #expect(v[2].isNaN)  // no reading: missing
        #expect(v[95].isNaN)
    }

    @Test func aSlotWithNoUsableValueIsMissing() {
        let v = SlotValues.compute(PointDayReadings(), clock: q, useEnergy: true)
        #expect(v.allSatisfy { $0.isNaN })
    }

    @Test func hourDataFillsOnlyTheSlotsOfItsHourThatHaveNoFinerData() {
        // CN 2061 at 10:00 = 8 kW covers slots 40…43 (10:00–11:00); a realtime 4 kW at 10:20 owns slot 41.
        let v = SlotValues.compute(PointDayReadings(fine: [r(10, 20, 4)], hour: [r(10, 0, 8)]), clock: q, useEnergy: true)
        #expect(v[40] == 8)
        #expect(v[41] == 4)
        #expect(v[42] == 8)
        #expect(v[43] == 8)
        #expect(v[39].isNaN)  // 09:45 is another hour
        #expect(v[44].isNaN)  // 11:00 is another hour
    }

    @Test func hourDataFillsTheWholeHourSlotWhenSlotsAreAnHour() {
        let h = SlotClock(minutes: 60)
        let v = SlotValues.compute(PointDayReadings(hour: [r(23, 0, 12.5)]), clock: h, useEnergy: true)
        #expect(v[23] == 12.5)
        #expect(v[..<23].allSatisfy { $0.isNaN })
    }

    @Test func eptOnlyPointGetsPowerFromConsecutiveCounterPairsAtTheFirstReading() {
        // (00:00, 100) → (00:15, 105): 5 kWh / 0.25 h = 20 kW at 00:00 (slot 0);
        // (00:15, 105) → (00:30, 107.5): 2.5 / 0.25 = 10 kW at 00:15 (slot 1);
        // the last reading starts no pair: slot 2 missing.
        let v = SlotValues.compute(PointDayReadings(energy: [r(0, 0, 100), r(0, 15, 105), r(0, 30, 107.5)]),
                                   clock: q, useEnergy: true)
        #expect(v[0] == 20)
        #expect(v[1] == 10)
        #expect(v[2].isNaN)
    }

    @Test func counterPairsLongerThanAnHourOrGoingBackwardsGiveNoSample() {
        // 00:00 → 01:00:01 is 3601 s > 1 h: nothing. 01:00:01 (110) → 01:15 (105) goes back: nothing.
        // 01:15 (105) → 01:30 (106): 1 / 0.25 = 4 kW in slot 5 (01:15).
        // 01:30 (106) → 02:30 (116): exactly 1 h is allowed: 10 / 1 = 10 kW in slot 6 (01:30).
        let e = [r(0, 0, 100), r(1, 0, 1, 110), r(1, 15, 105), r(1, 30, 106), r(2, 30, 116)]
        let v = SlotValues.compute(PointDayReadings(energy: e), clock: q, useEnergy: true)
        #expect(v[0].isNaN)
        #expect(v[4].isNaN)
        #expect(v[5] == 4)
        #expect(v[6] == 10)
        #expect(v.filter { !$0.isNaN }.count == 2)
    }

    @Test func eptDerivedPowerFillsOnlySlotsWithoutUsablePt() {
        // §13.5: slot 0 has Pt 7 → 7 (not the counter's 5/0.25 = 20); slot 1 has none → 20 from the counter.
        let v = SlotValues.compute(PointDayReadings(fine: [r(0, 5, 7)], energy: [r(0, 0, 0), r(0, 15, 5), r(0, 30, 10)]),
                                   clock: q, useEnergy: true)
        #expect(v[0] == 7)
        #expect(v[1] == 20)
        #expect(v[2].isNaN)
    }

    @Test func counterReadingOfTheNextDayClosesTheLastPairOfTheDay() {
        // 23:45 (200) and next day 00:00 (= second 86400, 203): 3 / 0.25 = 12 kW in slot 95.
        let v = SlotValues.compute(PointDayReadings(energy: [r(23, 45, 200), Reading(second: 86_400, value: 203)]),
                                   clock: q, useEnergy: true)
        #expect(v[95] == 12)
    }

    @Test func sensorsUseNoCounterStep() {
        let v = SlotValues.compute(PointDayReadings(energy: [r(0, 0, 0), r(0, 15, 5)]), clock: q, useEnergy: false)
        #expect(v.allSatisfy { $0.isNaN })
    }

    @Test func aNegativePtFlaggedNormalIsUsable() {
        // §13.5: −3 and −1 are usable → slot mean −2.
        let v = SlotValues.compute(PointDayReadings(fine: [r(3, 0, -3), r(3, 10, -1)]), clock: q, useEnergy: true)
        #expect(v[12] == -2)
    }

    @Test func flagsDCMAndBAreUnusableAndTheOthersUsable() {
        for f in "DCMB" { #expect(!PointDayReadings.isUsable(flag: f.asciiValue!), "flag \(f)") }
        for f in "NFST" { #expect(PointDayReadings.isUsable(flag: f.asciiValue!), "flag \(f)") }
    }

    @Test func facilityDayEnergyAndCompletenessCountPresentSlotsOnly() {
        // 4 hour slots: 10, NaN, 20, 30 kW, states running, unknown, running, stopped.
        // energy = (10 + 20 + 30) × 1 h = 60 kWh; completeness 3/24 = 0.125;
        // running power = mean over running present slots = (10 + 20)/2 = 15; running energy 30 kWh.
        let h = SlotClock(minutes: 60)
        var power = [Double](repeating: .nan, count: 24)
        var state = [SlotState](repeating: .unknown, count: 24)
        power[0] = 10; power[2] = 20; power[3] = 30
        state[0] = .running; state[2] = .running; state[3] = .stopped
        let f = FacilityDay(state: state, power: power, clock: h)
        #expect(f.energyKWh == 60)
        #expect(f.completeness == 0.125)
        #expect(f.presentSlots == 3)
        #expect(f.runningSlots == 2)
        #expect(f.runningPowerKW == 15)
        #expect(f.runningEnergyKWh == 30)
    }

    @Test func hourPacketsFillTheSlotsOfTheirHourWithoutFinerDataEndToEnd() throws {
        // 15-minute slots. CN 2061 for 10:00 says p1 = 8 kW; a CSV (realtime) reading says 4 kW at 10:20.
        // Slots 10:00, 10:15, 10:30, 10:45 → 8, 4, 8, 8 kW → P1 energy (8 + 4 + 8 + 8) × 0.25 h = 7 kWh,
        // completeness 4/96; 8 and 4 kW are below θ 10 → running 0 minutes.
        var r = ReadingsFile()
        r.add("2024-07-01 10:20", "pg1001", 4)
        let hour = "QN=20240701110005000;ST=22;CN=2061;PW=123456;MN=M1;Flag=5;CP=&&DataTime=20240701100000;pg1001-Avg=8.0&&"
        var s = Settings()
        s.slotMinutes = 15
        let result = try MiniRun.compute(.standard, r, packets: [hour], from: "2024-07-01", to: "2024-07-01", settings: s)
        let p1 = try #require(result.facilityDay("P1", "2024-07-01"))
        #expect(p1.energyKWh == 7)
        #expect(p1.completeness == 4.0 / 96.0)
        #expect(p1.runningMinutes == 0)
    }
}
