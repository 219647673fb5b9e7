import PEMSCore

/// Compares an engine's exports for the demo period (`events.csv`, `dq.csv` of SPEC §12) with
/// the demo city's `ground_truth.csv` — the event-level half of the demo's ground truth, used by
/// `pems demo` and by the recall test. Works on the CSV texts only, so it needs no engine module.
///
/// - `event` rows: each must be matched by its own exported event with the same rule, enterprise
///   and facility (empty for OFFLINE) whose start and end are each within `toleranceMinutes`
///   (one slot) of the truth's.
/// - `no_event` rows: no exported event of that rule and enterprise (and facility, when the row
///   names one) may overlap the row's `[start, end)`.
/// - `dq` rows of a SPEC §8 / §13.24 check: `dq.csv` must hold `(date, point_id, enterprise_id,
///   check)` for every day in `[start, end)`.
/// - Exported events matching no `event` row are listed as extras.
public struct GroundTruthCheck: Sendable {
    /// One row of `ground_truth.csv`.
    public struct TruthRow: Sendable, Equatable {
        public var kind: String
        public var rule: String
        public var enterpriseID: String
        public var facilityID: String
        public var pointID: String
        public var start: Timestamp
        public var end: Timestamp
        public var detail: String

        public var text: String {
            [rule, enterpriseID, facilityID.isEmpty ? "-" : facilityID, "\(start) – \(end)"].joined(separator: " ")
        }
    }

    /// One row of `events.csv`.
    public struct Event: Sendable, Equatable {
        public var rule: String
        public var enterpriseID: String
        public var facilityID: String
        public var start: Timestamp
        public var end: Timestamp

        public init(rule: String, enterpriseID: String, facilityID: String, start: Timestamp, end: Timestamp) {
            self.rule = rule
            self.enterpriseID = enterpriseID
            self.facilityID = facilityID
            self.start = start
            self.end = end
        }

        public var text: String {
            [rule, enterpriseID, facilityID.isEmpty ? "-" : facilityID, "\(start) – \(end)"].joined(separator: " ")
        }
    }

    /// The key of one `dq.csv` row.
    public struct Finding: Sendable, Hashable {
        public var date: String
        public var pointID: String
        public var enterpriseID: String
        public var check: String

        public init(date: String, pointID: String, enterpriseID: String, check: String) {
            self.date = date
            self.pointID = pointID
            self.enterpriseID = enterpriseID
            self.check = check
        }
    }

    /// Found / total of the `event` rows of one rule.
    public struct RuleRecall: Sendable, Equatable {
        public var rule: String
        public var found: Int
        public var total: Int
        public var ok: Bool { found == total }

        public init(rule: String, found: Int, total: Int) {
            self.rule = rule
            self.found = found
            self.total = total
        }
    }

    /// SPEC §7 rules, in the order the report lists them.
    public static let rules = ["TREATMENT_STOPPED", "TREATMENT_INEFFECTIVE", "TREATMENT_LOW", "STOP_VIOLATION",
                               "LIMIT_VIOLATION", "SHIFT_VIOLATION", "OFFLINE", "CARBON_OVERDUE"]
    /// Check names of SPEC §8 and §13.24 that `dq.csv` can hold.
    public static let dqChecks: Set<String> = [
        "NO_DATA", "COMPLETENESS", "NEGATIVE", "ENERGY_POWER_MISMATCH", "ENERGY_TOO_LARGE", "CONSTANT", "COUNTER_JUMP",
        "SUM_EXCEEDS_TOTAL", "CLOCK", "THRESHOLD_UNKNOWN", "BASELINE_UNAVAILABLE", "NO_TOTAL_POINT",
        "NO_PRODUCTION_POINT", "NO_TREATMENT_POINT", "UNLINKED_PRODUCTION", "UNKNOWN_MN",
    ]

    public let toleranceMinutes: Int
    /// Per rule with at least one `event` row, in `rules` order (then any other rule by name).
    public private(set) var recall: [RuleRecall] = []
    /// `event` rows no exported event matches.
    public private(set) var missed: [TruthRow] = []
    /// `no_event` rows and the exported events overlapping them.
    public private(set) var overlaps: [(row: TruthRow, event: Event)] = []
    public private(set) var noEventRows = 0
    /// `dq` rows of a known check, and those with at least one day missing from `dq.csv`.
    public private(set) var dqRows = 0
    public private(set) var dqMissing: [(row: TruthRow, dates: [String])] = []
    /// `dq` rows whose check `dq.csv` cannot hold (not compared).
    public private(set) var dqUnchecked: [TruthRow] = []
    /// Exported events that match no `event` row.
    public private(set) var extras: [Event] = []

    public var injected: Int { recall.reduce(0) { $0 + $1.total } }
    public var found: Int { recall.reduce(0) { $0 + $1.found } }
    /// Every injected event found, no `no_event` row overlapped, every `dq` row found.
    public var passed: Bool { missed.isEmpty && overlaps.isEmpty && dqMissing.isEmpty }

    /// Compares parsed rows.
    public init(truth: [TruthRow], events: [Event], findings: Set<Finding>, toleranceMinutes: Int = 15) {
        self.toleranceMinutes = toleranceMinutes
        let tol = Int64(toleranceMinutes * 60)
        var used = [Bool](repeating: false, count: events.count)
        var perRule: [String: (found: Int, total: Int)] = [:]

        // Events: each truth row takes the closest unused exported event within the tolerance.
        for row in truth where row.kind == "event" {
            var best = -1
            var bestDistance = Int64.max
            for (i, e) in events.enumerated() where !used[i] && e.rule == row.rule
                && e.enterpriseID == row.enterpriseID && e.facilityID == row.facilityID {
                let ds = abs(e.start.seconds - row.start.seconds), de = abs(e.end.seconds - row.end.seconds)
                if ds <= tol && de <= tol && ds + de < bestDistance { best = i; bestDistance = ds + de }
            }
            var counts = perRule[row.rule] ?? (0, 0)
            counts.total += 1
            if best >= 0 { used[best] = true; counts.found += 1 } else { missed.append(row) }
            perRule[row.rule] = counts
        }
        let order = Self.rules + perRule.keys.filter { !Self.rules.contains($0) }.sorted()
        recall = order.compactMap { r in perRule[r].map { RuleRecall(rule: r, found: $0.found, total: $0.total) } }
        extras = events.indices.filter { !used[$0] }.map { events[$0] }

        // Situations that must not raise an event.
        for row in truth where row.kind == "no_event" {
            noEventRows += 1
            for e in events where e.rule == row.rule && e.enterpriseID == row.enterpriseID
                && (row.facilityID.isEmpty || e.facilityID == row.facilityID)
                && e.start < row.end && row.start < e.end {
                overlaps.append((row, e))
            }
        }

        // Data quality, day by day.
        for row in truth where row.kind == "dq" {
            guard Self.dqChecks.contains(row.rule) else { dqUnchecked.append(row); continue }
            dqRows += 1
            var missing: [String] = []
            var day = row.start.day
            while day.start < row.end {
                let key = Finding(date: day.description, pointID: row.pointID, enterpriseID: row.enterpriseID, check: row.rule)
                if !findings.contains(key) { missing.append(day.description) }
                day = day.adding(days: 1)
            }
            if !missing.isEmpty { dqMissing.append((row, missing)) }
        }
    }

    /// Compares the texts of `ground_truth.csv`, `events.csv` and `dq.csv`.
    public init(truthCSV: String, eventsCSV: String, dqCSV: String, toleranceMinutes: Int = 15) throws {
        self.init(truth: try Self.truthRows(csv: truthCSV), events: try Self.events(csv: eventsCSV),
                  findings: try Self.findings(csv: dqCSV), toleranceMinutes: toleranceMinutes)
    }

    // MARK: - Reading the files

    public static func truthRows(csv: String) throws -> [TruthRow] {
        try rows(csv, "ground_truth.csv", ["kind", "rule", "enterprise_id", "facility_id", "point_id", "start", "end", "detail"]) { c, line in
            guard let s = Timestamp(c[5]), let e = Timestamp(c[6]) else {
                throw DemoError.internalCheck("ground_truth.csv:\(line): bad start/end '\(c[5])', '\(c[6])'")
            }
            return TruthRow(kind: c[0], rule: c[1], enterpriseID: c[2], facilityID: c[3], pointID: c[4], start: s, end: e, detail: c[7])
        }
    }

    public static func events(csv: String) throws -> [Event] {
        try rows(csv, "events.csv", ["rule", "enterprise_id", "facility_id", "start", "end"]) { c, line in
            guard let s = Timestamp(c[3]), let e = Timestamp(c[4]) else {
                throw DemoError.internalCheck("events.csv:\(line): bad start/end '\(c[3])', '\(c[4])'")
            }
            return Event(rule: c[0], enterpriseID: c[1], facilityID: c[2], start: s, end: e)
        }
    }

    public static func findings(csv: String) throws -> Set<Finding> {
        Set(try rows(csv, "dq.csv", ["date", "point_id", "enterprise_id", "check"]) { c, _ in
            Finding(date: c[0], pointID: c[1], enterpriseID: c[2], check: c[3])
        })
    }

    static func rows<T>(_ csv: String, _ file: String, _ columns: [String],
                        _ make: ([String], Int) throws -> T) throws -> [T] {
        let table = PEMSCore.CSVTable(bytes: Array(csv.utf8))
        if let p = table.problems.first { throw DemoError.internalCheck("\(file):\(p)") }
        let index = table.columns
        let positions = try columns.map { name -> Int in
            guard let i = index[name] else { throw DemoError.internalCheck("\(file): no column '\(name)'") }
            return i
        }
        return try table.records.map { r in try make(positions.map { r[$0] }, r.line) }
    }

    // MARK: - Report

    /// The check as `pems demo` prints it: one line per rule, the no_event and dq verdicts, the
    /// extras, and the details of anything wrong.
    public var text: String {
        var out = "ground-truth event check (start and end within \(toleranceMinutes) min):\n"
        for r in recall {
            out += "  \(r.rule): injected \(r.total), found \(r.found) \(r.ok ? "✓" : "✗ MISSED \(r.total - r.found)")\n"
        }
        for m in missed.prefix(20) { out += "    missed: \(m.text) (\(m.detail))\n" }
        out += "  situations that must not raise an event: \(noEventRows), "
        out += overlaps.isEmpty ? "none overlapped ✓\n" : "\(overlaps.count) overlapped by an event ✗\n"
        for o in overlaps.prefix(20) { out += "    \(o.event.text) overlaps no_event \(o.row.text) (\(o.row.detail))\n" }
        out += "  data-quality rows: \(dqRows - dqMissing.count) of \(dqRows) found in dq.csv \(dqMissing.isEmpty ? "✓" : "✗")\n"
        for m in dqMissing.prefix(20) {
            out += "    missing: \(m.row.rule) \(m.row.pointID.isEmpty ? m.row.enterpriseID : m.row.pointID) on \(m.dates.prefix(5).joined(separator: ", "))\(m.dates.count > 5 ? " …" : "")\n"
        }
        if !dqUnchecked.isEmpty { out += "  data-quality rows of other checks (not compared): \(dqUnchecked.count)\n" }
        out += "  extra events (no injected anomaly): \(extras.count)\n"
        for e in extras.prefix(20) { out += "    extra: \(e.text)\n" }
        if extras.count > 20 { out += "    … \(extras.count - 20) more\n" }
        out += passed ? "  all \(injected) injected events found\n" : "  \(injected - found) of \(injected) injected events missed, \(overlaps.count) no_event overlaps, \(dqMissing.count) dq rows missing\n"
        return out
    }
}
