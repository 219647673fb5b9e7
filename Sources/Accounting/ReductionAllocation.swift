import PEMSCore

/// A district whose target exceeds what its enterprises can cut (SPEC §9.5: Σ cap_i < R).
public struct AllocationShortfall: Sendable, Equatable {
    public var responseID: String
    public var districtCode: String
    /// kg/day: R.
    public var targetKgPerDay: Double
    /// kg/day: Σ cap_i over the enterprises with a baseline.
    public var capacityKgPerDay: Double
    /// kg/day: R − Σ cap_i.
    public var shortfallKgPerDay: Double
}

/// How far an enterprise delivered its allocation (SPEC §9.5 assessment).
public struct AllocationAssessment: Sendable, Equatable {
    public var responseID: String
    public var districtCode: String
    public var enterpriseID: String
    /// kg/day: r_i.
    public var allocatedKgPerDay: Double?
    /// kg/day: the mean reduction over the response's dates with a baseline (§9.3).
    public var achievedKgPerDay: Double?
    /// Dates averaged.
    public var days: Int
    /// achieved / r_i; nil when r_i is 0 or either is missing.
    public var completion: Double?
}

/// SPEC §9.5 智能减排分配, "多排多限、少排少限、不排不限": a district's target R kg/day for a
/// response is shared as `r_i = min(cap_i, λ·e_i)`, where e_i is enterprise i's §9.3 baseline
/// daily emission, `cap_i = (1 − min_load_ratio_i) × e_i` (0 for grade A) and λ solves
/// Σ r_i = R (water filling). If Σ cap_i < R every r_i = cap_i and the shortfall is
/// reported. e_i = 0 gets 0. §13.21: the baseline on the response's first day; enterprises of
/// the target's district; one with an unavailable e_i gets empty cells and is left out;
/// R ≤ 0 gives 0 to all.
public enum ReductionAllocation {
    /// One enterprise's inputs to a district's allocation.
    public struct Claimant: Sendable, Equatable {
        public var enterpriseID: String
        /// kg/day; nil = unavailable (left out).
        public var baselineKgPerDay: Double?
        /// 0…1, blank = 0.
        public var minLoadRatio: Double
        /// Grade A enterprises get no cap (cap_i = 0).
        public var gradeA: Bool

        public init(enterpriseID: String, baselineKgPerDay: Double?, minLoadRatio: Double, gradeA: Bool) {
            self.enterpriseID = enterpriseID
            self.baselineKgPerDay = baselineKgPerDay
            self.minLoadRatio = minLoadRatio
            self.gradeA = gradeA
        }

        public var cap: Double? { baselineKgPerDay.map { gradeA ? 0 : max(0, (1 - minLoadRatio) * $0) } }
    }

    /// Allocates `target` (kg/day) over `claimants`; returns each claimant's r_i (nil when its
    /// baseline is unavailable), in the order given, and the shortfall (0 when feasible).
    public static func allocate(target: Double, _ claimants: [Claimant]) -> (allocated: [Double?], shortfall: Double) {
        var allocated: [Double?] = claimants.map { $0.baselineKgPerDay == nil ? nil : 0 }
        guard target > 0 else { return (allocated, 0) }
        let open = claimants.indices.filter { (claimants[$0].baselineKgPerDay ?? 0) > 0 }
        let capacity = open.reduce(0.0) { $0 + (claimants[$1].cap ?? 0) }
        if capacity <= target {
            for i in open { allocated[i] = claimants[i].cap ?? 0 }
            return (allocated, max(0, target - capacity))
        }
        // Water filling: raise λ; an enterprise whose cap share cap_i / e_i is below λ stops at
        // its cap, the others take λ·e_i.
        let order = open.sorted {
            let a = claimants[$0], b = claimants[$1]
            let ra = (a.cap ?? 0) / (a.baselineKgPerDay ?? 1), rb = (b.cap ?? 0) / (b.baselineKgPerDay ?? 1)
            return ra != rb ? ra < rb : a.enterpriseID < b.enterpriseID
        }
        var remaining = target
        var remainingBaseline = order.reduce(0.0) { $0 + (claimants[$1].baselineKgPerDay ?? 0) }
        for (pos, i) in order.enumerated() {
            let e = claimants[i].baselineKgPerDay ?? 0, cap = claimants[i].cap ?? 0
            let lambda = remaining / remainingBaseline
            if lambda * e <= cap {
                for j in order[pos...] { allocated[j] = lambda * (claimants[j].baselineKgPerDay ?? 0) }
                return (allocated, 0)
            }
            allocated[i] = cap
            remaining -= cap
            remainingBaseline -= e
        }
        return (allocated, 0)
    }

    /// SPEC §12 `allocation.csv` rows for every target of `targets.csv` whose response
    /// overlaps `[from, to]`, and the districts with a shortfall. Baselines come from the
    /// computation's `responseBaselines` (the response's first day).
    public static func allocations(registry: Registry, responseBaselines: [ResponseBaseline], from: Day, to: Day)
        -> (records: [AllocationRecord], shortfalls: [AllocationShortfall]) {
        var energy: [String: [String: Double?]] = [:]
        for b in responseBaselines { energy[b.responseID, default: [:]][b.facilityID] = b.baselineEnergyKWh }
        var records: [AllocationRecord] = []
        var shortfalls: [AllocationShortfall] = []
        let periodStart = from.start, periodEnd = to.adding(days: 1).start
        for t in registry.targets {
            guard let r = registry.response(id: t.responseID), r.start < periodEnd, r.end > periodStart else { continue }
            let enterprises = registry.enterprises(inDistrict: t.districtCode)
            let claimants = enterprises.map { e in
                Claimant(enterpriseID: e.id,
                         baselineKgPerDay: ReductionAccounting.enterpriseBaselineKg(enterprise: e.id, registry: registry) {
                             energy[r.id]?[$0] ?? nil
                         },
                         minLoadRatio: e.minLoadRatioOrDefault, gradeA: e.performanceGrade == .a)
            }
            let (allocated, shortfall) = allocate(target: t.reductionKgPerDay, claimants)
            for (i, c) in claimants.enumerated() {
                records.append(AllocationRecord(responseID: r.id, districtCode: t.districtCode, enterpriseID: c.enterpriseID,
                                                baselineKgPerDay: c.baselineKgPerDay, capKgPerDay: c.cap,
                                                allocatedKgPerDay: allocated[i]))
            }
            if shortfall > 0 {
                let capacity = claimants.reduce(0.0) { $0 + (($1.baselineKgPerDay ?? 0) > 0 ? ($1.cap ?? 0) : 0) }
                shortfalls.append(AllocationShortfall(responseID: r.id, districtCode: t.districtCode,
                                                      targetKgPerDay: t.reductionKgPerDay, capacityKgPerDay: capacity,
                                                      shortfallKgPerDay: shortfall))
            }
        }
        records.sort { ($0.responseID, $0.enterpriseID, $0.districtCode) < ($1.responseID, $1.enterpriseID, $1.districtCode) }
        shortfalls.sort { ($0.responseID, $0.districtCode) < ($1.responseID, $1.districtCode) }
        return (records, shortfalls)
    }

    /// Achieved against allocated: for each allocation row, the mean §9.3 reduction over the
    /// response's dates (in the reductions given) where the enterprise has a baseline.
    public static func assess(_ allocations: [AllocationRecord], reductions: [ReductionRecord]) -> [AllocationAssessment] {
        var sums: [String: (Double, Int)] = [:]
        for r in reductions {
            guard let x = r.reductionKg else { continue }
            let k = r.responseID + "|" + r.enterpriseID
            let s = sums[k] ?? (0, 0)
            sums[k] = (s.0 + x, s.1 + 1)
        }
        return allocations.map { a in
            let s = sums[a.responseID + "|" + a.enterpriseID]
            let achieved = s.map { $0.0 / Double($0.1) }
            var completion: Double?
            if let achieved, let r = a.allocatedKgPerDay, r > 0 { completion = achieved / r }
            return AllocationAssessment(responseID: a.responseID, districtCode: a.districtCode, enterpriseID: a.enterpriseID,
                                        allocatedKgPerDay: a.allocatedKgPerDay, achievedKgPerDay: achieved,
                                        days: s?.1 ?? 0, completion: completion)
        }
    }
}
