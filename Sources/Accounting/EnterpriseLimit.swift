import Baselines
import PEMSCore

/// SPEC 2 §7, §13.31: LIMIT_VIOLATION of one enterprise's day, judging all its limited
/// production lines together (seed 001 §7.2 "污染源所有限产设备的负荷…在基线负荷的限产百分比之内"),
/// so an enterprise that moves load from one line to another within its total is not flagged.
///
/// In each slot, L is the set of the enterprise's production facilities with a limit row in
/// force (`MeasureViolations.limitRatio`: the smallest ratio of f's rows in force, whatever
/// their level). The slot violates when `Σ power_f > Σ ratio_f × baseline running power_f`
/// over L, with the baselines as of the slot's date. It is judged only when every f ∈ L has
/// present power (§13.7) and a baseline (§6: a missing one is BASELINE_UNAVAILABLE, reported by
/// the data-quality pass, never guessed); otherwise the slot does not violate.
struct EnterpriseLimit {
    /// Per slot.
    var violating: [Bool]
    /// Per slot, over L (kW; NaN where the slot was not judged).
    var powerKW: [Double]
    var baselineKW: [Double]
    var allowedKW: [Double]
    /// Per slot: L (facility indices, registry order).
    var limited: [[Int]]
    /// Per slot: levels and response ids of the limit rows in force over L.
    var levels: [[String]]
    var responseIDs: [[String]]

    /// `lines`: the enterprise's production facilities (registry order) with their measures of
    /// the day.
    init(lines: [(facility: Int, measures: MeasureViolations)], city: CityDay) {
        let n = city.clock.slotsPerDay
        violating = Array(repeating: false, count: n)
        powerKW = Array(repeating: .nan, count: n)
        baselineKW = Array(repeating: .nan, count: n)
        allowedKW = Array(repeating: .nan, count: n)
        limited = Array(repeating: [], count: n)
        levels = Array(repeating: [], count: n)
        responseIDs = Array(repeating: [], count: n)
        for k in 0..<n {
            var power = 0.0, baseline = 0.0, allowed = 0.0
            var judged = true
            for (fi, v) in lines where !v.limitRatio[k].isNaN {
                limited[k].append(fi)
                for l in v.limitLevels[k] where !levels[k].contains(l) { levels[k].append(l) }
                for r in v.limitResponseIDs[k] where !responseIDs[k].contains(r) { responseIDs[k].append(r) }
                let p = city.facilities[fi].power[k]
                guard judged, !p.isNaN, let b = city.baselines[fi] else { judged = false; continue }
                power += p
                baseline += b.runningPowerKW
                allowed += v.limitRatio[k] * b.runningPowerKW
            }
            guard judged, !limited[k].isEmpty else { continue }
            powerKW[k] = power
            baselineKW[k] = baseline
            allowedKW[k] = allowed
            violating[k] = power > allowed
        }
    }
}
