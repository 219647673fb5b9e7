import Accounting
import PEMSCore

/// The brief's key enterprises and 513 zone (seed 000: "年污染物产生量大于50吨的重点工业源…占…%",
/// "大于10吨小于50吨", "可监控VOCs污染物产生量…占全市…%", "513重点区域VOCs排放管控"): each key tier
/// (`KeyEnterpriseTier` on `annual_voc_t`, `Settings.keyEnterpriseTiers`) and the zone's
/// districts (`zone_513`) against the city — enterprises, those online, emitted kg and its
/// share, events and their share. Events are those overlapping the period (the brief's
/// 异常事件); kg; the period's totals of `PeriodFacts`.
public struct KeyEnterpriseSummary: Sendable {
    /// One line of the table.
    public struct Group: Sendable, Equatable {
        public var label: String
        public var enterprises: Int
        /// Enterprises with a facility-day of completeness > 0 (a present slot) in the period.
        public var online: Int
        public var emittedKg: Double
        /// Shares of the city's emitted kg and events; nil when the city has none.
        public var emittedShare: Double?
        public var events: Int
        public var eventShare: Double?
    }

    /// 重点 and 一般重点, in that order (a tier with no enterprise still has its line).
    public var tiers: [Group]
    /// The 513 zone; nil when the registry marks no district, and in a county edition.
    public var zone: Group?
    public var city: Group
    /// A county edition whose district lies in the 513 zone.
    public var inZone513: Bool
    /// Whose the figures are: 全市, or the county edition's district name.
    public var area: String
    /// Σ `annual_voc_t` of the online enterprises / Σ of all (t/year); nil when none declares any.
    public var monitoredShare: Double?
    public var monitoredTonnes: Double
    public var registeredTonnes: Double

    public init(_ f: PeriodFacts) {
        let tiersSetting = f.result.settings.keyEnterpriseTiers
        var online: Set<String> = []
        for d in f.result.facilityDays where d.completeness > 0 { online.insert(d.enterpriseID) }
        var emitted: [String: Double] = [:]
        for t in f.enterprises { emitted[t.code] = t.emittedKg }
        var events: [String: Int] = [:]
        for e in f.events { events[e.enterpriseID, default: 0] += 1 }
        // The edition's enterprises (a county brief: its district's, as `f.enterprises` and
        // `f.events` are); their kg summed as the groups sum theirs, so the own line reads 100 %.
        let all = f.registry.enterprises.filter { f.covers(enterpriseID: $0.id) }
        area = f.editionName ?? "全市"
        let cityKg = all.reduce(0.0) { $0 + (emitted[$1.id] ?? 0) }, cityEvents = f.events.count
        func group(_ label: String, _ members: [Enterprise]) -> Group {
            let kg = members.reduce(0.0) { $0 + (emitted[$1.id] ?? 0) }
            let n = members.reduce(0) { $0 + (events[$1.id] ?? 0) }
            return Group(label: label, enterprises: members.count, online: members.filter { online.contains($0.id) }.count,
                         emittedKg: kg, emittedShare: cityKg > 0 ? kg / cityKg : nil, events: n,
                         eventShare: cityEvents > 0 ? Double(n) / Double(cityEvents) : nil)
        }
        tiers = KeyEnterpriseTier.allCases.map { tier in
            group("\(tier.chineseName)企业（\(KeyEnterpriseTier.boundsText(tier, tiers: tiersSetting, unit: "吨/年"))）",
                  all.filter { KeyEnterpriseTier.of($0, tiers: tiersSetting) == tier })
        }
        let zoneDistricts = f.registry.districts.filter(\.isInZone513).sorted { $0.code < $1.code }
        // A county brief's enterprises are its district's: the zone's line would repeat its own
        // line (or be empty), so it is left out and the sentence says whether it lies in the zone.
        inZone513 = f.scope.districtCode.map { code in zoneDistricts.contains { $0.code == code } } ?? false
        if zoneDistricts.isEmpty || f.scope.districtCode != nil {
            zone = nil
        } else {
            let codes = Set(zoneDistricts.map(\.code))
            zone = group("513区域（\(zoneDistricts.map(\.name).joined(separator: "、"))）", all.filter { codes.contains($0.districtCode) })
        }
        city = group(area, all)
        registeredTonnes = all.reduce(0.0) { $0 + ($1.annualVOCTonnes ?? 0) }
        monitoredTonnes = all.filter { online.contains($0.id) }.reduce(0.0) { $0 + ($1.annualVOCTonnes ?? 0) }
        monitoredShare = registeredTonnes > 0 ? monitoredTonnes / registeredTonnes : nil
    }

    /// The lines of the table, in order: the tiers, the zone, the city.
    public var groups: [Group] { tiers + (zone.map { [$0] } ?? []) + [city] }

    /// The sentence under the table, e.g. "重点企业 4 家排放全市的 35.2%，异常事件占 20.0%；…".
    public var sentence: String {
        var parts: [String] = []
        if inZone513 { parts.append("\(area)属513重点区域") }
        if let key = tiers.first, key.enterprises > 0 {
            parts.append("\(key.label.prefix { $0 != "（" }) \(key.enterprises) 家排放\(area == "全市" ? "全市" : "本辖区")的 \(NumberText.percent(key.emittedShare))，"
                         + "异常事件占 \(NumberText.percent(key.eventShare))")
        }
        if let z = zone {
            parts.append("\(z.label.prefix { $0 != "（" })排放占 \(NumberText.percent(z.emittedShare))，异常事件 \(z.events) 起")
        }
        var s = parts.joined(separator: "；")
        if let m = monitoredShare {
            s += (s.isEmpty ? "" : "。") + "可监控VOCs产生量（在线企业登记的年产生量）\(NumberText.fixed(monitoredTonnes, 1)) 吨，占\(area == "全市" ? "全市" : "本辖区")登记量的 \(NumberText.percent(m))"
        }
        return s.isEmpty ? "" : s + "。"
    }
}
