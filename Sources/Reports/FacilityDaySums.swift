import Accounting
import PEMSCore

/// Per-enterprise sums of a period's facility-days that the workbooks show beside the §9
/// totals — running minutes by kind, STOPPED minutes, mean completeness (§4), whether it was
/// online or producing, its first date with data — and the mean completeness of the title
/// rows. Gathered one facility-day at a time in the pass that feeds the roll-up, so the
/// period's rows need not be held (issue 5). Sums are taken in the order the rows come.
public struct FacilityDaySums {
    public private(set) var productionMinutes: [String: Int] = [:]
    public private(set) var treatmentMinutes: [String: Int] = [:]
    /// Minutes of N with treatment STOPPED (§5.4), per enterprise.
    public private(set) var stoppedMinutes: [String: Int] = [:]
    /// Enterprises with a facility-day of completeness > 0, and with a production facility running.
    public private(set) var online: Set<String> = []
    public private(set) var producing: Set<String> = []
    /// The first date with completeness > 0, per enterprise.
    public private(set) var firstOnline: [String: Day] = [:]
    var completenessByEnterprise: [String: CompletenessMean] = [:]
    var completeness = CompletenessMean()
    public var facilityDays: Int { completeness.count }

    public init() {}

    public mutating func add(_ f: FacilityDayRecord) {
        if f.completeness > 0 {
            online.insert(f.enterpriseID)
            if firstOnline[f.enterpriseID].map({ f.date < $0 }) ?? true { firstOnline[f.enterpriseID] = f.date }
        }
        if f.kind == .production {
            if f.runningMinutes > 0 { producing.insert(f.enterpriseID) }
            productionMinutes[f.enterpriseID, default: 0] += f.runningMinutes
        } else {
            treatmentMinutes[f.enterpriseID, default: 0] += f.runningMinutes
            stoppedMinutes[f.enterpriseID, default: 0] += f.stoppedMinutes ?? 0
        }
        completenessByEnterprise[f.enterpriseID, default: CompletenessMean()].add(f)
        completeness.add(f)
    }

    /// Mean facility completeness over the period (nil without facility-days).
    public var meanCompleteness: Double? { completeness.value }

    /// Mean completeness of an enterprise's facility-days (nil when it has none).
    public func meanCompleteness(of enterpriseID: String) -> Double? {
        completenessByEnterprise[enterpriseID]?.value
    }

    /// Mean completeness of the facility-days of `enterprises` (a county edition's title rows;
    /// nil when they have none): their sums and counts added in id order.
    public func meanCompleteness(ofEnterprises enterprises: Set<String>) -> Double? {
        CompletenessMean.pooled(completenessByEnterprise, of: enterprises)
    }
}
