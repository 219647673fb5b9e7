import Baselines
import PEMSCore

/// The slot-level accounting of one CST day, run by `PeriodComputation` for each day of the
/// period: SPEC §9.1 collection and removal rates of each treatment facility, §9.2 generated,
/// captured, removed and emitted VOCs of each production facility, and the §9.2 measured
/// outlet emission where `voc_out` and `flow` sensors exist. Results go into the day's
/// `FacilityDayRecord`s; everything above the day (roll-ups, reductions, allocation,
/// rankings) works from those stored rows.
///
/// Facilities are handled in link groups (production and treatment facilities connected by
/// `links.csv`), so the per-slot q and r of a group's treatment facilities live in scratch
/// buffers sized for the largest group and reused every day: no per-slot allocation and no
/// city-sized buffers.
public struct DayAccounting {
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
    /// The day's conditions and N of each treatment facility (set by `keep`).
    var condition: [[TreatmentCondition]?]
    var inN: [[Bool]?]
    var q: [Double]
    var r: [Double]
    var organised: [Double]

    public init(registry: Registry, topology: CityTopology, clock: SlotClock) {
        self.registry = registry
        self.topology = topology
        self.clock = clock
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
        airflow = (0..<count).map { AirflowShare(facility: $0, registry: registry, topology: topology) }
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
        condition = Array(repeating: nil, count: count)
        inN = Array(repeating: nil, count: count)
        let n = clock.slotsPerDay
        let maxT = groups.map(\.treatments.count).max() ?? 0
        let maxP = groups.map(\.productions.count).max() ?? 0
        q = Array(repeating: 0, count: max(1, maxT) * n)
        r = Array(repeating: 0, count: max(1, maxT) * n)
        organised = Array(repeating: 0, count: max(1, maxP) * n)
    }

    /// Remembers a treatment facility's conditions and N for the day (§5.4, §9).
    public mutating func keep(facility fi: Int, _ day: TreatmentDay) {
        condition[fi] = day.condition
        inN[fi] = day.inN
    }

    /// Computes the day and writes the accounting columns of `rows[firstRow + fi]` for every
    /// facility fi (the day's rows, in registry order). Clears what `keep` remembered.
    public mutating func finish(city: CityDay, rows: inout [FacilityDayRecord], firstRow: Int) {
        let n = clock.slotsPerDay
        let hours = clock.hours
        for group in groups {
            // §9.1: q and r of each treatment facility per slot; rates over N.
            for (lt, t) in group.treatments.enumerated() {
                let base = lt * n
                let cond = condition[t], slotsInN = inN[t]
                let state = city.facilities[t].state
                var nSlots = 0, runningSlots = 0
                var sumQ = 0.0, sumR = 0.0
                for k in 0..<n {
                    let c = cond?[k] ?? .unknown
                    let qk = airflow[t].q(slot: k, condition: c, facility: t, city: city)
                    let rk = removal[t].r(slot: k, condition: c, city: city)
                    q[base + k] = qk
                    r[base + k] = rk
                    guard slotsInN?[k] == true else { continue }
                    nSlots += 1
                    sumQ += qk
                    if state[k] == .running {
                        runningSlots += 1
                        sumR += rk
                    }
                }
                let row = firstRow + t
                rows[row].collectionRate = nSlots > 0 ? collectionDesign[t] * sumQ / Double(nSlots) : nil
                // §13.19: the removal rate averages the N slots where treatment runs (empty if none).
                rows[row].removalRate = runningSlots > 0 ? sumR / Double(runningSlots) : nil
                rows[row].removalSlots = runningSlots
            }
            // §9.2: emissions of each production facility per slot.
            for (lp, p) in group.productions.enumerated() {
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
                let row = firstRow + p
                rows[row].generatedKg = generated
                rows[row].capturedKg = captured
                rows[row].removedKg = removed
                rows[row].emittedKg = generated - removed
            }
            // §9.2: measured outlet emission against the estimate where the sensors exist.
            for t in group.treatments {
                guard let o = outlet[t] else { continue }
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
                let row = firstRow + t
                rows[row].outletMeasuredKg = measured
                rows[row].outletEstimatedKg = estimated
                rows[row].outletSlots = slots
            }
            for t in group.treatments {
                condition[t] = nil
                inN[t] = nil
            }
        }
    }
}
