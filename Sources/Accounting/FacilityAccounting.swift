/// SPEC §9.1–§9.2 of one facility on one CST day, as `DayAccounting` computes it from the
/// day's slots: for a treatment facility its N, the conditions counted over N, the four rates
/// and (with `voc_out` and `flow` sensors) the measured outlet emission against the estimate;
/// for a production facility its generated, captured, removed and emitted VOCs. What does
/// not apply to the facility's kind stays nil.
struct FacilityAccounting {
    // §9.1, treatment facilities.
    var nSlots: Int?
    /// Slots of N not STOPPED.
    var syncSlots: Int?
    var normalSlots: Int?
    var stoppedSlots: Int?
    var ineffectiveSlots: Int?
    var lowSlots: Int?
    /// Running slots of N (the removal rate's slots).
    var removalSlots: Int?
    var syncRate: Double?
    var effectiveRate: Double?
    var collectionRate: Double?
    var removalRate: Double?
    // §9.2, production facilities.
    var generatedKg: Double?
    var capturedKg: Double?
    var removedKg: Double?
    var emittedKg: Double?
    // §9.2 measured outlet emission, treatment facilities with the sensors.
    var outletMeasuredKg: Double?
    var outletEstimatedKg: Double?
    var outletSlots: Int?
}
