import PEMSCore

/// Whether an approved exemption reaches an event: could have changed it, so that the event is
/// not the same with and without the exemption (issue 18, `exempted_events.csv`).
///
/// Scope as SPEC §13.14 and §13.31–§13.32: the exemption's enterprise; a blank facility reaches
/// every facility's events, OFFLINE and LIMIT_VIOLATION; a named facility only that facility's
/// events; CARBON_OVERDUE never; EXEMPTION_BREACH only through the exemption that raised it.
/// Time: the exemption `[start, end)` meets the event's reach — `[start − g × S, end + g × S)`
/// with g = `merge_gap_slots`, the slots that could have joined it (§7 merging), or for
/// STOP_VIOLATION, whose violating slots of one day merge whatever the gaps (§13.30), the
/// event's CST day. An exemption outside that reach covers no slot that is, or could have
/// merged into, the event, so the event is the same whether or not the exemption is approved;
/// one inside it may have cut, shortened or removed the event. The same test is put to the
/// events of both passes, so the events no approved exemption reaches are the same in both.
enum ExemptionReach {
    static func reaches(_ x: Exemption, rule: AnomalyRule, enterpriseID: String, facilityID: String?,
                        start: Timestamp, end: Timestamp, settings: Settings) -> Bool {
        guard x.status == .approved, x.enterpriseID == enterpriseID else { return false }
        switch rule {
        case .carbonOverdue: return false
        case .exemptionBreach:
            guard let f = x.facilityID, f == facilityID else { return false }
            return x.start < end && x.end > start
        case .offline, .limitViolation:
            guard x.facilityID == nil else { return false }
        default:
            if let f = x.facilityID, f != facilityID { return false }
        }
        let from: Timestamp, to: Timestamp
        if rule == .stopViolation {
            from = start.day.start
            to = start.day.adding(days: 1).start
        } else {
            let margin = Int64(settings.mergeGapSlots * settings.slotMinutes * 60)
            from = start.adding(seconds: -margin)
            to = end.adding(seconds: margin)
        }
        return x.start < to && x.end > from
    }
}
