import Foundation
import HJ212
import PEMSCore

/// The provincial anomaly interface of seed 003 附件3: the `abnormal` payload (治理设施异常:
/// production running while treatment is stopped, TREATMENT_STOPPED) and the `limit` payload
/// (应急减排或差异化管控异常: STOP/LIMIT/SHIFT_VIOLATION). Field names and order as the seed
/// lists them, times `yyyy-MM-dd HH:mm:ss` CST, thresholds in kW as strings. Each §7 event
/// is already merged per facility (`merge_gap_slots`), so one event is one record.
public enum ProvincialAnomalyJSON {
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

    /// `abnormal` records: one per TREATMENT_STOPPED event. `productorEquipId` is the linked
    /// production facility with the smallest id; its threshold is its first point's registry
    /// `threshold_kw` (a derived θ is not kept with the event, so the field is then empty
    /// and the remark says so). `treatmentAmmeterId` is the treatment facility's first
    /// electrical point, `treatmentAmmeterIds` all of them (主备), comma-separated.
    public static func abnormal(_ events: [EventRecord], registry: Registry, settings: Settings) -> [[(String, String)]] {
        let minutes = settings.minMinutes[AnomalyRule.treatmentStopped.rawValue] ?? 30
        return events.filter { $0.rule == .treatmentStopped }.sorted(by: EventRecord.exportOrder).map { e in
            let tid = e.facilityID ?? ""
            let production = registry.productionFacilities(linkedTo: tid).map(\.id).sorted().first ?? ""
            let points = electricalPoints(registry, tid)
            let primary = points.first?.id ?? ""
            let prodThreshold = electricalPoints(registry, production).first?.thresholdKW
            var remark = "生产设施运行期间治理设施停运\(e.minutes)分钟"
            if prodThreshold == nil { remark += "；生产设施阈值为系统按历史数据推导" }
            return [("psId", e.enterpriseID), ("exDay", exDay(e)), ("productorEquipId", production), ("treatmentId", tid),
                    ("treatmentAmmeterId", primary), ("treatmentAmmeterIds", points.map(\.id).joined(separator: ",")),
                    ("exTimeStart", e.start.description), ("exTimeEnd", e.end.description),
                    ("productorEquipThreshold", kw(prodThreshold)),
                    ("treatmentAmmeterThreshold", kw(e.evidence.thresholdsKW?[primary])),
                    ("treatmentAmmeterThresholdTime", String(minutes)), ("remark", remark)]
        }
    }

    /// `limit` records: one per STOP/LIMIT/SHIFT_VIOLATION event; the remark describes the
    /// measure and how it was judged.
    public static func limit(_ events: [EventRecord], registry: Registry) -> [[(String, String)]] {
        let rules: Set<AnomalyRule> = [.stopViolation, .limitViolation, .shiftViolation]
        return events.filter { rules.contains($0.rule) }.sorted(by: EventRecord.exportOrder).map { e in
            let ev = e.evidence
            var parts = [e.rule.chineseName]
            if let r = ev.responseIDs, !r.isEmpty { parts.append("应急响应 " + r.joined(separator: "、")) }
            if let l = ev.levels, !l.isEmpty { parts.append("级别 " + l.joined(separator: "、")) }
            switch e.rule {
            case .stopViolation: parts.append("停产措施期间生产设施功率达到启停阈值（运行）")
            case .limitViolation, .shiftViolation:
                if let b = ev.baselinePowerKW, let r = ev.ratio, let a = ev.allowedPowerKW {
                    parts.append("判定：功率 > \(kw(r)) × 基线 \(kw(b)) kW = \(kw(a)) kW")
                } else if e.rule == .shiftViolation {
                    parts.append("错峰时段内生产设施运行")
                }
            default: break
            }
            if let m = ev.meanPowerKW { parts.append("实测平均 \(kw(m)) kW") }
            parts.append("持续 \(e.minutes) 分钟")
            return [("psId", e.enterpriseID), ("exDay", exDay(e)), ("productorEquipId", e.facilityID ?? ""),
                    ("exTimeStart", e.start.description), ("exTimeEnd", e.end.description), ("remark", parts.joined(separator: "；"))]
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
        try Data(text(limit(events, registry: registry)).utf8).write(to: l, options: .atomic)
        return [a, l]
    }
}
