import Accounting
import Baselines
import PEMSCore
import Testing

/// SPEC §8 data-quality checks (with §13.8, §13.22, §13.24), end to end on the mini city with
/// hour slots (24 per day), and `ReadingChecks` on hand-made readings.
@Suite struct DataQualityTests {
    // MARK: completeness, flags, thresholds, coverage

    /// 07-01 of the standard city plus E2 (production only, unlinked, no rated/θ) and E3 (a total
    /// meter only). tb sends nothing; temp misses hours 0–2; tot misses hours 0–1; every p1
    /// reading is flagged D/C/M/B; ta's readings are flagged F/S/T/N; a row comes from unknown MN MX.
    static func coverageRun() throws -> ComputationResult {
        var c = MiniCity.standard
        c.add("enterprises.csv", "E2,乙公司,,130602,橡胶,38.9,115.3,1.0,,", "E3,丙公司,,130606,其他,38.9,115.3,1.0,,")
        c.add("collectors.csv", "M2,E2", "M3,E3")
        c.add("facilities.csv", "P2,E2,production,密炼,,,0.03,,,,,,,")
        c.add("points.csv", "q1,E2,M2,pg1001,production,P2,设备,,,,,", "z0,E3,M3,100000,total,,总表,,,,,")
        var r = ReadingsFile()
        r.normalDay("2024-07-01") { code, h in
            switch code {
            case "t10002", "pg1001", "t10001": return .some(nil)
            case "a01012" where h < 3: return .some(nil)
            case "100000" where h < 2: return .some(nil)
            default: return .none
            }
        }
        let bad = Array("DCMB"), good = Array("FSTN")
        for h in 0..<24 {
            let t = "2024-07-01 \(h < 10 ? "0" : "")\(h):00"
            r.add(t, "pg1001", 50, flag: String(bad[h % 4]))
            r.add(t, "t10001", 10, flag: String(good[h % 4]))
        }
        r.add("2024-07-01 08:00", "pg1001", 50, mn: "MX")
        return try MiniRun.compute(c, r, from: "2024-07-01", to: "2024-07-01")
    }

    @Test func noDataAlsoRaisesCompletenessAndPartialDaysBelowNinetyPercentRaiseCompleteness() throws {
        let result = try Self.coverageRun()
        // tb: 0/24 present → NO_DATA and COMPLETENESS.
        #expect(result.dq(.noData, point: "tb").count == 1)
        #expect(result.dq(.completeness, point: "tb").count == 1)
        // temp: 21/24 = 0.875 < 0.9 → COMPLETENESS only.
        #expect(result.dq(.noData, point: "temp").isEmpty)
        #expect(result.dq(.completeness, point: "temp").count == 1)
        // tot: 22/24 ≈ 0.917 ≥ 0.9 → neither.
        #expect(result.dq(.completeness, point: "tot").isEmpty)
        #expect(result.dq(.noData, point: "tot").isEmpty)
    }

    @Test func valuesFlaggedDCMOrBAreNotUsedAndOtherFlagsAre() throws {
        let result = try Self.coverageRun()
        // p1: 24 readings, all D/C/M/B → no present slot → NO_DATA.
        #expect(result.dq(.noData, point: "p1").count == 1)
        // ta: F/S/T/N are usable → 24/24.
        #expect(result.dq(.completeness, point: "ta").isEmpty)
        // P1's only point has no usable value → P1 completeness 0.
        #expect(result.facilityDay("P1", "2024-07-01")?.completeness == 0)
    }

    @Test func thresholdUnknownOnlyForProductionAndTreatmentPoints() throws {
        let result = try Self.coverageRun()
        // q1: production, no threshold_kw, no rated_kw, no history → THRESHOLD_UNKNOWN.
        #expect(result.dq(.thresholdUnknown).map(\.pointID) == ["q1"])
        // z0 is a total meter with neither: not raised (§13.8); p1/ta/tb have registry θ.
    }

    @Test func registryCoverageChecksPerEnterpriseAndUnknownMN() throws {
        let result = try Self.coverageRun()
        func checks(_ e: String) -> Set<DQCheck> {
            Set(result.dq.filter { $0.enterpriseID == e && $0.pointID.isEmpty }.map(\.check))
        }
        #expect(checks("E1") == [])
        #expect(checks("E2") == [.noTotalPoint, .noTreatmentPoint, .unlinkedProduction])
        #expect(checks("E3") == [.noProductionPoint, .noTreatmentPoint])
        let unknown = result.dq(.unknownMN)
        #expect(unknown.map(\.pointID) == ["MX"])
        #expect(unknown.first?.enterpriseID == "")
        #expect(unknown.first?.date.description == "2024-07-01")
    }

    // MARK: counters and power readings

    /// Enterprise E5 (collector M5), facility P5 with one point per check, on 07-01 and 07-02:
    /// - cnt: Ept only, rated 10. 07-01: 1000 + 5/h, but 05:00 → 06:00 steps 30 kWh; 23:00 = 1140.
    ///   07-02: 00:00 = 1100 (back), then +5/h except 10:00 → 11:00 +40.
    /// - mis / mok: Pt 10, 9, 10, 9 … (max 10); Ept 0 at 00:00 and 251 / 250 at 23:00.
    /// - big / bok: Pt 10000, 9999 …; Ept 0 at 00:00 and 200001 / 200000 at 23:00.
    /// - flat: Pt 7 from 00:00 to 04:00 (5 readings), then 8, 9, 8 …; flat2: 7 from 00:00 to
    ///   03:00, then 8, 9 …; zero: Pt 0 all day. neg: Pt 5 but −3 at 02:00 (flag N).
    static func counterRun() throws -> ComputationResult {
        var c = MiniCity.standard
        c.add("enterprises.csv", "E5,戊公司,,130602,化工,38.9,115.3,1.0,,")
        c.add("collectors.csv", "M5,E5")
        c.add("facilities.csv", "P5,E5,production,反应釜,,,0.03,,,,,,,")
        let ids = ["cnt", "mis", "mok", "big", "bok", "flat", "flat2", "zero", "neg"]
        for (i, id) in ids.enumerated() {
            c.add("points.csv", "\(id),E5,M5,pg500\(i),production,P5,\(id),\(id == "cnt" ? "10" : ""),1,,,")
        }
        var r = ReadingsFile()
        r.mn = "M5"
        func at(_ day: String, _ h: Int) -> String { "\(day) \(h < 10 ? "0" : "")\(h):00" }
        func code(_ id: String) -> String { "pg500\(ids.firstIndex(of: id)!)" }
        let d1 = "2024-07-01", d2 = "2024-07-02"
        r.hourly(d1, code("cnt"), param: "Ept") { h in h <= 5 ? 1000 + 5 * Double(h) : 1055 + 5 * Double(h - 6) }
        r.hourly(d2, code("cnt"), param: "Ept") { h in h <= 10 ? 1100 + 5 * Double(h) : 1190 + 5 * Double(h - 11) }
        for (id, end) in [("mis", 251.0), ("mok", 250.0)] {
            r.hourly(d1, code(id)) { h in h % 2 == 0 ? 10 : 9 }
            r.add(at(d1, 0), code(id), 0, param: "Ept")
            r.add(at(d1, 23), code(id), end, param: "Ept")
        }
        for (id, end) in [("big", 200_001.0), ("bok", 200_000.0)] {
            r.hourly(d1, code(id)) { h in h % 2 == 0 ? 10_000 : 9_999 }
            r.add(at(d1, 0), code(id), 0, param: "Ept")
            r.add(at(d1, 23), code(id), end, param: "Ept")
        }
        r.hourly(d1, code("flat")) { h in h <= 4 ? 7 : (h % 2 == 0 ? 8 : 9) }
        r.hourly(d1, code("flat2")) { h in h <= 3 ? 7 : (h % 2 == 0 ? 8 : 9) }
        r.hourly(d1, code("zero")) { _ in 0 }
        r.hourly(d1, code("neg")) { h in h == 2 ? -3 : (h % 2 == 0 ? 5 : 6) }
        return try MiniRun.compute(c, r, from: d1, to: d2)
    }

    @Test func anEptCounterGoingBackwardsIsNegativeDatedByTheLaterReadingAndGivesNoPower() throws {
        let result = try Self.counterRun()
        // 07-01 23:00 = 1140 → 07-02 00:00 = 1100: NEGATIVE on 07-02 (the later reading), not 07-01.
        #expect(result.dq(.negative, point: "cnt").map(\.date.description) == ["2024-07-02"])
        // No power sample from that pair: cnt's slots 0–22 of 07-01 come from rising 1-hour pairs,
        // slot 23 (23:00 → next 00:00, backwards) stays missing. Every other P5 point has Pt in all
        // 24 hours, and a facility slot is present only when all its points are → P5 23/24.
        #expect(result.facilityDay("P5", "2024-07-01")?.completeness == 23.0 / 24.0)
        #expect(result.dq(.completeness, point: "cnt", date: "2024-07-01").isEmpty)  // 23/24 ≈ 0.958
    }

    @Test func counterJumpNeedsAStepAboveThreeTimesRatedPower() throws {
        let result = try Self.counterRun()
        // 3 × max(rated 10, no Pt) = 30 kW. 07-01 05:00 → 06:00: 30 kWh / 1 h = 30, not > 30.
        // 07-02 10:00 → 11:00: 40 kWh / 1 h = 40 > 30 → COUNTER_JUMP on 07-02 only.
        #expect(result.dq(.counterJump, point: "cnt").map(\.date.description) == ["2024-07-02"])
        // A step backwards is not a jump; no other point jumps: mis 251 kWh / 23 h ≈ 10.9 < 3 × 10;
        // big 200001 / 23 ≈ 8696 < 3 × 10000.
        #expect(result.dq(.counterJump).count == 1)
    }

    @Test func energyPowerMismatchWhenTheDaysEnergyExceeds25TimesItsMaxPower() throws {
        let result = try Self.counterRun()
        // max Pt 10 → 25 × 10 = 250 kWh: ΔEpt 251 > 250 fires; 250 does not. cnt has no Pt: skipped
        // (ΔEpt 140 on 07-01 would be > 25 × 0). big: 200001 < 25 × 10000.
        #expect(result.dq(.energyPowerMismatch).map(\.pointID) == ["mis"])
    }

    @Test func energyTooLargeAboveTwoHundredThousandKWh() throws {
        let result = try Self.counterRun()
        // ΔEpt 200001 > 200000 fires; exactly 200000 does not.
        #expect(result.dq(.energyTooLarge).map(\.pointID) == ["big"])
    }

    @Test func constantNeedsIdenticalNonZeroReadingsSpanningFourHours() throws {
        let result = try Self.counterRun()
        // flat: 7 kW from 00:00 to 04:00 = 240 min ≥ 240 → CONSTANT; flat2: 00:00–03:00 = 180 → no;
        // zero: 0 kW is never "constant".
        #expect(result.dq(.constant).map(\.pointID) == ["flat"])
        #expect(result.dq(.constant).first?.date.description == "2024-07-01")
    }

    @Test func aNegativePtFlaggedNormalIsANegativeFinding() throws {
        let result = try Self.counterRun()
        #expect(result.dq(.negative, point: "neg").map(\.date.description) == ["2024-07-01"])
        #expect(Set(result.dq(.negative).map(\.pointID)) == ["cnt", "neg"])
    }

    // MARK: SUM_EXCEEDS_TOTAL

    /// 07-01: tot 100 kW, p1 100 kW, ta `ta` kW, tb 0; tot misses the first `totMissing` hours.
    static func sumRun(ta: Double, totMissing: Int = 0) throws -> ComputationResult {
        var r = ReadingsFile()
        r.normalDay("2024-07-01") { code, h in
            switch code {
            case "100000": return h < totMissing ? .some(nil) : 100
            case "pg1001": return 100
            case "t10001": return ta
            default: return .none
            }
        }
        return try MiniRun.compute(.standard, r, from: "2024-07-01", to: "2024-07-01")
    }

    @Test func sumExceedsTotalAboveOnePointOneTimesTheTotalMeter() throws {
        // parts (100 + 11) × 24 h = 2664 kWh > 1.1 × 100 × 24 = 2640 → fires.
        let fires = try Self.sumRun(ta: 11).dq(.sumExceedsTotal)
        #expect(fires.map(\.enterpriseID) == ["E1"])
        #expect(fires.first?.pointID == "")
        // (100 + 10) × 24 = 2640, not > 2640 → no.
        #expect(try Self.sumRun(ta: 10).dq(.sumExceedsTotal).isEmpty)
    }

    @Test func sumExceedsTotalNeedsTheTotalMeterNinetyPercentComplete() throws {
        // tot 21/24 = 0.875 < 0.9 → not evaluated even though 111 > 110 in every slot.
        #expect(try Self.sumRun(ta: 11, totMissing: 3).dq(.sumExceedsTotal).isEmpty)
        // tot 22/24 ≈ 0.917 → evaluated over those 22 slots: 111 × 22 > 1.1 × 100 × 22 → fires.
        #expect(try Self.sumRun(ta: 11, totMissing: 2).dq(.sumExceedsTotal).count == 1)
    }

    // MARK: ReadingChecks directly

    @Test func readingChecksDateACounterStepByItsLaterReading() throws {
        let reg = try MiniCity.standard.registry()
        var checks = ReadingChecks(registry: reg, settings: MiniRun.hourly)
        let p1 = reg.pointIndex("p1")
        let d1 = Day("2024-07-01")!
        // 23:00 = 100 kWh on 07-01; 00:00 = 90 on 07-02.
        let a = checks.observe(point: p1, day: d1, PointDayReadings(energy: [Reading(second: 82_800, value: 100)]))
        let b = checks.observe(point: p1, day: d1.adding(days: 1), PointDayReadings(energy: [Reading(second: 0, value: 90)]))
        #expect(!a.negative)
        #expect(b.negative)
        // 00:00 → 00:30: +200 kWh in 0.5 h = 400 kW > 3 × max(rated 100, no Pt) = 300 → jump.
        var fresh = ReadingChecks(registry: reg, settings: MiniRun.hourly)
        let j = fresh.observe(point: p1, day: d1, PointDayReadings(energy: [Reading(second: 0, value: 0), Reading(second: 1800, value: 200)]))
        #expect(j.counterJump)
        #expect(j.deltaEnergyKWh == 200)
        // +150 in 0.5 h = 300 kW: not > 300.
        var edge = ReadingChecks(registry: reg, settings: MiniRun.hourly)
        let k = edge.observe(point: p1, day: d1, PointDayReadings(energy: [Reading(second: 0, value: 0), Reading(second: 1800, value: 150)]))
        #expect(!k.counterJump)
    }

    @Test func aConstantRunAcrossMidnightIsReportedOnEveryDayItTouches() throws {
        let reg = try MiniCity.standard.registry()
        var checks = ReadingChecks(registry: reg, settings: MiniRun.hourly)
        let p1 = reg.pointIndex("p1")
        let d1 = Day("2024-07-01")!
        // 5 kW at 22:00, 23:00 on 07-01 and 00:00, 01:00, 02:00 on 07-02: 22:00 → 02:00 = 240 min.
        _ = checks.observe(point: p1, day: d1, PointDayReadings(fine: [Reading(second: 79_200, value: 5), Reading(second: 82_800, value: 5)]))
        _ = checks.observe(point: p1, day: d1.adding(days: 1),
                           PointDayReadings(fine: [0, 3600, 7200].map { Reading(second: $0, value: 5) } + [Reading(second: 10_800, value: 6)]))
        checks.finish()
        #expect(checks.constantDays[p1] == [d1.index, d1.index + 1])
    }
}
