import Baselines
import Foundation
import PEMSCore

/// q of SPEC §9.1: the share of design airflow a treatment facility moves in a slot, 0…1.
///
/// 0 when STOPPED or the state is unknown (§13.18); else from the facility's `flow` sensors
/// (their sum, when all are present) over `design_airflow_m3h`; else the fan law
/// `min(1, (P / baseline running power)^(1/3))`; else 1. Negative power or flow counts as 0;
/// without `design_airflow_m3h` the flow method is skipped.
public struct AirflowShare {
    let flowSensors: [Int]
    let designAirflow: Double?

    public init(facility fi: Int, registry: Registry, topology: CityTopology) {
        flowSensors = topology.sensorPoints[fi].filter { registry.points[$0].role == .flow }
        designAirflow = registry.facilities[fi].designAirflowM3h.flatMap { $0 > 0 ? $0 : nil }
    }

    public func q(slot k: Int, condition: TreatmentCondition, facility fi: Int, city: CityDay) -> Double {
        guard condition != .stopped, condition != .unknown else { return 0 }
        if let design = designAirflow, !flowSensors.isEmpty {
            var sum = 0.0
            var all = true
            for pi in flowSensors {
                guard let v = city.pointValues[pi], !v[k].isNaN else { all = false; break }
                sum += max(0, v[k])
            }
            if all { return min(1, sum / design) }
        }
        let p = city.facilities[fi].power[k]
        if !p.isNaN, let b = city.baselines[fi], b.runningPowerKW > 0 {
            return min(1, cbrt(max(0, p) / b.runningPowerKW))
        }
        return 1
    }
}
