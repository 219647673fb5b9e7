@testable import Accounting
import Baselines
import PEMSCore
import Testing

/// SPEC §7 events: merging (`merge_gap_slots`, §13.13), `min_minutes`, midnight, exemptions
/// (§13.14), and each rule end to end on the mini city (hour slots unless said otherwise).
@Suite struct EventRuleTests {
    // MARK: EventTracker (15-minute slots, defaults)

    static let d1 = Day("2024-07-01")!

    /// Feeds violating slots per day for one key and returns the closed events as
    /// (first slot, end slot exclusive) relative to d1's slot 0.
    static func track(_ days: [[Int]], rule: AnomalyRule = .treatmentStopped, settings: Settings = Settings())
        -> [EventTracker.Closed] {
        var t = EventTracker(settings: settings)
        let n = SlotClock(minutes: settings.slotMinutes).slotsPerDay
        let key = EventTracker.Key(rule: rule, enterprise: 0, facility: 0)
        for (i, slots) in days.enumerated() {
            var marks = [Bool](repeating: false, count: n)
            for k in slots { marks[k] = true }
            t.feed(key, day: d1.adding(days: i), marks: marks, context: { EventEvidence() }) { _ in .init() }
        }
        t.finish()
        return t.closed
    }

    static func spans(_ c: [EventTracker.Closed]) -> [ClosedRange<Int>] {
        let base = d1.index * 96
        return c.map { ($0.startAbs - base)...($0.endAbs - base) }
    }

    @Test func aGapOfExactlyMergeGapSlotsMergesAndCountsInMinutes() {
        // Slots 10, 11, (12), 13, 14 with merge_gap_slots 1 → one event [10, 15): 5 slots × 15 = 75 min.
        let c = Self.track([[10, 11, 13, 14]])
        #expect(Self.spans(c) == [10...15])
        #expect(c.first?.evidence.gapSlots == 1)
        #expect(c.first?.evidence.violatingSlots == 4)
    }

    @Test func aGapOfMergeGapPlusOneSlotsDoesNotMerge() {
        // Slots 10, 11, (12, 13), 14, 15: two gap slots > 1 → [10, 12) and [14, 16), 30 min each.
        #expect(Self.spans(Self.track([[10, 11, 14, 15]])) == [10...12, 14...16])
    }

    @Test func mergeGapSlotsIsASetting() {
        var s = Settings()
        s.mergeGapSlots = 2
        let c = Self.track([[10, 11, 14, 15]], settings: s)
        #expect(Self.spans(c) == [10...16])
        #expect(c.first?.evidence.gapSlots == 2)
    }

    @Test func anEventCrossingMidnightIsOneEvent() {
        // Day 1 slots 94, 95 (23:30, 23:45) and day 2 slots 0, 1 → [94, 98) = 23:30 → 00:30 next day.
        #expect(Self.spans(Self.track([[94, 95], [0, 1]])) == [94...98])
        // A gap slot at midnight merges too: day 1 slot 95, day 2 slots (0) 1, 2 → [95, 99).
        #expect(Self.spans(Self.track([[95], [1, 2]])) == [95...99])
    }

    @Test func minMinutesDropsShortEvents() {
        // TREATMENT_STOPPED needs 30 min: 1 slot (15) is dropped, 2 slots (30) count.
        #expect(Self.track([[5]], rule: .treatmentStopped).isEmpty)
        #expect(Self.spans(Self.track([[5, 6]], rule: .treatmentStopped)) == [5...7])
        // TREATMENT_LOW needs 60: 3 slots (45) dropped, 4 (60) count.
        #expect(Self.track([[5, 6, 7]], rule: .treatmentLow).isEmpty)
        #expect(Self.spans(Self.track([[5, 6, 7, 8]], rule: .treatmentLow)) == [5...9])
        // end − start includes gap slots: 5, (6), 7 = 45 min dropped; 5, (6), 7, 8 = 60 min counts.
        #expect(Self.track([[5, 7]], rule: .treatmentLow).isEmpty)
        #expect(Self.spans(Self.track([[5, 7, 8]], rule: .treatmentLow)) == [5...9])
    }

    @Test func differentFacilitiesNeverMerge() {
        var t = EventTracker(settings: Settings())
        var marks = [Bool](repeating: false, count: 96)
        marks[10] = true; marks[11] = true
        for f in 0..<2 {
            t.feed(EventTracker.Key(rule: .treatmentStopped, enterprise: 0, facility: f), day: Self.d1, marks: marks,
                   context: { EventEvidence() }) { _ in .init() }
        }
        t.finish()
        #expect(t.closed.count == 2)
    }

    // MARK: end to end (hour slots: 24 per day)

    @Test func treatmentStoppedOnlyWhenPrimaryAndBackupAreBothDown() throws {
        // min_running 1. Hours 2–3: ta 0, tb 6 → running (backup up). Hours 4–5: ta 0, tb 0 → stopped
        // while p1 runs → TREATMENT_STOPPED 04:00–06:00 (120 ≥ 30 min).
        var r = ReadingsFile()
        r.normalDay("2024-07-01") { code, h in
            switch (code, h) {
            case ("t10001", 2...5): return 0
            case ("t10002", 2...3): return 6
            default: return .none
            }
        }
        let result = try MiniRun.compute(.standard, r, from: "2024-07-01", to: "2024-07-01")
        let stopped = result.events(.treatmentStopped)
        #expect(stopped.map(\.span) == ["2024-07-01 04:00:00 – 2024-07-01 06:00:00"])
        #expect(stopped.first?.facilityID == "T1")
        #expect(stopped.first?.minutes == 120)
        let t1 = try #require(result.facilityDay("T1", "2024-07-01"))
        #expect(t1.stoppedMinutes == 120)
        #expect(t1.syncRate == 22.0 / 24.0)  // N = 24 slots, 2 stopped
    }

    @Test func ineffectiveWhenASensorLeavesItsValidRange() throws {
        // temp valid_min 760: 700 °C at 06, 07 → INEFFECTIVE 06:00–08:00; 760 at 08 is inside the range.
        var r = ReadingsFile()
        r.normalDay("2024-07-01") { code, h in
            switch (code, h) {
            case ("a01012", 6...7): return 700
            case ("a01012", 8): return 760
            default: return .none
            }
        }
        let result = try MiniRun.compute(.standard, r, from: "2024-07-01", to: "2024-07-01")
        let e = result.events(.treatmentIneffective)
        #expect(e.map(\.span) == ["2024-07-01 06:00:00 – 2024-07-01 08:00:00"])
        #expect(e.first?.evidence.sensorRanges == ["temp": [700, 700]])
        #expect(result.facilityDay("T1", "2024-07-01")?.ineffectiveMinutes == 120)
    }

    /// T1 stopped (both fans 0) on 07-01 at 23:00 and 07-02 at 00:00, p1 running.
    static func midnightReadings() -> ReadingsFile {
        var r = ReadingsFile()
        r.normalDay("2024-07-01") { code, h in code == "t10001" && h == 23 ? 0 : .none }
        r.normalDay("2024-07-02") { code, h in code == "t10001" && h == 0 ? 0 : .none }
        return r
    }

    @Test func anEventCrossingMidnightEndToEnd() throws {
        let result = try MiniRun.compute(.standard, Self.midnightReadings(), from: "2024-07-01", to: "2024-07-02")
        let e = result.events(.treatmentStopped)
        #expect(e.map(\.span) == ["2024-07-01 23:00:00 – 2024-07-02 01:00:00"])
        #expect(e.first?.minutes == 120)
    }

    @Test func anEventRunningIntoThePeriodKeepsItsTrueStartAndCountsOnlyMinutesInside() throws {
        // §13.12: period 07-02 only: start stays 07-01 23:00, minutes = 60 (00:00–01:00).
        let result = try MiniRun.compute(.standard, Self.midnightReadings(), from: "2024-07-02", to: "2024-07-02")
        let e = result.events(.treatmentStopped)
        #expect(e.map(\.span) == ["2024-07-01 23:00:00 – 2024-07-02 01:00:00"])
        #expect(e.first?.minutes == 60)
    }

    // MARK: exemptions

    /// T1 stopped 10:00–14:00 on 07-01 (4 slots) with p1 running, and the given exemption rows.
    static func exemptionRun(_ rows: [String], settings: Settings = MiniRun.hourly) throws -> ComputationResult {
        var c = MiniCity.standard
        c.set("exemptions.csv", rows)
        var r = ReadingsFile()
        r.normalDay("2024-07-01") { code, h in code == "t10001" && (10...13).contains(h) ? 0 : .none }
        return try MiniRun.compute(c, r, from: "2024-07-01", to: "2024-07-01", settings: settings)
    }

    @Test func withoutExemptionTheWholeStopIsOneEvent() throws {
        let e = try Self.exemptionRun([]).events(.treatmentStopped)
        #expect(e.map(\.span) == ["2024-07-01 10:00:00 – 2024-07-01 14:00:00"])
        #expect(e.first?.minutes == 240)
    }

    @Test func anApprovedExemptionCoveringHalfAnEventLeavesTheOtherHalf() throws {
        // Exempt 12:00–14:00: slots 12, 13 never violate → 10:00–12:00 (120 ≥ 30 min) remains.
        let result = try Self.exemptionRun(["E1,T1,2024-07-01 12:00,2024-07-01 14:00,检修,approved"])
        let e = result.events(.treatmentStopped)
        #expect(e.map(\.span) == ["2024-07-01 10:00:00 – 2024-07-01 12:00:00"])
        #expect(e.first?.minutes == 120)
        // §13.14: exemptions remove events only; the minutes still count all 4 stopped slots.
        #expect(result.facilityDay("T1", "2024-07-01")?.stoppedMinutes == 240)
    }

    @Test func theRemainingPartOfAnExemptedEventMustReachMinMinutes() throws {
        var s = MiniRun.hourly
        s.minMinutes["TREATMENT_STOPPED"] = 90
        // Exempt 12:00–14:00: 10:00–12:00 = 120 ≥ 90 → kept.
        #expect(try Self.exemptionRun(["E1,T1,2024-07-01 12:00,2024-07-01 14:00,检修,approved"], settings: s)
            .events(.treatmentStopped).map(\.span) == ["2024-07-01 10:00:00 – 2024-07-01 12:00:00"])
        // Exempt 11:00–14:00: 10:00–11:00 = 60 < 90 → no event.
        #expect(try Self.exemptionRun(["E1,T1,2024-07-01 11:00,2024-07-01 14:00,检修,approved"], settings: s)
            .events(.treatmentStopped).isEmpty)
    }

    @Test func pendingAndRejectedExemptionsDoNothing() throws {
        let e = try Self.exemptionRun(["E1,T1,2024-07-01 10:00,2024-07-01 14:00,检修,pending",
                                       "E1,,2024-07-01 10:00,2024-07-01 14:00,停电,rejected"]).events(.treatmentStopped)
        #expect(e.map(\.span) == ["2024-07-01 10:00:00 – 2024-07-01 14:00:00"])
    }

    @Test func anExemptionCoversOnlyItsFacilityOrAllWhenBlank() throws {
        // Named P1: does not cover T1's event.
        #expect(try Self.exemptionRun(["E1,P1,2024-07-01 10:00,2024-07-01 14:00,检修,approved"])
            .events(.treatmentStopped).count == 1)
        // Blank facility: covers every facility of E1 → no event.
        #expect(try Self.exemptionRun(["E1,,2024-07-01 10:00,2024-07-01 14:00,检修,approved"])
            .events(.treatmentStopped).isEmpty)
    }

    // MARK: measures

    @Test func stopViolationWhileAStopMeasureIsInForce() throws {
        // Red response 20:00–22:00; plan: P1 stop. p1 50 (running) at 20 → violates; 5 kW (< θ 10) at 21 → no;
        // 50 at 22 is outside [start, end). → STOP_VIOLATION 20:00–21:00 (60 ≥ 30 min).
        var c = MiniCity.standard
        c.add("plans.csv", "E1,red,P1,stop,,")
        c.add("responses.csv", "R2,red,2024-07-01 20:00,2024-07-01 22:00,130602")
        var r = ReadingsFile()
        r.normalDay("2024-07-01") { code, h in code == "pg1001" && h == 21 ? 5 : .none }
        let result = try MiniRun.compute(c, r, from: "2024-07-01", to: "2024-07-01")
        let e = result.events(.stopViolation)
        #expect(e.map(\.span) == ["2024-07-01 20:00:00 – 2024-07-01 21:00:00"])
        #expect(e.first?.evidence.levels == ["red"])
        #expect(e.first?.evidence.responseIDs == ["R2"])
    }

    @Test func aResponseForAnotherDistrictPutsNoMeasureInForce() throws {
        var c = MiniCity.standard
        c.add("plans.csv", "E1,red,P1,stop,,")
        c.add("responses.csv", "R2,red,2024-07-01 20:00,2024-07-01 22:00,130606")
        var r = ReadingsFile()
        r.normalDay("2024-07-01")
        #expect(try MiniRun.compute(c, r, from: "2024-07-01", to: "2024-07-01").events(.stopViolation).isEmpty)
    }

    /// A heat day from weather.csv applies the `heat` plan rows: P1 shift with ratio 0 in 11:00–13:00.
    static func heatShiftRun(maxTemp: String, district: String = "130602") throws -> ComputationResult {
        var c = MiniCity.standard
        c.add("plans.csv", "E1,heat,P1,shift,0,11:00-13:00")
        c.add("weather.csv", "2024-07-01,\(district),\(maxTemp)")
        var r = ReadingsFile()
        r.normalDay("2024-07-01")  // p1 runs all day at 50 kW
        return try MiniRun.compute(c, r, from: "2024-07-01", to: "2024-07-01")
    }

    @Test func aHeatDayAppliesHeatPlanRowsAndShiftWithRatioZeroForbidsRunning() throws {
        // 35.0 ≥ 35 → heat day. p1 runs at 11, 12 inside [11:00, 13:00) → 11:00–13:00, 120 min;
        // 13:00 is outside the window.
        let e = try Self.heatShiftRun(maxTemp: "35.0").events(.shiftViolation)
        #expect(e.map(\.span) == ["2024-07-01 11:00:00 – 2024-07-01 13:00:00"])
        #expect(e.first?.minutes == 120)
        #expect(e.first?.evidence.levels == ["heat"])
        #expect(e.first?.evidence.responseIDs == nil)  // implicit response: no id
    }

    @Test func belowTheHeatTemperatureOrInAnotherDistrictThereIsNoHeatDay() throws {
        #expect(try Self.heatShiftRun(maxTemp: "34.9").events(.shiftViolation).isEmpty)
        #expect(try Self.heatShiftRun(maxTemp: "38", district: "130606").events(.shiftViolation).isEmpty)
    }

    @Test func shiftWithRatioAboveZeroUsesTheWindowsProfileMean() throws {
        // 07-01…07-03 normal; p1 50 kW except hour 10 = 100, 11 = 20, 12 = 60.
        // Profile over the window 10:00–13:00 = (100 + 20 + 60)/3 = 60 → allowed 0.5 × 60 = 30 kW.
        // 07-04 is a heat day; p1 = 28 at 10 (≤ 30), 15 at 11 (≤ 30), 31 at 12 (> 30) → 12:00–13:00.
        // (Per-slot profile would allow 10 at hour 11 → 15 would violate; the running-power
        // baseline (21 × 50 + 180)/24 = 51.25 would allow 25.625 → 28 would violate.)
        var c = MiniCity.standard
        c.add("plans.csv", "E1,heat,P1,shift,0.5,10:00-13:00")
        c.add("weather.csv", "2024-07-04,130602,36")
        var r = ReadingsFile()
        let profile: [Int: Double] = [10: 100, 11: 20, 12: 60]
        for d in ["2024-07-01", "2024-07-02", "2024-07-03"] {
            r.normalDay(d) { code, h in code == "pg1001" && profile[h] != nil ? profile[h]! : .none }
        }
        let today: [Int: Double] = [10: 28, 11: 15, 12: 31]
        r.normalDay("2024-07-04") { code, h in code == "pg1001" && today[h] != nil ? today[h]! : .none }
        let result = try MiniRun.compute(c, r, from: "2024-07-04", to: "2024-07-04")
        #expect(result.facilityDay("P1", "2024-07-04")?.baselinePowerKW == 51.25)
        let e = result.events(.shiftViolation)
        #expect(e.map(\.span) == ["2024-07-04 12:00:00 – 2024-07-04 13:00:00"])
        #expect(e.first?.evidence.allowedPowerKW == 30)
        #expect(e.first?.evidence.ratio == 0.5)
    }

    // MARK: OFFLINE, CARBON_OVERDUE

    @Test func offlineWhenEveryPointOfTheEnterpriseIsMissing() throws {
        // All five points silent at hour 1 and hours 5–7 → OFFLINE 01:00–02:00 (60 ≥ 60) and
        // 05:00–08:00 (gap 2–4 is 3 slots > 1: no merge). At hour 9 only the sensor reports → not
        // offline (§13.16 counts sensors).
        var r = ReadingsFile()
        r.normalDay("2024-07-01") { code, h in
            if [1, 5, 6, 7].contains(h) { return .some(nil) }
            if h == 9 && code != "a01012" { return .some(nil) }
            return .none
        }
        let e = try MiniRun.compute(.standard, r, from: "2024-07-01", to: "2024-07-01").events(.offline)
        #expect(e.map(\.span) == ["2024-07-01 01:00:00 – 2024-07-01 02:00:00", "2024-07-01 05:00:00 – 2024-07-01 08:00:00"])
        #expect(e.allSatisfy { $0.facilityID == nil && $0.enterpriseID == "E1" })
        #expect(e.map(\.minutes) == [60, 180])
    }

    @Test func carbonOverdueByDaysRunsFromTheDueDayAndIsNeverExempted() throws {
        // AC facility, carbon_cycle_days 2.5, replaced 07-01 12:00. Status at each day's end:
        // 07-01 → 0.5 d, 07-02 → 1.5, 07-03 → 2.5 (≥ 2.5: due), 07-04 → 3.5 (due).
        // → one event 07-03 00:00 – 07-05 00:00 (consecutive due days merge), 2880 min.
        var c = MiniCity.standard
        c.set("facilities.csv", ["P1,E1,production,注塑,,,0.02,0.8,,,,,,",
                                 "T1,E1,treatment,活性炭,AC,1,,,0.7,10000,2.5,,,"])
        c.add("carbon.csv", "T1,2024-07-01 12:00,500")
        c.add("exemptions.csv", "E1,,2024-07-01 00:00,2024-07-05 00:00,检修,approved")
        var r = ReadingsFile()
        for d in ["2024-07-01", "2024-07-02", "2024-07-03", "2024-07-04"] { r.normalDay(d) }
        let e = try MiniRun.compute(c, r, from: "2024-07-01", to: "2024-07-04").events(.carbonOverdue)
        #expect(e.map(\.span) == ["2024-07-03 00:00:00 – 2024-07-05 00:00:00"])
        #expect(e.first?.minutes == 2880)
        #expect(e.first?.evidence.carbon == ["days": 3.5])
    }
}
