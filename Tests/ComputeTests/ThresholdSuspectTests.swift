import Accounting
import PEMSCore
import Testing

/// SPEC 2 §8 THRESHOLD_SUSPECT (with §13.34), end to end on the mini city with hour slots:
/// "7 days' worth" = 7 × 24 = 168 present slot powers in the 14 days before D, response days
/// included.
@Suite struct ThresholdSuspectTests {
    /// The standard city with p1's rated_kw and threshold_kw replaced (blank = nil).
    func city(rated: String = "100", threshold: String, responses: [String] = []) -> MiniCity {
        var c = MiniCity.standard
        c.set("points.csv", c.rows["points.csv"]!.map {
            $0.hasPrefix("p1,") ? "p1,E1,M1,pg1001,production,P1,设备,\(rated),\(threshold),,," : $0
        })
        if !responses.isEmpty { c.set("responses.csv", responses) }
        return c
    }

    /// The standard readings (p1 at 50 kW all day) on every day from `first` through 07-09.
    func readings(first: Int = 1) -> ReadingsFile {
        var r = ReadingsFile()
        for d in first...9 { r.normalDay("2024-07-0\(d)") }
        return r
    }

    func suspectDates(_ result: ComputationResult, point: String = "p1") -> [String] {
        result.dq(.thresholdSuspect, point: point).map(\.date.description)
    }

    @Test func aDeclaredThresholdTheUnitNeverReachesIsSuspect() throws {
        // θ 60 kW; p1 draws 50 kW in every slot of 07-01 … 07-07 → p90 50 < 60 → raised on 07-08
        // (168 slots, exactly 7 days' worth) and 07-09. The yellow response on 07-03 does not take
        // that day out of the window (§13.34: response days included).
        let c = city(threshold: "60", responses: ["R1,yellow,2024-07-03 08:00,2024-07-04 00:00,"])
        let result = try MiniRun.compute(c, readings(), from: "2024-07-08", to: "2024-07-09")
        #expect(suspectDates(result) == ["2024-07-08", "2024-07-09"])
        let detail = result.dq(.thresholdSuspect, point: "p1").first?.detail ?? ""
        #expect(detail.contains("60") && detail.contains("p90 50"), "\(detail)")
    }

    @Test func withFewerThanSevenDaysWorthTheP90GivesNoVerdict() throws {
        // Data from 07-02: on 07-08 the 14 days before hold 6 × 24 = 144 slots → not raised;
        // on 07-09 they hold 7 days' worth → raised.
        let result = try MiniRun.compute(city(threshold: "60"), readings(first: 2), from: "2024-07-08", to: "2024-07-09")
        #expect(suspectDates(result) == ["2024-07-09"])
    }

    @Test func aThresholdEqualToTheP90IsNotSuspect() throws {
        // "above" is strict: θ 50 = p90 50.
        let result = try MiniRun.compute(city(threshold: "50"), readings(), from: "2024-07-08", to: "2024-07-09")
        #expect(suspectDates(result).isEmpty)
    }

    @Test func theStandardThresholdTheUnitReachesIsNotSuspect() throws {
        // p1 (θ 10, 50 kW) and the primary fan ta (θ 5, 10 kW) reach their thresholds. The backup
        // fan tb (θ 5) drew 0 kW in every slot: p90 0 < 5, so it is raised — SPEC §13.34 makes no
        // exception for a standby unit, whose θ the data cannot confirm either.
        let result = try MiniRun.compute(.standard, readings(), from: "2024-07-08", to: "2024-07-09")
        #expect(suspectDates(result).isEmpty)
        #expect(suspectDates(result, point: "ta").isEmpty)
        #expect(suspectDates(result, point: "tb") == ["2024-07-08", "2024-07-09"])
    }

    @Test func aDeclaredThresholdAtOrAboveTheRatingIsSuspectWithoutHistory() throws {
        // θ 100 ≥ rated 100: raised on every day of the period, history or not (data only on 07-09).
        let result = try MiniRun.compute(city(threshold: "100"), readings(first: 9), from: "2024-07-08", to: "2024-07-09")
        #expect(suspectDates(result) == ["2024-07-08", "2024-07-09"])
        let detail = result.dq(.thresholdSuspect, point: "p1").first?.detail ?? ""
        #expect(detail.contains("rated 100"), "\(detail)")
        // θ 99.9 < rated 100 and too little history → not raised.
        let under = try MiniRun.compute(city(threshold: "99.9"), readings(first: 9), from: "2024-07-08", to: "2024-07-09")
        #expect(suspectDates(under).isEmpty)
        // A blank rating gives no rated part.
        let blank = try MiniRun.compute(city(rated: "", threshold: "100"), readings(first: 9), from: "2024-07-08", to: "2024-07-09")
        #expect(suspectDates(blank).isEmpty)
    }

    @Test func derivedThresholdsAndTotalMetersAreNeverSuspect() throws {
        // p1 derives its θ; tot declares 500 kW over its rating 300 but is a total meter.
        var c = city(threshold: "")
        c.set("points.csv", c.rows["points.csv"]!.map { $0.hasPrefix("tot,") ? "tot,E1,M1,100000,total,,总表,300,500,,," : $0 })
        let result = try MiniRun.compute(c, readings(), from: "2024-07-08", to: "2024-07-09")
        #expect(suspectDates(result).isEmpty)
        #expect(suspectDates(result, point: "tot").isEmpty)
    }
}
