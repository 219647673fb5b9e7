import PEMSCore

extension AccountingRollup {
    /// Builds a roll-up from facility-days given one at a time, so a caller can stream them
    /// from the store (`Store.forEachFacilityDay`) instead of holding a city's month of them
    /// (issue 5: under 500 MB). Sums are taken in the order the rows come, as the array
    /// initialiser does, so the same rows in the same order give the same bits.
    public struct Builder {
        let registry: Registry
        /// Fixed dates (a computed period: rows on other dates are ignored), or nil: the
        /// dates are those of the rows (stored daily results, every date has rows).
        let fixedDates: Bool
        var dates: [Day] = []
        var dateIndex: [Day: Int] = [:]
        let enterpriseIndex: [String: Int]
        var perDay: [[EnterpriseDayRecord]] = []

        public init(registry: Registry, dates: [Day]?) {
            self.registry = registry
            var enterpriseIndex: [String: Int] = [:]
            for (i, e) in registry.enterprises.enumerated() where enterpriseIndex[e.id] == nil { enterpriseIndex[e.id] = i }
            self.enterpriseIndex = enterpriseIndex
            fixedDates = dates != nil
            for d in Array(Set(dates ?? [])).sorted() { addDate(d) }
        }

        private mutating func addDate(_ d: Day) {
            dateIndex[d] = dates.count
            dates.append(d)
            perDay.append(registry.enterprises.map {
                EnterpriseDayRecord(date: d, enterpriseID: $0.id, districtCode: $0.districtCode, industry: $0.industry)
            })
        }

        /// Adds one facility-day (SPEC §9.2: sums of stored facility-days, never slots).
        public mutating func add(_ f: FacilityDayRecord) {
            if dateIndex[f.date] == nil, !fixedDates { addDate(f.date) }
            guard let di = dateIndex[f.date], let ei = enterpriseIndex[f.enterpriseID] else { return }
            perDay[di][ei].energyKWh += f.energyKWh
            if f.kind == .production {
                perDay[di][ei].productionEnergyKWh += f.energyKWh
                perDay[di][ei].generatedKg += f.generatedKg ?? 0
                perDay[di][ei].emittedKg += f.emittedKg ?? 0
            } else {
                let n = f.nSlots ?? 0, running = f.removalSlots ?? 0
                perDay[di][ei].syncSlots += f.syncSlots ?? 0
                perDay[di][ei].nSlots += n
                perDay[di][ei].normalSlots += f.normalSlots ?? 0
                perDay[di][ei].collectionSum += (f.collectionRate ?? 0) * Double(n)
                perDay[di][ei].removalSum += (f.removalRate ?? 0) * Double(running)
                perDay[di][ei].removalSlots += running
            }
        }

        /// The roll-up, with the period's events (§12: counted on the date they start; a day
        /// is compliant when no event of the enterprise overlaps it).
        public func finish(events: [EventRecord]) -> AccountingRollup {
            // Dates met in the rows may come unordered: order them, rows with them.
            let order = dates.indices.sorted { dates[$0] < dates[$1] }
            let sortedDates = order.map { dates[$0] }
            var perDay = order.map { self.perDay[$0] }
            var compliant = sortedDates.map { _ in Array(repeating: true, count: registry.enterprises.count) }
            var index: [Day: Int] = [:]
            for (i, d) in sortedDates.enumerated() { index[d] = i }
            for e in events {
                guard let ei = enterpriseIndex[e.enterpriseID] else { continue }
                // §12: `events` counts the events of every rule that start on the date.
                if let di = index[e.start.day] { perDay[di][ei].events += 1 }
                for (di, d) in sortedDates.enumerated() where e.start < d.adding(days: 1).start && e.end > d.start {
                    compliant[di][ei] = false
                }
            }
            return AccountingRollup(registry: registry, dates: sortedDates, perDay: perDay, compliant: compliant)
        }
    }
}
