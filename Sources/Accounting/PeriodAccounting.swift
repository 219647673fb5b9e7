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
        rollup = AccountingRollup(r)
        reductions = ReductionAccounting.enterpriseReductions(rollup, facilityDays: r.facilityDays)
        let a = ReductionAllocation.allocations(registry: r.registry, responseBaselines: r.responseBaselines,
                                                from: r.from, to: r.to)
        allocations = a.records
        shortfalls = a.shortfalls
        assessment = ReductionAllocation.assess(a.records, reductions: reductions)
        outletDeviations = OutletComparison.deviations(r.facilityDays, maxDeviation: r.settings.outletMaxDeviation)
    }
}
