import Accounting
import Baselines
import Foundation
import PEMSCore
import Testing

/// SPEC 2 §5.4, §13.29: a treatment unit drawing power but under `idle_ratio` (0.2) × its
/// five-day baseline running power is STOPPED (空转, seed 001 §7 "低于正常治污五日平均值20%以下"),
/// while its state stays running. Hour slots.
///
/// The standard mini city with the fans' θ lowered to 1 kW (so 1.5 kW still runs). Three
/// normal days 07-01…07-03 (ta 10 kW) give T1 a baseline running power of 10 kW: idle below
/// 2 kW, LOW below 8 kW.
@Suite struct IdleTreatmentTests {
    static func city(process: String = "SPRAY", carbonMaxHours: String = "") -> MiniCity {
        var c = MiniCity.standard
        c.set("facilities.csv", ["P1,E1,production,注塑,,,0.02,0.8,,,,,,",
                                 "T1,E1,treatment,治理,\(process),1,,,0.5,10000,,\(carbonMaxHours),,"])
        c.set("points.csv", ["p1,E1,M1,pg1001,production,P1,设备,100,10,,,",
                             "ta,E1,M1,t10001,treatment,T1,主风机,20,1,,,",
                             "tb,E1,M1,t10002,treatment,T1,备风机,20,1,,,",
                             "tot,E1,M1,100000,total,,总表,300,,,,",
                             "temp,E1,M1,a01012,sensor,T1,温度,,,temperature,760,"])
        return c
    }

    /// Three normal days, then 07-04 as `override` says (same convention as `normalDay`).
    static func readings(_ override: @escaping (String, Int) -> Double?? = { _, _ in .none }) -> ReadingsFile {
        var r = ReadingsFile()
        for d in ["2024-07-01", "2024-07-02", "2024-07-03"] { r.normalDay(d) }
        r.normalDay("2024-07-04", override: override)
        return r
    }

    static func close(_ a: Double?, _ b: Double) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= 1e-12 * max(1, abs(b))
    }

    @Test func aTreatmentUnitIdlingUnderTwentyPercentOfItsBaselineIsStopped() throws {
        // 07-04: ta 1.5 kW (running: ≥ θ 1; idle: < 0.2 × 10) at 09 and 10; at 11 also 1.5 with
        // the temperature out of range (700 < 760): idle is tested before INEFFECTIVE → STOPPED;
        // at 14 ta 2.5 (≥ 2, < 8) → LOW. P1 runs all day.
        let result = try MiniRun.compute(Self.city(), Self.readings { code, h in
            switch (code, h) {
            case ("t10001", 9...11): return 1.5
            case ("a01012", 11): return 700
            case ("t10001", 14): return 2.5
            default: return .none
            }
        }, from: "2024-07-04", to: "2024-07-04")
        let stopped = result.events(.treatmentStopped)
        #expect(stopped.map(\.span) == ["2024-07-04 09:00:00 – 2024-07-04 12:00:00"])
        let e = try #require(stopped.first)
        #expect(e.evidence.baselinePowerKW == 10)
        #expect(e.evidence.meanPowerKW == 1.5)
        #expect(e.evidence.ratio == 0.2)
        #expect(e.evidence.allowedPowerKW == 2)
        #expect(result.events(.treatmentIneffective).isEmpty)
        #expect(result.events(.treatmentLow).map(\.span) == ["2024-07-04 14:00:00 – 2024-07-04 15:00:00"])

        let t1 = try #require(result.facilityDay("T1", "2024-07-04"))
        #expect(t1.baselinePowerKW == 10)
        // The state stays running: 24 running hours; the condition is STOPPED in 3 of N's 24.
        #expect(t1.runningMinutes == 1440)
        #expect(t1.stoppedMinutes == 180)
        #expect(t1.lowMinutes == 60)
        #expect(t1.ineffectiveMinutes == 0)
        #expect(t1.syncRate == 21.0 / 24.0)
        #expect(t1.hourlyConditions == "NNNNNNNNNSSSNNLNNNNNNNNN")
        // q: 1 by the fan law in the 20 NORMAL hours, ∛0.25 in the LOW hour, 0 when idle.
        #expect(Self.close(t1.collectionRate, 0.8 * (20 + cbrt(0.25)) / 24))
        // r over the 24 running slots of N: 0.5 NORMAL, 0.25 LOW, 0 idle.
        #expect(t1.removalSlots == 24)
        #expect(Self.close(t1.removalRate, (20 * 0.5 + 0.25) / 24))
    }

    @Test func anIdleUnitsRemovalComesFromItsSensorsWhenItHasThem() throws {
        // voc_in 100, voc_out 40 mg/m³ all day: r = 0.6 in every running slot, idle ones too.
        var c = Self.city()
        c.add("points.csv", "vin,E1,M1,a24088,sensor,T1,进口,,,voc_in,,", "vout,E1,M1,a24089,sensor,T1,出口,,,voc_out,,")
        var r = Self.readings { code, h in code == "t10001" && (9...10).contains(h) ? 1.5 : .none }
        for d in ["2024-07-01", "2024-07-02", "2024-07-03", "2024-07-04"] {
            r.hourly(d, "a24088", param: "Rtd") { _ in 100 }
            r.hourly(d, "a24089", param: "Rtd") { _ in 40 }
        }
        let t1 = try #require(try MiniRun.compute(c, r, from: "2024-07-04", to: "2024-07-04").facilityDay("T1", "2024-07-04"))
        #expect(t1.stoppedMinutes == 120)
        #expect(Self.close(t1.removalRate, 0.6))
    }

    @Test func withoutABaselineNoUnitIsIdle() throws {
        // 07-01 is the first day: no baseline, so 1.5 kW is simply running (NORMAL, §13.10).
        var r = ReadingsFile()
        r.normalDay("2024-07-01") { code, h in code == "t10001" && (9...10).contains(h) ? 1.5 : .none }
        let result = try MiniRun.compute(Self.city(), r, from: "2024-07-01", to: "2024-07-01")
        #expect(result.events(.treatmentStopped).isEmpty)
        #expect(result.facilityDay("T1", "2024-07-01")?.stoppedMinutes == 0)
    }

    @Test func idleTreatmentStillCountsAsRunningForActivatedCarbon() throws {
        // T1 is an AC unit replaced 07-01 00:00 with carbon_max_hours 96 and idles (1.5 kW) all
        // of 07-04. Its running hours reach 96 at the end of 07-04 (due: CARBON_OVERDUE), but
        // the idle day moves no air (q = 0): 10,000 m³/h × 72 h = 720,000 m³ from 07-01…07-03
        // (q = 1: no baseline yet). kWh counts every present slot: 10 × 72 + 1.5 × 24 = 756.
        var c = Self.city(process: "AC", carbonMaxHours: "96")
        c.add("carbon.csv", "T1,2024-07-01 00:00,500")
        let result = try MiniRun.compute(c, Self.readings { code, _ in code == "t10001" ? 1.5 : .none },
                                         from: "2024-07-04", to: "2024-07-04")
        let day = try #require(result.carbonDays.first { $0.facilityID == "T1" && $0.date.description == "2024-07-04" })
        #expect(day.runningHours == 96)
        #expect(day.airVolumeM3 == 720_000)
        #expect(day.energyKWh == 756)
        #expect(day.due)
        #expect(result.events(.carbonOverdue).map(\.span) == ["2024-07-04 00:00:00 – 2024-07-05 00:00:00"])
        #expect(result.facilityDay("T1", "2024-07-04")?.stoppedMinutes == 1440)
        #expect(result.facilityDay("T1", "2024-07-04")?.runningMinutes == 1440)
    }
}
