import Accounting
import PEMSCore

/// The result sets of the daily, weekly and monthly reports (SPEC §10), assembled from a
/// stored computation of exactly the report's period and, for 环比/同比, the stored daily
/// results of the earlier buckets (`Store.dailyResults`). Nothing here recomputes slots.
///
/// The period's facility-days are read once, as they stream (`PeriodRows`), into the roll-up
/// and the per-enterprise sums; findings and facility-day lists are streamed again when their
/// sheet is written. A city-scale month is never held whole (issue 5: under 500 MB).
///
/// `scope` says whose edition it is (`PeriodReportEdition.swift`): the roll-up, sums and
/// comparison bases are always the whole city's; each result set shows what `covers` admits.
public struct PeriodReportData {
    public private(set) var rows: PeriodRows
    public let rollup: AccountingRollup
    /// The period's totals at the city, district and enterprise levels (`rollup.totals(_:per:)`),
    /// summed once: every sheet and title row of every edition asks for them again.
    let current: [RollupLevel: [AccountingTotals]]
    public let sums: FacilityDaySums
    public let period: RollupPeriod
    /// Totals of the previous bucket (环比) and the same bucket a year earlier (同比), by level
    /// (city, district, enterprise).
    public let previous: [RollupLevel: [AccountingTotals]]
    public let lastYear: [RollupLevel: [AccountingTotals]]
    /// The city edition, or a county edition (its district only).
    public internal(set) var scope: ReportScope
    /// 传输情况 of the city and of every district (`TransmissionFigures`).
    public internal(set) var transmission: (city: TransmissionFigures, districts: [TransmissionFigures])

    public init(result: ComputationResult, period: RollupPeriod, store: Store?, scope: ReportScope = .city) throws {
        try self.init(rows: PeriodRows(result), period: period, store: store, scope: scope)
    }

    public init(rows: PeriodRows, period: RollupPeriod, store: Store?, scope: ReportScope = .city) throws {
        self.rows = rows
        self.period = period
        self.scope = scope
        var builder = AccountingRollup.Builder(registry: rows.registry, dates: rows.dates)
        var sums = FacilityDaySums()
        var transmission = TransmissionFigures.Builder(registry: rows.registry, days: rows.dates.count, settings: rows.settings)
        try rows.forEachFacilityDay { f in
            builder.add(f)
            sums.add(f)
            transmission.add(f)
        }
        rollup = builder.finish(events: rows.events)
        current = [.city: rollup.totals(.city, per: period), .district: rollup.totals(.district, per: period),
                   .enterprise: rollup.totals(.enterprise, per: period)]
        self.sums = sums
        let rejected = try store.map { (try $0.rejectedLines(from: rows.from, to: rows.to),
                                         try $0.rejectedLinesByMN(from: rows.from, to: rows.to)) }
        var figures = transmission.finish(gaps: rows.gaps, rejected: rejected)
        if let store {
            TransmissionFigures.attribute(receiveLags: try store.receiveLags(from: rows.from, to: rows.to),
                                          to: &figures, registry: rows.registry)
        }
        self.transmission = figures
        var previous: [RollupLevel: [AccountingTotals]] = [:], lastYear: [RollupLevel: [AccountingTotals]] = [:]
        if let store {
            // One read of the stored days per earlier bucket, rolled up to every level shown as they stream.
            let start = period.bucket(of: rows.from)
            let registry = rows.registry
            func earlier(_ bucketStart: Day) throws -> [RollupLevel: [AccountingTotals]] {
                let rollup = try AccountingRollup.stored(store, registry: registry, from: bucketStart,
                                                         to: period.last(bucketStart))
                return [.city: rollup.totals(.city, per: period), .district: rollup.totals(.district, per: period),
                        .enterprise: rollup.totals(.enterprise, per: period)]
            }
            previous = try earlier(period.previous(start))
            lastYear = try period.sameLastYear(start).map(earlier) ?? [:]
        }
        self.previous = previous
        self.lastYear = lastYear
    }

    /// The same data, its stored rows streamed through `store` (`PeriodRows.reading(through:)`):
    /// each thread writing editions reads through its own connection.
    public func reading(through store: Store) -> PeriodReportData {
        var copy = self
        copy.rows = rows.reading(through: store)
        return copy
    }

    var registry: Registry { rows.registry }
    var settings: Settings { rows.settings }

    func totals(_ level: RollupLevel) -> [AccountingTotals] { current[level] ?? rollup.totals(level, per: period) }

    /// Mean facility completeness over the period (the title rows' data completeness): the
    /// edition's facility-days.
    public var completeness: Double? {
        guard let ids = editionEnterpriseIDs else { return sums.meanCompleteness }
        return sums.meanCompleteness(ofEnterprises: ids)
    }

    func enterpriseName(_ id: String) -> String { registry.enterprise(id: id)?.name ?? "" }
    func districtName(_ code: String) -> String { registry.district(code: code)?.name ?? code }

    /// Enterprises with a plan row of a response level in force during the period (explicit
    /// responses over their districts, and heat days from `weather.csv`).
    var underControl: Set<String> {
        var levelsByDistrict: [String: Set<String>] = [:]
        let periodStart = rows.from.start, periodEnd = rows.to.adding(days: 1).start
        for resp in registry.responses where resp.start < periodEnd && resp.end > periodStart {
            for d in resp.districtCodes ?? registry.districts.map(\.code) { levelsByDistrict[d, default: []].insert(resp.level) }
        }
        for w in registry.weather where w.date >= rows.from && w.date <= rows.to && w.maxTempC >= settings.heatShiftMinTempC {
            levelsByDistrict[w.districtCode, default: []].insert("heat")
        }
        var out: Set<String> = []
        for e in registry.enterprises {
            guard let levels = levelsByDistrict[e.districtCode] else { continue }
            if registry.plans(ofEnterprise: e.id).contains(where: { levels.contains($0.level) }) { out.insert(e.id) }
        }
        return out
    }

    // MARK: Result sets

    /// 概览. A county edition's rows are its district's (监控企业 = the district's enterprises …),
    /// with the city's value beside each (`city_value`), and its rank among the city's districts.
    public func kpi() -> ResultSet<KPIField> {
        var set = ResultSet<KPIField>()
        let county = scope.districtCode != nil
        let online = sums.online, producing = sums.producing
        let alarmed = Set(rows.events.map(\.enterpriseID))
        let city = ownTotals, wholeCity = cityTotals
        let before = own(previous), yearAgo = own(lastYear)
        let ids = editionEnterpriseIDs
        func count(_ name: String, _ all: Set<String>, registered: Bool = false, _ note: String) {
            let n = registered ? (ids?.count ?? registry.enterprises.count) : (ids.map { all.intersection($0).count } ?? all.count)
            let cityN = registered ? registry.enterprises.count : all.count
            set.append([.indicator: .text(name), .value: .integer(n), .unit: .text("家"), .note: .text(note),
                        .cityValue: county ? .integer(cityN) : .empty])
        }
        count("监控企业", [], registered: true, "一企一档登记的企业")
        count("在线企业", online, "统计期内有设施上报数据")
        count("生产企业", producing, "统计期内有生产设施运行")
        count("报警企业", alarmed, "有异常事件与统计期重叠")
        count("管控企业", underControl, "应急响应或高温错峰期间有一厂一策措施")
        func metric(_ name: String, _ unit: String, _ m: AccountingMetric, percent: Bool, _ note: String) {
            let v = city?.value(m), e = before?.value(m), y = yearAgo?.value(m)
            let cell: (Double?) -> ReportCell = { x in
                if percent { return .percent(x) }
                if m == .events { return .integer(x.map { Int($0) }) }
                return .number(x)
            }
            set.append([.indicator: .text(name), .value: cell(v), .unit: .text(unit), .earlier: cell(e),
                        .change: .percent(PeriodComparison.change(current: v, earlier: e)), .yearEarlier: cell(y),
                        .yoyChange: .percent(PeriodComparison.change(current: v, earlier: y)), .note: .text(note),
                        .cityValue: county ? cell(wholeCity?.value(m)) : .empty])
        }
        let area = editionName ?? "全市"
        metric("\(area)VOCs排放量", "kg", .emittedKg, percent: false, "§9.2 核算排放量")
        metric("\(area)VOCs产生量", "kg", .generatedKg, percent: false, "§9.2 核算产生量")
        metric("异常事件", "起", .events, percent: false, "统计期内开始的事件")
        metric("治理设施同步率", "", .syncRate, percent: true, "§9.1")
        metric("治理设施有效运行率", "", .effectiveRate, percent: true, "§9.1")
        set.append([.indicator: .text("数据完整率"), .value: .percent(completeness), .unit: .text(""),
                    .note: .text("设施数据完整率均值，目标 \(ExportNumber.format(settings.dqCompletenessTarget * 100))%"),
                    .cityValue: county ? .percent(sums.meanCompleteness) : .empty])
        if let rank = districtRank {
            set.append([.indicator: .text("排放量区县排名"), .value: .integer(rank), .unit: .text("名"),
                        .note: .text("全市 \(registry.districts.count) 个区县中按VOCs排放量（1 = 最大），见区县排名")])
        }
        appendLeaderKPIs(to: &set)
        return set
    }

    public func enterprises() -> ResultSet<EnterprisesField> {
        var set = ResultSet<EnterprisesField>()
        let prodMinutes = sums.productionMinutes, treatMinutes = sums.treatmentMinutes, stopped = sums.stoppedMinutes
        let control = underControl
        for t in totals(.enterprise) {
            guard let e = registry.enterprise(id: t.code), covers(e) else { continue }
            let mean = sums.meanCompleteness(of: t.code)
            set.append([
                .enterpriseID: .text(e.id), .enterpriseName: .text(e.name), .districtCode: .text(e.districtCode),
                .districtName: .text(districtName(e.districtCode)), .industry: .text(e.industry.rawValue),
                .days: .integer(t.days), .online: .text((mean ?? 0) > 0 ? "是" : "否"), .completeness: .percent(mean),
                .productionRunningMinutes: .integer(prodMinutes[e.id] ?? 0),
                .treatmentRunningMinutes: .integer(treatMinutes[e.id] ?? 0),
                .energyKWh: .number(t.energyKWh), .productionEnergyKWh: .number(t.productionEnergyKWh),
                .syncRate: .percent(t.syncRate), .effectiveRate: .percent(t.effectiveRate),
                .collectionRate: .percent(t.collectionRate), .removalRate: .percent(t.removalRate),
                .generatedKg: .number(t.generatedKg), .emittedKg: .number(t.emittedKg), .events: .integer(t.events),
                .stoppedMinutes: .integer(stopped[e.id] ?? 0), .complianceRate: .percent(t.complianceRate),
                .underControl: .text(control.contains(e.id) ? "是" : "否"),
            ])
        }
        return set
    }

    public func events() -> ResultSet<EventsField> { Self.events(editionEvents, registry: registry) }

    /// The 设施 cell: the facility's name; an enterprise-level LIMIT_VIOLATION (SPEC 2 §7,
    /// facility blank) judges all the enterprise's limited equipment together, so it reads
    /// 全厂限产设备 (the lines are named in the remark); OFFLINE stays blank.
    static func facilityName(_ e: EventRecord, registry: Registry) -> String {
        if let id = e.facilityID { return registry.facility(id: id)?.name ?? "" }
        return e.rule == .limitViolation ? "全厂限产设备" : ""
    }

    /// "2024-07-09 13:00" and "13:00" (CST); a run ending at midnight ends at "24:00".
    static func minute(_ t: Timestamp) -> String { String(t.description.prefix(16)) }
    static func clock(_ t: Timestamp, end: Bool = false) -> String {
        end && t.secondOfDay == 0 ? "24:00" : String(t.description.dropFirst(11).prefix(5))
    }

    /// The 判定说明 cell: what a SPEC 2 event was judged on beyond the numbers of the other
    /// columns — the limited facilities of an enterprise-level limit (§7, §13.31), the runs of a
    /// cumulative stop and their sum (§7, §13.30), the exemption a breach ran under (§7,
    /// §13.32). Empty for the other events.
    static func remark(_ e: EventRecord, registry: Registry) -> String? {
        let ev = e.evidence
        var parts: [String] = []
        if let l = ev.limitedFacilities, !l.isEmpty {
            parts.append("限产设备：" + l.sorted().map { "\(registry.facility(id: $0)?.name ?? $0)（\($0)）" }.joined(separator: "、"))
            parts.append("合计功率 > 合计允许功率")
        }
        if let runs = ev.violatingRuns, !runs.isEmpty {
            let list = runs.map { clock($0.start) + "–" + clock($0.end, end: true) }.joined(separator: "、")
            parts.append("停产期间累计运行 \(e.violatingMinutes) 分钟（\(runs.count) 段：\(list)）")
        }
        if let x = ev.exemption {
            parts.append("报备 \(minute(x.start)) 至 \(minute(x.end))" + (x.reason.isEmpty ? "" : "（\(x.reason)）") + "，对应生产设施未同步停运")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "；")
    }

    /// A number inside a sentence of a workbook cell (thresholds, sensor ranges, carbon use):
    /// three decimals at most, so a derived θ of 42.192000000004 kW reads 42.192. The cells that
    /// hold numbers keep every digit.
    static func shown(_ x: Double) -> String { ExportNumber.format((x * 1000).rounded() / 1000) }

    /// Every event with its evidence, in `events.csv` order.
    public static func events(_ events: [EventRecord], registry: Registry) -> ResultSet<EventsField> {
        var set = ResultSet<EventsField>()
        for e in events.sorted(by: EventRecord.exportOrder) {
            let ev = e.evidence
            let enterprise = registry.enterprise(id: e.enterpriseID)
            let thresholds = (ev.thresholdsKW ?? [:]).sorted { $0.key < $1.key }
            var observed: [String] = []
            for (k, v) in (ev.sensorRanges ?? [:]).sorted(by: { $0.key < $1.key }) {
                observed.append("\(k): \(v.map(shown).joined(separator: "–"))")
            }
            for (k, v) in (ev.carbon ?? [:]).sorted(by: { $0.key < $1.key }) { observed.append("\(k)=\(shown(v))") }
            var responses = ev.responseIDs ?? []
            responses += (ev.levels ?? []).map { "级别 \($0)" }
            set.append([
                .rule: .text(e.rule.rawValue), .ruleName: .text(e.rule.chineseName), .enterpriseID: .text(e.enterpriseID),
                .enterpriseName: .text(enterprise?.name ?? ""),
                .districtName: .text(enterprise.flatMap { registry.district(code: $0.districtCode)?.name } ?? ""),
                .facilityID: .text(e.facilityID ?? ""), .facilityName: .text(facilityName(e, registry: registry)),
                .start: .time(e.start), .end: .time(e.end), .minutes: .integer(e.minutes),
                .violatingMinutes: .integer(e.violatingMinutes),
                .thresholds: .text(thresholds.map { "\($0.key)=\(shown($0.value))" }.joined(separator: "; ")),
                .thresholdKW: .number(thresholds.map(\.value).max()), .baselinePowerKW: .number(ev.baselinePowerKW),
                .ratio: .number(ev.ratio), .allowedPowerKW: .number(ev.allowedPowerKW), .meanPowerKW: .number(ev.meanPowerKW),
                .maxPowerKW: .number(ev.maxPowerKW), .violatingSlots: .integer(ev.violatingSlots),
                .responses: .text(responses.joined(separator: "; ")), .observed: .text(observed.joined(separator: "; ")),
                .remark: .text(remark(e, registry: registry)),
            ])
        }
        return set
    }

    /// Every finding of the period in `dq.csv` order, streamed from the store (a city-scale
    /// month has about a million).
    public func dqFindings() -> ResultRows {
        let rows = self.rows, registry = self.registry, ids = editionEnterpriseIDs
        return ResultRows(DQFindingsField.schema) { emit in
            try rows.forEachFinding(exportOrder: true, enterprises: ids) { try emit(Self.dqFindingRow($0, registry: registry)) }
        }
    }

    public static func dqFindings(_ dq: [DQFinding], registry: Registry) -> ResultSet<DQFindingsField> {
        var set = ResultSet<DQFindingsField>()
        for d in dq.sorted(by: DQFinding.exportOrder) { set.rows.append(dqFindingRow(d, registry: registry)) }
        return set
    }

    static func dqFindingRow(_ d: DQFinding, registry: Registry) -> [ReportCell] {
        DQFindingsField.row([
            .date: .date(d.date), .pointID: .text(d.pointID), .pointName: .text(registry.point(id: d.pointID)?.name ?? ""),
            .enterpriseID: .text(d.enterpriseID), .enterpriseName: .text(registry.enterprise(id: d.enterpriseID)?.name ?? ""),
            .check: .text(d.check.rawValue), .checkName: .text(d.check.chineseName), .detail: .text(d.detail)])
    }

    /// Every facility-day of the period by date and facility, against the §8 check and the
    /// target, streamed (a city-scale month has about half a million).
    public func completenessRows() -> ResultRows {
        let rows = self.rows, registry = self.registry, ids = editionEnterpriseIDs
        let target = settings.dqCompletenessTarget, check = settings.dqCompletenessMin
        return ResultRows(CompletenessField.schema) { emit in
            try rows.forEachFacilityDayCompleteness(byDateAndFacility: true, enterprises: ids) { f in
                try emit(CompletenessField.row([
                    .date: .date(f.date), .facilityID: .text(f.facilityID),
                    .facilityName: .text(registry.facility(id: f.facilityID)?.name ?? ""),
                    .enterpriseID: .text(f.enterpriseID), .enterpriseName: .text(registry.enterprise(id: f.enterpriseID)?.name ?? ""),
                    .kind: .text(f.kind == .production ? "生产" : "治理"), .completeness: .percent(f.completeness),
                    .meetsTarget: .text(f.completeness >= target ? "是" : "否"),
                    .belowCheck: .text(f.completeness < check ? "是" : "否")]))
            }
        }
    }

    /// 区县排名: every district, also in a county edition, whose own row is marked (`own`).
    public func districtRanking() -> ResultSet<DistrictRankingField> {
        var set = ResultSet<DistrictRankingField>()
        let t = totals(.district)
        let byEvents = Dictionary(uniqueKeysWithValues: Ranking.rank(t, by: .events).map { ($0.code, $0.rank) })
        let bySync = Dictionary(uniqueKeysWithValues: Ranking.rank(t, by: .syncRate).map { ($0.code, $0.rank) })
        let byCode = Dictionary(uniqueKeysWithValues: t.map { ($0.code, $0) })
        var before: [String: Double] = [:]
        for p in previous[.district] ?? [] { before[p.code] = p.emittedKg }
        for r in Ranking.rank(t, by: .emittedKg) {
            guard let d = byCode[r.code] else { continue }
            let earlier = (previous[.district]?.isEmpty ?? true) ? nil : before[r.code]
            set.append([.rank: .integer(r.rank), .districtCode: .text(d.code), .districtName: .text(districtName(d.code)),
                        .enterprises: .integer(d.enterprises), .emittedKg: .number(d.emittedKg), .events: .integer(d.events),
                        .syncRate: .percent(d.syncRate), .complianceRate: .percent(d.complianceRate),
                        .rankEvents: .integer(byEvents[d.code]), .rankSync: .integer(bySync[d.code]),
                        .earlierEmittedKg: .number(earlier),
                        .change: .percent(PeriodComparison.change(current: d.emittedKg, earlier: earlier)),
                        .own: .text(scope.districtCode == d.code ? "是" : nil)])
        }
        return set
    }

    /// 企业排名: the edition's enterprises, ranked among themselves.
    public func enterpriseRanking() -> ResultSet<EnterpriseRankingField> {
        var set = ResultSet<EnterpriseRankingField>()
        let t = totals(.enterprise).filter { covers(enterpriseID: $0.code) }
        let bySync = Dictionary(uniqueKeysWithValues: Ranking.rank(t, by: .syncRate).map { ($0.code, $0.rank) })
        let byCode = Dictionary(uniqueKeysWithValues: t.map { ($0.code, $0) })
        let before = Self.byEnterprise(previous), yearAgo = Self.byEnterprise(lastYear)
        for r in Ranking.rank(t, by: .emittedKg) {
            guard let x = byCode[r.code], let e = registry.enterprise(id: r.code) else { continue }
            let earlier = before.map { $0[e.id]?.emittedKg ?? 0 }, ago = yearAgo.map { $0[e.id]?.emittedKg ?? 0 }
            set.append([.rank: .integer(r.rank), .enterpriseID: .text(e.id), .enterpriseName: .text(e.name),
                        .districtName: .text(districtName(e.districtCode)), .industry: .text(e.industry.rawValue),
                        .emittedKg: .number(x.emittedKg), .events: .integer(x.events), .syncRate: .percent(x.syncRate),
                        .rankSync: .integer(bySync[e.id]), .earlierEmittedKg: .number(earlier),
                        .change: .percent(PeriodComparison.change(current: x.emittedKg, earlier: earlier)),
                        .yearEarlierEmittedKg: .number(ago),
                        .yoyChange: .percent(PeriodComparison.change(current: x.emittedKg, earlier: ago))])
        }
        return set
    }

    /// 环比同比: every district and the city; a county edition's district and the city.
    public func comparison() -> ResultSet<ComparisonField> {
        var set = ResultSet<ComparisonField>()
        for level in [RollupLevel.district, .city] {
            var before: [String: AccountingTotals] = [:], ago: [String: AccountingTotals] = [:]
            for p in previous[level] ?? [] { before[p.code] = p }
            for p in lastYear[level] ?? [] { ago[p.code] = p }
            for t in totals(level) where level == .city || scope.includes(districtCode: t.code) {
                let b = before[t.code]?.emittedKg, y = ago[t.code]?.emittedKg
                set.append([.code: .text(t.code), .name: .text(level == .city ? "全市" : districtName(t.code)),
                            .emittedKg: .number(t.emittedKg), .previousKg: .number(b),
                            .momChange: .percent(PeriodComparison.change(current: t.emittedKg, earlier: b)),
                            .lastYearKg: .number(y), .yoyChange: .percent(PeriodComparison.change(current: t.emittedKg, earlier: y)),
                            .events: .integer(t.events), .previousEvents: .integer(before[t.code]?.events)])
            }
        }
        return set
    }

    /// 同行业对比: the edition's enterprises against the median of their industry in the whole city.
    public func industryComparison() -> ResultSet<IndustryComparisonField> {
        var set = ResultSet<IndustryComparisonField>()
        for r in IndustryComparison.compare(totals(.enterprise), registry: registry) where covers(enterpriseID: r.enterpriseID) {
            set.append([.enterpriseID: .text(r.enterpriseID), .enterpriseName: .text(enterpriseName(r.enterpriseID)),
                        .industry: .text(r.industry.rawValue), .emittedKgPerKWh: .number(r.emittedKgPerKWh),
                        .industryMedian: .number(r.industryMedian), .ratioToMedian: .number(r.ratioToMedian),
                        .peers: .integer(r.peers)])
        }
        return set
    }

    public func carbon() -> ResultSet<CarbonField> {
        var set = ResultSet<CarbonField>()
        var latest: [String: CarbonDayRecord] = [:]
        for c in rows.carbonDays where (latest[c.facilityID]?.date ?? Day(index: Int.min)) < c.date && covers(enterpriseID: c.enterpriseID) {
            latest[c.facilityID] = c
        }
        for c in latest.values.sorted(by: { $0.facilityID < $1.facilityID }) {
            set.append([.facilityID: .text(c.facilityID), .facilityName: .text(registry.facility(id: c.facilityID)?.name ?? ""),
                        .enterpriseID: .text(c.enterpriseID), .enterpriseName: .text(enterpriseName(c.enterpriseID)),
                        .replacedAt: .time(c.replacedAt), .days: .number(c.days), .runningHours: .number(c.runningHours),
                        .energyKWh: .number(c.energyKWh), .airVolumeM3: .number(c.airVolumeM3),
                        .remaining: .percent(c.remainingCapacity), .due: .text(c.due ? "是" : "否"),
                        .reached: .text(c.reached.joined(separator: ", "))])
        }
        return set
    }

    /// 逐日趋势: the city's days, or a county edition's district's.
    public func trend() -> ResultSet<TrendField> {
        var set = ResultSet<TrendField>()
        let days = scope.districtCode.map { c in rollup.totals(.district, per: .day).filter { $0.code == c } }
            ?? rollup.totals(.city, per: .day)
        for t in days {
            set.append([.date: .date(t.start), .emittedKg: .number(t.emittedKg), .generatedKg: .number(t.generatedKg),
                        .energyKWh: .number(t.energyKWh), .events: .integer(t.events), .syncRate: .percent(t.syncRate),
                        .complianceRate: .percent(t.complianceRate)])
        }
        return set
    }

    /// The result set a period-report sheet shows, by source name (nil for a name the period
    /// reports do not provide): built when asked, just before its sheet is written, so only
    /// one is held at a time; the long lists stream.
    public func resultRows(_ name: String) -> ResultRows? {
        switch name {
        case KPIField.source: return ResultRows(kpi()).omitting(scope == .city ? [KPIField.cityValue.rawValue] : [])
        case EnterprisesField.source: return ResultRows(enterprises())
        case EventsField.source: return ResultRows(events())
        case DQFindingsField.source: return dqFindings()
        case CompletenessField.source: return completenessRows()
        case DistrictRankingField.source:
            return ResultRows(districtRanking()).omitting(scope == .city ? [DistrictRankingField.own.rawValue] : [])
        case EnterpriseRankingField.source: return ResultRows(enterpriseRanking())
        case ComparisonField.source: return ResultRows(comparison())
        case IndustryComparisonField.source: return ResultRows(industryComparison())
        case CarbonField.source: return ResultRows(carbon())
        case TrendField.source: return ResultRows(trend())
        case KeyEnterprisesField.source: return ResultRows(keyEnterprises())
        case Zone513Field.source: return ResultRows(zone513())
        case IndustryStatsField.source: return ResultRows(industryStats())
        case AbnormalEnterprisesField.source: return ResultRows(abnormalEnterprises())
        case OutletDayField.source: return outletRows()
        case ExemptionField.source: return ResultRows(exemptions())
        case ExemptedEventField.source: return ResultRows(exemptedEvents())
        case TransmissionField.source: return ResultRows(transmissionRows())
        case GapListField.source: return ResultRows(gapList())
        default: return nil
        }
    }
}
