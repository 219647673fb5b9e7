import Accounting
import PEMSCore

extension PeriodReportData {
    /// 报备与豁免: every exemption of the registry overlapping the period, whatever its status
    /// (the registry in force on the period's last day says which are pending, that is still
    /// open then), by start, enterprise and row; an approved one with what it kept out of the
    /// event count, read from the stored `exempted_events` (issue 18). A county edition: its
    /// district's enterprises only.
    public func exemptions() -> ResultSet<ExemptionField> {
        var set = ResultSet<ExemptionField>()
        let periodStart = rows.from.start, periodEnd = rows.to.adding(days: 1).start
        var byNumber: [Int: [ExemptedEventRecord]] = [:]
        for r in rows.exemptedEvents where r.suppressedMinutes > 0 { byNumber[r.exemptionNumber, default: []].append(r) }
        let listed = registry.exemptions.enumerated()
            .filter { $0.element.start < periodEnd && $0.element.end > periodStart && covers(enterpriseID: $0.element.enterpriseID) }
            .sorted { ($0.element.start, $0.element.enterpriseID, $0.offset) < ($1.element.start, $1.element.enterpriseID, $1.offset) }
        let slotMinutes = settings.slotMinutes
        for (i, x) in listed {
            let e = registry.enterprise(id: x.enterpriseID)
            let inside = Int((min(x.end, periodEnd).seconds - max(x.start, periodStart).seconds) / 60)
            var cells: [ExemptionField: ReportCell] = [
                .number: .integer(i + 1), .districtName: .text(e.flatMap { registry.district(code: $0.districtCode)?.name }),
                .enterpriseID: .text(x.enterpriseID), .enterpriseName: .text(e?.name),
                .facilityID: .text(x.facilityID),
                .facilityName: .text(x.facilityID.map { registry.facility(id: $0)?.name ?? $0 } ?? "全厂"),
                .status: .text(x.status.rawValue), .statusName: .text(x.status.chineseName),
                .start: .time(x.start), .end: .time(x.end), .reason: .text(x.reason), .periodMinutes: .integer(inside)]
            if x.status == .approved {
                let events = (byNumber[i + 1] ?? []).sorted(by: ExemptedEventRecord.exportOrder)
                let minutes = events.reduce(0) { $0 + $1.suppressedMinutes }
                cells[.suppressedSlots] = .integer(minutes / slotMinutes)
                cells[.suppressedEvents] = .integer(events.count)
                cells[.suppressedMinutes] = .integer(minutes)
                cells[.suppressed] = .text(events.map {
                    "\($0.event.rule.chineseName) \(facilityLabel($0.event.facilityID)) \($0.suppressedMinutes)分钟"
                }.joined(separator: "；"))
            }
            set.append(cells)
        }
        return set
    }

    /// 豁免事件: each event an approved exemption took violating slots from (stored
    /// `exempted_events` rows with suppressed minutes), by exemption row, then `events.csv`
    /// order. A county edition: its district's enterprises only.
    public func exemptedEvents() -> ResultSet<ExemptedEventField> {
        var set = ResultSet<ExemptedEventField>()
        let listed = rows.exemptedEvents
            .filter { $0.suppressedMinutes > 0 && covers(enterpriseID: $0.event.enterpriseID) }
            .sorted { a, b in
                a.exemptionNumber != b.exemptionNumber ? a.exemptionNumber < b.exemptionNumber
                    : ExemptedEventRecord.exportOrder(a, b)
            }
        for r in listed {
            let ev = r.event
            let e = registry.enterprise(id: ev.enterpriseID)
            set.append([
                .number: .integer(r.exemptionNumber), .districtName: .text(e.flatMap { registry.district(code: $0.districtCode)?.name }),
                .enterpriseID: .text(ev.enterpriseID), .enterpriseName: .text(e?.name),
                .rule: .text(ev.rule.rawValue), .ruleName: .text(ev.rule.chineseName),
                .facilityID: .text(ev.facilityID), .facilityName: .text(facilityLabel(ev.facilityID)),
                .start: .time(ev.start), .end: .time(ev.end), .minutes: .integer(ev.minutes),
                .violatingMinutes: .integer(ev.violatingMinutes), .suppressedMinutes: .integer(r.suppressedMinutes),
                .exemptionStart: .time(r.exemptionStart), .exemptionEnd: .time(r.exemptionEnd), .reason: .text(r.exemptionReason)])
        }
        return set
    }

    /// A facility's name (its id when unnamed); 全厂 for an enterprise-level event.
    private func facilityLabel(_ id: String?) -> String {
        guard let id else { return "全厂" }
        return registry.facility(id: id)?.name ?? id
    }
}
