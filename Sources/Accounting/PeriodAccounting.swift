import PEMSCore

/// The accounting of a computed period that reports and exports use (SPEC §9.2–§9.6, §12),
/// all from the computation's stored rows and the registry: the roll-up (enterprise-days,
/// district-days, totals by week and month), §9.3 reductions, §9.5 allocation with its
/// shortfalls and assessment, and the §9.2 outlet deviations.
public struct PeriodAccounting: Sendable {
    public let rollup: AccountingRollup
    /// §12 `reduction.csv` rows.
    public let reductions: [ReductionRecord]
    /// §12 `allocation.csv` rows.
    public let allocations: [AllocationRecord]
    /// Districts whose target exceeds their enterprises' caps (§13.21: in the run's summary).
    public let shortfalls: [AllocationShortfall]
    /// Achieved against allocated reduction per enterprise.
    public let assessment: [AllocationAssessment]
    /// Treatment facility-days whose measured outlet emission and estimate deviate.
    public let outletDeviations: [OutletDeviation]

    public init(_ r: ComputationResult) {
        var pass = Pass(registry: r.registry, dates: PeriodRows(r).dates, settings: r.settings)
        for f in r.facilityDays { pass.add(f) }
        self.init(pass, events: r.events, responseBaselines: r.responseBaselines, from: r.from, to: r.to)
    }

    /// The accounting of a period's rows, the facility-days summed as they stream (a stored
    /// city-scale month is never loaded whole, issue 5); the same numbers as `init(_:)`.
    public init(rows: PeriodRows) throws {
        var pass = Pass(registry: rows.registry, dates: rows.dates, settings: rows.settings)
        try rows.forEachFacilityDay { pass.add($0) }
        self.init(pass, events: rows.events, responseBaselines: rows.responseBaselines, from: rows.from, to: rows.to)
    }

    init(_ pass: Pass, events: [EventRecord], responseBaselines: [ResponseBaseline], from: Day, to: Day) {
        let registry = pass.rollup.registry
        rollup = pass.rollup.finish(events: events)
        reductions = ReductionAccounting.enterpriseReductions(rollup, baselineEnergy: pass.baselineEnergy)
        let a = ReductionAllocation.allocations(registry: registry, responseBaselines: responseBaselines, from: from, to: to)
        allocations = a.records
        shortfalls = a.shortfalls
        assessment = ReductionAllocation.assess(a.records, reductions: reductions)
        outletDeviations = OutletComparison.sorted(pass.deviations)
    }

    /// What the accounting keeps of each facility-day: its part of the roll-up, the §6
    /// baseline energy of production facilities on dates a response overlaps (§9.3), and the
    /// listed §9.2 outlet deviations.
    struct Pass {
        var rollup: AccountingRollup.Builder
        var baselineEnergy: [Day: [String: Double?]] = [:]
        var deviations: [OutletDeviation] = []
        let responseDates: Set<Day>
        let maxDeviation: Double

        init(registry: Registry, dates: [Day], settings: Settings) {
            rollup = AccountingRollup.Builder(registry: registry, dates: dates)
            var responseDates: Set<Day> = []
            for r in registry.responses { responseDates.formUnion(ReductionAccounting.overlapped(r, dates)) }
            self.responseDates = responseDates
            maxDeviation = settings.outletMaxDeviation
        }

        mutating func add(_ f: FacilityDayRecord) {
            rollup.add(f)
            if f.kind == .production, responseDates.contains(f.date) {
                baselineEnergy[f.date, default: [:]][f.facilityID] = f.baselineEnergyKWh
            }
            if let d = OutletComparison.deviation(f, maxDeviation: maxDeviation) { deviations.append(d) }
        }
    }
}
