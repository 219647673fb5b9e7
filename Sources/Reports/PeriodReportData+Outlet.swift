import Accounting
import PEMSCore

extension PeriodReportData {
    /// 排放核算比对: every treatment facility-day of the edition whose outlet was measured, by
    /// date and facility, streamed (the facility-days are read again, selected by the store).
    /// The flag is `OutletComparison`'s (SPEC §9.2), so the sheet marks exactly the days
    /// `PeriodAccounting.outletDeviations` lists.
    public func outletRows() -> ResultRows {
        let rows = self.rows, registry = self.registry, ids = editionEnterpriseIDs
        let maxDeviation = settings.outletMaxDeviation
        return ResultRows(OutletDayField.schema) { emit in
            try rows.forEachFacilityDay(byDateAndFacility: true, enterprises: ids, withOutletSlots: true) { f in
                guard let row = OutletDay(f, maxDeviation: maxDeviation) else { return }
                let e = registry.enterprise(id: f.enterpriseID)
                try emit(OutletDayField.row([
                    .date: .date(f.date), .districtName: .text(e.flatMap { registry.district(code: $0.districtCode)?.name }),
                    .enterpriseID: .text(f.enterpriseID), .enterpriseName: .text(e?.name),
                    .facilityID: .text(f.facilityID), .facilityName: .text(registry.facility(id: f.facilityID)?.name),
                    .estimatedKg: .number(row.estimatedKg), .measuredKg: .number(row.measuredKg),
                    .deviation: .percent(row.deviation), .flagged: .text(row.flagged ? "是" : "否"),
                    .slots: .integer(row.slots)]))
            }
        }
    }
}

/// One treatment facility-day's outlet comparison (SPEC §9.2), listed or not: what the
/// 排放核算比对 sheet and `outlet_day.csv` show.
public struct OutletDay: Sendable, Equatable {
    public var measuredKg: Double
    public var estimatedKg: Double
    /// (estimated − measured) / measured; nil when measured is 0.
    public var deviation: Double?
    /// Listed by `OutletComparison` (|deviation| over the setting, or nothing measured while
    /// something is estimated).
    public var flagged: Bool
    public var slots: Int

    /// nil for a facility-day without a measured slot (no sensors, or none present).
    public init?(_ f: FacilityDayRecord, maxDeviation: Double) {
        guard let m = f.outletMeasuredKg, let e = f.outletEstimatedKg, let slots = f.outletSlots, slots > 0 else { return nil }
        measuredKg = m
        estimatedKg = e
        deviation = m > 0 ? (e - m) / m : nil
        flagged = OutletComparison.deviation(f, maxDeviation: maxDeviation) != nil
        self.slots = slots
    }
}
