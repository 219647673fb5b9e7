import Foundation

/// A stored computation's header row (see `Schema` v2).
public struct ComputationInfo: Sendable, Equatable {
    public var id: Int
    public var from: Day
    public var to: Day
    public var streamedFrom: Day
    public var registryVersion: Int?
    public var engineVersion: String
    public var settings: String
    public var fingerprint: String
    public var startedAt: String
    public var seconds: Double
    public var facilityDaysComputed: Int
}

/// The rows of one stored computation.
public struct StoredResults: Sendable {
    public var facilityDays: [FacilityDayRecord]
    public var events: [EventRecord]
    public var dq: [DQFinding]
    /// SPEC §9.4 activated-carbon status per facility-day (schema v4).
    public var carbonDays: [CarbonDayRecord]
    /// SPEC §9.5 baselines on each response's first day (schema v4).
    public var responseBaselines: [ResponseBaseline]

    public init(facilityDays: [FacilityDayRecord], events: [EventRecord], dq: [DQFinding],
                carbonDays: [CarbonDayRecord] = [], responseBaselines: [ResponseBaseline] = []) {
        self.facilityDays = facilityDays
        self.events = events
        self.dq = dq
        self.carbonDays = carbonDays
        self.responseBaselines = responseBaselines
    }
}

/// Computation results (SPEC §4–§8 outputs) in the store.
extension Store {
    /// Saves a computation and its rows in one transaction; returns its id.
    @discardableResult
    public func saveComputation(from: Day, to: Day, streamedFrom: Day, registryVersion: Int?, engineVersion: String,
                                settings: String, fingerprint: String, startedAt: Timestamp, seconds: Double,
                                facilityDaysComputed: Int, results: StoredResults) throws -> Int {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try db.transaction {
            try db.run("""
                INSERT INTO computations(from_day, to_day, streamed_from, registry_version, engine_version, settings,
                    fingerprint, started_at, seconds, facility_days, events, findings)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [from.description, to.description, streamedFrom.description, registryVersion, engineVersion,
                      settings, fingerprint, startedAt.description, seconds, facilityDaysComputed,
                      results.events.count, results.dq.count])
            let id = Int(db.lastInsertRowID)
            let fd = try db.statement("""
                INSERT INTO result_facility_days (\(Self.facilityDayColumns))
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for r in results.facilityDays {
                try fd.run([id, r.date.description, r.facilityID, r.enterpriseID, r.kind.rawValue, r.completeness,
                            r.runningMinutes, r.energyKWh, r.baselinePowerKW, r.syncRate, r.effectiveRate,
                            r.collectionRate, r.removalRate, r.stoppedMinutes, r.ineffectiveMinutes, r.lowMinutes,
                            r.generatedKg, r.emittedKg, r.nSlots, r.syncSlots, r.baselineEnergyKWh, r.capturedKg,
                            r.removedKg, r.normalSlots, r.removalSlots, r.outletMeasuredKg, r.outletEstimatedKg,
                            r.outletSlots, r.hourlyConditions])
            }
            let carbon = try db.statement("INSERT INTO result_carbon_days VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            for c in results.carbonDays {
                try carbon.run([id, c.date.description, c.facilityID, c.enterpriseID, c.replacedAt.description,
                                c.runningHours, c.energyKWh, c.airVolumeM3, c.days, c.remainingCapacity, c.due ? 1 : 0,
                                c.reached.joined(separator: " ")])
            }
            let baselines = try db.statement("INSERT INTO result_response_baselines VALUES (?, ?, ?, ?, ?)")
            for b in results.responseBaselines {
                try baselines.run([id, b.responseID, b.date.description, b.facilityID, b.baselineEnergyKWh])
            }
            let ev = try db.statement("INSERT INTO result_events VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            for e in results.events {
                let evidence = String(decoding: try encoder.encode(e.evidence), as: UTF8.self)
                try ev.run([id, e.rule.rawValue, e.enterpriseID, e.facilityID, e.start.description, e.end.description,
                            e.minutes, evidence])
            }
            let dq = try db.statement("INSERT INTO result_dq VALUES (?, ?, ?, ?, ?, ?)")
            for d in results.dq {
                try dq.run([id, d.date.description, d.pointID, d.enterpriseID, d.check.rawValue, d.detail])
            }
            return id
        }
    }

    /// The newest computation of exactly `[from, to]`, if any.
    public func latestComputation(from: Day, to: Day) throws -> ComputationInfo? {
        try db.statement("""
            SELECT computation_id, from_day, to_day, streamed_from, registry_version, engine_version, settings,
                   fingerprint, started_at, seconds, facility_days
            FROM computations WHERE from_day = ? AND to_day = ? ORDER BY computation_id DESC LIMIT 1
            """).first([from.description, to.description]) { row in
            ComputationInfo(id: row.int(0), from: Day(row.text(1)) ?? from, to: Day(row.text(2)) ?? to,
                            streamedFrom: Day(row.text(3)) ?? from, registryVersion: row.optionalInt(4),
                            engineVersion: row.text(5), settings: row.text(6), fingerprint: row.text(7),
                            startedAt: row.text(8), seconds: row.double(9), facilityDaysComputed: row.int(10))
        }
    }

    /// The columns of `result_facility_days`, in the order `saveComputation` binds them.
    static let facilityDayColumns = """
        computation_id, date, facility_id, enterprise_id, kind, completeness, running_minutes, energy_kwh,
        baseline_power_kw, sync_rate, effective_rate, collection_rate, removal_rate, stopped_minutes,
        ineffective_minutes, low_minutes, generated_kg, emitted_kg, n_slots, sync_slots, baseline_energy_kwh,
        captured_kg, removed_kg, normal_slots, removal_slots, outlet_measured_kg, outlet_estimated_kg, outlet_slots,
        hourly_conditions
        """

    static func facilityDay(_ row: Row, computation id: Int) throws -> FacilityDayRecord {
        guard let date = Day(row.text(1)), let kind = FacilityKind(rawValue: row.text(4)) else {
            throw StoreError.corruptResult(table: "result_facility_days", computation: id, detail: row.text(2))
        }
        var r = FacilityDayRecord(date: date, facilityID: row.text(2), enterpriseID: row.text(3), kind: kind,
                                  completeness: row.double(5), runningMinutes: row.int(6), energyKWh: row.double(7))
        r.baselinePowerKW = row.optionalDouble(8)
        r.syncRate = row.optionalDouble(9)
        r.effectiveRate = row.optionalDouble(10)
        r.collectionRate = row.optionalDouble(11)
        r.removalRate = row.optionalDouble(12)
        r.stoppedMinutes = row.optionalInt(13)
        r.ineffectiveMinutes = row.optionalInt(14)
        r.lowMinutes = row.optionalInt(15)
        r.generatedKg = row.optionalDouble(16)
        r.emittedKg = row.optionalDouble(17)
        r.nSlots = row.optionalInt(18)
        r.syncSlots = row.optionalInt(19)
        r.baselineEnergyKWh = row.optionalDouble(20)
        r.capturedKg = row.optionalDouble(21)
        r.removedKg = row.optionalDouble(22)
        r.normalSlots = row.optionalInt(23)
        r.removalSlots = row.optionalInt(24)
        r.outletMeasuredKg = row.optionalDouble(25)
        r.outletEstimatedKg = row.optionalDouble(26)
        r.outletSlots = row.optionalInt(27)
        r.hourlyConditions = row.optionalText(28)
        return r
    }

    static func event(_ row: Row, computation id: Int, decoder: JSONDecoder) throws -> EventRecord {
        guard let rule = AnomalyRule(rawValue: row.text(0)), let s = Timestamp(row.text(3)), let e = Timestamp(row.text(4)) else {
            throw StoreError.corruptResult(table: "result_events", computation: id, detail: row.text(0))
        }
        let evidence = try decoder.decode(EventEvidence.self, from: Data(row.text(6).utf8))
        return EventRecord(rule: rule, enterpriseID: row.text(1), facilityID: row.optionalText(2), start: s, end: e,
                           minutes: row.int(5), evidence: evidence)
    }

    static func carbonDay(_ row: Row, computation id: Int) throws -> CarbonDayRecord {
        guard let date = Day(row.text(0)), let at = Timestamp(row.text(3)) else {
            throw StoreError.corruptResult(table: "result_carbon_days", computation: id, detail: row.text(1))
        }
        return CarbonDayRecord(date: date, facilityID: row.text(1), enterpriseID: row.text(2), replacedAt: at,
                               runningHours: row.double(4), energyKWh: row.double(5), airVolumeM3: row.double(6),
                               days: row.double(7), remainingCapacity: row.optionalDouble(8), due: row.int(9) != 0,
                               reached: row.text(10).split(separator: " ").map(String.init))
    }

    /// The rows of a stored computation, all loaded (`forEachFacilityDay(of:)` and
    /// `forEachFinding(of:)` read the large tables a row at a time instead).
    public func results(of id: Int) throws -> StoredResults {
        // Arrays are sized from a count first: a city-scale month holds hundreds of thousands of
        // rows, and growing by doubling would briefly need twice their memory.
        func count(_ table: String) throws -> Int {
            try db.scalarInt("SELECT count(*) FROM \(table) WHERE computation_id = ?", [id]) ?? 0
        }
        var facilityDays: [FacilityDayRecord] = []
        facilityDays.reserveCapacity(try count("result_facility_days"))
        try forEachFacilityDay(of: id) { facilityDays.append($0) }
        var dq: [DQFinding] = []
        dq.reserveCapacity(try count("result_dq"))
        try forEachFinding(of: id, exportOrder: false) { dq.append($0) }
        return StoredResults(facilityDays: facilityDays, events: try events(of: id), dq: dq,
                             carbonDays: try carbonDays(of: id), responseBaselines: try responseBaselines(of: id))
    }

    /// Stored daily results for the dates `[from, to]`: its facility-days, carbon days and the
    /// events that overlap that date. Roll-ups by week and month and the 环比/同比 bases read
    /// these instead of recomputing slots. Dates no computation covers are absent (`dates`
    /// lists the ones present).
    ///
    /// A date is taken from its newest *single-day* computation (what the nightly job and an
    /// auditor's rerun store for every day, SPEC §11), else from the newest computation whose
    /// period covers it. Preferring the day's own computation keeps a report's comparison
    /// base the same whatever weeks or months were computed since — a day computed inside a
    /// longer period differs slightly at its end (SPEC §13.12) — so a rerun writes the
    /// original bytes.
    public func dailyResults(from: Day, to: Day) throws -> DailyResults {
        var facilityDays: [FacilityDayRecord] = []
        var out = try dailyResults(from: from, to: to) { facilityDays.append($0) }
        out.facilityDays = facilityDays
        return out
    }

    /// `dailyResults(from:to:)` with the facility-days handed to `facilityDay` one at a time
    /// (by date, then facility id) instead of kept: a month of a city's facility-days is
    /// about half a million rows (issue 5). The result's `facilityDays` is empty.
    public func dailyResults(from: Day, to: Day, facilityDay: (FacilityDayRecord) throws -> Void) throws -> DailyResults {
        var chosen: [(Day, Int)] = []
        try db.statement("""
            SELECT r.date, coalesce(
                (SELECT max(c.computation_id) FROM computations c WHERE c.from_day = r.date AND c.to_day = r.date),
                max(r.computation_id))
            FROM result_facility_days r WHERE r.date BETWEEN ? AND ?
            GROUP BY r.date ORDER BY r.date
            """).forEach([from.description, to.description]) { row in
            if let d = Day(row.text(0)) { chosen.append((d, row.int(1))) }
        }
        let decoder = JSONDecoder()
        var out = DailyResults()
        let fd = try db.statement("SELECT \(Self.facilityDayColumns) FROM result_facility_days WHERE computation_id = ? AND date = ? ORDER BY facility_id")
        let cd = try db.statement("""
            SELECT date, facility_id, enterprise_id, replaced_at, running_hours, energy_kwh, air_volume_m3, days,
                   remaining, due, reached
            FROM result_carbon_days WHERE computation_id = ? AND date = ? ORDER BY facility_id
            """)
        let ev = try db.statement("""
            SELECT rule, enterprise_id, facility_id, start, end, minutes, evidence FROM result_events
            WHERE computation_id = ? AND start < ? AND end > ? ORDER BY rowid
            """)
        var seen: [String: Int] = [:]
        for (date, id) in chosen {
            out.dates.append(date)
            try fd.forEach([id, date.description]) { try facilityDay(try Self.facilityDay($0, computation: id)) }
            try cd.forEach([id, date.description]) { out.carbonDays.append(try Self.carbonDay($0, computation: id)) }
            try ev.forEach([id, date.adding(days: 1).start.description, date.start.description]) { row in
                let e = try Self.event(row, computation: id, decoder: decoder)
                // One event overlapping several dates is kept once (by rule, facility and start),
                // with the latest end any computation saw (an earlier one may have cut it, §13.12).
                let key = "\(e.rule.rawValue)|\(e.enterpriseID)|\(e.facilityID ?? "")|\(e.start)"
                if let i = seen[key] {
                    if e.end > out.events[i].end { out.events[i] = e }
                } else {
                    seen[key] = out.events.count
                    out.events.append(e)
                }
            }
        }
        out.events.sort(by: EventRecord.exportOrder)
        return out
    }

    /// The dates in `[from, to]` that have a stored computation of their own (`[D, D]`) —
    /// the comparison bases `dailyResults` prefers.
    public func singleDayComputations(from: Day, to: Day) throws -> Set<Day> {
        var out: Set<Day> = []
        try db.statement("SELECT DISTINCT from_day FROM computations WHERE from_day = to_day AND from_day BETWEEN ? AND ?")
            .forEach([from.description, to.description]) { if let d = Day($0.text(0)) { out.insert(d) } }
        return out
    }

    /// The first day with stored series, if any.
    public func firstDataDay() throws -> Day? {
        try db.scalarInt("SELECT min(day) FROM series").map(Day.init(index:))
    }

    /// A SHA-256 over what a computation of days `[from, to]` reads from the store: each
    /// day's series (count, readings, last file, bytes), unknown MNs and clock skews.
    ///
    /// `series`: the days' `seriesFingerprints(from:to:)` when the caller already has them
    /// (the day cache keys on the same summaries; the query scans every series row's header).
    public func inputFingerprint(from: Day, to: Day, series: [Int: String]? = nil) throws -> String {
        let perDay = try series ?? seriesFingerprints(from: from, to: to)
        var text = ""
        for day in perDay.keys.sorted() where day >= from.index && day <= to.index {
            text += "s \(day) \(perDay[day] ?? "")\n"
        }
        try db.statement("SELECT mn, day, packets FROM unknown_mn WHERE day BETWEEN ? AND ? ORDER BY day, mn")
            .forEach([from.index, to.index]) { text += "u \($0.text(0)) \($0.int(1)) \($0.int(2))\n" }
        try db.statement("SELECT day, channel_id, max_abs_skew_s FROM clock_skew WHERE day BETWEEN ? AND ? ORDER BY day, channel_id")
            .forEach([from.index, to.index]) { text += "c \($0.int(0)) \($0.int(1)) \($0.int(2))\n" }
        return ContentHash.sha256(Array(text.utf8))
    }
}
