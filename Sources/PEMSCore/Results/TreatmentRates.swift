/// The SPEC §9.1 rates, each defined once: a facility-day's rates (`DayAccounting`) and every
/// roll-up's (enterprise, district, industry and city; day, week and month) come from these,
/// over slot counts or slot-weighted sums. Each is nil when what it divides by is 0.
public enum TreatmentRates {
    /// 同步率 (§9.1): slots of N whose condition is not STOPPED / |N|.
    public static func sync(syncSlots: Int, nSlots: Int) -> Double? {
        nSlots > 0 ? Double(syncSlots) / Double(nSlots) : nil
    }

    /// 有效运行率 (§9.1): slots of N whose condition is NORMAL / |N|.
    public static func effective(normalSlots: Int, nSlots: Int) -> Double? {
        nSlots > 0 ? Double(normalSlots) / Double(nSlots) : nil
    }

    /// 收集率 (§9.1): design_collection × the mean of q over N. `sum`: design_collection × Σ q
    /// over N for one facility-day; Σ rate × |N| over facility-days for a roll-up (the mean
    /// weighted by |N|).
    public static func collection(sum: Double, nSlots: Int) -> Double? {
        nSlots > 0 ? sum / Double(nSlots) : nil
    }

    /// 去除率 (§9.1, §13.19): the mean of r over the running slots of N. `sum`: Σ r over those
    /// slots for one facility-day; Σ rate × running slots over facility-days for a roll-up.
    public static func removal(sum: Double, runningSlots: Int) -> Double? {
        runningSlots > 0 ? sum / Double(runningSlots) : nil
    }
}
