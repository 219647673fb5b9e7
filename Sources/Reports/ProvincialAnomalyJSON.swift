import Foundation
import HJ212
import PEMSCore

/// The provincial anomaly interface of seed 003 附件3: the `abnormal` payload (治理设施异常:
/// production running while its treatment is not — TREATMENT_STOPPED, and SPEC 2's
/// EXEMPTION_BREACH) and the `limit` payload (应急减排或差异化管控异常: STOP/LIMIT/SHIFT_VIOLATION).
/// Field names and order as the seed lists them, times `yyyy-MM-dd HH:mm:ss` CST, thresholds
/// in kW as strings. Each §7 event is already merged (`merge_gap_slots`, the cumulative stop of
/// a day), so one event is one record — but an enterprise-level limit event is one record per
/// production facility it held under the limit (the `limit` rows are per `productorEquipId`).
/// docs/REPORTS.md says how each rule maps to the fields.
public enum ProvincialAnomalyJSON {
    /// The seed's two payloads.
    public enum Payload: String, Sendable { case abnormal, limit }

    /// The payload an event of `rule` is sent in; nil: the interface has no place for it (its
    /// two kinds are "治理设施未正常开启" and "未落实停限产", seed 003 附件4 §1). Every rule is
    /// decided here, so a new rule cannot slip through unsent or sent wrongly.
    public static func payload(of rule: AnomalyRule) -> Payload? {
        switch rule {
        // Production runs while its treatment is off: stopped (or idle, SPEC 2 §5.4), or
        // declared down for repair without its production stopping (SPEC 2 §7, §13.32).
        case .treatmentStopped, .exemptionBreach: return .abnormal
        case .stopViolation, .limitViolation, .shiftViolation: return .limit
        // Treatment running but not well, lost data, carbon: not an anomaly of the interface.
        case .treatmentIneffective, .treatmentLow, .offline, .carbonOverdue: return nil
        }
    }

    /// `exDay`: the day the anomaly ends on (the seed's example: 23:15 → 01:00 is dated the
    /// second day); an event ending exactly at 00:00 belongs to the day before.
    static func exDay(_ e: EventRecord) -> String { e.end.adding(seconds: -1).day.description }

    static func kw(_ x: Double?) -> String {
        guard let x else { return "" }
        return ExportNumber.format((x * 1000).rounded() / 1000)
    }

    /// The electrical points of a facility, by id (primary first, then backups).
    static func electricalPoints(_ registry: Registry, _ facility: String) -> [Point] {
        registry.points(ofFacility: facility).filter(\.isElectrical).sorted { $0.id < $1.id }
    }

    /// "持续 120 分钟", and the violating minutes when gaps were merged over (SPEC 2 §12).
    static func duration(_ e: EventRecord) -> String {
        e.violatingMinutes < e.minutes ? "持续 \(e.minutes) 分钟，其中违规 \(e.violatingMinutes) 分钟" : "持续 \(e.minutes) 分钟"
    }

    /// `abnormal` records: one per TREATMENT_STOPPED or EXEMPTION_BREACH event (the facility
    /// is the treatment facility: stopped, or named by the exemption). `productorEquipId` is
    /// the linked production facility with the smallest id; its threshold is its first
    /// point's registry `threshold_kw` (a derived θ is not kept with the event, so the field
    /// is then empty and the remark says so). `treatmentAmmeterId` is the treatment
    /// facility's first electrical point, `treatmentAmmeterIds` all of them (主备),
    /// comma-separated; `treatmentAmmeterThresholdTime` the rule's `min_minutes`.
    public static func abnormal(_ events: [EventRecord], registry: Registry, settings: Settings) -> [[(String, String)]] {
        events.filter { payload(of: $0.rule) == .abnormal }.sorted(by: EventRecord.exportOrder).map { e in
            let tid = e.facilityID ?? ""
            let production = registry.productionFacilities(linkedTo: tid).map(\.id).sorted().first ?? ""
            let points = electricalPoints(registry, tid)
            let primary = points.first?.id ?? ""
            let prodThreshold = electricalPoints(registry, production).first?.thresholdKW
            var remark: String
            if e.rule == .exemptionBreach {
                // SPEC 2 §7, seed 003 附件4 "环保设施对应的生产设施必须同步停运".
                remark = "报备期间生产未停："
                if let x = e.evidence.exemption {
                    remark += "治理设施报备 \(x.start) 至 \(x.end)" + (x.reason.isEmpty ? "" : "（\(x.reason)）") + "，"
                }
                remark += "对应生产设施未同步停运，运行 \(e.violatingMinutes) 分钟"
            } else {
                remark = "生产设施运行期间治理设施停运\(e.minutes)分钟"
            }
            if prodThreshold == nil { remark += "；生产设施阈值为系统按历史数据推导" }
            let minutes = settings.minMinutes[e.rule.rawValue] ?? 30
            return [("psId", e.enterpriseID), ("exDay", exDay(e)), ("productorEquipId", production), ("treatmentId", tid),
                    ("treatmentAmmeterId", primary), ("treatmentAmmeterIds", points.map(\.id).joined(separator: ",")),
                    ("exTimeStart", e.start.description), ("exTimeEnd", e.end.description),
                    ("productorEquipThreshold", kw(prodThreshold)),
                    ("treatmentAmmeterThreshold", kw(e.evidence.thresholdsKW?[primary])),
                    ("treatmentAmmeterThresholdTime", String(minutes)), ("remark", remark)]
        }
    }

    /// The production facilities of an enterprise-level limit event (SPEC 2 §7: the set L),
    /// by id: as its evidence names them; an event stored without them (none should be) falls
    /// back to the enterprise's production facilities with a limit plan row of its levels.
    static func limitedFacilities(_ e: EventRecord, registry: Registry) -> [String] {
        if let l = e.evidence.limitedFacilities, !l.isEmpty { return l.sorted() }
        let levels = Set(e.evidence.levels ?? [])
        let planned = registry.plans(ofEnterprise: e.enterpriseID).filter { $0.measure == .limit && levels.contains($0.level) }
        let production = registry.facilities(ofEnterprise: e.enterpriseID).filter { $0.kind == .production }.map(\.id)
        if planned.contains(where: { $0.facilityID == nil }) { return production.sorted() }
        return Set(planned.compactMap(\.facilityID)).intersection(production).sorted()
    }

    /// `limit` records: one per STOP/SHIFT_VIOLATION event and per facility-level
    /// LIMIT_VIOLATION; an enterprise-level LIMIT_VIOLATION (SPEC 2, facility blank) gives one
    /// record per limited production facility, each with the event's times and the same
    /// remark: the enterprise-level judgement with its numbers. The remark describes the
    /// measure and how it was judged.
    public static func limit(_ events: [EventRecord], registry: Registry, settings: Settings) -> [[(String, String)]] {
        events.filter { payload(of: $0.rule) == .limit }.sorted(by: EventRecord.exportOrder).flatMap { e in
            let ev = e.evidence
            let enterpriseLevel = e.rule == .limitViolation && e.facilityID == nil
            var parts = [e.rule.chineseName + (enterpriseLevel ? "（全厂限产设备合计判定）" : "")]
            if let r = ev.responseIDs, !r.isEmpty { parts.append("应急响应 " + r.joined(separator: "、")) }
            if let l = ev.levels, !l.isEmpty { parts.append("级别 " + l.joined(separator: "、")) }
            let facilities = enterpriseLevel ? limitedFacilities(e, registry: registry) : [e.facilityID ?? ""]
            switch e.rule {
            case .stopViolation:
                if let runs = ev.violatingRuns, !runs.isEmpty {
                    // SPEC 2 §7, §13.30 (seed 001 §7.1 "累计时间 > 门限时间").
                    let limit = settings.minMinutes[AnomalyRule.stopViolation.rawValue] ?? 30
                    parts.append("停产措施期间生产设施当日累计运行 \(e.violatingMinutes) 分钟（\(runs.count) 段），达到门限 \(limit) 分钟")
                } else {
                    parts.append("停产措施期间生产设施功率达到启停阈值（运行）")
                }
            case .limitViolation where enterpriseLevel:
                // SPEC 2 §7, §13.31 (seed 001 §7.2 "污染源所有限产设备的负荷…在基线负荷的限产百分比之内").
                var judgement = "判定：限产设备 \(facilities.joined(separator: "、")) 合计功率 > 合计允许功率 Σ(限产比例 × 基线)"
                if let a = ev.allowedPowerKW { judgement += " = \(kw(a)) kW" }
                if let b = ev.baselinePowerKW { judgement += "（基线合计 \(kw(b)) kW）" }
                parts.append(judgement)
            case .limitViolation, .shiftViolation:
                if let b = ev.baselinePowerKW, let r = ev.ratio, let a = ev.allowedPowerKW {
                    parts.append("判定：功率 > \(kw(r)) × 基线 \(kw(b)) kW = \(kw(a)) kW")
                } else if e.rule == .shiftViolation {
                    parts.append("错峰时段内生产设施运行")
                }
            case .treatmentStopped, .treatmentIneffective, .treatmentLow, .offline, .exemptionBreach, .carbonOverdue:
                break
            }
            if let m = ev.meanPowerKW {
                parts.append(enterpriseLevel ? "合计实测平均 \(kw(m)) kW" + (ev.maxPowerKW.map { "，最大 \(kw($0)) kW" } ?? "")
                             : "实测平均 \(kw(m)) kW")
            }
            parts.append(duration(e))
            let remark = parts.joined(separator: "；")
            return facilities.map { f in
                [("psId", e.enterpriseID), ("exDay", exDay(e)), ("productorEquipId", f),
                 ("exTimeStart", e.start.description), ("exTimeEnd", e.end.description), ("remark", remark)]
            }
        }
    }

    /// A JSON array of objects with the keys in the given order, two-space indented.
    public static func text(_ records: [[(String, String)]]) -> String { JSONString.indentedArray(records) }

    /// Writes `abnormal_<label>.json` and `limit_<label>.json` into `directory`, atomically.
    public static func write(_ events: [EventRecord], registry: Registry, settings: Settings, label: String,
                             to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let a = directory.appendingPathComponent("abnormal_\(label).json")
        let l = directory.appendingPathComponent("limit_\(label).json")
        try Data(text(abnormal(events, registry: registry, settings: settings)).utf8).write(to: a, options: .atomic)
        try Data(text(limit(events, registry: registry, settings: settings)).utf8).write(to: l, options: .atomic)
        return [a, l]
    }
}
