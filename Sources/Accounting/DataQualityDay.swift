import Baselines
import PEMSCore

/// SPEC §8 data-quality findings of one CST day (the reading-level facts come from
/// `ReadingChecks`; CONSTANT is added at the end of the period because a run is known only
/// when it ends).
public enum DataQualityDay {
    public static func findings(city: CityDay, facts: [Int: ReadingChecks.DayFacts], registry: Registry,
                                topology: CityTopology, settings: Settings, store: Store) throws -> [DQFinding] {
        let day = city.day
        let n = city.clock.slotsPerDay
        var out: [DQFinding] = []
        func add(_ p: Point, _ check: DQCheck, _ detail: String = "") {
            out.append(DQFinding(date: day, pointID: p.id, enterpriseID: p.enterpriseID, check: check, detail: detail))
        }
        for (pi, p) in registry.points.enumerated() {
            // NO_DATA, COMPLETENESS (every point, sensors included).
            let present = city.presentSlots(point: pi)
            let completeness = Double(present) / Double(n)
            if present == 0 { add(p, .noData) }
            if completeness < settings.dqCompletenessMin { add(p, .completeness, "completeness \(ExportNumber.format(completeness))") }
            guard p.isElectrical else { continue }
            if let f = facts[pi] {
                if f.negative { add(p, .negative) }
                if f.counterJump { add(p, .counterJump) }
                if let d = f.deltaEnergyKWh {
                    if let maxPt = f.maxPowerKW, maxPt > 0, d > settings.dqEnergyPowerFactor * maxPt {
                        add(p, .energyPowerMismatch, "ΔEpt \(ExportNumber.format(d)) kWh, max Pt \(ExportNumber.format(maxPt)) kW")
                    }
                    if d > settings.dqEnergyTooLargeKWh { add(p, .energyTooLarge, "ΔEpt \(ExportNumber.format(d)) kWh") }
                }
                // SPEC 2 VOLTAGE_LOOP, CURRENT_LOOP (§13.33): enough faulty slots in the calendar day.
                if let v = f.voltageLoop, v.slots >= settings.dqPhaseFaultMinSlots {
                    add(p, .voltageLoop, "\(v.slots) slots, lowest phase \(ExportNumber.format(v.low)) V against \(ExportNumber.format(v.high)) V")
                }
                if let c = f.currentLoop, c.slots >= settings.dqPhaseFaultMinSlots {
                    add(p, .currentLoop, "\(c.slots) slots, a phase at \(ExportNumber.format(c.low)) kW with the phase sum \(ExportNumber.format(c.high)) kW")
                }
            }
            if p.kind == .production || p.kind == .treatment, city.thresholds[pi].source == .unknown {
                add(p, .thresholdUnknown)
            }
            if let detail = thresholdSuspect(p, p90: city.suspectP90[pi]) { add(p, .thresholdSuspect, detail) }
        }
        // BASELINE_UNAVAILABLE: one row per electrical point of each facility-day without one (§13.24).
        for (fi, _) in registry.facilities.enumerated() where city.baselines[fi] == nil {
            for pi in topology.electricalPoints[fi] { add(registry.points[pi], .baselineUnavailable) }
        }
        // CLOCK (§13.23): a channel whose CN 2011 QN time and DataTime differ by > 10 minutes,
        // over its lines without a receive time.
        var clocked = Set<String>()
        for channel in try store.clockSkewedChannels(on: day, overSeconds: settings.dqClockMaxSkewMinutes * 60) {
            if let p = registry.point(mn: channel.mn, code: channel.code) { add(p, .clock); clocked.insert(p.id) }
        }
        // CLOCK (§13.38): over its lines with a receive time; one finding when both rules fire.
        for (channel, lags) in try store.receiveLags(on: day) {
            guard let p = registry.point(mn: channel.mn, code: channel.code), !clocked.contains(p.id),
                  let detail = ReceiveTimeClock.detail(lags, maxSkewMinutes: settings.dqClockMaxSkewMinutes) else { continue }
            add(p, .clock, detail)
            clocked.insert(p.id)
        }
        // Per enterprise: SUM_EXCEEDS_TOTAL and the registry coverage checks.
        for (ei, e) in registry.enterprises.enumerated() {
            let pts = topology.pointsOfEnterprise[ei]
            func flag(_ c: DQCheck, _ detail: String = "") {
                out.append(DQFinding(date: day, pointID: "", enterpriseID: e.id, check: c, detail: detail))
            }
            let totals = pts.filter { registry.points[$0].kind == .total }
            if totals.isEmpty { flag(.noTotalPoint) }
            if !pts.contains(where: { registry.points[$0].kind == .production }) { flag(.noProductionPoint) }
            if !pts.contains(where: { registry.points[$0].kind == .treatment }) { flag(.noTreatmentPoint) }
            if topology.facilitiesOfEnterprise[ei].contains(where: {
                registry.facilities[$0].kind == .production && topology.linkedTreatment[$0].isEmpty
            }) { flag(.unlinkedProduction) }
            if !totals.isEmpty {
                // Slots where every total point is present.
                var allPresent = [Bool](repeating: true, count: n)
                var total = 0.0
                for pi in totals {
                    guard let v = city.pointValues[pi] else { allPresent = Array(repeating: false, count: n); break }
                    for k in 0..<n where v[k].isNaN { allPresent[k] = false }
                }
                let count = allPresent.filter { $0 }.count
                if Double(count) / Double(n) >= settings.dqTotalMinCompleteness {
                    var parts = 0.0
                    for k in 0..<n where allPresent[k] {
                        for pi in totals { total += city.pointValues[pi]![k] }
                    }
                    for pi in pts where registry.points[pi].kind == .production || registry.points[pi].kind == .treatment {
                        guard let v = city.pointValues[pi] else { continue }
                        for k in 0..<n where allPresent[k] && !v[k].isNaN { parts += v[k] }
                    }
                    let h = city.clock.hours
                    if parts * h > settings.dqSumExceedsTotalFactor * total * h {
                        flag(.sumExceedsTotal, "production+treatment \(ExportNumber.format(parts * h)) kWh, total \(ExportNumber.format(total * h)) kWh")
                    }
                }
            }
        }
        // UNKNOWN_MN: per MN and day, the MN in point_id and no enterprise.
        for (mn, packets) in try store.unknownMNPackets(on: day) {
            out.append(DQFinding(date: day, pointID: mn, enterpriseID: "", check: .unknownMN, detail: "\(packets) packets"))
        }
        return out
    }

    /// SPEC 2 §8 THRESHOLD_SUSPECT (§13.34): a production or treatment point's declared
    /// `threshold_kw` > 0 is ≥ its `rated_kw` (> 0), or strictly above the p90 of its slot
    /// powers in the 14 days before (the unit would always look stopped). The detail names the
    /// numbers; nil when neither holds.
    static func thresholdSuspect(_ p: Point, p90: Double?) -> String? {
        guard p.kind == .production || p.kind == .treatment, let theta = p.thresholdKW, theta > 0 else { return nil }
        var reasons: [String] = []
        if let rated = p.ratedKW, rated > 0, theta >= rated {
            reasons.append("threshold \(ExportNumber.format(theta)) kW ≥ rated \(ExportNumber.format(rated)) kW")
        }
        if let p90, theta > p90 {
            reasons.append("threshold \(ExportNumber.format(theta)) kW > p90 \(ExportNumber.format(p90)) kW of the slot powers before")
        }
        return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
    }
}
