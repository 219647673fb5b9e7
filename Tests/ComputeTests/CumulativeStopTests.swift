@testable import Accounting
import Baselines
import PEMSCore
import Testing

/// SPEC 2 §7, §13.30: STOP_VIOLATION counts the running time of a production facility under a
/// stop order cumulatively per calendar day (seed 001 §7.1 "累计时间 > 门限时间"), and §12's
/// `violating_minutes` (gap slots left out). 15-minute slots, the standard mini city.
@Suite struct CumulativeStopTests {
    /// Every quarter hour of `day`: p1 at `p1(slot)` kW (50 when nil), ta 10, tb 0, tot 70, temp 800.
    static func quarterDay(_ day: String, into r: inout ReadingsFile, p1: (Int) -> Double? = { _ in nil },
                           ta: (Int) -> Double? = { _ in nil }) {
        for k in 0..<96 {
            let h = k / 4, m = k % 4 * 15
            let t = "\(day) \(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m)"
            r.add(t, "pg1001", p1(k) ?? 50)
            r.add(t, "t10001", ta(k) ?? 10)
            r.add(t, "t10002", 0)
            r.add(t, "100000", 70)
            r.add(t, "a01012", 800)
        }
    }

    /// The standard city with a `red` stop order on P1 over `[start, end)` in its district.
    static func stopCity(_ start: String, _ end: String) -> MiniCity {
        var c = MiniCity.standard
        c.add("plans.csv", "E1,red,P1,stop,,")
        c.add("responses.csv", "R1,red,\(start),\(end),130602")
        return c
    }

    @Test func aPlantRunningFifteenMinutesOfEveryFortyFiveUnderAStopOrderViolates() throws {
        // Stop order 08:00–12:00; P1 idles at 5 kW (< θ 10) and runs at 50 kW for one slot in
        // every three: 08:00, 08:45, 09:30, 10:15, 11:00, 11:45 (slots 32, 35, …, 47). Each run is
        // 15 minutes, under the 30-minute minimum, but together they are 6 × 15 = 90 ≥ 30: one
        // event from the first run's start (08:00) to the last one's end (12:00): 240 minutes,
        // 90 of them violating, the 10 slots between runs as gaps.
        var r = ReadingsFile()
        let runs = Set(stride(from: 32, through: 47, by: 3))
        Self.quarterDay("2024-07-01", into: &r, p1: { k in (32..<48).contains(k) && !runs.contains(k) ? 5 : nil })
        let result = try MiniRun.compute(Self.stopCity("2024-07-01 08:00", "2024-07-01 12:00"), r,
                                         from: "2024-07-01", to: "2024-07-01", settings: Settings())
        let e = result.events(.stopViolation)
        #expect(e.map(\.span) == ["2024-07-01 08:00:00 – 2024-07-01 12:00:00"])
        #expect(e.first?.facilityID == "P1")
        #expect(e.first?.minutes == 240)
        #expect(e.first?.violatingMinutes == 90)
        #expect(e.first?.evidence.violatingSlots == 6)
        #expect(e.first?.evidence.gapSlots == 10)
        let runSpans = e.first?.evidence.violatingRuns?.map { "\($0.start.description.suffix(8))–\($0.end.description.suffix(8))" }
        #expect(runSpans == ["08:00:00–08:15:00", "08:45:00–09:00:00", "09:30:00–09:45:00",
                             "10:15:00–10:30:00", "11:00:00–11:15:00", "11:45:00–12:00:00"])
    }

    @Test func fifteenMinutesOfRunningADayUnderAStopOrderIsNoEvent() throws {
        // Stop order 07-01 20:00 – 07-03 00:00; P1 stopped (5 kW) throughout except 23:45 on
        // 07-01 and 00:00 on 07-02: adjacent slots, but 15 minutes in each calendar day, under
        // 30 → no event (merging across midnight would have made a 30-minute one).
        var r = ReadingsFile()
        Self.quarterDay("2024-07-01", into: &r, p1: { k in k >= 80 && k != 95 ? 5 : nil })
        Self.quarterDay("2024-07-02", into: &r, p1: { k in k != 0 ? 5 : nil })
        let result = try MiniRun.compute(Self.stopCity("2024-07-01 20:00", "2024-07-03 00:00"), r,
                                         from: "2024-07-01", to: "2024-07-02", settings: Settings())
        #expect(result.events(.stopViolation).isEmpty)
    }

    @Test func aStopEventNeverCrossesMidnight() throws {
        // P1 runs through a stop order 07-01 20:00 – 07-03 00:00 from 23:00 to 01:00: one event
        // per calendar day, 23:00–00:00 and 00:00–01:00, 60 minutes each.
        var r = ReadingsFile()
        Self.quarterDay("2024-07-01", into: &r, p1: { k in k >= 80 && k < 92 ? 5 : nil })
        Self.quarterDay("2024-07-02", into: &r, p1: { k in k >= 4 ? 5 : nil })
        let result = try MiniRun.compute(Self.stopCity("2024-07-01 20:00", "2024-07-03 00:00"), r,
                                         from: "2024-07-01", to: "2024-07-02", settings: Settings())
        let e = result.events(.stopViolation)
        #expect(e.map(\.span) == ["2024-07-01 23:00:00 – 2024-07-02 00:00:00", "2024-07-02 00:00:00 – 2024-07-02 01:00:00"])
        #expect(e.map(\.minutes) == [60, 60])
        #expect(e.map(\.violatingMinutes) == [60, 60])
    }

    @Test func exemptedSlotsAreTakenOutBeforeTheStopMinutesAreCounted() throws {
        // P1 runs 08:00–08:45 under a stop order (45 ≥ 30); an approved exemption for P1 covers
        // 08:15–08:30, leaving 2 slots = 30 minutes: still one event 08:00–08:45 with 30
        // violating minutes. With 08:15–08:45 exempted, 15 minutes are left: no event.
        var r = ReadingsFile()
        Self.quarterDay("2024-07-01", into: &r, p1: { k in (32..<48).contains(k) && k > 34 ? 5 : nil })
        var c = Self.stopCity("2024-07-01 08:00", "2024-07-01 12:00")
        c.set("exemptions.csv", ["E1,P1,2024-07-01 08:15,2024-07-01 08:30,检修,approved"])
        let e = try MiniRun.compute(c, r, from: "2024-07-01", to: "2024-07-01", settings: Settings()).events(.stopViolation)
        #expect(e.map(\.span) == ["2024-07-01 08:00:00 – 2024-07-01 08:45:00"])
        #expect(e.map(\.violatingMinutes) == [30])
        c.set("exemptions.csv", ["E1,P1,2024-07-01 08:15,2024-07-01 08:45,检修,approved"])
        #expect(try MiniRun.compute(c, r, from: "2024-07-01", to: "2024-07-01", settings: Settings())
            .events(.stopViolation).isEmpty)
    }

    @Test func violatingMinutesLeaveOutTheGapSlots() throws {
        // T1 stopped (ta 0) at 10:00, 10:15, 10:45, 11:00 with p1 running: the 10:30 gap slot
        // merges (merge_gap_slots 1) → TREATMENT_STOPPED 10:00–11:15, minutes 75, violating 60.
        var r = ReadingsFile()
        Self.quarterDay("2024-07-01", into: &r, ta: { k in [40, 41, 43, 44].contains(k) ? 0 : nil })
        let e = try MiniRun.compute(.standard, r, from: "2024-07-01", to: "2024-07-01", settings: Settings())
            .events(.treatmentStopped)
        #expect(e.map(\.span) == ["2024-07-01 10:00:00 – 2024-07-01 11:15:00"])
        #expect(e.map(\.minutes) == [75])
        #expect(e.map(\.violatingMinutes) == [60])
    }

    @Test func violatingMinutesCountOnlyTheSlotsInsideThePeriod() throws {
        // Hour slots. T1 stopped 07-01 23:00, 07-02 00:00, (01:00 gap), 02:00 → one event
        // 23:00–03:00. For the period 07-02: minutes 180 (00:00–03:00), violating 120 (00 and 02).
        var r = ReadingsFile()
        r.normalDay("2024-07-01") { code, h in code == "t10001" && h == 23 ? 0 : .none }
        r.normalDay("2024-07-02") { code, h in code == "t10001" && [0, 2].contains(h) ? 0 : .none }
        let e = try MiniRun.compute(.standard, r, from: "2024-07-02", to: "2024-07-02").events(.treatmentStopped)
        #expect(e.map(\.span) == ["2024-07-01 23:00:00 – 2024-07-02 03:00:00"])
        #expect(e.map(\.minutes) == [180])
        #expect(e.map(\.violatingMinutes) == [120])
    }
}
