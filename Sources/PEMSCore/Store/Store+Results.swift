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
    /// Events and findings saved with it.
    public var events = 0
    public var findings = 0
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
    /// Issue 18: the events approved exemptions kept out of the count (schema 10).
    public var exemptedEvents: [ExemptedEventRecord]
    /// SPEC §4 missing-slot runs per point and day (schema 11), in `PointGapRecord.listOrder`.
    public var gaps: [PointGapRecord]

    public init(facilityDays: [FacilityDayRecord], events: [EventRecord], dq: [DQFinding],
                carbonDays: [CarbonDayRecord] = [], responseBaselines: [ResponseBaseline] = [],
                exemptedEvents: [ExemptedEventRecord] = [], gaps: [PointGapRecord] = []) {
        self.gaps = gaps
        self.facilityDays = facilityDays
        self.events = events
        self.dq = dq
        self.carbonDays = carbonDays
        self.responseBaselines = responseBaselines
        self.exemptedEvents = exemptedEvents
    }
}

/// Computation results (SPEC §4–§8 outputs) in the store.
extension Store {
    /// Saves a computation and its rows in one transaction; returns its id.
    @discardableResult
    public func saveComputation(from: Day, to: Day, streamedFrom: Day, registryVersion: Int?, engineVersion: String,
                                settings: String, fingerprint: String, startedAt: Timestamp, seconds: Double,
                                facilityDaysComputed: Int, results: StoredResults) throws -> Int {
        let info = ComputationInfo(id: 0, from: from, to: to, streamedFrom: streamedFrom, registryVersion: registryVersion,
                                   engineVersion: engineVersion, settings: settings, fingerprint: fingerprint,
                                   startedAt: startedAt.description, seconds: seconds,
                                   facilityDaysComputed: facilityDaysComputed, events: results.events.count,
                                   findings: results.dq.count)
        return try db.transaction {
            let computations = ResultTables.computations
            try db.run(computations.insertSQL, try computations.arguments(info))
            let id = Int(db.lastInsertRowID)
            func insert<Record>(_ table: TableColumns<Record>, _ records: [Record]) throws {
                let statement = try db.statement(table.insertSQL)
                for r in records { try statement.run(try table.arguments(r, owner: id)) }
            }
            try insert(ResultTables.facilityDays, results.facilityDays)
            try insert(ResultTables.carbonDays, results.carbonDays)
            try insert(ResultTables.responseBaselines, results.responseBaselines)
            try insert(ResultTables.events, results.events)
            try insert(ResultTables.exemptedEvents, results.exemptedEvents)
            try insert(ResultTables.findings, results.dq)
            try insert(ResultTables.pointGaps, results.gaps)
            return id
        }
    }

    /// The newest computation of exactly `[from, to]`, if any.
    public func latestComputation(from: Day, to: Day) throws -> ComputationInfo? {
        let computations = ResultTables.computations
        return try db.statement(computations.select("""
            WHERE from_day = ? AND to_day = ? ORDER BY computation_id DESC LIMIT 1
            """)).first([from.description, to.description]) { try computations.decode($0, computation: $0.int(0)) }
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
                             carbonDays: try carbonDays(of: id), responseBaselines: try responseBaselines(of: id),
                             exemptedEvents: try exemptedEvents(of: id), gaps: try pointGaps(of: id))
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
        var out = DailyResults()
        let fdTable = ResultTables.facilityDays, cdTable = ResultTables.carbonDays, evTable = ResultTables.events
        let fd = try db.statement(fdTable.select("WHERE computation_id = ? AND date = ? ORDER BY facility_id"))
        let cd = try db.statement(cdTable.select("WHERE computation_id = ? AND date = ? ORDER BY facility_id"))
        let ev = try db.statement(evTable.select("WHERE computation_id = ? AND start < ? AND end > ? ORDER BY rowid"))
        var seen: [String: Int] = [:]
        for (date, id) in chosen {
            out.dates.append(date)
            try fd.forEach([id, date.description]) { try facilityDay(try fdTable.decode($0, computation: id)) }
            try cd.forEach([id, date.description]) { out.carbonDays.append(try cdTable.decode($0, computation: id)) }
            try ev.forEach([id, date.adding(days: 1).start.description, date.start.description]) { row in
                let e = try evTable.decode(row, computation: id)
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
    /// day's series (count, readings, last file, bytes), unknown MNs, clock skews and receive
    /// lags.
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
        // SPEC §13.38 (schema 13): lines only where receive lags are stored, so the text of a
        // store without them is what it was before.
        try db.statement("SELECT day, channel_id, lag_s, lines FROM receive_lag WHERE day BETWEEN ? AND ? ORDER BY day, channel_id, lag_s")
            .forEach([from.index, to.index]) { text += "r \($0.int(0)) \($0.int(1)) \($0.int(2)) \($0.int(3))\n" }
        return ContentHash.sha256(Array(text.utf8))
    }
}
