import Accounting
import PEMSCore
import Testing

/// SPEC §9.3 reductions, §9.5 allocation, §9.6 rankings and comparisons, and the roll-ups of
/// §9.2/§12 — all computed from facility-day rows and the registry, checked against hand
/// computations.
///
/// Registry: districts 130602 (E1, E2), 130606 (E3) and 130607 (none).
/// - E1 塑料, grade B, min_load 0.5: P1 (voc 0.02, collection 0.8) → T1 (removal 0.5):
///   baseline emission factor 0.02 × (1 − 0.8 × 0.5) = 0.012 kg/kWh.
/// - E2 塑料, grade A: P2 (voc 0.01, collection blank = 0.8), no treatment: factor 0.01.
/// - E3 橡胶: P3 (voc 0.03, collection 0.9) → T3 (removal 0.4): 0.03 × (1 − 0.9 × 0.4) = 0.0192;
///   P4 (voc 0.01, collection 0.5) → T4 (removal blank = 0): 0.01.
/// - Response R1 (orange, city-wide) 2024-07-09 12:00 – 07-11 00:00; targets R1: 130602 3,
///   130606 100, 130607 1 kg/day.
@Suite struct AccountingRollupTests {
    static func registry() throws -> Registry {
        var c = MiniCity(rows: [:])
        c.set("districts.csv", ["130602,竞秀区,1", "130606,莲池区,0", "130607,满城区,0"])
        c.set("enterprises.csv", ["E1,甲,,130602,塑料,,,,B,0.5", "E2,乙,,130602,塑料,,,,A,", "E3,丙,,130606,橡胶,,,,,"])
        c.set("collectors.csv", ["M1,E1", "M2,E2", "M3,E3"])
        c.set("facilities.csv", [
            "P1,E1,production,注塑,,,0.02,0.8,,,,,,", "T1,E1,treatment,喷淋,SPRAY,1,,,0.5,10000,,,,",
            "P2,E2,production,挤出,,,0.01,,,,,,,",
            "P3,E3,production,密炼,,,0.03,0.9,,,,,,", "T3,E3,treatment,光氧,UV,1,,,0.4,10000,,,,",
            "P4,E3,production,硫化,,,0.01,0.5,,,,,,", "T4,E3,treatment,水喷淋,SPRAY,1,,,,10000,,,,",
        ])
        c.set("points.csv", [])
        c.set("links.csv", ["P1,T1", "P3,T3", "P4,T4"])
        c.set("responses.csv", ["R1,orange,2024-07-09 12:00,2024-07-11 00:00,"])
        c.set("targets.csv", ["R1,130602,3", "R1,130606,100", "R1,130607,1"])
        return try c.registry()
    }

    static func close(_ a: Double?, _ b: Double) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= 1e-9 * max(1, abs(b))
    }

    static func day(_ s: String) -> Day { Day(s)! }

    /// A production facility-day with energy, emissions and baseline energy.
    static func production(_ id: String, _ e: String, _ date: String, energy: Double = 100, generated: Double = 0,
                           emitted: Double, baseline: Double?) -> FacilityDayRecord {
        var r = FacilityDayRecord(date: day(date), facilityID: id, enterpriseID: e, kind: .production, completeness: 1,
                                  runningMinutes: 600, energyKWh: energy)
        r.generatedKg = generated
        r.emittedKg = emitted
        r.baselineEnergyKWh = baseline
        return r
    }

    static func treatment(_ id: String, _ e: String, _ date: String, energy: Double = 10, n: Int, sync: Int,
                          normal: Int, collection: Double, removal: Double, running: Int) -> FacilityDayRecord {
        var r = FacilityDayRecord(date: day(date), facilityID: id, enterpriseID: e, kind: .treatment, completeness: 1,
                                  runningMinutes: 600, energyKWh: energy)
        r.nSlots = n
        r.syncSlots = sync
        r.normalSlots = normal
        r.collectionRate = collection
        r.removalRate = removal
        r.removalSlots = running
        return r
    }

    static func event(_ rule: AnomalyRule, _ e: String, _ start: String, _ end: String) -> EventRecord {
        EventRecord(rule: rule, enterpriseID: e, facilityID: nil, start: Timestamp(start)!, end: Timestamp(end)!,
                    minutes: 0, violatingMinutes: 0, evidence: EventEvidence())
    }

    // MARK: §9.5 allocation (water filling)

    static func claimant(_ id: String, _ e: Double?, minLoad: Double = 0, gradeA: Bool = false) -> ReductionAllocation.Claimant {
        .init(enterpriseID: id, baselineKgPerDay: e, minLoadRatio: minLoad, gradeA: gradeA)
    }

    @Test func allocationIsProportionalToBaselineEmissionBelowEveryCap() {
        // 多排多限、少排少限: R = 4 over e = 10 and 30 → λ = 0.1 → 1 and 3; 不排不限: e = 0 → 0.
        let (r, shortfall) = ReductionAllocation.allocate(target: 4, [Self.claimant("A", 10, minLoad: 0.8),
                                                                      Self.claimant("B", 30), Self.claimant("C", 0)])
        #expect(Self.close(r[0], 1) && Self.close(r[1], 3) && r[2] == 0)
        #expect(shortfall == 0)
    }

    @Test func allocationWithOneCappedEnterpriseGivesTheRestToTheOthers() {
        // R = 10: λ = 10/40 = 0.25 would give A 2.5 > cap (1 − 0.8) × 10 = 2, so A takes 2;
        // the remaining 8 over B's 30 → λ = 8/30 → B 8. Σ = 10.
        let (r, shortfall) = ReductionAllocation.allocate(target: 10, [Self.claimant("A", 10, minLoad: 0.8),
                                                                       Self.claimant("B", 30), Self.claimant("C", 0)])
        #expect(Self.close(r[0], 2) && Self.close(r[1], 8) && r[2] == 0)
        #expect(shortfall == 0)
    }

    @Test func infeasibleAllocationGivesEveryCapAndReportsTheShortfall() {
        // Σ cap = 2 + 30 = 32 < 40 → caps, shortfall 8.
        let (r, shortfall) = ReductionAllocation.allocate(target: 40, [Self.claimant("A", 10, minLoad: 0.8),
                                                                       Self.claimant("B", 30)])
        #expect(Self.close(r[0], 2) && r[1] == 30)
        #expect(Self.close(shortfall, 8))
    }

    @Test func gradeAEnterpriseGetsNoReduction() {
        // A is grade A: cap 0, so B carries the whole 10 even though A emits as much.
        let (r, shortfall) = ReductionAllocation.allocate(target: 10, [Self.claimant("A", 30, gradeA: true),
                                                                       Self.claimant("B", 30)])
        #expect(r[0] == 0 && Self.close(r[1], 10))
        #expect(shortfall == 0)
    }

    @Test func unavailableBaselineIsLeftOutAndATargetOfZeroAllocatesNothing() {
        let (r, _) = ReductionAllocation.allocate(target: 6, [Self.claimant("A", nil), Self.claimant("B", 30)])
        #expect(r[0] == nil && Self.close(r[1], 6))
        let (zero, s) = ReductionAllocation.allocate(target: 0, [Self.claimant("A", nil), Self.claimant("B", 30)])
        #expect(zero[0] == nil && zero[1] == 0 && s == 0)
        let (negative, _) = ReductionAllocation.allocate(target: -5, [Self.claimant("B", 30)])
        #expect(negative == [0])
    }

    @Test func allocationRowsUseTheBaselineOnTheResponsesFirstDay() throws {
        let r = try Self.registry()
        let d = Self.day("2024-07-09")
        // E1: P1 1000 kWh → e = 12, cap 6. E2: P2 500 kWh → e = 5, grade A → cap 0.
        // E3: P3 1000 → 19.2, P4 200 → 2, e = 21.2, cap 21.2.
        let baselines = [("P1", 1000.0), ("P2", 500), ("P3", 1000), ("P4", 200)].map {
            ResponseBaseline(responseID: "R1", date: d, facilityID: $0.0, baselineEnergyKWh: $0.1)
        }
        let (rows, shortfalls) = ReductionAllocation.allocations(registry: r, responseBaselines: baselines,
                                                                 from: Self.day("2024-07-08"), to: Self.day("2024-07-12"))
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.enterpriseID, $0) })
        // 130602, R = 3: E2 (cap share 0) stops at 0; E1 takes 3 (≤ its cap 6).
        #expect(Self.close(byID["E1"]?.baselineKgPerDay, 12) && byID["E1"]?.capKgPerDay == 6)
        #expect(Self.close(byID["E1"]?.allocatedKgPerDay, 3))
        #expect(Self.close(byID["E2"]?.baselineKgPerDay, 5) && byID["E2"]?.capKgPerDay == 0 && byID["E2"]?.allocatedKgPerDay == 0)
        // 130606, R = 100 > cap 21.2: E3 gets its cap; shortfall 78.8. 130607 has no enterprise: shortfall 1.
        #expect(Self.close(byID["E3"]?.allocatedKgPerDay, 21.2))
        #expect(shortfalls.map(\.districtCode) == ["130606", "130607"])
        #expect(Self.close(shortfalls.first?.shortfallKgPerDay, 78.8))
        #expect(Self.close(shortfalls.first?.capacityKgPerDay, 21.2))
        #expect(shortfalls.last?.shortfallKgPerDay == 1)

        // A facility without a baseline that day leaves its enterprise out, with empty cells.
        let partial = baselines.map { $0.facilityID == "P4" ? ResponseBaseline(responseID: "R1", date: d, facilityID: "P4", baselineEnergyKWh: nil) : $0 }
        let e3 = ReductionAllocation.allocations(registry: r, responseBaselines: partial, from: d, to: d).records
            .first { $0.enterpriseID == "E3" }
        #expect(e3 != nil && e3?.baselineKgPerDay == nil && e3?.capKgPerDay == nil && e3?.allocatedKgPerDay == nil)

        // A period the response does not overlap gets no allocation rows.
        #expect(ReductionAllocation.allocations(registry: r, responseBaselines: baselines, from: Self.day("2024-07-11"),
                                                to: Self.day("2024-07-12")).records.isEmpty)
    }

    // MARK: §9.3 reductions

    @Test func reductionsAreBaselineEmissionMinusEmittedOnEachDateTheResponseOverlaps() throws {
        let r = try Self.registry()
        var rows: [FacilityDayRecord] = []
        for date in ["2024-07-08", "2024-07-09", "2024-07-10", "2024-07-11"] {
            rows.append(Self.production("P1", "E1", date, emitted: 5, baseline: 1000))  // baseline 12 kg
            rows.append(Self.production("P2", "E2", date, emitted: 6, baseline: 500))   // baseline 5 kg
            rows.append(Self.production("P3", "E3", date, emitted: 1, baseline: 1000))
            rows.append(Self.production("P4", "E3", date, emitted: 1, baseline: date == "2024-07-10" ? nil : 200))
        }
        let rollup = AccountingRollup(registry: r, dates: rows.map(\.date), facilityDays: rows, events: [])
        let reductions = ReductionAccounting.enterpriseReductions(rollup, facilityDays: rows)
        // The response covers slots of 07-09 and 07-10 only (it ends at 07-11 00:00).
        #expect(Set(reductions.map(\.date.description)) == ["2024-07-09", "2024-07-10"])
        #expect(reductions.count == 6)
        let e1 = try #require(reductions.first { $0.enterpriseID == "E1" && $0.date == Self.day("2024-07-09") })
        #expect(Self.close(e1.baselineKg, 12) && e1.emittedKg == 5 && Self.close(e1.reductionKg, 7))
        // E2 emits more than its baseline: a negative reduction.
        let e2 = try #require(reductions.first { $0.enterpriseID == "E2" && $0.date == Self.day("2024-07-09") })
        #expect(Self.close(e2.reductionKg, -1))
        // E3 on 07-10: P4 has no baseline → no enterprise baseline, no reduction.
        let e3 = try #require(reductions.first { $0.enterpriseID == "E3" && $0.date == Self.day("2024-07-10") })
        #expect(e3.baselineKg == nil && e3.reductionKg == nil && e3.emittedKg == 2)
        #expect(Self.close(reductions.first { $0.enterpriseID == "E3" && $0.date == Self.day("2024-07-09") }?.baselineKg, 21.2))

        // District 130602 = E1 + E2; 130606 on 07-10 has no enterprise with a baseline.
        let districts = ReductionAccounting.districtReductions(reductions, registry: r)
        let d602 = try #require(districts.first { $0.code == "130602" && $0.date == Self.day("2024-07-09") })
        #expect(Self.close(d602.baselineKg, 17) && d602.emittedKg == 11 && Self.close(d602.reductionKg, 6))
        let d606 = try #require(districts.first { $0.code == "130606" && $0.date == Self.day("2024-07-10") })
        #expect(d606.baselineKg == nil && d606.withoutBaseline == 1 && d606.emittedKg == 2)
        // Per facility: P1 on 07-09 = 12 − 5.
        let facilities = ReductionAccounting.facilityReductions(registry: r, facilityDays: rows)
        #expect(Self.close(facilities.first { $0.code == "P1" && $0.date == Self.day("2024-07-09") }?.reductionKg, 7))

        // Assessment: E1's allocation of 3 kg/day against a mean achieved 7 → completion 7/3.
        let allocation = AllocationRecord(responseID: "R1", districtCode: "130602", enterpriseID: "E1",
                                          baselineKgPerDay: 12, capKgPerDay: 6, allocatedKgPerDay: 3)
        let a = ReductionAllocation.assess([allocation], reductions: reductions)
        #expect(a.first?.days == 2 && Self.close(a.first?.achievedKgPerDay, 7) && Self.close(a.first?.completion, 7.0 / 3))
    }

    // MARK: §9.6 rankings and comparisons

    @Test func tiesInARankingAreBrokenByCodeAndMissingValuesComeLast() {
        let ranked = Ranking.rank([("130608", 5), ("130602", 5), ("130607", nil), ("130606", 7), ("130605", nil)])
        #expect(ranked.map(\.code) == ["130606", "130602", "130608", "130605", "130607"])
        #expect(ranked.map(\.rank) == [1, 2, 3, 4, 5])
    }

    @Test func periodChangeIsBlankWhenTheEarlierValueIsZeroOrMissing() {
        #expect(Self.close(PeriodComparison.change(current: 12, earlier: 10), 0.2))
        #expect(Self.close(PeriodComparison.change(current: 5, earlier: 10), -0.5))
        #expect(PeriodComparison.change(current: 12, earlier: 0) == nil)
        #expect(PeriodComparison.change(current: 12, earlier: nil) == nil)
        var a = AccountingTotals(level: .district, code: "130602", period: .day, start: Self.day("2024-07-09"))
        a.emittedKg = 12
        var b = a
        b.start = Self.day("2024-07-08")
        b.emittedKg = 8
        var c = a
        c.code = "130606"
        let rows = PeriodComparison.compare(current: [c, a], earlier: [b], metric: .emittedKg)
        #expect(rows.map(\.code) == ["130602", "130606"])
        #expect(Self.close(rows[0].change, 0.5) && rows[0].earlier == 8)
        #expect(rows[1].earlier == nil && rows[1].change == nil)
    }

    @Test func rollupPeriodsFollowMondayWeeksAndCalendarMonths() {
        let sunday = Self.day("2024-07-07")
        #expect(RollupPeriod.week.bucket(of: sunday) == Self.day("2024-07-01"))
        #expect(RollupPeriod.week.bucket(of: Self.day("2024-07-08")) == Self.day("2024-07-08"))
        #expect(RollupPeriod.month.bucket(of: Self.day("2024-07-31")) == Self.day("2024-07-01"))
        #expect(RollupPeriod.month.previous(Self.day("2024-01-01")) == Self.day("2023-12-01"))
        #expect(RollupPeriod.month.next(Self.day("2024-12-01")) == Self.day("2025-01-01"))
        #expect(RollupPeriod.month.last(Self.day("2024-02-01")) == Self.day("2024-02-29"))
        #expect(RollupPeriod.day.sameLastYear(Self.day("2024-02-29")) == nil)
        #expect(RollupPeriod.day.sameLastYear(Self.day("2024-07-09")) == Self.day("2023-07-09"))
        #expect(RollupPeriod.week.sameLastYear(Self.day("2024-07-08"))?.isoWeekday == 1)
        #expect(RollupPeriod.month.sameLastYear(Self.day("2024-07-01")) == Self.day("2023-07-01"))
    }

    @Test func industryComparisonUsesTheMedianOfTheIndustrysEnterprises() throws {
        let r = try Self.registry()
        func totals(_ id: String, emitted: Double, energy: Double) -> AccountingTotals {
            var t = AccountingTotals(level: .enterprise, code: id, period: .month, start: Self.day("2024-07-01"))
            t.emittedKg = emitted
            t.productionEnergyKWh = energy
            return t
        }
        // 塑料: E1 0.01 kg/kWh, E2 0.03 → median 0.02 (even count: mean of the middle two).
        // 橡胶: E3 has no production energy → no value, no median.
        let rows = IndustryComparison.compare([totals("E1", emitted: 10, energy: 1000), totals("E2", emitted: 3, energy: 100),
                                               totals("E3", emitted: 1, energy: 0)], registry: r)
        #expect(rows.map(\.enterpriseID) == ["E1", "E2", "E3"])
        #expect(Self.close(rows[0].industryMedian, 0.02) && Self.close(rows[0].ratioToMedian, 0.5) && rows[0].peers == 2)
        #expect(Self.close(rows[1].ratioToMedian, 1.5))
        #expect(rows[2].emittedKgPerKWh == nil && rows[2].industryMedian == nil && rows[2].ratioToMedian == nil)
        #expect(IndustryComparison.median([3, 1, 2]) == 2)
    }

    // MARK: roll-ups

    @Test func rollupsSumFacilitiesIntoEnterprisesDistrictsAndWeeksAndCountEventsByStart() throws {
        let r = try Self.registry()
        // Mon 07-08 and Tue 07-09 (one week), and Mon 07-15 (the next).
        var rows: [FacilityDayRecord] = []
        for date in ["2024-07-08", "2024-07-09", "2024-07-15"] {
            rows.append(Self.production("P1", "E1", date, energy: 100, generated: 10, emitted: 4, baseline: nil))
            rows.append(Self.treatment("T1", "E1", date, energy: 20, n: 40, sync: 30, normal: 20, collection: 0.6,
                                       removal: 0.5, running: 30))
            rows.append(Self.treatment("T3", "E3", date, energy: 0, n: 10, sync: 10, normal: 10, collection: 0.9,
                                       removal: 0.4, running: 10))
            rows.append(Self.production("P2", "E2", date, energy: 50, generated: 2, emitted: 2, baseline: nil))
            rows.append(Self.production("P3", "E3", date, energy: 10, generated: 3, emitted: 3, baseline: nil))
        }
        // E1: an event from 07-08 22:00 to 07-09 02:00 (counted on 07-08, both days non-compliant);
        // E3: one on 07-15 (and one starting before the dates, which counts nowhere).
        let events = [Self.event(.treatmentStopped, "E1", "2024-07-08 22:00", "2024-07-09 02:00"),
                      Self.event(.offline, "E3", "2024-07-15 10:00", "2024-07-15 12:00"),
                      Self.event(.carbonOverdue, "E3", "2024-07-01 00:00", "2024-07-02 00:00")]
        let rollup = AccountingRollup(registry: r, dates: rows.map(\.date), facilityDays: rows, events: events)

        let e = rollup.enterpriseDays()
        #expect(e.count == 9)  // 3 enterprises × 3 dates
        let e1 = try #require(e.first { $0.enterpriseID == "E1" && $0.date == Self.day("2024-07-08") })
        #expect(e1.energyKWh == 120 && e1.productionEnergyKWh == 100 && e1.emittedKg == 4 && e1.events == 1)
        #expect(e1.syncRate == 0.75)
        #expect(e.first { $0.enterpriseID == "E1" && $0.date == Self.day("2024-07-09") }?.events == 0)

        // Districts: every district of the registry, ranked by emitted (130602 6 kg, 130606 3, 130607 0).
        let d = rollup.districtDays().filter { $0.date == Self.day("2024-07-08") }
        #expect(d.map(\.districtCode) == ["130602", "130606", "130607"])
        #expect(d.map(\.emittedKg) == [6, 3, 0])
        #expect(d.map(\.rankEmitted) == [1, 2, 3])
        #expect(d.map(\.enterprises) == [2, 1, 0])
        #expect(d[0].syncRate == 0.75 && d[2].syncRate == nil)
        #expect(d.map(\.events) == [1, 0, 0])

        // Weeks: 07-08 + 07-09 in one bucket. District 130602 emitted 2 × 6 = 12 kg; 2 events-days
        // of E1 non-compliant out of 4 enterprise-days → compliance 0.5.
        let weeks = rollup.totals(.district, per: .week)
        let w = try #require(weeks.first { $0.code == "130602" && $0.start == Self.day("2024-07-08") })
        #expect(w.days == 2 && w.emittedKg == 12 && w.events == 1 && w.enterpriseDays == 4)
        #expect(w.complianceRate == 0.5)
        #expect(weeks.filter { $0.start == Self.day("2024-07-15") }.count == 3)
        // The month holds all three dates; the city is one row equal to the districts' sum.
        let city = rollup.totals(.city, per: .month)
        #expect(city.count == 1 && city[0].emittedKg == 27 && city[0].generatedKg == 45 && city[0].events == 2)
        // §9.1 rates rolled up as slot-weighted means over T1 (|N| 40) and T3 (|N| 10):
        // sync (30 + 10) / 50 = 0.8; effective (20 + 10) / 50 = 0.6;
        // collection (0.6 × 40 + 0.9 × 10) / 50 = 0.66; removal (0.5 × 30 + 0.4 × 10) / 40 = 0.475.
        #expect(Self.close(city[0].syncRate, 0.8) && Self.close(city[0].effectiveRate, 0.6))
        #expect(Self.close(city[0].collectionRate, 0.66) && Self.close(city[0].removalRate, 0.475))
        let industries = rollup.totals(.industry, per: .month).map(\.code)
        #expect(industries == ["塑料", "橡胶"].sorted())
        // Rankings over a bucket: by events, E1 and E3 tie at 1 → E1 first.
        let byEvents = Ranking.rank(rollup.totals(.enterprise, per: .month), by: .events)
        #expect(byEvents.map(\.code) == ["E1", "E3", "E2"])
        let bySync = Ranking.rank(rollup.totals(.enterprise, per: .month), by: .syncRate)
        #expect(bySync.map(\.code) == ["E3", "E1", "E2"] && bySync[2].value == nil)
        // Per week, districts by compliance: week of 07-08 — 130602 0.5, 130606 1 (E3 had no
        // event then), 130607 no enterprise-days (last); week of 07-15 — 130602 1, 130606 0.
        let weekly = rollup.rankings(.district, per: .week, by: .complianceRate)
        #expect(weekly.map(\.start) == [Self.day("2024-07-08"), Self.day("2024-07-15")])
        #expect(weekly[0].entries.map(\.code) == ["130606", "130602", "130607"])
        #expect(weekly[1].entries.map(\.code) == ["130602", "130606", "130607"])
        #expect(weekly[1].entries.map(\.value) == [1, 0, nil])
    }
}
