import Accounting
import PEMSCore
import Testing

/// SPEC 2 §8 VOLTAGE_LOOP and CURRENT_LOOP (with §13.33), end to end on the mini city with
/// 15-minute slots: the total meter `tot` (code 100000) sends phase voltages and powers next to
/// its `Pt`, one reading per quarter hour from 08:00 to 17:45.
@Suite struct PhaseFaultTests {
    static let day = "2024-07-01"
    static var settings: Settings {
        var s = Settings()
        s.slotMinutes = 15
        return s
    }

    /// `HH:MM` of day `day` at `minute` minutes after midnight.
    static func time(_ minute: Int, day: String = Self.day) -> String {
        let h = minute / 60, m = minute % 60
        return "\(day) \(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m)"
    }

    /// Quarter hours 08:00 … 17:45 as `HH:MM` and slot index.
    static var quarters: [(time: String, slot: Int)] { (32..<72).map { (time($0 * 15), $0) } }

    /// tot's readings: `voltages(slot)` and `powers(slot)` give (a, b, c) for Ua/Ub/Uc and Pa/Pb/Pc.
    func run(voltages: (Int) -> (Double, Double, Double)? = { _ in (220, 221, 219) },
             powers: (Int) -> (Double, Double, Double)? = { _ in (20, 21, 22) },
             extra: (inout ReadingsFile) -> Void = { _ in }) throws -> ComputationResult {
        var r = ReadingsFile()
        for (t, k) in Self.quarters {
            r.add(t, "100000", 63)
            if let (a, b, c) = voltages(k) {
                r.add(t, "100000", a, param: "Ua"); r.add(t, "100000", b, param: "Ub"); r.add(t, "100000", c, param: "Uc")
            }
            if let (a, b, c) = powers(k) {
                r.add(t, "100000", a, param: "Pa"); r.add(t, "100000", b, param: "Pb"); r.add(t, "100000", c, param: "Pc")
            }
        }
        extra(&r)
        return try MiniRun.compute(.standard, r, from: Self.day, to: Self.day, settings: Self.settings)
    }

    @Test func healthyPhasesRaiseNothing() throws {
        let result = try run()
        #expect(result.dq(.voltageLoop).isEmpty)
        #expect(result.dq(.currentLoop).isEmpty)
    }

    @Test func aLostPhaseForAnHourIsAVoltageLoopFault() throws {
        // 10:00–11:00 (slots 40…43): Uc 0.3 V against 220 V → 0.3 < 0.2 × 221 and 221 ≥ 100 V:
        // 4 slots ≥ phase_fault_min_slots 4 → one VOLTAGE_LOOP row on the day, for tot.
        let result = try run(voltages: { k in (40...43).contains(k) ? (220, 221, 0.3) : (220, 221, 219) })
        let rows = result.dq(.voltageLoop)
        #expect(rows.map(\.pointID) == ["tot"])
        #expect(rows.map(\.date.description) == [Self.day])
        #expect(rows.first?.detail.contains("4 slots") == true)
        #expect(result.dq(.currentLoop).isEmpty)
    }

    @Test func threeFaultySlotsAreNotAVoltageLoopFault() throws {
        let result = try run(voltages: { k in (40...42).contains(k) ? (220, 221, 0.3) : (220, 221, 219) })
        #expect(result.dq(.voltageLoop).isEmpty)
    }

    @Test func theMinimumSlotCountFollowsItsSetting() throws {
        var r = ReadingsFile()
        for (t, k) in Self.quarters where (40...42).contains(k) {
            r.add(t, "100000", 220, param: "Ua"); r.add(t, "100000", 221, param: "Ub"); r.add(t, "100000", 0.3, param: "Uc")
        }
        var s = Self.settings
        s.dqPhaseFaultMinSlots = 3
        let result = try MiniRun.compute(.standard, r, from: Self.day, to: Self.day, settings: s)
        #expect(result.dq(.voltageLoop).map(\.pointID) == ["tot"])
    }

    @Test func aPhaseAtExactlyAFifthOfTheHighestIsNoFault() throws {
        // 44 V = 0.2 × 220 V is not < 0.2 × the largest; 43.9 V is.
        let even = try run(voltages: { k in (40...43).contains(k) ? (220, 220, 44) : (220, 220, 220) })
        #expect(even.dq(.voltageLoop).isEmpty)
        let under = try run(voltages: { k in (40...43).contains(k) ? (220, 220, 43.9) : (220, 220, 220) })
        #expect(under.dq(.voltageLoop).count == 1)
    }

    @Test func aMeterWithoutVoltageIsNoVoltageLoopFault() throws {
        // All three phases near 0 V (the meter is off; largest < 100 V) for the whole day.
        let result = try run(voltages: { _ in (0.4, 0.2, 0) })
        #expect(result.dq(.voltageLoop).isEmpty)
    }

    @Test func aSlotNeedsAllThreePhaseVoltages() throws {
        // Uc is not sent 10:00–11:00 and Ua, Ub stay at 220 V: no slot has all three → no fault.
        var r = ReadingsFile()
        for (t, k) in Self.quarters where (40...43).contains(k) {
            r.add(t, "100000", 220, param: "Ua"); r.add(t, "100000", 221, param: "Ub")
        }
        let result = try MiniRun.compute(.standard, r, from: Self.day, to: Self.day, settings: Self.settings)
        #expect(result.dq(.voltageLoop).isEmpty)
    }

    @Test func unusablePhaseReadingsAreNotUsedForTheCheck() throws {
        // The low Uc readings are flagged D (fault) → no slot mean of Uc → no fault.
        var r = ReadingsFile()
        for (t, k) in Self.quarters where (40...43).contains(k) {
            r.add(t, "100000", 220, param: "Ua"); r.add(t, "100000", 221, param: "Ub")
            r.add(t, "100000", 0.3, param: "Uc", flag: "D")
        }
        let result = try MiniRun.compute(.standard, r, from: Self.day, to: Self.day, settings: Self.settings)
        #expect(result.dq(.voltageLoop).isEmpty)
    }

    @Test func slotMeansNotSingleReadingsAreTested() throws {
        // Each of 4 slots holds Uc 0.3 V at :00 and 219 V at :05 → slot mean 109.65 V, not < 44 V.
        let result = try run(voltages: { k in (40...43).contains(k) ? (220, 221, 0.3) : (220, 221, 219) }, extra: { r in
            for k in 40...43 { r.add(Self.time(k * 15 + 5), "100000", 219, param: "Uc") }
        })
        #expect(result.dq(.voltageLoop).isEmpty)
    }

    @Test func hourPhaseVoltagesFillEmptySlots() throws {
        // CN 2061 for 10:00: Ua 220, Ub 221, Uc 0.2 (`-Ua-Avg` …) fills slots 40…43 → 4 faulty slots.
        let hour = "QN=20240701110005000;ST=22;CN=2061;PW=123456;MN=M1;Flag=5;CP=&&DataTime=20240701100000;"
            + "100000-Ua-Avg=220;100000-Ub-Avg=221;100000-Uc-Avg=0.2&&"
        let result = try MiniRun.compute(.standard, ReadingsFile(), packets: [hour], from: Self.day, to: Self.day,
                                         settings: Self.settings)
        #expect(result.dq(.voltageLoop).map(\.pointID) == ["tot"])
    }

    @Test func aReversedCurrentTransformerIsACurrentLoopFault() throws {
        // 14:00–17:00 (slots 56…67): Pb −7 kW, Pa 20, Pc 22 → sum 35 > 0 and −7 < −0.1 kW:
        // 12 slots → one CURRENT_LOOP row.
        let result = try run(powers: { k in (56...67).contains(k) ? (20, -7, 22) : (20, 21, 22) })
        let rows = result.dq(.currentLoop)
        #expect(rows.map(\.pointID) == ["tot"])
        #expect(rows.first?.detail.contains("12 slots") == true)
        #expect(result.dq(.voltageLoop).isEmpty)
    }

    @Test func aSmallNegativePhasePowerIsNoCurrentLoopFault() throws {
        // −0.1 kW is not < −0.1 kW.
        let result = try run(powers: { k in (56...67).contains(k) ? (20, -0.1, 22) : (20, 21, 22) })
        #expect(result.dq(.currentLoop).isEmpty)
    }

    @Test func aMeterFeedingBackIsNoCurrentLoopFault() throws {
        // Phase sum ≤ 0 (−5 − 5 + 2 = −8): the whole meter runs backwards, not one CT.
        let result = try run(powers: { k in (56...67).contains(k) ? (-5, -5, 2) : (20, 21, 22) })
        #expect(result.dq(.currentLoop).isEmpty)
    }

    @Test func theCurrentLoopSumIsOfThePhasesNotTheReportedPt() throws {
        // Pt is reported as 63 kW throughout; the phases −10, −10, 5 sum to −15 ≤ 0 → no fault,
        // although the reported Pt is positive.
        let result = try run(powers: { k in (56...67).contains(k) ? (-10, -10, 5) : (20, 21, 22) })
        #expect(result.dq(.currentLoop).isEmpty)
    }

    @Test func faultsAreCountedPerCalendarDay() throws {
        // Two slots before midnight on 07-01 and two after on 07-02: neither day has 4.
        var r = ReadingsFile()
        for t in ["2024-07-01 23:30", "2024-07-01 23:45", "2024-07-02 00:00", "2024-07-02 00:15"] {
            r.add(t, "100000", 220, param: "Ua"); r.add(t, "100000", 221, param: "Ub"); r.add(t, "100000", 0.3, param: "Uc")
        }
        let result = try MiniRun.compute(.standard, r, from: "2024-07-01", to: "2024-07-02", settings: Self.settings)
        #expect(result.dq(.voltageLoop).isEmpty)
    }
}
