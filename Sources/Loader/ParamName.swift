/// How a CP parameter maps onto the stored parameter names (SPEC §3.1, §13.2).
///
/// - Electrical points: `Pt`, `P` (seed 001 appendix E), `Rtd` in CN 2011, and `Avg`,
///   `Pt-Avg`, `P-Avg` in CN 2051/2061/2031 are all the active power **`Pt`** (kW);
///   `Ept`, `Ept-Avg` are the energy counter **`Ept`** (kWh).
/// - Sensor points: `Rtd` (CN 2011) and `Avg` (CN 2051/2061/2031) are the process value
///   **`Val`** (°C, kPa, m³/h, mg/m³, 0/1 …).
/// - The phase values `Ua Ub Uc` (V), `Ia Ib Ic` (A) and `Pa Pb Pc` (kW) are stored under
///   those names, also when CN 2051/2061/2031 send them as `Pa-Avg` etc. (SPEC 2 §4, §13.27:
///   the computation reads `Pa`…`Pc` whatever the CN, as it reads `Pt`).
/// - Anything else (`RS`, `Q`, `Min`, `Max`, …) is stored under its own name.
/// - `Flag` is the data flag of the code's values, not a value; `EFlag` and `SampleTime`
///   are not stored and are counted as unused.
enum ParamName {
    enum Kind { case value(String), flag, unused }

    /// The phase parameters of seed 001 附录D.
    static let phases: Set<String> = ["Ua", "Ub", "Uc", "Ia", "Ib", "Ic", "Pa", "Pb", "Pc"]

    static func classify(_ param: [UInt8], electrical: Bool, realtime: Bool) -> Kind {
        let p = String(decoding: param, as: UTF8.self)
        switch p {
        case "Flag": return .flag
        case "EFlag", "SampleTime": return .unused
        default: break
        }
        if electrical {
            switch p {
            case "Pt", "P", "Pt-Avg", "P-Avg": return .value("Pt")
            case "Rtd": return realtime ? .value("Pt") : .value("Rtd")
            case "Avg": return realtime ? .value("Avg") : .value("Pt")
            case "Ept", "Ept-Avg": return .value("Ept")
            case _ where p.hasSuffix("-Avg") && phases.contains(String(p.dropLast(4))): return .value(String(p.dropLast(4)))
            default: return .value(p)
            }
        } else {
            switch p {
            case "Rtd": return realtime ? .value("Val") : .value("Rtd")
            case "Avg": return realtime ? .value("Avg") : .value("Val")
            default: return .value(p)
            }
        }
    }
}
