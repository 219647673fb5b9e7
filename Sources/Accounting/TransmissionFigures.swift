import Baselines
import PEMSCore

/// 传输情况 of one district or the city over a period (seed 003 "安装、联网、传输…情况…进行
/// 全省通报"; seed 001 §6.1 "成功率应不低于99.8%"). Definitions (docs/REPORTS.md):
/// - registered enterprises / points: the registry in force on the period's last day;
/// - online enterprises: with a facility-day of completeness > 0 in the period (the 在线企业
///   of the 概览 sheet and the 联网 date of 附件2);
/// - reporting points: with at least one present slot (SPEC §4) in the period;
/// - point-slots: registered points × days × slots per day; missing ones are the stored
///   missing-slot runs (`PointGaps`), so the transmission rate is present / all point-slots;
/// - points at target: a point's present slots / its slots in the period ≥
///   `data_quality.completeness_target` (0.998);
/// - mean completeness: the mean facility completeness (`CompletenessMean`, the title rows'
///   数据完整率): the city's summed in row order as the title rows sum it, a district's over
///   its enterprises in id order as a county edition's title rows sum it;
/// - rejected lines: those of the loads dated in the period (`Store.rejectedLines`); a district's
///   are those whose MN (where the line's MN could be read) is one of its collectors';
/// - re-send lag (SPEC §13.38; seed 001 §6.1 "补传滞后时间不超过1小时"): over the CN 2011 lines
///   with a receive time whose DataTime lies in the period (`Store.receiveLags`, a line counted
///   once per registered point it carries), those received more than an hour after their
///   DataTime and the largest receive time − DataTime; a district's are its points'.
public struct TransmissionFigures: Sendable, Equatable {
    /// The district code; empty for the city.
    public var code: String
    public var registeredEnterprises = 0
    public var onlineEnterprises = 0
    public var registeredPoints = 0
    public var reportingPoints = 0
    public var pointsAtTarget = 0
    /// Point-slots of the registered points in the period, and the missing ones among them.
    public var pointSlots = 0
    public var missingSlots = 0
    /// Gap-list lines (joined runs, `GapRuns.merged`).
    public var gapRuns = 0
    /// Mean facility completeness; nil without facility-days.
    public var meanCompleteness: Double?
    /// Rejected lines (SPEC §3.3) of the loads dated in the period (`Store.rejectedLines`): the
    /// city's all of them, a district's those whose MN is one of its collectors'; nil when not read.
    public var rejectedLines: Int?
    /// Point-lines (a CN 2011 line with a receive time, once per registered point it carries)
    /// received more than `resendLagLimitSeconds` after their DataTime; nil when not read.
    public var resentLateLines: Int?
    /// The largest receive time − DataTime of those point-lines, minutes (seconds / 60); nil
    /// when not read or when the area has no line with a receive time.
    public var largestResendLagMinutes: Double?

    /// Seed 001 §6.1: "补传滞后时间不超过1小时", seconds.
    public static let resendLagLimitSeconds = 3600

    public init(code: String) { self.code = code }

    /// online / registered enterprises (nil without enterprises).
    public var onlineRate: Double? { registeredEnterprises == 0 ? nil : Double(onlineEnterprises) / Double(registeredEnterprises) }
    /// present / all point-slots (nil without points): 数据传输率.
    public var transmissionRate: Double? { pointSlots == 0 ? nil : Double(pointSlots - missingSlots) / Double(pointSlots) }
    /// points at target / registered points (nil without points).
    public var shareAtTarget: Double? { registeredPoints == 0 ? nil : Double(pointsAtTarget) / Double(registeredPoints) }

    /// Gathers a period's figures: facility-days one at a time as they stream, then the
    /// period's stored missing-slot runs.
    public struct Builder {
        let registry: Registry
        let pointSlotsEach: Int
        let target: Double
        var online: Set<String> = []
        var completeness: [String: CompletenessMean] = [:]
        var cityCompleteness = CompletenessMean()

        /// `days` of the period, `slotsPerDay` of the settings' slot clock, `target` the
        /// completeness target (0.998).
        public init(registry: Registry, days: Int, slotsPerDay: Int, target: Double) {
            self.registry = registry
            pointSlotsEach = days * slotsPerDay
            self.target = target
        }

        /// The period's builder under `settings` (slot length, completeness target).
        public init(registry: Registry, days: Int, settings: Settings) {
            self.init(registry: registry, days: days, slotsPerDay: SlotClock(minutes: settings.slotMinutes).slotsPerDay,
                      target: settings.dqCompletenessTarget)
        }

        public mutating func add(_ f: FacilityDayRecord) {
            if f.completeness > 0 { online.insert(f.enterpriseID) }
            completeness[f.enterpriseID, default: CompletenessMean()].add(f)
            cityCompleteness.add(f)
        }

        /// The city's figures and each district's, by district code. `rejected`: the period's
        /// rejected lines and those of them whose MN could be read, by MN (nil: not read).
        public func finish(gaps: [PointGapRecord], rejected: (total: Int, byMN: [String: Int])? = nil)
            -> (city: TransmissionFigures, districts: [TransmissionFigures]) {
            var missing: [String: Int] = [:]
            for g in gaps { missing[g.pointID, default: 0] += g.slots }
            var runs: [String: Int] = [:]
            for g in GapRuns.merged(gaps) { runs[g.enterpriseID, default: 0] += 1 }
            let districtOf = Dictionary(registry.enterprises.map { ($0.id, $0.districtCode) }, uniquingKeysWith: { a, _ in a })
            var city = TransmissionFigures(code: "")
            var byCode: [String: TransmissionFigures] = [:]
            for d in registry.districts { byCode[d.code] = TransmissionFigures(code: d.code) }
            func update(_ code: String?, _ body: (inout TransmissionFigures) -> Void) {
                body(&city)
                if let code { body(&byCode[code, default: TransmissionFigures(code: code)]) }
            }
            for e in registry.enterprises.sorted(by: { $0.id < $1.id }) {
                update(e.districtCode) { t in
                    t.registeredEnterprises += 1
                    if online.contains(e.id) { t.onlineEnterprises += 1 }
                    t.gapRuns += runs[e.id] ?? 0
                }
            }
            for p in registry.points {
                let gone = min(missing[p.id] ?? 0, pointSlotsEach)
                let present = pointSlotsEach - gone
                update(districtOf[p.enterpriseID]) { t in
                    t.registeredPoints += 1
                    t.pointSlots += pointSlotsEach
                    t.missingSlots += gone
                    if present > 0 { t.reportingPoints += 1 }
                    if pointSlotsEach > 0, Double(present) / Double(pointSlotsEach) >= target { t.pointsAtTarget += 1 }
                }
            }
            // Mean facility completeness: each area's enterprises' sums and counts in id order.
            func mean(_ ids: [String]) -> Double? { CompletenessMean.pooled(completeness, of: ids) }
            city.meanCompleteness = cityCompleteness.value
            for code in byCode.keys {
                byCode[code]?.meanCompleteness = mean(registry.enterprises.filter { $0.districtCode == code }.map(\.id))
            }
            var out = (city: city, districts: byCode.values.sorted { $0.code < $1.code })
            if let rejected { TransmissionFigures.attribute(rejected: rejected, to: &out, registry: registry) }
            return out
        }
    }

    /// Sets the re-send lag figures from the period's receive lags (`Store.receiveLags`): the
    /// city's over every registered point, each district's over its points' (0 and nil
    /// without any). Channels the registry does not know are left out.
    public static func attribute(receiveLags: [(day: Day, channel: ChannelKey, lags: ReceiveLags)],
                                 to figures: inout (city: TransmissionFigures, districts: [TransmissionFigures]),
                                 registry: Registry) {
        var late: [String: Int] = [:], largest: [String: Int] = [:]
        var cityLate = 0, cityLargest: Int? = nil
        for r in receiveLags {
            guard let p = registry.point(mn: r.channel.mn, code: r.channel.code), let e = registry.enterprise(id: p.enterpriseID),
                  let lag = r.lags.largestLagSeconds else { continue }
            let n = r.lags.lines(laterThan: resendLagLimitSeconds)
            late[e.districtCode, default: 0] += n
            cityLate += n
            largest[e.districtCode] = max(largest[e.districtCode] ?? lag, lag)
            cityLargest = max(cityLargest ?? lag, lag)
        }
        func minutes(_ s: Int?) -> Double? { s.map { Double($0) / 60 } }
        figures.city.resentLateLines = cityLate
        figures.city.largestResendLagMinutes = minutes(cityLargest)
        for i in figures.districts.indices {
            let code = figures.districts[i].code
            figures.districts[i].resentLateLines = late[code] ?? 0
            figures.districts[i].largestResendLagMinutes = minutes(largest[code])
        }
    }

    /// Sets the rejected lines: the city's `total`; each district's the lines of `byMN` whose
    /// MN is one of its collectors' (0 without any). An MN the registry does not know counts
    /// for the city only.
    public static func attribute(rejected: (total: Int, byMN: [String: Int]),
                                 to figures: inout (city: TransmissionFigures, districts: [TransmissionFigures]),
                                 registry: Registry) {
        figures.city.rejectedLines = rejected.total
        var byCode: [String: Int] = [:]
        for (mn, n) in rejected.byMN.sorted(by: { $0.key < $1.key }) {
            guard let c = registry.collector(mn: mn), let e = registry.enterprise(id: c.enterpriseID) else { continue }
            byCode[e.districtCode, default: 0] += n
        }
        for i in figures.districts.indices { figures.districts[i].rejectedLines = byCode[figures.districts[i].code] ?? 0 }
    }
}
