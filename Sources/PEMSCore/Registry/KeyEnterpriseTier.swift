/// The key-enterprise tiers of the city's VOCs sources (seed 000: "年污染物产生量大于50吨的重点
/// 工业源", "年VOCs污染物产生量大于10吨小于50吨的…重点工业源"), read from the registry's declared
/// annual VOCs (`annual_voc_t`, tonnes per year) against `Settings.keyEnterpriseTiers`
/// (default [50, 10] t/year). Both bounds are strict as the seed writes them ("大于"): an
/// enterprise of exactly 50 t is 一般重点, one of exactly 10 t is in no tier. Reports and the
/// brief classify through this one type, so they cannot disagree.
public enum KeyEnterpriseTier: Int, Sendable, CaseIterable, Comparable {
    /// 重点: annual_voc_t > tiers[0].
    case key = 1
    /// 一般重点: tiers[1] < annual_voc_t ≤ tiers[0].
    case general = 2

    public var chineseName: String {
        switch self {
        case .key: return "重点"
        case .general: return "一般重点"
        }
    }

    /// The tier of an enterprise; nil without `annual_voc_t` or at or below the lower bound.
    /// `tiers` are the settings' bounds, descending (the settings file checks there are two);
    /// a missing lower bound reads as the upper one (no 一般重点 tier).
    public static func of(_ e: Enterprise, tiers: [Double]) -> KeyEnterpriseTier? {
        guard let t = e.annualVOCTonnes, let upper = tiers.first else { return nil }
        let lower = tiers.count > 1 ? tiers[1] : upper
        if t > upper { return .key }
        if t > lower { return .general }
        return nil
    }

    /// "> 50 t" / "10–50 t" (or with `unit` 吨): the tier's bounds as a reader sees them (t/year).
    public static func boundsText(_ tier: KeyEnterpriseTier, tiers: [Double], unit: String = "t") -> String {
        let upper = tiers.first ?? 0, lower = tiers.count > 1 ? tiers[1] : upper
        switch tier {
        case .key: return "> \(ExportNumber.format(upper)) \(unit)"
        case .general: return "\(ExportNumber.format(lower))–\(ExportNumber.format(upper)) \(unit)"
        }
    }

    public static func < (a: KeyEnterpriseTier, b: KeyEnterpriseTier) -> Bool { a.rawValue < b.rawValue }
}
