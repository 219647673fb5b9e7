/// An event the approved exemptions kept out of the count (issue 18, seed 001 §5.5.8, seed 003
/// 附件4 报备): found by a second §7 pass that ignores every exemption, paired with one approved
/// exemption that reaches it (`ExemptionReach`). One row per event and exemption; an event two
/// exemptions reach has two rows. Times CST; minutes as `EventRecord`'s, inside the period.
public struct ExemptedEventRecord: Sendable, Codable, Equatable {
    /// The event as it is when approved exemptions are ignored (`evidence` left empty).
    public var event: EventRecord
    /// The exemption's 1-based row in the registry's `exemptions.csv` (its 报备序号).
    public var exemptionNumber: Int
    public var exemptionEnterpriseID: String
    /// nil: the exemption covers the whole enterprise.
    public var exemptionFacilityID: String?
    public var exemptionStart: Timestamp
    public var exemptionEnd: Timestamp
    public var exemptionReason: String?
    /// Minutes: the event's violating slots inside the period that this exemption covers (SPEC
    /// §13.14) × S — what it took out of the count. 0: the exemption lies next to the event
    /// (within `merge_gap_slots`, or on the same day for STOP_VIOLATION) without covering any
    /// of its violating slots, and the event is counted as it is.
    public var suppressedMinutes: Int

    public init(event: EventRecord, exemptionNumber: Int, exemption: Exemption, suppressedMinutes: Int) {
        self.event = event
        self.exemptionNumber = exemptionNumber
        exemptionEnterpriseID = exemption.enterpriseID
        exemptionFacilityID = exemption.facilityID
        exemptionStart = exemption.start
        exemptionEnd = exemption.end
        exemptionReason = exemption.reason
        self.suppressedMinutes = suppressedMinutes
    }

    /// `exempted_events.csv` order: the event's SPEC §12 key, then the exemption's row.
    public static func exportOrder(_ a: ExemptedEventRecord, _ b: ExemptedEventRecord) -> Bool {
        if EventRecord.exportOrder(a.event, b.event) { return true }
        if EventRecord.exportOrder(b.event, a.event) { return false }
        return a.exemptionNumber < b.exemptionNumber
    }
}
