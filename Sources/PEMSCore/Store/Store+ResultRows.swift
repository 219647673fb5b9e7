import Foundation

/// A stored computation's rows read one at a time, or by table, instead of all at once
/// (`results(of:)`): a city-scale month holds about half a million facility-days and a
/// million data-quality findings, which as Swift values need several hundred MB, while the
/// reports only sum them or write them out row by row (README "Performance", issue 5).
extension Store {
    /// Calls `body` with each facility-day of computation `id`, by date and facility id (the
    /// order `results(of:)` returns them in, so sums come out the same to the last bit).
    /// `enterpriseIDs`: only those of these enterprises (a county edition's), selected by SQLite.
    /// `withOutletSlots`: only facility-days with at least one outlet-measured slot (SPEC §9.2;
    /// the few of a city that have outlet sensors, selected by SQLite).
    public func forEachFacilityDay(of id: Int, enterpriseIDs: [String]? = nil, withOutletSlots: Bool = false,
                                   _ body: (FacilityDayRecord) throws -> Void) throws {
        let table = ResultTables.facilityDays
        var (filter, arguments) = Self.enterpriseFilter(id, enterpriseIDs)
        if withOutletSlots { filter += " AND outlet_slots > 0" }
        try db.statement(table.select("WHERE computation_id = ?\(filter) ORDER BY date, facility_id"))
            .forEach(arguments) { try body(try table.decode($0, computation: id)) }
    }

    /// Calls `body` with the completeness columns of each facility-day of computation `id`
    /// (`FacilityDayCompleteness`), in the order of `forEachFacilityDay`, so means summed from
    /// them match those summed from whole records to the last bit.
    public func forEachFacilityDayCompleteness(of id: Int, enterpriseIDs: [String]? = nil,
                                               _ body: (FacilityDayCompleteness) throws -> Void) throws {
        let table = ResultTables.facilityDayCompleteness
        let (filter, arguments) = Self.enterpriseFilter(id, enterpriseIDs)
        try db.statement(table.select("WHERE computation_id = ?\(filter) ORDER BY date, facility_id"))
            .forEach(arguments) { try body(try table.decode($0, computation: id)) }
    }

    /// ` AND enterprise_id IN (?, …)` and its arguments after the computation id (nothing for nil).
    static func enterpriseFilter(_ id: Int, _ enterpriseIDs: [String]?) -> (String, [SQLBindable?]) {
        guard let enterpriseIDs else { return ("", [id]) }
        let ids = Array(Set(enterpriseIDs)).sorted()
        return (" AND enterprise_id IN (" + ids.map { _ in "?" }.joined(separator: ", ") + ")",
                [id] + ids.map { $0 as SQLBindable? })
    }

    /// Calls `body` with each data-quality finding of computation `id`. `exportOrder`: in
    /// `DQFinding.exportOrder` (date, point, enterprise, check; equal keys in the order they
    /// were saved, as Swift's stable sort leaves them), sorted by SQLite, which spills a large
    /// sort to a temporary file rather than holding it; otherwise in the order saved. The
    /// ids and check codes are compared as bytes, which is `String`'s order for the ASCII
    /// ids and codes the registry and §8 use. `checks`: only findings of these checks (the
    /// few coverage findings among a million, selected by SQLite); `enterpriseIDs`: only those
    /// of these enterprises (a county edition's).
    public func forEachFinding(of id: Int, exportOrder: Bool, checks: [DQCheck]? = nil, enterpriseIDs: [String]? = nil,
                               _ body: (DQFinding) throws -> Void) throws {
        let order = exportOrder ? "date, point_id, enterprise_id, check_name, rowid" : "rowid"
        var (filter, arguments) = Self.enterpriseFilter(id, enterpriseIDs)
        if let checks {
            filter += " AND check_name IN (" + checks.map { _ in "?" }.joined(separator: ", ") + ")"
            arguments += checks.map { $0.rawValue as SQLBindable? }
        }
        let table = ResultTables.findings
        try db.statement(table.select("WHERE computation_id = ?\(filter) ORDER BY \(order)"))
            .forEach(arguments) { try body(try table.decode($0, computation: id)) }
    }

    /// How many facility-days computation `id` holds.
    public func facilityDayCount(of id: Int) throws -> Int {
        try db.scalarInt("SELECT count(*) FROM result_facility_days WHERE computation_id = ?", [id]) ?? 0
    }

    /// How many findings of each check computation `id` holds (checks without any left out).
    public func findingCounts(of id: Int) throws -> [DQCheck: Int] {
        var out: [DQCheck: Int] = [:]
        try db.statement("SELECT check_name, count(*) FROM result_dq WHERE computation_id = ? GROUP BY check_name")
            .forEach([id]) { row in
                guard let check = DQCheck(rawValue: row.text(0)) else {
                    throw StoreError.corruptResult(table: "result_dq", computation: id, detail: row.text(0))
                }
                out[check] = row.int(1)
            }
        return out
    }

    /// The events of computation `id`, in the order saved (a period has few).
    public func events(of id: Int) throws -> [EventRecord] {
        let table = ResultTables.events
        return try db.statement(table.select("WHERE computation_id = ? ORDER BY rowid"))
            .map([id]) { try table.decode($0, computation: id) }
    }

    /// The events approved exemptions kept out of the count of computation `id` (issue 18), in
    /// the order saved (`ExemptedEventRecord.exportOrder`).
    public func exemptedEvents(of id: Int) throws -> [ExemptedEventRecord] {
        let table = ResultTables.exemptedEvents
        return try db.statement(table.select("WHERE computation_id = ? ORDER BY rowid"))
            .map([id]) { try table.decode($0, computation: id) }
    }

    /// The §9.4 activated-carbon days of computation `id`, by date and facility id.
    public func carbonDays(of id: Int) throws -> [CarbonDayRecord] {
        let table = ResultTables.carbonDays
        return try db.statement(table.select("WHERE computation_id = ? ORDER BY date, facility_id"))
            .map([id]) { try table.decode($0, computation: id) }
    }

    /// The §9.5 baselines on each response's first day of computation `id`, in the order saved.
    public func responseBaselines(of id: Int) throws -> [ResponseBaseline] {
        let table = ResultTables.responseBaselines
        return try db.statement(table.select("WHERE computation_id = ? ORDER BY rowid"))
            .map([id]) { try table.decode($0, computation: id) }
    }

    /// The §4 missing-slot runs of computation `id`, by MN, point id and start (schema v11).
    public func pointGaps(of id: Int) throws -> [PointGapRecord] {
        let table = ResultTables.pointGaps
        return try db.statement(table.select("WHERE computation_id = ? ORDER BY mn, point_id, start"))
            .map([id]) { try table.decode($0, computation: id) }
    }
}
