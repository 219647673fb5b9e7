import PEMSCore

/// A treatment facility-day whose measured outlet emission and estimate disagree (SPEC §9.2:
/// 产污系数/去污系数折算与实际排放实时比对).
public struct OutletDeviation: Sendable, Equatable {
    public var date: Day
    public var facilityID: String
    public var enterpriseID: String
    /// kg: Σ voc_out × flow × S/60 × 1e-6 over the slots where both were present.
    public var measuredKg: Double
    /// kg: the linked production facilities' captured − removed VOCs over the same slots.
    public var estimatedKg: Double
    /// (estimated − measured) / measured; nil when nothing was measured (measured = 0).
    public var deviation: Double?
    public var slots: Int
}

/// Lists the facility-days where the estimate deviates from the measured outlet emission by
/// more than `accounting.outlet_max_deviation` (default 0.3, SPEC §9.2 "over 30 %"). A day
/// with measured slots but 0 kg measured is listed when the estimate is above 0.
public enum OutletComparison {
    public static func deviations(_ facilityDays: [FacilityDayRecord], maxDeviation: Double) -> [OutletDeviation] {
        sorted(facilityDays.compactMap { deviation($0, maxDeviation: maxDeviation) })
    }

    /// The deviation of one facility-day when it is listed, else nil (for rows read one at a time).
    public static func deviation(_ f: FacilityDayRecord, maxDeviation: Double) -> OutletDeviation? {
        guard let m = f.outletMeasuredKg, let e = f.outletEstimatedKg, let slots = f.outletSlots, slots > 0 else { return nil }
        let deviation: Double? = m > 0 ? (e - m) / m : nil
        let listed = deviation.map { abs($0) > maxDeviation } ?? (e > 0)
        guard listed else { return nil }
        return OutletDeviation(date: f.date, facilityID: f.facilityID, enterpriseID: f.enterpriseID, measuredKg: m,
                               estimatedKg: e, deviation: deviation, slots: slots)
    }

    /// Listed deviations by date and facility.
    public static func sorted(_ deviations: [OutletDeviation]) -> [OutletDeviation] {
        deviations.sorted { ($0.date, $0.facilityID) < ($1.date, $1.facilityID) }
    }
}
