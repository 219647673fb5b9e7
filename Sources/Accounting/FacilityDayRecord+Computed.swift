import Baselines
import PEMSCore

extension FacilityDayRecord {
    /// The stored row of facility `fi` on `city`'s day, complete: the §4 slot values
    /// (completeness, running minutes, energy), the §6 baseline, for a treatment facility its
    /// §5.4 conditions by hour (`treatment`), and the §9.1–§9.2 accounting of the day.
    init(facility fi: Int, city: CityDay, registry: Registry, clock: SlotClock, treatment: TreatmentDay?,
         accounting a: FacilityAccounting) {
        let f = registry.facilities[fi]
        let fd = city.facilities[fi]
        self.init(date: city.day, facilityID: f.id, enterpriseID: f.enterpriseID, kind: f.kind,
                  completeness: fd.completeness, runningMinutes: fd.runningSlots * clock.minutes, energyKWh: fd.energyKWh)
        baselinePowerKW = city.baselines[fi]?.runningPowerKW
        baselineEnergyKWh = city.baselines[fi]?.energyKWh
        nSlots = a.nSlots
        syncSlots = a.syncSlots
        normalSlots = a.normalSlots
        stoppedMinutes = a.stoppedSlots.map { $0 * clock.minutes }
        ineffectiveMinutes = a.ineffectiveSlots.map { $0 * clock.minutes }
        lowMinutes = a.lowSlots.map { $0 * clock.minutes }
        hourlyConditions = treatment.map { HourlyConditions.code(condition: $0.condition, inN: $0.inN, clock: clock) }
        syncRate = a.syncRate
        effectiveRate = a.effectiveRate
        collectionRate = a.collectionRate
        removalRate = a.removalRate
        removalSlots = a.removalSlots
        generatedKg = a.generatedKg
        capturedKg = a.capturedKg
        removedKg = a.removedKg
        emittedKg = a.emittedKg
        outletMeasuredKg = a.outletMeasuredKg
        outletEstimatedKg = a.outletEstimatedKg
        outletSlots = a.outletSlots
    }
}
