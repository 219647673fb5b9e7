import Accounting
import PEMSCore

/// The numbers and sentences of the leadership brief (SPEC §10), derived from `PeriodFacts`
/// only: headline KPIs with their 环比 changes, the top problem enterprises, response
/// compliance and a short generated summary. kg, minutes, CST.
public struct BriefContent: Sendable {
    /// One headline figure.
    public struct KPI: Sendable, Equatable {
        public var label: String
        public var value: String
        /// "环比下降 8.2%", "环比 +1.3 个百分点", or "无可比数据".
        public var change: String
        /// A county edition: the whole city's figure beside the district's ("全市 12.30 吨"); nil for the city.
        public var city: String? = nil
        /// A figure judged against a target rather than the previous period: true when it falls
        /// short (drawn in the alarm colour), false when it meets it; nil for 环比 figures.
        public var short: Bool? = nil
    }
    /// One row of the problem-enterprise table.
    public struct Problem: Sendable, Equatable {
        public var rank: Int
        public var enterpriseID: String
        public var name: String
        public var district: String
        public var events: Int
        /// Minutes of the enterprise's events inside the period.
        public var minutes: Int
        /// One line: the rule with the most minutes and what it amounted to.
        public var mainIssue: String
    }
    /// Compliance with one explicit response overlapping the period.
    public struct ResponseCompliance: Sendable, Equatable {
        public var responseID: String
        public var line: String
        /// 1 − violating / enterprises with measures; nil without such enterprises.
        public var rate: Double?
    }

    public var kpis: [KPI]
    public var problems: [Problem]
    public var responses: [ResponseCompliance]
    public var summary: [String]

    public init(_ f: PeriodFacts) {
        let prev = f.previousTotal
        func rel(_ now: Double, _ before: Double?) -> String {
            guard let before, before != 0 else { return "环比无可比数据" }
            return "环比" + NumberText.change((now - before) / before)
        }
        func points(_ now: Double?, _ before: Double?) -> String {
            guard let now, let before else { return "环比无可比数据" }
            let d = (now - before) * 100
            if abs(d) < 0.05 { return "环比持平" }
            return "环比" + (d > 0 ? "上升 " : "下降 ") + NumberText.fixed(abs(d), 1) + " 个百分点"
        }
        let c = f.total, all = f.city
        let eventsInPeriod = f.events.count
        let county = f.scope.districtCode != nil
        func city(_ text: String) -> String? { county ? "全市 " + text : nil }
        let energy: (Double) -> String = { NumberText.fixed($0 / 10_000, 2) + " 万kWh" }
        kpis = [
            KPI(label: "VOCs排放量", value: NumberText.mass(c.emittedKg), change: rel(c.emittedKg, prev?.emittedKg),
                city: city(NumberText.mass(all.emittedKg))),
            // Events overlapping the period, against those overlapping the previous one.
            KPI(label: "异常事件", value: "\(eventsInPeriod) 起", change: rel(Double(eventsInPeriod), f.previousEvents.map(Double.init)),
                city: city("\(f.result.events.count) 起")),
            KPI(label: "治理设施同步率", value: NumberText.percent(c.syncRate), change: points(c.syncRate, prev?.syncRate),
                city: city(NumberText.percent(all.syncRate))),
            KPI(label: "有效运行率", value: NumberText.percent(c.effectiveRate), change: points(c.effectiveRate, prev?.effectiveRate),
                city: city(NumberText.percent(all.effectiveRate))),
            KPI(label: "企业合规率", value: NumberText.percent(c.complianceRate), change: points(c.complianceRate, prev?.complianceRate),
                city: city(NumberText.percent(all.complianceRate))),
            KPI(label: "用电量", value: energy(c.energyKWh), change: rel(c.energyKWh, prev?.energyKWh), city: city(energy(all.energyKWh))),
        ] + Self.transmissionKPIs(f)
        problems = Self.problems(f)
        responses = Self.responses(f)
        summary = Self.summary(f, kpis: kpis)
    }

    /// The data KPIs (传输情况, seed 003 通报; seed 001 §6.1 99.8 %): 企业在线率, 数据传输率 and
    /// the share of points at the completeness target, each against its target rather than
    /// 环比 (the previous period's missing-slot runs are not read).
    static func transmissionKPIs(_ f: PeriodFacts) -> [KPI] {
        let t = f.ownTransmission, all = f.transmission.city
        let county = f.scope.districtCode != nil
        let target = f.result.settings.dqCompletenessTarget
        // 数据传输率 with two decimals (99.79 % must not read as the 99.8 % target); the shares with one.
        func rate(_ x: Double?) -> String { x.map { NumberText.fixed($0 * 100, 2) + "%" } ?? "—" }
        let pct = NumberText.percent
        func city(_ x: Double?, _ text: (Double?) -> String = NumberText.percent) -> String? { county ? "全市 " + text(x) : nil }
        let targetText = NumberText.fixed(target * 100, 1) + "%"
        return [
            KPI(label: "企业在线率", value: pct(t.onlineRate),
                change: "在线 \(t.onlineEnterprises) 家 / 登记 \(t.registeredEnterprises) 家", city: city(all.onlineRate),
                short: t.onlineEnterprises < t.registeredEnterprises),
            KPI(label: "数据传输率", value: rate(t.transmissionRate),
                change: "目标 \(targetText)，缺失 \(t.missingSlots) 个时段", city: city(all.transmissionRate, rate),
                short: t.transmissionRate.map { $0 < target }),
            KPI(label: "传输达标点位占比", value: pct(t.shareAtTarget),
                change: "传输率≥\(targetText)：\(t.pointsAtTarget) / \(t.registeredPoints) 个点位", city: city(all.shareAtTarget),
                short: t.pointsAtTarget < t.registeredPoints),
        ]
    }

    /// Enterprises with events in the period, most events first (then most minutes, then id),
    /// the first `limit`.
    static func problems(_ f: PeriodFacts, limit: Int = 10) -> [Problem] {
        var byEnterprise: [String: [EventRecord]] = [:]
        for e in f.events { byEnterprise[e.enterpriseID, default: []].append(e) }
        let ordered = byEnterprise.map { (id: $0.key, events: $0.value, minutes: $0.value.reduce(0) { $0 + $1.minutes }) }
            .sorted { a, b in
                if a.events.count != b.events.count { return a.events.count > b.events.count }
                if a.minutes != b.minutes { return a.minutes > b.minutes }
                return a.id < b.id
            }
        return ordered.prefix(limit).enumerated().map { i, x in
            var perRule: [AnomalyRule: (n: Int, minutes: Int)] = [:]
            // Violating minutes (SPEC 2 §12): a cumulative stop's gaps between runs are not "累计".
            for e in x.events { perRule[e.rule, default: (0, 0)].n += 1; perRule[e.rule, default: (0, 0)].minutes += e.violatingMinutes }
            let main = perRule.sorted { a, b in
                a.value.minutes != b.value.minutes ? a.value.minutes > b.value.minutes : a.key < b.key
            }.first
            var issue = ""
            if let (rule, v) = main {
                issue = "\(rule.chineseName) \(v.n) 起，累计 \(Self.duration(v.minutes))"
                if let longest = x.events.filter({ $0.rule == rule }).max(by: { $0.minutes < $1.minutes || ($0.minutes == $1.minutes && $0.start > $1.start) }) {
                    issue += "（最长一次始于 \(TimeAxis.shortDate(longest.start.day)) \(TimeAxis.clock(longest.start))）"
                }
            }
            let e = f.registry.enterprise(id: x.id)
            return Problem(rank: i + 1, enterpriseID: x.id, name: e?.name ?? x.id,
                           district: e.map { f.districtName($0.districtCode) } ?? "", events: x.events.count,
                           minutes: x.minutes, mainIssue: issue)
        }
    }

    /// "2.5 小时" / "45 分钟" / "3.2 天".
    static func duration(_ minutes: Int) -> String {
        if minutes < 60 { return "\(minutes) 分钟" }
        if minutes < 2880 { return NumberText.fixed(Double(minutes) / 60, 1) + " 小时" }
        return NumberText.fixed(Double(minutes) / 1440, 1) + " 天"
    }

    /// Responses in force during the period; a county edition's: those covering its district,
    /// counted over its enterprises.
    static func responses(_ f: PeriodFacts) -> [ResponseCompliance] {
        let start = f.from.start, end = f.to.adding(days: 1).start
        let measureRules: Set<AnomalyRule> = [.stopViolation, .limitViolation, .shiftViolation]
        let own = f.scope.districtCode
        return f.registry.responses.filter { r in
            r.start < end && r.end > start && own.map { r.covers(districtCode: $0) } ?? true
        }.map { r in
            let covered = Set(f.registry.enterprises.filter {
                r.covers(districtCode: $0.districtCode) && f.scope.includes(districtCode: $0.districtCode)
            }.map(\.id))
            let withMeasures = Set(f.registry.plans.filter { $0.level == r.level && covered.contains($0.enterpriseID) }.map(\.enterpriseID))
            let violations = f.events.filter { measureRules.contains($0.rule) && ($0.evidence.responseIDs ?? []).contains(r.id) }
            let violators = Set(violations.map(\.enterpriseID))
            var perRule: [AnomalyRule: Int] = [:]
            for v in violations { perRule[v.rule, default: 0] += 1 }
            let rate = withMeasures.isEmpty ? nil : 1 - Double(violators.intersection(withMeasures).count) / Double(withMeasures.count)
            let districts = own.map(f.districtName) ?? r.districtCodes.map { $0.map(f.districtName).joined(separator: "、") } ?? "全市"
            let ruleText = perRule.sorted { $0.key < $1.key }.map { "\($0.key.chineseName) \($0.value) 起" }.joined(separator: "、")
            let reductions = f.accounting.reductions.filter { $0.responseID == r.id && f.covers(enterpriseID: $0.enterpriseID) }
                .compactMap(\.reductionKg)
            var line = "\(TrendChart.levelName(r.level))（\(r.id)，\(TimeAxis.minute(r.start)) 至 \(TimeAxis.minute(r.end))，\(districts)）："
            line += "有管控措施企业 \(withMeasures.count) 家，违规企业 \(violators.count) 家"
            if !ruleText.isEmpty { line += "（\(ruleText)）" }
            line += "，执行率 \(NumberText.percent(rate))"
            // 落实情况 (issue 18): the response's order events of the edition, per enterprise with a plan row.
            let executions = OrderExecution.judge(r, enterpriseIDs: withMeasures.sorted(), registry: f.registry,
                                                  events: f.events, finalHours: f.result.settings.assessmentFinalHours)
            if !executions.isEmpty {
                let n = { (s: OrderExecution.Status) in executions.filter { $0.status == s }.count }
                line += "；按时落实 \(n(.onTime)) 家、超期落实 \(n(.late)) 家、未落实 \(n(.notCarriedOut)) 家"
                let late = executions.filter { $0.status == .notCarriedOut }.prefix(3)
                    .map { f.registry.enterprise(id: $0.enterpriseID)?.name ?? $0.enterpriseID }
                if !late.isEmpty { line += "（未落实：\(late.joined(separator: "、"))\(n(.notCarriedOut) > 3 ? "等" : "")）" }
            }
            if !reductions.isEmpty {
                let total = reductions.reduce(0, +)
                line += total >= 0 ? "；期间减排量 \(NumberText.mass(total))（相对基线）"
                    : "；期间未实现减排，排放量高于基线 \(NumberText.mass(-total))"
            }
            return ResponseCompliance(responseID: r.id, line: line + "。", rate: rate)
        }
    }

    static func summary(_ f: PeriodFacts, kpis: [KPI]) -> [String] {
        var out: [String] = []
        let c = f.total
        if let name = f.editionName, let rank = f.districtRank {
            let share = f.city.emittedKg > 0 ? "，占全市 \(NumberText.fixed(c.emittedKg / f.city.emittedKg * 100, 1))%" : ""
            out.append("本期（\(f.periodText)）\(name)VOCs排放量 \(NumberText.mass(c.emittedKg))，\(kpis[0].change)\(share)，"
                + "在全市 \(f.districts.count) 个区县中排第 \(rank) 位（全市 \(NumberText.mass(f.city.emittedKg))）；用电量 \(kpis[5].value)。")
        } else {
            out.append("本期（\(f.periodText)）全市VOCs排放量 \(NumberText.mass(c.emittedKg))，\(kpis[0].change)；用电量 \(kpis[5].value)。")
        }
        var rules: [AnomalyRule: Int] = [:]
        for e in f.events { rules[e.rule, default: 0] += 1 }
        let top = rules.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3)
            .map { "\($0.key.chineseName) \($0.value) 起" }.joined(separator: "、")
        let enterprisesWithEvents = Set(f.events.map(\.enterpriseID)).count
        out.append("共发现异常事件 \(f.events.count) 起，涉及企业 \(enterprisesWithEvents) 家" + (top.isEmpty ? "。" : "，主要为\(top)。"))
        out.append("治理设施同步率 \(NumberText.percent(c.syncRate))，有效运行率 \(NumberText.percent(c.effectiveRate))，企业合规率 \(NumberText.percent(c.complianceRate))。")
        if let line = outletLine(f) { out.append(line) }
        let byEmitted = Ranking.rank(f.districts, by: .emittedKg)
        let byEvents = Ranking.rank(f.districts, by: .events)
        if f.scope == .city, let first = byEmitted.first, let v = first.value, c.emittedKg > 0 {
            out.append("排放量最大的区县为\(f.districtName(first.code))（\(NumberText.mass(v))，占全市 \(NumberText.fixed(v / c.emittedKg * 100, 1))%）"
                + (byEvents.first.flatMap { ($0.value ?? 0) > 0 ? $0 : nil }
                    .map { "，异常事件最多的区县为\(f.districtName($0.code))（\(Int($0.value ?? 0)) 起）。" } ?? "。"))
        }
        if let worst = Self.problems(f, limit: 1).first {
            out.append("问题最突出的企业为\(worst.name)（\(worst.district)）：\(worst.mainIssue)。")
        }
        return out
    }

    /// 排放核算比对 (issue 18, seed 000 §5.3.2.4; SPEC §9.2): how many treatment facility-days
    /// of the edition had a measured outlet, how many of them the estimate missed by more than
    /// `accounting.outlet_max_deviation`, and the three facilities with the worst day (largest
    /// |deviation| first, each facility once with its worst day; a day measuring 0 while
    /// something was estimated comes before any). nil without a measured outlet.
    static func outletLine(_ f: PeriodFacts) -> String? {
        let measured = f.result.facilityDays.filter { ($0.outletSlots ?? 0) > 0 && f.covers(enterpriseID: $0.enterpriseID) }
        guard !measured.isEmpty else { return nil }
        let limit = NumberText.fixed(f.result.settings.outletMaxDeviation * 100, 0)
        let flagged = f.accounting.outletDeviations.filter { f.covers(enterpriseID: $0.enterpriseID) }
        var line = "排放核算比对：出口实测 \(measured.count) 个治理设施日，核算排放量与实测偏差超过 \(limit)% 的 \(flagged.count) 个"
        var seen: Set<String> = []
        let worst = flagged.sorted { a, b in
            let x = a.deviation.map(abs) ?? .infinity, y = b.deviation.map(abs) ?? .infinity
            return x != y ? x > y : (a.date, a.facilityID) < (b.date, b.facilityID)
        }.filter { seen.insert($0.facilityID).inserted }.prefix(3).map { d -> String in
            let name = (f.registry.enterprise(id: d.enterpriseID)?.name ?? d.enterpriseID)
                + (f.registry.facility(id: d.facilityID)?.name ?? d.facilityID)
            let date = "\(d.date.civil.month)月\(d.date.civil.day)日"
            guard let dev = d.deviation else { return "\(name)（\(date)，实测为 0）" }
            return "\(name)（\(date)，偏差 \(dev >= 0 ? "+" : "")\(NumberText.fixed(dev * 100, 1))%）"
        }
        line += worst.isEmpty ? "。" : "，偏差最大的为" + worst.joined(separator: "、") + "。"
        return line
    }
}
