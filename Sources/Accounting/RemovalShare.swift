import Baselines
import PEMSCore

/// r of SPEC §9.1: the share of captured VOCs a treatment facility removes in a slot, 0…1.
///
/// 0 when the treatment is not running (stopped, or the state unknown, §13.18); else from the
/// facility's first `voc_in` and first `voc_out` sensors, `max(0, 1 − out/in)`, when both are
/// present and in > 0 (the sensor method wins over the condition, §13.19); else
/// `design_removal × (1 NORMAL, 0.5 LOW, 0 INEFFECTIVE or idle STOPPED)` with a blank
/// design_removal = 0.
/// A negative outlet reading counts as 0, so r never exceeds 1.
public struct RemovalShare: Sendable {
    let vocIn: Int?
    let vocOut: Int?
    let designRemoval: Double

    public init(facility fi: Int, registry: Registry, topology: CityTopology) {
        let sensors = topology.sensorPoints[fi]
        vocIn = sensors.first { registry.points[$0].role == .vocIn }
        vocOut = sensors.first { registry.points[$0].role == .vocOut }
        designRemoval = registry.facilities[fi].designRemovalOrDefault
    }

    /// r in slot k of `city`'s day given the facility's condition there and whether its state
    /// is running (SPEC 2 §13.29: an idle slot is STOPPED yet running; its r is 0 by the
    /// condition method, but the sensor method still wins).
    public func r(slot k: Int, condition: TreatmentCondition, running: Bool, city: CityDay) -> Double {
        let factor: Double
        switch condition {
        case .unknown: return 0
        case .stopped:
            guard running else { return 0 }
            factor = 0
        case .normal: factor = 1
        case .low: factor = 0.5
        case .ineffective: factor = 0
        }
        if let i = vocIn, let o = vocOut, let vin = city.pointValues[i], let vout = city.pointValues[o] {
            let a = vin[k], b = vout[k]
            if !a.isNaN, !b.isNaN, a > 0 { return max(0, 1 - max(0, b) / a) }
        }
        return designRemoval * factor
    }
}
