import Accounting
import PEMSCore

/// Every figure of one enterprise's file (一企一档 监管记录, seed 000 §5.3.2.2) over a computed
/// period: what the workbook (`DossierWorkbook`) and the PDF (`Charts.DossierDocument`) show,
/// so the two say the same and neither computes. Built from the registry and the stored rows
/// of the period — its facility-days, the events overlapping the period, its data-quality
/// findings, its activated-carbon days and its points' hours (`PointHourRecord`, read by the
/// computing side) — and the period-wide `DossierContext` (roll-up, ranks, comparison bases).
/// kWh, kW, kg, minutes; CST.
public struct DossierData: Sendable {
    /// One day of the enterprise: its `enterprise_day.csv` row with the treatment energy, its
    /// production facilities' five-day baseline energy and its mean completeness.
    public struct DayFigures: Sendable, Equatable {
        public var date: Day
        public var energyKWh: Double
        public var productionEnergyKWh: Double
        public var treatmentEnergyKWh: Double
        /// Σ §6 baseline energy (running slots) of the production facilities; nil unless every
        /// production facility-day of the date has one (a partial sum would read as a drop).
        public var baselineEnergyKWh: Double?
        public var generatedKg: Double
        public var emittedKg: Double
        /// §7 events starting that day.
        public var events: Int
        public var syncRate: Double?
        public var effectiveRate: Double?
        public var completeness: Double?
    }

    /// One treatment facility over the period: the §9.1 rates slot-weighted over its days.
    public struct TreatmentFigures: Sendable {
        public var facility: Facility
        public var linkedProduction: [Facility]
        public var runningMinutes = 0
        public var energyKWh = 0.0
        /// Slots of N, and those not STOPPED / NORMAL; Σ collection rate × |N|; Σ removal rate × running slots.
        public var nSlots = 0
        public var syncSlots = 0
        public var normalSlots = 0
        public var collectionSum = 0.0
        public var removalSum = 0.0
        public var removalSlots = 0
        public var stoppedMinutes = 0
        public var ineffectiveMinutes = 0
        public var lowMinutes = 0

        public var syncRate: Double? { TreatmentRates.sync(syncSlots: syncSlots, nSlots: nSlots) }
        public var effectiveRate: Double? { TreatmentRates.effective(normalSlots: normalSlots, nSlots: nSlots) }
        public var collectionRate: Double? { TreatmentRates.collection(sum: collectionSum, nSlots: nSlots) }
        public var removalRate: Double? { TreatmentRates.removal(sum: removalSum, runningSlots: removalSlots) }
    }

    /// An activated-carbon facility at the end of the period (§9.4) and when it is due.
    public struct CarbonStatus: Sendable {
        public var facility: Facility
        /// The status at the end of the last day of the period with one.
        public var status: CarbonDayRecord
        /// kg filled at that replacement (carbon.csv), when given.
        public var fillKg: Double?
        /// Due: the first day of the period from which it stayed due. Not due: the day the first
        /// limit is reached — the day limit exactly, the others at the mean use per day since
        /// the replacement. nil when no limit is set or nothing has been used yet.
        public var dueDate: Day?
        /// How `dueDate` was found, e.g. "已到期（天数、运行时间）", "按运行时间推算（日均 12.5 小时）".
        public var dueBasis: String
    }

    /// One headline figure with its 环比 and 同比 bases (nil = no stored value).
    public struct Figure: Sendable, Equatable {
        public enum Kind: Sendable { case amount, count, rate }
        public var label: String
        public var unit: String
        public var kind: Kind
        public var value: Double?
        public var previous: Double?
        public var lastYear: Double?
        public var note: String
        public var change: Double? { PeriodComparison.change(current: value, earlier: previous) }
        public var yoyChange: Double? { PeriodComparison.change(current: value, earlier: lastYear) }
    }

    /// The findings of one §8 check: how many, on which points, first and last date.
    public struct FindingSummary: Sendable, Equatable {
        public var check: DQCheck
        public var count: Int
        public var points: [String]
        public var first: Day
        public var last: Day
    }

    public let registry: Registry
    public let settings: Settings
    public let from: Day
    public let to: Day
    public let enterprise: Enterprise
    public let districtName: String
    public let facilities: [Facility]
    public let points: [Point]
    public let links: [Link]
    public let plans: [PlanRow]
    /// Exemptions overlapping the period, by start.
    public let exemptions: [Exemption]
    /// The facility-days, by date and facility id.
    public let facilityDays: [FacilityDayRecord]
    public let days: [DayFigures]
    public let treatment: [TreatmentFigures]
    /// Each production facility's §6 baseline running power (kW) on the period's last day;
    /// nil when it has none then (BASELINE_UNAVAILABLE, or no facility-day).
    public let productionBaselines: [(facility: Facility, baselinePowerKW: Double?)]
    /// Events overlapping the period, in `events.csv` order, and each one's 判定说明 (as the 异常清单 has it).
    public let events: [EventRecord]
    public let remarks: [String?]
    /// Findings in `dq.csv` order, and per check.
    public let findings: [DQFinding]
    public let findingSummary: [FindingSummary]
    public let carbon: [CarbonStatus]
    /// The electrical points' days with their 24 hours, by point id, then date.
    public let pointDays: [PointHours]
    public let totals: AccountingTotals
    public let figures: [Figure]
    public let districtRank: DossierRank?
    public let industryRank: DossierRank?
    public let previousRange: (Day, Day)
    public let lastYearRange: (Day, Day)?
    /// Mean facility completeness of the enterprise's facility-days (§4); nil without any.
    public let completeness: Double?

    /// The file of `enterpriseID` from the rows of that enterprise (others are left out).
    public init(context: DossierContext, enterpriseID: String, facilityDays: [FacilityDayRecord], events: [EventRecord],
                findings: [DQFinding], carbonDays: [CarbonDayRecord], pointDays: [PointHours]) throws {
        let registry = context.registry
        guard let e = registry.enterprise(id: enterpriseID) else {
            throw DossierError.unknown(enterpriseID, in: registry, on: context.to)
        }
        self.registry = registry
        settings = context.settings
        from = context.from
        to = context.to
        enterprise = e
        districtName = registry.district(code: e.districtCode)?.name ?? e.districtCode
        facilities = registry.facilities(ofEnterprise: e.id).sorted { $0.id < $1.id }
        points = registry.points(ofEnterprise: e.id).sorted { $0.id < $1.id }
        let ids = Set(facilities.map(\.id))
        links = registry.links.filter { ids.contains($0.productionFacilityID) || ids.contains($0.treatmentFacilityID) }
            .sorted { ($0.productionFacilityID, $0.treatmentFacilityID) < ($1.productionFacilityID, $1.treatmentFacilityID) }
        plans = registry.plans(ofEnterprise: e.id)
        let periodStart = context.from.start, periodEnd = context.to.adding(days: 1).start
        exemptions = registry.exemptions(ofEnterprise: e.id).filter { $0.start < periodEnd && $0.end > periodStart }
            .sorted { ($0.start, $0.facilityID ?? "") < ($1.start, $1.facilityID ?? "") }
        let mine = facilityDays.filter { $0.enterpriseID == e.id }
            .sorted { ($0.date, $0.facilityID) < ($1.date, $1.facilityID) }
        self.facilityDays = mine
        var completeness = CompletenessMean()
        for f in mine { completeness.add(f) }
        self.completeness = completeness.value
        days = Self.days(context.enterpriseDays[e.id] ?? [], facilityDays: mine)
        treatment = Self.treatment(facilities, facilityDays: mine, registry: registry)
        let lastDay = mine.filter { $0.date == context.to }
        productionBaselines = facilities.filter { $0.kind == .production }.map { f in
            (f, lastDay.first { $0.facilityID == f.id }?.baselinePowerKW)
        }
        self.events = events.filter { $0.enterpriseID == e.id }.sorted(by: EventRecord.exportOrder)
        remarks = self.events.map { PeriodReportData.remark($0, registry: registry) }
        self.findings = findings.filter { $0.enterpriseID == e.id }.sorted(by: DQFinding.exportOrder)
        findingSummary = Self.summary(self.findings)
        carbon = Self.carbon(carbonDays.filter { $0.enterpriseID == e.id }, registry: registry)
        self.pointDays = pointDays.filter { $0.day.enterpriseID == e.id }
            .sorted { ($0.day.pointID, $0.day.date) < ($1.day.pointID, $1.day.date) }
        let totals = context.totals[e.id] ?? AccountingTotals(level: .enterprise, code: e.id, period: .day, start: context.from)
        self.totals = totals
        figures = Self.figures(totals, previous: context.previous.map { $0[e.id] }, lastYear: context.lastYear.map { $0[e.id] })
        districtRank = context.districtRanks[e.id]
        industryRank = context.industryRanks[e.id]
        previousRange = context.previousRange
        lastYearRange = context.lastYearRange
    }

    // MARK: Derived rows

    /// The enterprise-days with the per-day sums of its facility-days.
    static func days(_ enterpriseDays: [EnterpriseDayRecord], facilityDays: [FacilityDayRecord]) -> [DayFigures] {
        var treatmentEnergy: [Day: Double] = [:], baseline: [Day: Double?] = [:], mean: [Day: CompletenessMean] = [:]
        for f in facilityDays {
            mean[f.date, default: CompletenessMean()].add(f)
            if f.kind == .treatment { treatmentEnergy[f.date, default: 0] += f.energyKWh }
            if f.kind == .production {
                let sum = baseline[f.date] ?? 0
                baseline[f.date] = sum.flatMap { s in f.baselineEnergyKWh.map { s + $0 } }
            }
        }
        return enterpriseDays.sorted { $0.date < $1.date }.map { d in
            DayFigures(date: d.date, energyKWh: d.energyKWh, productionEnergyKWh: d.productionEnergyKWh,
                       treatmentEnergyKWh: treatmentEnergy[d.date] ?? 0, baselineEnergyKWh: baseline[d.date] ?? nil,
                       generatedKg: d.generatedKg, emittedKg: d.emittedKg, events: d.events, syncRate: d.syncRate,
                       effectiveRate: d.effectiveRate, completeness: mean[d.date]?.value)
        }
    }

    /// Each treatment facility's days summed (§9.1 rates weighted by |N|, as every roll-up).
    static func treatment(_ facilities: [Facility], facilityDays: [FacilityDayRecord], registry: Registry) -> [TreatmentFigures] {
        var out: [String: TreatmentFigures] = [:]
        for f in facilities where f.kind == .treatment {
            out[f.id] = TreatmentFigures(facility: f, linkedProduction: registry.productionFacilities(linkedTo: f.id).sorted { $0.id < $1.id })
        }
        for d in facilityDays where d.kind == .treatment {
            guard var t = out[d.facilityID] else { continue }
            let n = d.nSlots ?? 0, running = d.removalSlots ?? 0
            t.runningMinutes += d.runningMinutes
            t.energyKWh += d.energyKWh
            t.nSlots += n
            t.syncSlots += d.syncSlots ?? 0
            t.normalSlots += d.normalSlots ?? 0
            t.collectionSum += (d.collectionRate ?? 0) * Double(n)
            t.removalSum += (d.removalRate ?? 0) * Double(running)
            t.removalSlots += running
            t.stoppedMinutes += d.stoppedMinutes ?? 0
            t.ineffectiveMinutes += d.ineffectiveMinutes ?? 0
            t.lowMinutes += d.lowMinutes ?? 0
            out[d.facilityID] = t
        }
        return out.values.sorted { $0.facility.id < $1.facility.id }
    }

    /// Findings per check, in the checks' declaration order.
    static func summary(_ findings: [DQFinding]) -> [FindingSummary] {
        var byCheck: [DQCheck: FindingSummary] = [:]
        for d in findings {
            if var s = byCheck[d.check] {
                s.count += 1
                if !d.pointID.isEmpty, !s.points.contains(d.pointID) { s.points.append(d.pointID) }
                s.first = min(s.first, d.date)
                s.last = max(s.last, d.date)
                byCheck[d.check] = s
            } else {
                byCheck[d.check] = FindingSummary(check: d.check, count: 1, points: d.pointID.isEmpty ? [] : [d.pointID],
                                                  first: d.date, last: d.date)
            }
        }
        return DQCheck.allCases.compactMap { c in byCheck[c].map { var s = $0; s.points.sort(); return s } }
    }

    /// The limits of §9.4 as (code of `CarbonDayRecord.reached`, name, limit, use so far, unit).
    static func carbonLimits(_ f: Facility, _ c: CarbonDayRecord) -> [(code: String, name: String, limit: Double, used: Double, unit: String)] {
        var out: [(String, String, Double, Double, String)] = []
        if let l = f.carbonCycleDays { out.append(("days", "天数", l, c.days, "天")) }
        if let l = f.carbonMaxHours { out.append(("hours", "运行时间", l, c.runningHours, "小时")) }
        if let l = f.carbonMaxKWh { out.append(("kWh", "用电量", l, c.energyKWh, "kWh")) }
        if let l = f.carbonMaxM3 { out.append(("m3", "处理风量", l, c.airVolumeM3, "m³")) }
        return out
    }

    /// 中文 names of the limits a status reached.
    public static func reachedNames(_ reached: [String]) -> String {
        let names = ["days": "天数", "hours": "运行时间", "kWh": "用电量", "m3": "处理风量"]
        return reached.map { names[$0] ?? $0 }.joined(separator: "、")
    }

    /// A number inside a sentence: at most three decimals.
    public static func shown(_ x: Double) -> String { ExportNumber.format((x * 1000).rounded() / 1000) }

    /// The status of each AC facility on its last day of the period, and its due date.
    static func carbon(_ days: [CarbonDayRecord], registry: Registry) -> [CarbonStatus] {
        var byFacility: [String: [CarbonDayRecord]] = [:]
        for c in days { byFacility[c.facilityID, default: []].append(c) }
        return byFacility.keys.sorted().compactMap { id in
            guard let records = byFacility[id]?.sorted(by: { $0.date < $1.date }), let last = records.last,
                  let f = registry.facility(id: id) else { return nil }
            let fill = registry.carbonReplacements(ofFacility: id).first { $0.replacedAt == last.replacedAt }?.fillKg
            var dueDate: Day?
            var basis: String
            if last.due {
                // The run of due days that reaches the period's end.
                var i = records.count - 1
                while i > 0, records[i - 1].due, records[i - 1].replacedAt == last.replacedAt { i -= 1 }
                dueDate = records[i].date
                basis = (i == 0 ? "统计期初即已到期（" : "已到期（") + reachedNames(last.reached) + "）"
            } else {
                // Each limit's day: the day limit exactly, the others at the mean use per day since the replacement.
                var best: (Timestamp, String)?
                for l in carbonLimits(f, last) {
                    let daysAtLimit: Double
                    let why: String
                    if l.code == "days" {
                        daysAtLimit = l.limit
                        why = "按更换周期 \(shown(l.limit)) 天"
                    } else {
                        guard l.used > 0, last.days > 0 else { continue }
                        daysAtLimit = last.days * l.limit / l.used
                        why = "按\(l.name)推算（日均 \(shown(l.used / last.days)) \(l.unit)，限值 \(shown(l.limit)) \(l.unit)）"
                    }
                    guard daysAtLimit.isFinite, daysAtLimit < 1e6 else { continue }
                    let t = last.replacedAt.adding(seconds: Int64((daysAtLimit * 86_400).rounded(.up)))
                    if best.map({ t < $0.0 }) ?? true { best = (t, why) }
                }
                // A limit reached at an instant belongs to the day it falls in (00:00 closes the day before).
                dueDate = best.map { $0.0.adding(seconds: -1).day }
                basis = best?.1 ?? (carbonLimits(f, last).isEmpty ? "未设更换限值" : "自更换以来未运行，无法推算")
            }
            return CarbonStatus(facility: f, status: last, fillKg: fill, dueDate: dueDate, dueBasis: basis)
        }
    }

    /// The headline figures with their comparison bases; `previous`/`lastYear`: nil when the
    /// base period has no stored day, `.some(nil)` when it has but not this enterprise.
    static func figures(_ t: AccountingTotals, previous: AccountingTotals??, lastYear: AccountingTotals??) -> [Figure] {
        func base(_ b: AccountingTotals??, _ value: (AccountingTotals) -> Double?) -> Double? {
            guard let stored = b else { return nil }
            return stored.flatMap(value)
        }
        func figure(_ label: String, _ unit: String, _ kind: Figure.Kind, _ note: String,
                    _ value: @escaping (AccountingTotals) -> Double?) -> Figure {
            Figure(label: label, unit: unit, kind: kind, value: value(t), previous: base(previous, value),
                   lastYear: base(lastYear, value), note: note)
        }
        func metric(_ m: AccountingMetric) -> (AccountingTotals) -> Double? { { $0.value(m) } }
        return [
            figure("用电量", "kWh", .amount, "生产与治理设施用电量之和（§13.25，不含总表）", metric(.energyKWh)),
            figure("生产用电量", "kWh", .amount, "生产设施用电量", { $0.productionEnergyKWh }),
            figure("VOCs产生量", "kg", .amount, "§9.2 核算产生量", metric(.generatedKg)),
            figure("VOCs排放量", "kg", .amount, "§9.2 核算排放量", metric(.emittedKg)),
            figure("异常事件", "起", .count, "统计期内开始的事件", metric(.events)),
            figure("治理设施同步率", "", .rate, "§9.1，按时段加权", metric(.syncRate)),
            figure("治理设施有效运行率", "", .rate, "§9.1", metric(.effectiveRate)),
            figure("合规率", "", .rate, "无异常事件的天数占比", metric(.complianceRate)),
        ]
    }
}

extension DossierData {
    /// One electrical point's day and its 24 hours (`PointHourTable`: `point_day.csv` and
    /// `point_hour.csv`), hours in order 0 … 23.
    public struct PointHours: Sendable {
        public let day: PointDayRecord
        public let hours: [PointHourRecord]

        public init(day: PointDayRecord, hours: [PointHourRecord]) {
            self.day = day
            self.hours = hours
        }
    }
}
