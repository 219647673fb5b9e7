import Baselines
import PEMSCore

/// Which slots of a production facility's day violate a measure in force (SPEC §7 STOP and
/// SHIFT rows; §13.15), and which limit ratio is in force in each slot (SPEC 2: LIMIT is
/// judged per enterprise from these, `EnterpriseLimit`).
///
/// A measure is in force in a slot when a plan row of the enterprise for a level being
/// responded to (an explicit response or an implicit heat day covering the enterprise's
/// district) names the facility (or names none) and the slot starts inside the response.
/// Several levels may be in force at once; a slot violates if any of them is violated.
public struct MeasureViolations: Sendable {
    public var stop: [Bool]
    public var shift: [Bool]
    /// Per slot: the allowed power (kW) of the violated shift (0 for stop), NaN where none.
    public var allowedKW: [Double]
    /// Per slot: the ratio of the violated shift (0 for stop), NaN where none.
    public var ratio: [Double]
    /// Per slot: levels and response ids of the stop/shift measures violated there.
    public var levels: [[String]]
    public var responseIDs: [[String]]
    /// Per slot (SPEC 2 §13.31): the smallest ratio of the facility's limit rows in force,
    /// whatever their level; NaN where no limit row is in force.
    public var limitRatio: [Double]
    /// Per slot: levels and response ids of the limit rows in force there.
    public var limitLevels: [[String]]
    public var limitResponseIDs: [[String]]

    public init(facility fi: Int, city: CityDay, registry: Registry, responses: [ActiveResponse]) {
        let clock = city.clock
        let n = clock.slotsPerDay
        stop = Array(repeating: false, count: n)
        shift = Array(repeating: false, count: n)
        allowedKW = Array(repeating: .nan, count: n)
        ratio = Array(repeating: .nan, count: n)
        levels = Array(repeating: [], count: n)
        responseIDs = Array(repeating: [], count: n)
        limitRatio = Array(repeating: .nan, count: n)
        limitLevels = Array(repeating: [], count: n)
        limitResponseIDs = Array(repeating: [], count: n)
        let f = registry.facilities[fi]
        guard f.kind == .production, !responses.isEmpty else { return }
        let fd = city.facilities[fi]
        let baseline = city.baselines[fi]
        let plans = registry.plans(ofEnterprise: f.enterpriseID).filter { $0.facilityID == nil || $0.facilityID == f.id }
        guard !plans.isEmpty else { return }
        for response in responses {
            for plan in plans where plan.level == response.level {
                // Slots of the day that start inside the response.
                var covered: [Int] = []
                for k in 0..<n where response.covers(clock.start(of: k, on: city.day)) { covered.append(k) }
                guard !covered.isEmpty else { continue }
                func mark(_ k: Int, _ list: inout [Bool], allowed: Double?, r: Double?) {
                    list[k] = true
                    if let allowed { allowedKW[k] = allowed }
                    if let r { ratio[k] = r }
                    if !levels[k].contains(plan.level) { levels[k].append(plan.level) }
                    if let id = response.responseID, !responseIDs[k].contains(id) { responseIDs[k].append(id) }
                }
                switch plan.measure {
                case .stop:
                    // SPEC 2 §7, §13.30: every running slot violates; `EventTracker.feedCumulativeDay`
                    // adds them up per calendar day.
                    for k in covered where fd.state[k] == .running { mark(k, &stop, allowed: 0, r: 0) }
                case .limit:
                    // SPEC 2 §7, §13.31: judged per enterprise; here only the smallest ratio in force.
                    let r = plan.allowedLoadShare
                    for k in covered {
                        if limitRatio[k].isNaN || r < limitRatio[k] { limitRatio[k] = r }
                        if !limitLevels[k].contains(plan.level) { limitLevels[k].append(plan.level) }
                        if let id = response.responseID, !limitResponseIDs[k].contains(id) { limitResponseIDs[k].append(id) }
                    }
                case .shift:
                    let r = plan.allowedLoadShare
                    for window in plan.windows {
                        let windowSlots = (0..<n).filter { window.contains(minuteOfDay: $0 * clock.minutes) }
                        let inside = covered.filter { window.contains(minuteOfDay: $0 * clock.minutes) }
                        if r == 0 {
                            for k in inside where fd.state[k] == .running { mark(k, &shift, allowed: 0, r: 0) }
                        } else {
                            guard let mean = baseline?.windowMean(slots: windowSlots) else { continue }
                            let allowed = r * mean
                            for k in inside where !fd.power[k].isNaN && fd.power[k] > allowed { mark(k, &shift, allowed: allowed, r: r) }
                        }
                    }
                }
            }
        }
    }
}
