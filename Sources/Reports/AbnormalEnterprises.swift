import Accounting
import Foundation
import PEMSCore

/// 排放异常企业 (seed 000: "展示各企业的排放趋势，做到及时发现排放异常的企业"; "同类型企业…横向对比，
/// 帮助生态环境部门识别出排放异常的企业"): an enterprise is listed when
/// - its emission intensity (kg emitted per kWh of production energy, as `IndustryComparison`
///   compares it) is above `(1 + deviation)` × its industry's median — strictly: exactly the
///   limit is not listed; or
/// - its emitted kg changed by more than `changeThreshold` (relative, either way) against the
///   previous period while its energy (kWh, all facilities) changed by less than
///   `energySteady` — emission moving on steady production points at the treatment, not at
///   the output. Both strict; a change against an earlier 0 or a missing earlier period is no
///   change (`PeriodComparison.change`), so it never lists an enterprise.
/// No SPEC formula: the thresholds are settings (`comparison.*`). Industry medians are taken
/// over every enterprise given (the city's), whatever edition lists the findings.
public struct AbnormalEnterprise: Sendable, Equatable {
    public var enterpriseID: String
    /// The intensity comparison (nil when the enterprise is not among the totals compared).
    public var intensity: IndustryComparisonRow?
    /// `(1 + deviation)` × median, kg/kWh; nil without a median.
    public var intensityLimit: Double?
    public var intensityTrips: Bool
    /// This period's and the previous period's totals (nil when the previous one has none).
    public var current: AccountingTotals
    public var earlier: AccountingTotals?
    /// Relative changes of emitted kg and energy kWh against the previous period.
    public var emittedChange: Double?
    public var energyChange: Double?
    public var changeTrips: Bool

    /// The reason in words, e.g. "排放强度为行业中位数的 2.10 倍（限值 1.5 倍）；排放量环比上升 80.0%，
    /// 用电量环比上升 3.0%（变化小于 10%）".
    public func reason(deviation: Double, energySteady: Double) -> String {
        var parts: [String] = []
        if intensityTrips {
            if let ratio = intensity?.ratioToMedian {
                parts.append("排放强度为行业中位数的 \(Self.fixed(ratio, 2)) 倍（限值 \(ExportNumber.format(1 + deviation)) 倍）")
            } else {
                // A median of 0: any emission is above it.
                parts.append("排放强度 \(Self.fixed(intensity?.emittedKgPerKWh ?? 0, 4)) kg/kWh，行业中位数为 0")
            }
        }
        if changeTrips, let e = emittedChange, let w = energyChange {
            parts.append("排放量环比\(Self.direction(e)) \(Self.fixed(abs(e) * 100, 1))%，用电量环比\(Self.direction(w)) \(Self.fixed(abs(w) * 100, 1))%"
                         + "（变化小于 \(ExportNumber.format(energySteady * 100))%）")
        }
        return parts.joined(separator: "；")
    }

    static func direction(_ x: Double) -> String { x < 0 ? "下降" : "上升" }

    /// `x` with `digits` decimals, as the other sentences of the workbooks write them.
    static func fixed(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
}

public enum AbnormalEnterprises {
    /// The listed enterprises among `current` (one bucket's enterprise totals) against
    /// `earlier` (the previous bucket's; empty when not stored): those with an intensity above
    /// the limit first, by ratio to the median descending, then those listed for the change
    /// alone, by |emitted change| descending; ties by id.
    public static func find(current: [AccountingTotals], earlier: [AccountingTotals], registry: Registry,
                            deviation: Double, changeThreshold: Double, energySteady: Double) -> [AbnormalEnterprise] {
        let comparison = Dictionary(uniqueKeysWithValues: IndustryComparison.compare(current, registry: registry)
            .map { ($0.enterpriseID, $0) })
        var before: [String: AccountingTotals] = [:]
        for t in earlier where t.level == .enterprise { before[t.code] = t }
        var out: [AbnormalEnterprise] = []
        for t in current where t.level == .enterprise {
            let row = comparison[t.code]
            let limit = row?.industryMedian.map { (1 + deviation) * $0 }
            var intensityTrips = false
            if let v = row?.emittedKgPerKWh, let limit, v > limit { intensityTrips = true }
            let b = before[t.code]
            let emitted = PeriodComparison.change(current: t.emittedKg, earlier: b?.emittedKg)
            let energy = PeriodComparison.change(current: t.energyKWh, earlier: b?.energyKWh)
            var changeTrips = false
            if let emitted, let energy, abs(emitted) > changeThreshold, abs(energy) < energySteady { changeTrips = true }
            guard intensityTrips || changeTrips else { continue }
            out.append(AbnormalEnterprise(enterpriseID: t.code, intensity: row, intensityLimit: limit, intensityTrips: intensityTrips,
                                          current: t, earlier: b, emittedChange: emitted, energyChange: energy,
                                          changeTrips: changeTrips))
        }
        return out.sorted { a, b in
            if a.intensityTrips != b.intensityTrips { return a.intensityTrips }
            let x = a.intensityTrips ? a.intensity?.ratioToMedian : a.emittedChange.map(abs)
            let y = b.intensityTrips ? b.intensity?.ratioToMedian : b.emittedChange.map(abs)
            if let x, let y, x != y { return x > y }
            return a.enterpriseID < b.enterpriseID
        }
    }
}
