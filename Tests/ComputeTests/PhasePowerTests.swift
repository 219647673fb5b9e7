import Accounting
import PEMSCore
import Testing

/// SPEC 2 §4 `Pt = Pa + Pb + Pc` (with §13.27), end to end on the mini city: CSV readings and
/// HJ 212 packets loaded into a store, then computed. Hour slots unless a test says otherwise,
/// so every reading at HH:00 fills slot HH.
@Suite struct PhasePowerTests {
    static let day = "2024-07-01"

    /// The standard city on `day`, with p1 sending no `Pt`: the hours in `phases` give p1's
    /// `Pa`, `Pb`, `Pc` readings instead.
    func readings(p1 phases: (Int) -> (Double, Double, Double)?) -> ReadingsFile {
        var r = ReadingsFile()
        r.normalDay(Self.day) { code, _ in code == "pg1001" ? .some(nil) : .none }
        for h in 0..<24 {
            guard let (a, b, c) = phases(h) else { continue }
            let t = "\(Self.day) \(h < 10 ? "0" : "")\(h):00"
            r.add(t, "pg1001", a, param: "Pa")
            r.add(t, "pg1001", b, param: "Pb")
            r.add(t, "pg1001", c, param: "Pc")
        }
        return r
    }

    @Test func aMeterSendingOnlyPhasePowersHasTheirSumAsPower() throws {
        // 10 + 20 + 15.5 = 45.5 kW every hour → 24 × 45.5 = 1092 kWh, all 24 slots present, all
        // running (θ 10 kW from the registry).
        let result = try MiniRun.compute(.standard, readings { _ in (10, 20, 15.5) }, from: Self.day, to: Self.day)
        let p1 = try #require(result.facilityDay("P1", Self.day))
        #expect(p1.energyKWh == 1092)
        #expect(p1.completeness == 1)
        #expect(p1.runningMinutes == 1440)
        #expect(result.dq(.noData, point: "p1").isEmpty)
    }

    @Test func anUnusablePtAtTheSameTimeGivesWayToThePhaseSum() throws {
        // Hours 0–11: Pt 50 flagged D (unusable) and phases 10 + 10 + 10 → 30 kW.
        // Hours 12–23: Pt 50 flagged N (usable) and the same phases → the Pt, 50 kW.
        // Energy 12 × 30 + 12 × 50 = 960 kWh (phases everywhere would give 720, Pt where usable
        // and nothing else 600).
        var r = readings { _ in (10, 10, 10) }
        r.hourly(Self.day, "pg1001", flag: "D") { $0 < 12 ? 50 : nil }
        r.hourly(Self.day, "pg1001") { $0 >= 12 ? 50 : nil }
        let result = try MiniRun.compute(.standard, r, from: Self.day, to: Self.day)
        let p1 = try #require(result.facilityDay("P1", Self.day))
        #expect(p1.energyKWh == 960)
        #expect(p1.completeness == 1)
    }

    @Test func aPhaseSumNeedsAllThreePhasesAtTheSameTime() throws {
        // Hour 5: Pa and Pb at 05:00, Pc at 05:01 → no sum; hour 6: Pc missing → no sum.
        // 22 present slots of 10 + 10 + 10 = 30 kW → 660 kWh, completeness 22/24.
        var r = readings { h in h == 5 || h == 6 ? nil : (10, 10, 10) }
        r.add("\(Self.day) 05:00", "pg1001", 10, param: "Pa")
        r.add("\(Self.day) 05:00", "pg1001", 10, param: "Pb")
        r.add("\(Self.day) 05:01", "pg1001", 10, param: "Pc")
        r.add("\(Self.day) 06:00", "pg1001", 10, param: "Pa")
        r.add("\(Self.day) 06:00", "pg1001", 10, param: "Pb")
        let result = try MiniRun.compute(.standard, r, from: Self.day, to: Self.day)
        let p1 = try #require(result.facilityDay("P1", Self.day))
        #expect(p1.energyKWh == 660)
        #expect(p1.completeness == 22.0 / 24.0)
    }

    @Test func anUnusablePhaseReadingGivesNoSum() throws {
        // Hour 3: Pb flagged M → no sum at 03:00 → 23 slots of 30 kW = 690 kWh.
        var r = readings { h in h == 3 ? nil : (10, 10, 10) }
        r.add("\(Self.day) 03:00", "pg1001", 10, param: "Pa")
        r.add("\(Self.day) 03:00", "pg1001", 10, param: "Pb", flag: "M")
        r.add("\(Self.day) 03:00", "pg1001", 10, param: "Pc")
        let result = try MiniRun.compute(.standard, r, from: Self.day, to: Self.day)
        let p1 = try #require(result.facilityDay("P1", Self.day))
        #expect(p1.energyKWh == 690)
    }

    @Test func hourPhaseSumsFillTheSlotsOfTheirHourAsHourPtDoes() throws {
        // 15-minute slots. CN 2061 for 10:00 sends p1's phases 2 + 3 + 3 = 8 kW (`-Pa-Avg` …);
        // a realtime Pt of 4 kW at 10:20 owns slot 10:15. Slots 10:00, 10:15, 10:30, 10:45 →
        // 8, 4, 8, 8 kW → (8 + 4 + 8 + 8) × 0.25 h = 7 kWh, completeness 4/96.
        var r = ReadingsFile()
        r.add("\(Self.day) 10:20", "pg1001", 4)
        let hour = "QN=20240701110005000;ST=22;CN=2061;PW=123456;MN=M1;Flag=5;CP=&&DataTime=20240701100000;"
            + "pg1001-Pa-Avg=2.0;pg1001-Pb-Avg=3.0;pg1001-Pc-Avg=3.0&&"
        var s = Settings()
        s.slotMinutes = 15
        let result = try MiniRun.compute(.standard, r, packets: [hour], from: Self.day, to: Self.day, settings: s)
        let p1 = try #require(result.facilityDay("P1", Self.day))
        #expect(p1.energyKWh == 7)
        #expect(p1.completeness == 4.0 / 96.0)
    }

    @Test func realtimePhasePacketsGiveTheSumAsPower() throws {
        // CN 2011 with `pg1001-Pa`, `-Pb`, `-Pc` (seed 001 附录D names) at 10:00: 1.5 + 2.5 + 3 = 7 kW
        // in slot 10:00 → 7 kWh over the hour slot.
        let rt = "QN=20240701100005000;ST=22;CN=2011;PW=123456;MN=M1;Flag=5;CP=&&DataTime=20240701100000;"
            + "pg1001-Pa=1.5;pg1001-Pb=2.5;pg1001-Pc=3;pg1001-Flag=N&&"
        let result = try MiniRun.compute(.standard, ReadingsFile(), packets: [rt], from: Self.day, to: Self.day)
        let p1 = try #require(result.facilityDay("P1", Self.day))
        #expect(p1.energyKWh == 7)
        #expect(p1.completeness == 1.0 / 24.0)
    }

    @Test func aPhaseSumIsAPtReadingForTheReadingChecks() throws {
        // p1 sends phases only. Hour 2: −1 + −1 + 0.5 = −1.5 kW → NEGATIVE. Its counter runs
        // 0 → 500 kWh over the day; the day's max Pt is the phase sum 3 kW, so ΔEpt 500 > 25 × 3
        // → ENERGY_POWER_MISMATCH (skipped when the day has no Pt, §13.22). Hours 8–20: the same
        // non-zero sum for 12 h → CONSTANT.
        var r = readings { h in
            if h == 2 { return (-1, -1, 0.5) }
            if (8...20).contains(h) { return (1, 1, 1) }
            return (0.5, 0.5, 0.5 + Double(h) / 100)
        }
        r.add("\(Self.day) 00:00", "pg1001", 0, param: "Ept")
        r.add("\(Self.day) 23:00", "pg1001", 500, param: "Ept")
        let result = try MiniRun.compute(.standard, r, from: Self.day, to: Self.day)
        #expect(result.dq(.negative, point: "p1").count == 1)
        #expect(result.dq(.energyPowerMismatch, point: "p1").count == 1)
        #expect(result.dq(.constant, point: "p1").map(\.date.description) == [Self.day])
    }
}
