/// The usable per-phase readings of one electrical point on one CST day (SPEC 2 §8
/// VOLTAGE_LOOP, CURRENT_LOOP; seed 001 附录D names), as the phase-fault checks need them.
///
/// Fine data is CN 2011 and CN 2051 merged in time order; hour data is CN 2061, which fills only
/// the slots without finer data (§13.33, as for `Pt`). A parameter the point did not send that
/// day has empty lists.
public struct PhaseReadings: Sendable, Equatable {
    /// The six phase parameters the checks read, in storage order of `fine` and `hour`.
    public enum Param: Int, Sendable, CaseIterable {
        case ua, ub, uc, pa, pb, pc

        /// The stored parameter name of a realtime value or a CSV reading (`Ua` … `Pc`).
        public var name: String {
            switch self {
            case .ua: "Ua"
            case .ub: "Ub"
            case .uc: "Uc"
            case .pa: "Pa"
            case .pb: "Pb"
            case .pc: "Pc"
            }
        }

        /// The three voltages and the three powers.
        public static let voltages: [Param] = [.ua, .ub, .uc]
        public static let powers: [Param] = [.pa, .pb, .pc]
    }

    /// Per `Param.rawValue`: usable CN 2011/2051 readings, sorted by time.
    public var fine: [[Reading]]
    /// Per `Param.rawValue`: usable CN 2061 readings, sorted by time.
    public var hour: [[Reading]]

    public init(fine: [[Reading]] = Array(repeating: [], count: 6), hour: [[Reading]] = Array(repeating: [], count: 6)) {
        precondition(fine.count == 6 && hour.count == 6, "one list per phase parameter")
        self.fine = fine
        self.hour = hour
    }

    /// Whether the point sent any usable reading of `p` that day.
    public func has(_ p: Param) -> Bool { !fine[p.rawValue].isEmpty || !hour[p.rawValue].isEmpty }

    /// Slot means of `p` (NaN = no usable reading), CN 2061 filling the empty slots (§13.33).
    public func slotMeans(_ p: Param, clock: SlotClock) -> [Double] {
        SlotValues.means(fine: fine[p.rawValue], hour: hour[p.rawValue], clock: clock)
    }
}
