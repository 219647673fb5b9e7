import Baselines
import PEMSCore

/// A treatment facility's condition in one slot (SPEC §5.4, 治理设施运行状态).
public enum TreatmentCondition: UInt8, Sendable {
    /// The treatment state is unknown.
    case unknown = 0
    /// 停运: the treatment facility is stopped, or (SPEC 2) runs below `idle_ratio` × its
    /// baseline running power (idling).
    case stopped
    /// 无效运行: running, but a sensor's present value is outside `[valid_min, valid_max]`.
    case ineffective
    /// 低效运行: running, effective, but power < `low_ratio` × baseline running power.
    case low
    /// 正常运行.
    case normal
}

/// The conditions of one treatment facility over a day.
public struct TreatmentDay: Sendable {
    /// Per slot (evaluated everywhere the treatment state is known, §13.10).
    public var condition: [TreatmentCondition]
    /// Per slot: the slot is in N (production side running and treatment state known, §9).
    public var inN: [Bool]
    /// Per slot: which sensor points were out of range (point indices), for evidence.
    public var outOfRange: [[Int]]
    /// Whether LOW could not be evaluated for lack of a baseline (BASELINE_UNAVAILABLE).
    public var lowNeededBaseline: Bool

    /// SPEC §5.4 for treatment facility `fi` on `city`'s day.
    public init(facility fi: Int, city: CityDay, registry: Registry, topology: CityTopology, settings: Settings) {
        let n = city.clock.slotsPerDay
        let f = city.facilities[fi]
        let side = city.productionSide[fi] ?? Array(repeating: .unknown, count: n)
        let baseline = city.baselines[fi]
        let sensors = topology.sensorPoints[fi].compactMap { pi -> (Int, Double, Double, [Double])? in
            let p = registry.points[pi]
            guard p.validMin != nil || p.validMax != nil, let v = city.pointValues[pi] else { return nil }
            return (pi, p.validMin ?? -.infinity, p.validMax ?? .infinity, v)
        }
        var condition = [TreatmentCondition](repeating: .unknown, count: n)
        var inN = [Bool](repeating: false, count: n)
        var outOfRange = [[Int]](repeating: [], count: n)
        var needed = false
        for k in 0..<n {
            let s = f.state[k]
            inN[k] = side[k] == .running && s != .unknown
            switch s {
            case .unknown: condition[k] = .unknown
            case .stopped: condition[k] = .stopped
            case .running:
                let p = f.power[k]
                var bad: [Int] = []
                for (pi, lo, hi, v) in sensors where !v[k].isNaN && (v[k] < lo || v[k] > hi) { bad.append(pi) }
                if let baseline, !p.isNaN, p < settings.idleRatio * baseline.runningPowerKW {
                    // SPEC 2 §5.4, §13.29: running but under idle_ratio × baseline is idling (空转,
                    // seed 001 §7 "低于正常治污五日平均值20%以下"): STOPPED, tested before INEFFECTIVE
                    // and LOW. The state stays running (running minutes, carbon hours, r's slots).
                    condition[k] = .stopped
                } else if !bad.isEmpty {
                    condition[k] = .ineffective
                    outOfRange[k] = bad
                } else if let baseline {
                    condition[k] = (!p.isNaN && p < settings.lowRatio * baseline.runningPowerKW) ? .low : .normal
                } else {
                    // §13.10: without a baseline LOW cannot be judged; the slot is NORMAL.
                    needed = true
                    condition[k] = .normal
                }
            }
        }
        self.condition = condition
        self.inN = inN
        self.outOfRange = outOfRange
        lowNeededBaseline = needed
    }
}
