import Accounting
import PEMSCore

/// The views leaders steer by (issue 17; seed 000: key enterprises "年污染物产生量大于50吨的重点工业源",
/// "可监控VOCs污染物产生量…占全市…%", "513重点区域VOCs排放管控", 同行业对比, 同比/环比, "及时发现排放异常的
/// 企业"; seed 001 §5.5.5 "按地区、行业进行统计、对比"). No SPEC formula: every figure is a sum or a
/// share of the §9 totals of the period (`totals(.enterprise)`) and its events (`rows.events`,
/// the 异常清单's rows: events overlapping the period). kg, kWh, t/year; CST.
extension PeriodReportData {
    /// The enterprises of the edition (`covers`, PeriodReportEdition.swift), in registry
    /// order: every list and sum below goes through it, so a county edition shows its
    /// district's enterprises while shares are still of the whole city.
    var coveredEnterprises: [Enterprise] { registry.enterprises.filter(covers) }

    /// This period's totals per enterprise id.
    var enterpriseTotals: [String: AccountingTotals] {
        Dictionary(totals(.enterprise).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// An earlier bucket's totals per enterprise id; nil when that bucket has no stored day
    /// (so 环比/同比 are blank, not a change against 0).
    static func byEnterprise(_ earlier: [RollupLevel: [AccountingTotals]]) -> [String: AccountingTotals]? {
        guard let list = earlier[.enterprise], !list.isEmpty else { return nil }
        return Dictionary(list.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The period's events per enterprise and rule (events overlapping the period, each once).
    var eventsByEnterprise: [String: [AnomalyRule: Int]] {
        var out: [String: [AnomalyRule: Int]] = [:]
        for e in rows.events { out[e.enterpriseID, default: [:]][e.rule, default: 0] += 1 }
        return out
    }

    /// The city's emitted kg in the period (the base of the shares).
    var cityEmittedKg: Double? { totals(.city).first?.emittedKg }

    static func share(_ part: Double?, of whole: Double?) -> Double? {
        guard let part, let whole, whole > 0 else { return nil }
        return part / whole
    }

    // MARK: 重点企业

    /// The covered enterprises of a key tier with their tier, 重点 first, then by emitted kg
    /// descending, then id.
    var keyEnterpriseList: [(tier: KeyEnterpriseTier, enterprise: Enterprise)] {
        let tiers = settings.keyEnterpriseTiers
        let t = enterpriseTotals
        return coveredEnterprises.compactMap { e in KeyEnterpriseTier.of(e, tiers: tiers).map { ($0, e) } }
            .sorted { a, b in
                if a.tier != b.tier { return a.tier < b.tier }
                let x = t[a.enterprise.id]?.emittedKg ?? 0, y = t[b.enterprise.id]?.emittedKg ?? 0
                return x != y ? x > y : a.enterprise.id < b.enterprise.id
            }
    }

    public func keyEnterprises() -> ResultSet<KeyEnterprisesField> {
        var set = ResultSet<KeyEnterprisesField>()
        let t = enterpriseTotals, before = Self.byEnterprise(previous), events = eventsByEnterprise
        let city = cityEmittedKg, online = sums.online
        for (tier, e) in keyEnterpriseList {
            let x = t[e.id]
            let earlier = before.map { $0[e.id]?.emittedKg ?? 0 }
            set.append([.tier: .text(tier.chineseName), .enterpriseID: .text(e.id), .enterpriseName: .text(e.name),
                        .districtName: .text(districtName(e.districtCode)), .industry: .text(e.industry.rawValue),
                        .annualVOCTonnes: .number(e.annualVOCTonnes), .online: .text(online.contains(e.id) ? "是" : "否"),
                        .emittedKg: .number(x?.emittedKg), .emittedShare: .percent(Self.share(x?.emittedKg, of: city)),
                        .events: .integer(events[e.id]?.values.reduce(0, +) ?? 0), .syncRate: .percent(x?.syncRate),
                        .earlierEmittedKg: .number(earlier),
                        .change: .percent(PeriodComparison.change(current: x?.emittedKg, earlier: earlier)),
                        .districtCode: .text(e.districtCode)])
        }
        return set
    }

    // MARK: 513区域

    /// The registry's districts in the 513 key zone, by code.
    var zone513Districts: [District] { registry.districts.filter(\.isInZone513).sorted { $0.code < $1.code } }

    public func zone513() -> ResultSet<Zone513Field> {
        var set = ResultSet<Zone513Field>()
        let zone = Set(zone513Districts.map(\.code))
        let t = enterpriseTotals, events = eventsByEnterprise, tiers = settings.keyEnterpriseTiers
        // Ranked within the whole zone; a county edition lists its own enterprises with their
        // place in the zone.
        let members = registry.enterprises.filter { zone.contains($0.districtCode) }
        let byID = Dictionary(uniqueKeysWithValues: members.map { ($0.id, $0) })
        let zoneKg = members.reduce(0.0) { $0 + (t[$1.id]?.emittedKg ?? 0) }
        for r in Ranking.rank(members.map { (code: $0.id, value: t[$0.id]?.emittedKg) }) {
            guard let e = byID[r.code], covers(e) else { continue }
            set.append([.rank: .integer(r.rank), .districtName: .text(districtName(e.districtCode)),
                        .enterpriseName: .text(e.name), .industry: .text(e.industry.rawValue),
                        .tier: .text(KeyEnterpriseTier.of(e, tiers: tiers)?.chineseName),
                        .emittedKg: .number(r.value), .zoneShare: .percent(Self.share(r.value, of: zoneKg)),
                        .events: .integer(events[e.id]?.values.reduce(0, +) ?? 0), .syncRate: .percent(t[e.id]?.syncRate),
                        .enterpriseID: .text(e.id), .districtCode: .text(e.districtCode)])
        }
        return set
    }

    // MARK: 行业统计

    public func industryStats() -> ResultSet<IndustryStatsField> {
        var set = ResultSet<IndustryStatsField>()
        let t = enterpriseTotals, online = sums.online, start = period.bucket(of: rows.from)
        var sum: [Industry: AccountingTotals] = [:], count: [Industry: Int] = [:], onlineCount: [Industry: Int] = [:]
        var events: [Industry: [AnomalyRule: Int]] = [:]
        let perEnterprise = eventsByEnterprise
        for e in coveredEnterprises {
            var s = sum[e.industry] ?? AccountingTotals(level: .industry, code: e.industry.rawValue, period: period, start: start)
            if let x = t[e.id] { s.merge(x) }
            sum[e.industry] = s
            count[e.industry, default: 0] += 1
            if online.contains(e.id) { onlineCount[e.industry, default: 0] += 1 }
            for (rule, n) in perEnterprise[e.id] ?? [:] { events[e.industry, default: [:]][rule, default: 0] += n }
        }
        let city = cityEmittedKg
        let ordered = sum.values.sorted { a, b in a.emittedKg != b.emittedKg ? a.emittedKg > b.emittedKg : a.code < b.code }
        for s in ordered {
            guard let industry = Industry(rawValue: s.code) else { continue }
            let byRule = events[industry] ?? [:]
            var cells: [IndustryStatsField: ReportCell] = [
                .industry: .text(s.code), .enterprises: .integer(count[industry] ?? 0),
                .online: .integer(onlineCount[industry] ?? 0), .energyKWh: .number(s.energyKWh),
                .productionEnergyKWh: .number(s.productionEnergyKWh), .emittedKg: .number(s.emittedKg),
                .emittedShare: .percent(Self.share(s.emittedKg, of: city)), .emittedKgPerKWh: .number(s.emittedKgPerKWh),
                .syncRate: .percent(s.syncRate), .events: .integer(byRule.values.reduce(0, +)),
            ]
            for rule in AnomalyRule.allCases { cells[IndustryStatsField.events(of: rule)] = .integer(byRule[rule] ?? 0) }
            set.append(cells)
        }
        return set
    }

    // MARK: 排放异常企业

    /// The listed enterprises (`AbnormalEnterprises`), compared with every enterprise of the
    /// city (industry medians are the city's), then kept when covered.
    var abnormalList: [AbnormalEnterprise] {
        let s = settings
        return AbnormalEnterprises.find(current: totals(.enterprise), earlier: previous[.enterprise] ?? [], registry: registry,
                                        deviation: s.comparisonIndustryDeviation, changeThreshold: s.comparisonChangeThreshold,
                                        energySteady: s.comparisonEnergySteady)
            .filter { registry.enterprise(id: $0.enterpriseID).map(covers) ?? false }
    }

    public func abnormalEnterprises() -> ResultSet<AbnormalEnterprisesField> {
        var set = ResultSet<AbnormalEnterprisesField>()
        let s = settings
        for a in abnormalList {
            guard let e = registry.enterprise(id: a.enterpriseID) else { continue }
            set.append([.enterpriseID: .text(e.id), .enterpriseName: .text(e.name), .districtName: .text(districtName(e.districtCode)),
                        .industry: .text(e.industry.rawValue),
                        .reason: .text(a.reason(deviation: s.comparisonIndustryDeviation, energySteady: s.comparisonEnergySteady)),
                        .intensityFlag: .text(a.intensityTrips ? "是" : "否"), .changeFlag: .text(a.changeTrips ? "是" : "否"),
                        .emittedKgPerKWh: .number(a.intensity?.emittedKgPerKWh), .industryMedian: .number(a.intensity?.industryMedian),
                        .intensityLimit: .number(a.intensityLimit), .ratioToMedian: .number(a.intensity?.ratioToMedian),
                        .emittedKg: .number(a.current.emittedKg), .earlierEmittedKg: .number(a.earlier?.emittedKg),
                        .emittedChange: .percent(a.emittedChange), .energyKWh: .number(a.current.energyKWh),
                        .earlierEnergyKWh: .number(a.earlier?.energyKWh), .energyChange: .percent(a.energyChange)])
        }
        return set
    }

    // MARK: 概览

    /// The leaders' rows of 概览: the counts of the key tiers, the share of the registered
    /// annual VOCs (`annual_voc_t`) held by enterprises with a present slot in the period (seed
    /// 000 "可监控VOCs污染物产生量…占全市…%"), and the 513 zone's emission against the city.
    func appendLeaderKPIs(to set: inout ResultSet<KPIField>) {
        let tiers = settings.keyEnterpriseTiers
        let covered = coveredEnterprises, all = registry.enterprises
        // A county edition gives the whole city's figure beside its own (`city_value`).
        let county = scope.districtCode != nil
        for tier in KeyEnterpriseTier.allCases {
            func count(_ list: [Enterprise]) -> Int { list.filter { KeyEnterpriseTier.of($0, tiers: tiers) == tier }.count }
            set.append([.indicator: .text(tier.chineseName + "企业"), .value: .integer(count(covered)), .unit: .text("家"),
                        .note: .text("登记年VOCs产生量（annual_voc_t）\(KeyEnterpriseTier.boundsText(tier, tiers: tiers))/年"),
                        .cityValue: county ? .integer(count(all)) : .empty])
        }
        let online = sums.online
        func monitoredShare(_ list: [Enterprise]) -> (Double, Double, Double?) {
            let registered = list.reduce(0.0) { $0 + ($1.annualVOCTonnes ?? 0) }
            let monitored = list.filter { online.contains($0.id) }.reduce(0.0) { $0 + ($1.annualVOCTonnes ?? 0) }
            return (monitored, registered, Self.share(monitored, of: registered))
        }
        let (monitored, registered, share) = monitoredShare(covered)
        set.append([.indicator: .text("可监控VOCs产生量占比"), .value: .percent(share), .unit: .text(""),
                    .note: .text("在线企业登记年产生量 \(Self.shown(monitored)) t / 全部登记 \(Self.shown(registered)) t（annual_voc_t）"),
                    .cityValue: county ? .percent(monitoredShare(all).2) : .empty])
        let zone = zone513Districts
        guard !zone.isEmpty else { return }
        let codes = Set(zone.map(\.code))
        func zoneKg(_ list: [AccountingTotals]?) -> Double? {
            guard let list, !list.isEmpty else { return nil }
            return list.filter { codes.contains($0.code) }.reduce(0) { $0 + $1.emittedKg }
        }
        let now = zoneKg(totals(.district)), before = zoneKg(previous[.district]), ago = zoneKg(lastYear[.district])
        set.append([.indicator: .text("513区域VOCs排放量"), .value: .number(now), .unit: .text("kg"), .earlier: .number(before),
                    .change: .percent(PeriodComparison.change(current: now, earlier: before)), .yearEarlier: .number(ago),
                    .yoyChange: .percent(PeriodComparison.change(current: now, earlier: ago)),
                    .note: .text(zone.map(\.name).joined(separator: "、"))])
        set.append([.indicator: .text("513区域排放占全市比例"), .value: .percent(Self.share(now, of: cityEmittedKg)), .unit: .text(""),
                    .note: .text("513区域各区县排放量之和 / 全市排放量")])
    }
}
