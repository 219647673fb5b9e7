import Accounting
import Baselines
import PEMSCore
import Testing

/// SPEC §6 five-day baseline: normal days, 3-day minimum, 5 most recent, 60-day look-back,
/// running power / energy / profile / window mean; and end to end, what an unavailable
/// baseline does to LOW and LIMIT (§7, §13.10, §13.24).
@Suite struct BaselineTests {
    static let d = Day("2024-07-15")!
    static let hour = SlotClock(minutes: 60)

    /// An hour-slot facility day: `running` slots at `power` kW from 00:00, then stopped slots
    /// at `idle` kW; the last `missing` slots missing (unknown).
    static func day(running: Int, power: Double, idle: Double = 0, missing: Int = 0) -> FacilityDay {
        var state = [SlotState](repeating: .stopped, count: 24)
        var p = [Double](repeating: idle, count: 24)
        for k in 0..<running { state[k] = .running; p[k] = power }
        for k in (24 - missing)..<24 { state[k] = .unknown; p[k] = .nan }
        return FacilityDay(state: state, power: p, clock: hour)
    }

    // MARK: normal days

    @Test func normalDayNeedsNinetyPercentCompleteness() {
        // 1-minute slots: 1296 / 1440 = 0.9 exactly → normal; 1295 / 1440 < 0.9 → not.
        let minute = SlotClock(minutes: 1)
        func f(present: Int) -> FacilityDay {
            FacilityDay(state: (0..<1440).map { $0 < present ? .running : .unknown },
                        power: (0..<1440).map { $0 < present ? 10 : .nan }, clock: minute)
        }
        #expect(BaselineHistory.isNormal(f(present: 1296), responseOverlaps: false, clock: minute, settings: Settings()))
        #expect(!BaselineHistory.isNormal(f(present: 1295), responseOverlaps: false, clock: minute, settings: Settings()))
    }

    @Test func normalDayNeedsTwoHundredFortyRunningMinutesAndNoResponse() {
        // 4 running hour slots = 240 min → normal; 3 = 180 min → not.
        #expect(BaselineHistory.isNormal(Self.day(running: 4, power: 10), responseOverlaps: false, clock: Self.hour, settings: MiniRun.hourly))
        #expect(!BaselineHistory.isNormal(Self.day(running: 3, power: 10), responseOverlaps: false, clock: Self.hour, settings: MiniRun.hourly))
        #expect(!BaselineHistory.isNormal(Self.day(running: 24, power: 10), responseOverlaps: true, clock: Self.hour, settings: MiniRun.hourly))
    }

    // MARK: building the baseline

    @Test func baselineWithExactlyThreeNormalDaysIsAvailableAndWithTwoIsNot() throws {
        var h = BaselineHistory(facilityCount: 1, settings: MiniRun.hourly)
        // Day A: 4 slots at 10 kW running, 19 at 1 kW stopped, slot 23 missing; B: 20 / 2; C: 30 / 3.
        h.pushNormal(facility: 0, day: Self.d.adding(days: -3), Self.day(running: 4, power: 10, idle: 1, missing: 1))
        h.pushNormal(facility: 0, day: Self.d.adding(days: -2), Self.day(running: 4, power: 20, idle: 2, missing: 1))
        #expect(h.baseline(facility: 0, for: Self.d) == nil)  // 2 < 3: unavailable
        h.pushNormal(facility: 0, day: Self.d.adding(days: -1), Self.day(running: 4, power: 30, idle: 3, missing: 1))
        let b = try #require(h.baseline(facility: 0, for: Self.d))
        #expect(b.days == [-3, -2, -1].map { Self.d.adding(days: $0) })
        // running power: mean of the day means over running slots = (10 + 20 + 30) / 3 = 20 kW
        #expect(b.runningPowerKW == 20)
        // energy in running slots: 4 h × 10, 4 × 20, 4 × 30 = 40, 80, 120 → mean 80 kWh
        #expect(b.energyKWh == 80)
        // profile: slot 0 = (10 + 20 + 30)/3 = 20; slot 5 = (1 + 2 + 3)/3 = 2; slot 23 never present → NaN
        #expect(b.profile[0] == 20)
        #expect(b.profile[5] == 2)
        #expect(b.profile[23].isNaN)
        // window mean over slots 0 and 5 = (20 + 2)/2 = 11; slots without a profile value are skipped
        #expect(b.windowMean(slots: [0, 5]) == 11)
        #expect(b.windowMean(slots: [0, 23]) == 20)
        #expect(b.windowMean(slots: [23]) == nil)
    }

    @Test func baselineUsesTheFiveMostRecentNormalDays() throws {
        var h = BaselineHistory(facilityCount: 1, settings: MiniRun.hourly)
        // Six normal days running all day at 10, 20, …, 60 kW (oldest first).
        for i in 0..<6 { h.pushNormal(facility: 0, day: Self.d.adding(days: i - 6), Self.day(running: 24, power: Double(10 * (i + 1)))) }
        let b = try #require(h.baseline(facility: 0, for: Self.d))
        // The five most recent: (20 + 30 + 40 + 50 + 60) / 5 = 40 kW; energy 40 × 24 h = 960 kWh.
        #expect(b.days.count == 5)
        #expect(b.days.first == Self.d.adding(days: -5))
        #expect(b.runningPowerKW == 40)
        #expect(b.energyKWh == 960)
    }

    @Test func baselineLooksBackSixtyDaysInclusive() {
        var old = BaselineHistory(facilityCount: 1, settings: MiniRun.hourly)
        // D−62, D−61 are outside [D−60, D−1]; only D−60 is inside → 1 < 3 → unavailable.
        for back in [62, 61, 60] { old.pushNormal(facility: 0, day: Self.d.adding(days: -back), Self.day(running: 24, power: 10)) }
        #expect(old.baseline(facility: 0, for: Self.d) == nil)
        var edge = BaselineHistory(facilityCount: 1, settings: MiniRun.hourly)
        for back in [60, 59, 58] { edge.pushNormal(facility: 0, day: Self.d.adding(days: -back), Self.day(running: 24, power: 10)) }
        #expect(edge.baseline(facility: 0, for: Self.d)?.runningPowerKW == 10)
    }

    @Test func aDayIsNotItsOwnBaseline() {
        var h = BaselineHistory(facilityCount: 1, settings: MiniRun.hourly)
        for back in [2, 1, 0] { h.pushNormal(facility: 0, day: Self.d.adding(days: -back), Self.day(running: 24, power: 10)) }
        #expect(h.baseline(facility: 0, for: Self.d) == nil)  // D itself does not count: only D−2, D−1
    }

    // MARK: end to end

    /// Days 07-01…07-04 of the standard city (hour slots). 07-02 and 07-03 run normally
    /// (p1 50 kW, ta 10 kW all day). 07-01 runs only hours 0…`d1RunningHours − 1` (p1 50 / ta 10;
    /// else p1 5 kW and ta 0: both stopped). On 07-04 an orange response 08:00–12:00 limits P1
    /// to 0.5 × baseline; p1 is 30 kW at 08–09, 25 at 10, 20 at 11; ta is 7 kW at 14–15 and 8 at 16.
    static func limitAndLowRun(d1RunningHours: Int) throws -> ComputationResult {
        var c = MiniCity.standard
        c.add("plans.csv", "E1,orange,P1,limit,0.5,")
        c.add("responses.csv", "R1,orange,2024-07-04 08:00,2024-07-04 12:00,")
        var r = ReadingsFile()
        r.normalDay("2024-07-01") { code, h in
            guard h >= d1RunningHours else { return .none }
            return code == "pg1001" ? 5 : code == "t10001" ? 0 : .none
        }
        r.normalDay("2024-07-02")
        r.normalDay("2024-07-03")
        r.normalDay("2024-07-04") { code, h in
            switch (code, h) {
            case ("pg1001", 8), ("pg1001", 9): return 30
            case ("pg1001", 10): return 25
            case ("pg1001", 11): return 20
            case ("t10001", 14), ("t10001", 15): return 7
            case ("t10001", 16): return 8
            default: return .none
            }
        }
        return try MiniRun.compute(c, r, from: "2024-07-04", to: "2024-07-04")
    }

    @Test func threeNormalDaysGiveABaselineSoLimitAndLowFire() throws {
        // 07-01 runs 4 h = 240 min → normal: baselines from 07-01…07-03.
        // P1: every normal day's mean running power is 50 → 50 kW. T1: 10 kW.
        let result = try Self.limitAndLowRun(d1RunningHours: 4)
        #expect(result.facilityDay("P1", "2024-07-04")?.baselinePowerKW == 50)
        #expect(result.facilityDay("T1", "2024-07-04")?.baselinePowerKW == 10)
        #expect(result.dq(.baselineUnavailable).isEmpty)
        // LIMIT: allowed 0.5 × 50 = 25 kW; 30 > 25 at 08, 09; 25 is not > 25; 20 neither → 08:00–10:00.
        let limit = result.events(.limitViolation)
        #expect(limit.map(\.span) == ["2024-07-04 08:00:00 – 2024-07-04 10:00:00"])
        #expect(limit.first?.minutes == 120)
        #expect(limit.first?.evidence.allowedPowerKW == 25)
        #expect(limit.first?.evidence.ratio == 0.5)
        // LOW: 0.8 × 10 = 8 kW; 7 < 8 at 14, 15; 8 is not < 8 → 14:00–16:00 (120 ≥ 60 min).
        let low = result.events(.treatmentLow)
        #expect(low.map(\.span) == ["2024-07-04 14:00:00 – 2024-07-04 16:00:00"])
        #expect(result.facilityDay("T1", "2024-07-04")?.lowMinutes == 120)
        #expect(result.events.count == 2)
    }

    @Test func twoNormalDaysLeaveTheBaselineUnavailableSoLimitAndLowDoNotFire() throws {
        // 07-01 runs 3 h = 180 min < 240 → not normal: only 07-02 and 07-03 → 2 < 3.
        let result = try Self.limitAndLowRun(d1RunningHours: 3)
        #expect(result.facilityDay("P1", "2024-07-04")?.baselinePowerKW == nil)
        #expect(result.facilityDay("T1", "2024-07-04")?.baselinePowerKW == nil)
        // One BASELINE_UNAVAILABLE row per electrical point of each facility without one (§13.24):
        // P1 → p1; T1 → ta, tb. Not the total meter, not the sensor.
        let rows = result.dq(.baselineUnavailable, date: "2024-07-04")
        #expect(rows.map(\.pointID).sorted() == ["p1", "ta", "tb"])
        #expect(result.events(.limitViolation).isEmpty)
        #expect(result.events(.treatmentLow).isEmpty)
        // §13.10: without a baseline the slots are NORMAL.
        #expect(result.facilityDay("T1", "2024-07-04")?.lowMinutes == 0)
        #expect(result.facilityDay("T1", "2024-07-04")?.effectiveRate == 1)
    }
}
