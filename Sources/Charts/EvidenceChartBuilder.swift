import Accounting
import PEMSCore

/// Builds the evidence chart of one event from the registry, the stored facility-days (for
/// the §6 baseline running power of that date) and the day's slot values.
public enum EvidenceChartBuilder {
    /// The day an event's chart shows: its start day, or the period's first day when the event
    /// began in the look-back (CST).
    public static func day(of e: EventRecord, periodFrom: Day) -> Day { max(e.start.day, periodFrom) }

    /// Facilities the chart draws: (production, treatment) for the event's facility; the
    /// limited production facilities for an enterprise-level LIMIT_VIOLATION (SPEC 2 §7: the
    /// judgement is on them together, treatment plays no part); the whole enterprise for OFFLINE.
    public static func facilities(of e: EventRecord, registry: Registry) -> (production: [Facility], treatment: [Facility]) {
        guard let id = e.facilityID, let f = registry.facility(id: id) else {
            let all = registry.facilities(ofEnterprise: e.enterpriseID)
            if isEnterpriseLimit(e) { return (limitedFacilities(of: e, registry: registry), []) }
            return (all.filter { $0.kind == .production }, all.filter { $0.kind == .treatment })
        }
        if f.kind == .treatment { return (registry.productionFacilities(linkedTo: f.id), [f]) }
        return ([f], registry.treatmentFacilities(linkedTo: f.id))
    }

    /// SPEC 2 §7: a LIMIT_VIOLATION without a facility judges all of the enterprise's
    /// limited equipment together.
    public static func isEnterpriseLimit(_ e: EventRecord) -> Bool { e.rule == .limitViolation && e.facilityID == nil }

    /// The production facilities an enterprise-level limit event held under the limit (its
    /// evidence's set L, by id); without them (an event stored before SPEC 2), every
    /// production facility of the enterprise.
    public static func limitedFacilities(of e: EventRecord, registry: Registry) -> [Facility] {
        let named = (e.evidence.limitedFacilities ?? []).sorted().compactMap { registry.facility(id: $0) }
        if !named.isEmpty { return named }
        return registry.facilities(ofEnterprise: e.enterpriseID).filter { $0.kind == .production }
    }

    /// The point ids a chart of `e` reads.
    public static func pointIDs(of e: EventRecord, registry: Registry) -> Set<String> {
        let (p, t) = facilities(of: e, registry: registry)
        return Set((p + t).flatMap { registry.points(ofFacility: $0.id).map(\.id) })
    }

    public static func chart(_ e: EventRecord, registry: Registry, settings: Settings, facilityDays: [FacilityDayRecord],
                             events: [EventRecord], day: EvidenceDay) -> EvidenceChart {
        let (production, treatment) = facilities(of: e, registry: registry)
        let enterprise = registry.enterprise(id: e.enterpriseID)
        let subject = e.facilityID.flatMap { registry.facility(id: $0) }
        let enterpriseLimit = isEnterpriseLimit(e)
        var lines: [EvidenceChart.Line] = []
        if enterpriseLimit {
            // SPEC 2 §7, §13.31: Σ power of the limited lines is what the limit line bounds;
            // a slot where one line is missing has no sum (the rule does not judge it).
            let names = production.map(\.name)
            let shown = names.count <= 4 ? names.joined(separator: "、") : names.prefix(3).joined(separator: "、") + " 等 \(names.count) 条"
            lines.append(.init(label: "限产设备合计功率（\(shown)）",
                               values: day.sumPower(production.map { registry.points(ofFacility: $0.id) }),
                               color: Palette.ink, width: 2.2, dash: []))
        }
        for (i, f) in production.prefix(3).enumerated() {
            lines.append(.init(label: "生产设施 \(f.name)", values: day.facilityPower(registry.points(ofFacility: f.id)),
                               color: Palette.series(i == 0 ? 1 : 5 + i), width: 1.4, dash: i == 0 ? [] : Palette.dash(i + 1)))
        }
        for (i, f) in treatment.prefix(2).enumerated() {
            lines.append(.init(label: "治理设施 \(f.name)", values: day.facilityPower(registry.points(ofFacility: f.id)),
                               color: i == 0 ? Palette.primary : Palette.series(3), width: 2, dash: i == 0 ? [] : [6, 3]))
        }
        lines = lines.filter { !$0.values.isEmpty }
        var band: (Double, Double)?
        let treatmentBaseline = treatment.first.flatMap { t in
            facilityDays.first(where: { $0.facilityID == t.id && $0.date == day.day })?.baselinePowerKW
        }
        if let b = treatmentBaseline { band = (settings.lowRatio * b, b) }
        var levels: [EvidenceChart.Level] = []
        // An idle-treatment event's allowed power is its idle line, drawn below with its name.
        if let allowed = e.evidence.allowedPowerKW, allowed > 0, e.rule != .treatmentStopped {
            let label = enterpriseLimit ? "合计允许功率 Σ(比例×基线) " : "允许功率 "
            levels.append(.init(label: label + "\(NumberText.fixed(allowed, 1)) kW", value: allowed, color: Palette.alarm, dash: [6, 2]))
        }
        if subject?.kind == .production || enterpriseLimit, let b = e.evidence.baselinePowerKW {
            let label = enterpriseLimit ? "基线运行功率合计 " : "基线运行功率 "
            levels.append(.init(label: label + "\(NumberText.fixed(b, 1)) kW", value: b, color: Palette.normal, dash: [2, 2]))
        }
        // SPEC 2 §5.4, §13.29: treatment under idle_ratio × its baseline is STOPPED (空转).
        if e.rule == .treatmentStopped, let b = treatmentBaseline ?? e.evidence.baselinePowerKW, b > 0 {
            let idle = settings.idleRatio * b
            levels.append(.init(label: "空转判定线 \(percentText(settings.idleRatio)) × 基线 = \(NumberText.fixed(idle, 1)) kW",
                                value: idle, color: Palette.series(6), dash: [4, 2]))
        }
        // θ: one line per electrical point of the subject facility (registry θ when the event has none).
        let subjectPoints = subject.map { registry.points(ofFacility: $0.id).filter(\.isElectrical) } ?? []
        for p in subjectPoints.prefix(3) {
            guard let theta = e.evidence.thresholdsKW?[p.id] ?? p.thresholdKW else { continue }
            levels.append(.init(label: "启停阈值θ \(p.name ?? p.id) \(NumberText.fixed(theta, 2)) kW", value: theta,
                                color: Palette.mutedInk, dash: [1.5, 2]))
        }
        // Sensors of the (first) treatment facility sharing one unit, one panel: those out of
        // range in this event first, else temperatures, else the first sensor's unit.
        let candidates: [Point] = treatment.first.map { t in
            registry.points(ofFacility: t.id).filter { $0.kind == .sensor && $0.role != .door && day.values[$0.id] != nil }
        } ?? []
        let flagged = Set(e.evidence.sensorRanges?.keys.map { $0 } ?? [])
        let lead = candidates.first { flagged.contains($0.id) } ?? candidates.first { $0.role == .temperature } ?? candidates.first
        let sensors: [EvidenceChart.Sensor] = lead.map { lead in
            candidates.filter { sensorUnit($0.role) == sensorUnit(lead.role) }.prefix(2).map { p in
                EvidenceChart.Sensor(label: sensorName(p), unit: sensorUnit(p.role), values: day.values[p.id] ?? [],
                                     validMin: p.validMin, validMax: p.validMax)
            }
        } ?? []
        let dayEnd = day.day.adding(days: 1).start
        // Times on the chart's day as HH:MM; others with their date (M/D HH:MM).
        func when(_ t: Timestamp) -> String {
            t.day == day.day || t == dayEnd ? TimeAxis.clock(t) == "00:00" && t == dayEnd ? "24:00" : TimeAxis.clock(t)
                : TimeAxis.shortDate(t.day) + " " + TimeAxis.clock(t)
        }
        let spans = events.filter {
            $0.enterpriseID == e.enterpriseID && $0.start < dayEnd && $0.end > day.day.start
                && ($0.rule != .carbonOverdue || EventID.of($0) == EventID.of(e))
        }.map { o in
            let main = EventID.of(o) == EventID.of(e)
            // Another event's label names its facility when it is not the chart's subject.
            let whole = isEnterpriseLimit(o) ? "全厂限产设备" : "全厂"
            let other = main || o.facilityID == e.facilityID ? "" : " " + (o.facilityID.flatMap { registry.facility(id: $0)?.name } ?? whole)
            // SPEC 2 §7, §13.30: a cumulative stop event is shaded run by run and states its sum.
            let runs = o.rule == .stopViolation ? o.evidence.violatingRuns ?? [] : []
            let sum = runs.isEmpty ? "" : " 累计运行 \(o.violatingMinutes) 分钟（\(runs.count) 段）"
            return EvidenceChart.Span(label: "\(o.rule.chineseName)\(other) \(when(o.start))–\(when(o.end))\(sum)",
                                      start: o.start, end: o.end, main: main, runs: runs)
        }
        // SPEC 2 §7, §13.32: the exemption an EXEMPTION_BREACH was found under, with its reason.
        let exemption = e.rule == .exemptionBreach ? e.evidence.exemption.map { x in
            EvidenceChart.ExemptionSpan(label: "报备期 \(when(x.start))–\(when(x.end))" + (x.reason.isEmpty ? "" : "：\(x.reason)"),
                                        start: x.start, end: x.end)
        } : nil
        let title = "\(enterprise?.name ?? e.enterpriseID) · \(subject?.name ?? (enterpriseLimit ? "全厂限产设备" : "全厂")) · \(e.rule.chineseName)"
        let subtitle = "\(TimeAxis.date(day.day)) 00:00–24:00（北京时间）  事件编号 \(EventID.of(e))"
        return EvidenceChart(title: title, subtitle: subtitle, day: day.day, slotMinutes: day.slotMinutes, power: lines,
                             band: band.map { (lo: $0.0, hi: $0.1) }, levels: levels, spans: spans, sensors: sensors,
                             exemption: exemption)
    }

    /// A share as a percentage: 0.2 → "20%", 0.125 → "12.5%".
    static func percentText(_ r: Double) -> String {
        let p = r * 100
        return NumberText.fixed(p, p == p.rounded() ? 0 : 1) + "%"
    }

    static func sensorName(_ p: Point) -> String {
        let role: String
        switch p.role {
        case .temperature: role = "温度"
        case .pressure: role = "压差"
        case .flow: role = "风量"
        case .vocIn: role = "进口VOCs浓度"
        case .vocOut: role = "出口VOCs浓度"
        default: role = "传感器"
        }
        return p.name.map { $0.isEmpty ? role : $0 } ?? role
    }

    static func sensorUnit(_ role: SensorRole?) -> String {
        switch role {
        case .temperature: return "℃"
        case .pressure: return "Pa"
        case .flow: return "m³/h"
        case .vocIn, .vocOut: return "mg/m³"
        default: return ""
        }
    }
}
