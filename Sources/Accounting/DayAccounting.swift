import Baselines
import PEMSCore

/// The slot-level accounting of one CST day of the period (SPEC §9.1–§9.2), run by
/// `PeriodComputation` after the day's §5.4 conditions: for each treatment facility its N, the
/// conditions counted over N and the four rates; for each production facility its
/// generated, captured, removed and emitted VOCs; and the measured outlet emission where
/// `voc_out` and `flow` sensors exist. Everything above the day (roll-ups, reductions,
/// allocation, rankings) works from the stored facility-days.
///
/// Facilities are handled in link groups (production and treatment facilities connected by
/// `links.csv`), so the per-slot q and r of a group's treatment facilities live in scratch
/// buffers sized for the largest group and reused every day: no per-slot allocation and no
/// city-sized buffers.
struct DayAccounting {
    struct Group {
        var treatments: [Int] = []
        var productions: [Int] = []
    }

    struct Outlet {
        var flow: [Int]
        var conc: Int
    }

    let registry: Registry
    let topology: CityTopology
    let clock: SlotClock
    let groups: [Group]
    /// Per facility: its position in its group's treatment or production list.
    let local: [Int]
    /// Per production facility: the local positions of its linked treatment facilities.
    let linkedLocal: [[Int]]
    let airflow: [AirflowShare]
    let removal: [RemovalShare]
    /// Per treatment facility: the mean design_collection of its linked production
    /// facilities, a blank counting as 0.8 (§13.19).
    let collectionDesign: [Double]
    /// Per treatment facility: its flow sensors and first `voc_out` sensor, when it has both.
    let outlet: [Outlet?]
    var q: [Double]
    var r: [Double]
    var organised: [Double]

    /// `airflow`: q of each facility (§9.1), shared with the §9.4 carbon trackers.
    init(registry: Registry, topology: CityTopology, clock: SlotClock, airflow: [AirflowShare]) {
        self.registry = registry
        self.topology = topology
        self.clock = clock
        self.airflow = airflow
        let count = registry.facilities.count
        // Link groups: connected components of the link graph (union–find).
        var parent = Array(0..<count)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for p in 0..<count {
            for t in topology.linkedTreatment[p] {
                let a = find(p), b = find(t)
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var groupOfRoot: [Int: Int] = [:]
        var groups: [Group] = []
        var local = Array(repeating: 0, count: count)
        for fi in 0..<count {
            let root = find(fi)
            let g: Int
            if let known = groupOfRoot[root] { g = known } else {
                g = groups.count
                groupOfRoot[root] = g
                groups.append(Group())
            }
            if registry.facilities[fi].kind == .treatment {
                local[fi] = groups[g].treatments.count
                groups[g].treatments.append(fi)
            } else {
                local[fi] = groups[g].productions.count
                groups[g].productions.append(fi)
            }
        }
        self.groups = groups
        self.local = local
        linkedLocal = (0..<count).map { p in topology.linkedTreatment[p].map { local[$0] } }
        removal = (0..<count).map { RemovalShare(facility: $0, registry: registry, topology: topology) }
        collectionDesign = (0..<count).map { t in
            let linked = topology.linkedProduction[t]
            guard !linked.isEmpty else { return 0 }
            return linked.map { registry.facilities[$0].designCollectionOrDefault }.reduce(0, +) / Double(linked.count)
        }
        outlet = (0..<count).map { t in
            let sensors = topology.sensorPoints[t]
            let flow = sensors.filter { registry.points[$0].role == .flow }
            guard !flow.isEmpty, let conc = sensors.first(where: { registry.points[$0].role == .vocOut }) else { return nil }
            return Outlet(flow: flow, conc: conc)
        }
        let n = clock.slotsPerDay
        let maxT = groups.map(\.treatments.count).max() ?? 0
        let maxP = groups.map(\.productions.count).max() ?? 0
        q = Array(repeating: 0, count: max(1, maxT) * n)
        r = Array(repeating: 0, count: max(1, maxT) * n)
        organised = Array(repeating: 0, count: max(1, maxP) * n)
    }

    /// The day's accounting of every facility, in registry order. `treatment`: each treatment
    /// facility's §5.4 conditions and N for the day (nil for production facilities).
    mutating func day(city: CityDay, treatment: [TreatmentDay?]) -> [FacilityAccounting] {
        var out = [FacilityAccounting](repeating: FacilityAccounting(), count: registry.facilities.count)
        for group in groups {
            for (lt, t) in group.treatments.enumerated() {
                out[t] = treatmentRates(t, slots: lt, city: city, day: treatment[t])
            }
            for (lp, p) in group.productions.enumerated() {
                out[p] = emissions(p, slots: lp, city: city)
            }
            for t in group.treatments {
                guard let o = outlet[t] else { continue }
                let measured = outletEmission(t, o, city: city)
                out[t].outletMeasuredKg = measured.measured
                out[t].outletEstimatedKg = measured.estimated
                out[t].outletSlots = measured.slots
            }
        }
        return out
    }

    /// §9.1 of treatment facility `t`: q and r per slot (kept in the scratch buffers at local
    /// position `lt` for its production facilities), its conditions counted over N, the rates.
    mutating func treatmentRates(_ t: Int, slots lt: Int, city: CityDay, day: TreatmentDay?) -> FacilityAccounting {
        let n = clock.slotsPerDay
        let base = lt * n
        let cond = day?.condition, slotsInN = day?.inN
        let state = city.facilities[t].state
        var nSlots = 0, runningSlots = 0, stopped = 0, ineffective = 0, low = 0, normal = 0
        var sumQ = 0.0, sumR = 0.0
        for k in 0..<n {
            let c = cond?[k] ?? .unknown
            let qk = airflow[t].q(slot: k, condition: c, facility: t, city: city)
            // SPEC 2 §13.29: an idle slot (STOPPED while running) keeps r's sensor method.
            let rk = removal[t].r(slot: k, condition: c, running: state[k] == .running, city: city)
            q[base + k] = qk
            r[base + k] = rk
            guard slotsInN?[k] == true else { continue }
            nSlots += 1
            switch c {
            case .stopped: stopped += 1
            case .ineffective: ineffective += 1
            case .low: low += 1
            case .normal: normal += 1
            case .unknown: break
            }
            sumQ += qk
            if state[k] == .running {
                runningSlots += 1
                sumR += rk
            }
        }
        var a = FacilityAccounting()
        a.nSlots = nSlots
        a.syncSlots = nSlots - stopped
        a.normalSlots = normal
        a.stoppedSlots = stopped
        a.ineffectiveSlots = ineffective
        a.lowSlots = low
        a.removalSlots = runningSlots
        a.syncRate = TreatmentRates.sync(syncSlots: nSlots - stopped, nSlots: nSlots)
        a.effectiveRate = TreatmentRates.effective(normalSlots: normal, nSlots: nSlots)
        a.collectionRate = TreatmentRates.collection(sum: collectionDesign[t] * sumQ, nSlots: nSlots)
        // §13.19: the removal rate averages the N slots where treatment runs (empty if none).
        a.removalRate = TreatmentRates.removal(sum: sumR, runningSlots: runningSlots)
        return a
    }

    /// §9.2 of production facility `p` (local position `lp`), from its linked treatment
    /// facilities' q and r; keeps its organised emission per slot for the outlet comparison.
    mutating func emissions(_ p: Int, slots lp: Int, city: CityDay) -> FacilityAccounting {
        let n = clock.slotsPerDay
        let hours = clock.hours
        let f = registry.facilities[p]
        let voc = f.vocKgPerKWh ?? 0
        let dc = f.designCollectionOrDefault
        let fd = city.facilities[p]
        let links = linkedLocal[p]
        let base = lp * n
        var generated = 0.0, captured = 0.0, removed = 0.0
        for k in 0..<n {
            organised[base + k] = 0
            // Generated only where the facility runs and has power (standby draw
            // generates nothing; a slot without power has no energy, §13.7).
            let power = fd.power[k]
            guard fd.state[k] == .running, !power.isNaN else { continue }
            let g = power * hours * voc
            generated += g
            guard !links.isEmpty else { continue }
            var qBar = 0.0, pass = 1.0
            for lt in links {
                qBar = max(qBar, q[lt * n + k])
                pass *= 1 - r[lt * n + k]
            }
            let c = g * dc * qBar
            let rm = c * (1 - pass)
            captured += c
            removed += rm
            organised[base + k] = c - rm
        }
        var a = FacilityAccounting()
        a.generatedKg = generated
        a.capturedKg = captured
        a.removedKg = removed
        a.emittedKg = generated - removed
        return a
    }

    /// §9.2: the measured outlet emission of treatment facility `t` against the estimate
    /// (its linked production facilities' organised emission) over the slots where all its
    /// outlet sensors are present.
    func outletEmission(_ t: Int, _ o: Outlet, city: CityDay) -> (measured: Double, estimated: Double, slots: Int) {
        let n = clock.slotsPerDay
        let hours = clock.hours
        let linked = topology.linkedProduction[t]
        var measured = 0.0, estimated = 0.0, slots = 0
        for k in 0..<n {
            guard let conc = city.pointValues[o.conc]?[k], !conc.isNaN else { continue }
            var flow = 0.0, all = true
            for pi in o.flow {
                guard let v = city.pointValues[pi]?[k], !v.isNaN else { all = false; break }
                flow += max(0, v)
            }
            guard all else { continue }
            slots += 1
            measured += max(0, conc) * flow * hours * 1e-6
            for p in linked { estimated += organised[local[p] * n + k] }
        }
        return (measured, estimated, slots)
    }
}
