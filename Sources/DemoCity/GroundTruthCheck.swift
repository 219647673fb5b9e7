import PEMSCore

/// Compares an engine's exports for the demo period (SPEC §12: `events.csv`, `dq.csv`,
/// `facility_day.csv`, `revisions.csv`) with the demo city's `ground_truth.csv` — the
/// event-level half of the demo's ground truth, used by `pems demo` and by the recall test.
/// Works on the CSV texts only, so it needs no engine module.
///
/// - `event` rows: each must be matched by its own exported event with the same rule, enterprise
///   and facility (empty for OFFLINE and, SPEC 2, LIMIT_VIOLATION) whose start and end are each
///   within `toleranceMinutes` (one slot) of the truth's, and whose `violating_minutes` equals
///   the row's `value` when the row has one (SPEC 2 §12: the intermittent stop violator).
/// - `no_event` rows: no exported event of that rule and enterprise (and facility, when the row
///   names one) may overlap the row's `[start, end)`.
/// - `dq` rows of a SPEC §8 / §13.24 check: `dq.csv` must hold `(date, point_id, enterprise_id,
///   check)` for every day in `[start, end)`. For the SPEC 2 checks (`exhaustiveChecks`) the
///   truth is the whole list: a `dq.csv` row of one of them that no truth row covers is an extra.
/// - `energy` rows: `facility_day.csv`'s `energy_kwh` of the row's facility on its start date
///   equals `value` (the conformance rule: within 1e-9, or 1e-6 relative).
/// - `revision` rows (SPEC 2 §12): `revisions.csv` holds, for the row's point (its MN and code
///   through the registry's `points.csv`), parameter (`rule`) and time, exactly the truth's rows
///   in load order (`old_value`, `new_value` = the row's `old_value`, `value`); any other
///   `revisions.csv` row is an extra.
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
        /// The number the check compares (see the type's documentation); empty when none.
        public var value: String = ""
        public var oldValue: String = ""

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
        /// SPEC 2 §12; nil when `events.csv` has no such column (an engine before SPEC 2).
        public var violatingMinutes: Int?

        public init(rule: String, enterpriseID: String, facilityID: String, start: Timestamp, end: Timestamp,
                    violatingMinutes: Int? = nil) {
            self.rule = rule
            self.enterpriseID = enterpriseID
            self.facilityID = facilityID
            self.start = start
            self.end = end
            self.violatingMinutes = violatingMinutes
        }

        public var text: String {
            [rule, enterpriseID, facilityID.isEmpty ? "-" : facilityID, "\(start) – \(end)"].joined(separator: " ")
                + (violatingMinutes.map { " (violating \($0) min)" } ?? "")
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

    /// One row of `revisions.csv` (SPEC 2 §12).
    public struct Revision: Sendable, Equatable {
        public var time: Timestamp
        public var mn: String
        public var code: String
        public var param: String
        public var oldValue: String
        public var newValue: String

        public init(time: Timestamp, mn: String, code: String, param: String, oldValue: String, newValue: String) {
            self.time = time
            self.mn = mn
            self.code = code
            self.param = param
            self.oldValue = oldValue
            self.newValue = newValue
        }

        public var text: String { "\(time) \(mn) \(code) \(param) \(oldValue) → \(newValue)" }
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
                               "LIMIT_VIOLATION", "SHIFT_VIOLATION", "OFFLINE", "EXEMPTION_BREACH", "CARBON_OVERDUE"]
    /// Check names of SPEC §8 and §13.24 that `dq.csv` can hold.
    public static let dqChecks: Set<String> = [
        "NO_DATA", "COMPLETENESS", "NEGATIVE", "ENERGY_POWER_MISMATCH", "ENERGY_TOO_LARGE", "CONSTANT", "COUNTER_JUMP",
        "SUM_EXCEEDS_TOTAL", "CLOCK", "THRESHOLD_UNKNOWN", "BASELINE_UNAVAILABLE", "NO_TOTAL_POINT",
        "NO_PRODUCTION_POINT", "NO_TREATMENT_POINT", "UNLINKED_PRODUCTION", "UNKNOWN_MN",
        "VOLTAGE_LOOP", "CURRENT_LOOP", "THRESHOLD_SUSPECT",
    ]
    /// Checks the demo city raises only where it injected them (SPEC 2 §8): `dq.csv` rows of these
    /// that no `dq` row covers are extras. (The other checks also fire on the city's ordinary
    /// history — BASELINE_UNAVAILABLE on its first days, for one — so they are compared one way.)
    public static let exhaustiveChecks: Set<String> = ["VOLTAGE_LOOP", "CURRENT_LOOP", "THRESHOLD_SUSPECT"]

    public let toleranceMinutes: Int
    /// Per rule with at least one `event` row, in `rules` order (then any other rule by name).
    public private(set) var recall: [RuleRecall] = []
    /// `event` rows no exported event matches.
    public private(set) var missed: [TruthRow] = []
    /// `event` rows with a `violating_minutes` value, and how many of those could be compared
    /// (`events.csv` has the column).
    public private(set) var violatingRows = 0
    public private(set) var violatingCompared = 0
    /// Whether `events.csv` has the SPEC 2 `violating_minutes` column.
    public private(set) var violatingColumn = false
    /// `no_event` rows and the exported events overlapping them.
    public private(set) var overlaps: [(row: TruthRow, event: Event)] = []
    public private(set) var noEventRows = 0
    /// `dq` rows of a known check, and those with at least one day missing from `dq.csv`.
    public private(set) var dqRows = 0
    public private(set) var dqMissing: [(row: TruthRow, dates: [String])] = []
    /// `dq.csv` rows of an `exhaustiveChecks` check that no `dq` row covers.
    public private(set) var dqExtras: [Finding] = []
    /// `dq` rows whose check `dq.csv` cannot hold (not compared).
    public private(set) var dqUnchecked: [TruthRow] = []
    /// `energy` rows; those `facility_day.csv` contradicts (or lacks); nil `found` = no row.
    public private(set) var energyRows = 0
    public private(set) var energyMismatches: [(row: TruthRow, found: String?)] = []
    /// True when `facility_day.csv` was not given (the `energy` rows were not compared).
    public private(set) var energyUnchecked = false
    /// `revision` rows; the readings whose `revisions.csv` rows differ from the truth's; rows
    /// of readings the truth does not list.
    public private(set) var revisionRows = 0
    public private(set) var revisionMismatches: [(rows: [TruthRow], found: [Revision])] = []
    public private(set) var revisionExtras: [Revision] = []
    /// Why the `revision` rows were not compared (no `revisions.csv`, no `points.csv`); nil when they were.
    public private(set) var revisionsUnchecked: String?
    /// Exported events that match no `event` row.
    public private(set) var extras: [Event] = []

    public var injected: Int { recall.reduce(0) { $0 + $1.total } }
    public var found: Int { recall.reduce(0) { $0 + $1.found } }
    /// Every injected event found, no `no_event` row overlapped, every `dq` row found and no extra
    /// row of a SPEC 2 check, every energy figure and revision as the truth says.
    public var passed: Bool {
        missed.isEmpty && overlaps.isEmpty && dqMissing.isEmpty && dqExtras.isEmpty && energyMismatches.isEmpty
            && revisionMismatches.isEmpty && revisionExtras.isEmpty
    }

    /// Compares parsed rows. `facilityEnergy` maps `date|facility_id` to `energy_kwh` as
    /// written; `points` maps a point id to its MN and code; nil leaves those rows uncompared.
    public init(truth: [TruthRow], events: [Event], findings: Set<Finding>, toleranceMinutes: Int = 15,
                facilityEnergy: [String: String]? = nil, revisions: [Revision]? = nil,
                points: [String: (mn: String, code: String)]? = nil) {
        self.toleranceMinutes = toleranceMinutes
        let tol = Int64(toleranceMinutes * 60)
        var used = [Bool](repeating: false, count: events.count)
        var perRule: [String: (found: Int, total: Int)] = [:]
        violatingColumn = events.contains { $0.violatingMinutes != nil }

        // Events: each truth row takes the closest unused exported event within the tolerance
        // (and with its violating minutes, where the row states them and events.csv has them).
        for row in truth where row.kind == "event" {
            let wantViolating = Int(row.value)
            if wantViolating != nil { violatingRows += 1 }
            var best = -1
            var bestDistance = Int64.max
            for (i, e) in events.enumerated() where !used[i] && e.rule == row.rule
                && e.enterpriseID == row.enterpriseID && e.facilityID == row.facilityID {
                if let want = wantViolating, let got = e.violatingMinutes, want != got { continue }
                let ds = abs(e.start.seconds - row.start.seconds), de = abs(e.end.seconds - row.end.seconds)
                if ds <= tol && de <= tol && ds + de < bestDistance { best = i; bestDistance = ds + de }
            }
            var counts = perRule[row.rule] ?? (0, 0)
            counts.total += 1
            if best >= 0 {
                used[best] = true
                counts.found += 1
                if wantViolating != nil && events[best].violatingMinutes != nil { violatingCompared += 1 }
            } else {
                missed.append(row)
            }
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

        // Data quality, day by day; the SPEC 2 checks both ways.
        var covered = Set<Finding>()
        for row in truth where row.kind == "dq" {
            guard Self.dqChecks.contains(row.rule) else { dqUnchecked.append(row); continue }
            dqRows += 1
            var missing: [String] = []
            var day = row.start.day
            while day.start < row.end {
                let key = Finding(date: day.description, pointID: row.pointID, enterpriseID: row.enterpriseID, check: row.rule)
                covered.insert(key)
                if !findings.contains(key) { missing.append(day.description) }
                day = day.adding(days: 1)
            }
            if !missing.isEmpty { dqMissing.append((row, missing)) }
        }
        dqExtras = findings.filter { Self.exhaustiveChecks.contains($0.check) && !covered.contains($0) }
            .sorted { ($0.check, $0.date, $0.pointID) < ($1.check, $1.date, $1.pointID) }

        // Energy of a facility-day.
        for row in truth where row.kind == "energy" {
            energyRows += 1
            guard let energy = facilityEnergy else { energyUnchecked = true; continue }
            let found = energy[row.start.day.description + "|" + row.facilityID]
            if let f = found, let a = Double(f), let b = Double(row.value), Self.close(a, b) { continue }
            energyMismatches.append((row, found))
        }

        // Revisions: per reading, the truth's rows in load order against revisions.csv's.
        let revisionTruth = truth.filter { $0.kind == "revision" }
        revisionRows = revisionTruth.count
        if !revisionTruth.isEmpty || revisions?.isEmpty == false {
            if let revisions, let points {
                func key(_ time: Timestamp, _ mn: String, _ code: String, _ param: String) -> String {
                    "\(time)|\(mn)|\(code)|\(param)"
                }
                var expected: [String: [TruthRow]] = [:], keys: [String] = []
                for row in revisionTruth {
                    let p = points[row.pointID] ?? (mn: "?", code: row.pointID)
                    let k = key(row.start, p.mn, p.code, row.rule)
                    if expected[k] == nil { keys.append(k) }
                    expected[k, default: []].append(row)
                }
                var actual: [String: [Revision]] = [:]
                for r in revisions { actual[key(r.time, r.mn, r.code, r.param), default: []].append(r) }
                for k in keys {
                    let want = expected[k] ?? [], got = actual[k] ?? []
                    let same = want.count == got.count && zip(want, got).allSatisfy { w, g in
                        Self.sameNumber(w.value, g.newValue) && Self.sameNumber(w.oldValue, g.oldValue)
                    }
                    if !same { revisionMismatches.append((want, got)) }
                }
                revisionExtras = revisions.filter { expected[key($0.time, $0.mn, $0.code, $0.param)] == nil }
            } else {
                revisionsUnchecked = revisions == nil ? "no revisions.csv in the export" : "no points.csv to find the points' MN and code"
            }
        }
    }

    /// Compares the texts of `ground_truth.csv`, `events.csv` and `dq.csv`, and, when given,
    /// `facility_day.csv`, `revisions.csv` and the registry's `points.csv`.
    public init(truthCSV: String, eventsCSV: String, dqCSV: String, toleranceMinutes: Int = 15,
                facilityDayCSV: String? = nil, revisionsCSV: String? = nil, pointsCSV: String? = nil) throws {
        self.init(truth: try Self.truthRows(csv: truthCSV), events: try Self.events(csv: eventsCSV),
                  findings: try Self.findings(csv: dqCSV), toleranceMinutes: toleranceMinutes,
                  facilityEnergy: try facilityDayCSV.map(Self.facilityEnergy(csv:)),
                  revisions: try revisionsCSV.map(Self.revisions(csv:)), points: try pointsCSV.map(Self.points(csv:)))
    }

    /// The conformance rule for numbers (conformance README): within 1e-9, or 1e-6 relative.
    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 || abs(a - b) <= 1e-6 * max(abs(a), abs(b)) }

    static func sameNumber(_ a: String, _ b: String) -> Bool {
        if let x = Double(a), let y = Double(b) { return close(x, y) }
        return a == b
    }

    // MARK: - Reading the files

    public static func truthRows(csv: String) throws -> [TruthRow] {
        let optional = try optionalColumns(csv, "ground_truth.csv", ["value", "old_value"])
        return try rows(csv, "ground_truth.csv", ["kind", "rule", "enterprise_id", "facility_id", "point_id", "start", "end", "detail"],
                        optional: optional) { c, line in
            guard let s = Timestamp(c[5]), let e = Timestamp(c[6]) else {
                throw DemoError.internalCheck("ground_truth.csv:\(line): bad start/end '\(c[5])', '\(c[6])'")
            }
            return TruthRow(kind: c[0], rule: c[1], enterpriseID: c[2], facilityID: c[3], pointID: c[4], start: s, end: e,
                            detail: c[7], value: c[8], oldValue: c[9])
        }
    }

    public static func events(csv: String) throws -> [Event] {
        let optional = try optionalColumns(csv, "events.csv", ["violating_minutes"])
        return try rows(csv, "events.csv", ["rule", "enterprise_id", "facility_id", "start", "end"], optional: optional) { c, line in
            guard let s = Timestamp(c[3]), let e = Timestamp(c[4]) else {
                throw DemoError.internalCheck("events.csv:\(line): bad start/end '\(c[3])', '\(c[4])'")
            }
            let violating = optional[0] == nil ? nil : Int(c[5])
            if optional[0] != nil && violating == nil {
                throw DemoError.internalCheck("events.csv:\(line): bad violating_minutes '\(c[5])'")
            }
            return Event(rule: c[0], enterpriseID: c[1], facilityID: c[2], start: s, end: e, violatingMinutes: violating)
        }
    }

    public static func findings(csv: String) throws -> Set<Finding> {
        Set(try rows(csv, "dq.csv", ["date", "point_id", "enterprise_id", "check"]) { c, _ in
            Finding(date: c[0], pointID: c[1], enterpriseID: c[2], check: c[3])
        })
    }

    /// `date|facility_id` → `energy_kwh` of `facility_day.csv`.
    public static func facilityEnergy(csv: String) throws -> [String: String] {
        let pairs = try rows(csv, "facility_day.csv", ["date", "facility_id", "energy_kwh"]) { c, _ in (c[0] + "|" + c[1], c[2]) }
        return Dictionary(pairs, uniquingKeysWith: { a, _ in a })
    }

    public static func revisions(csv: String) throws -> [Revision] {
        try rows(csv, "revisions.csv", ["time", "mn", "code", "param", "old_value", "new_value"]) { c, line in
            guard let t = Timestamp(c[0]) else { throw DemoError.internalCheck("revisions.csv:\(line): bad time '\(c[0])'") }
            return Revision(time: t, mn: c[1], code: c[2], param: c[3], oldValue: c[4], newValue: c[5])
        }
    }

    /// point_id → (mn, code) from a registry's `points.csv`.
    public static func points(csv: String) throws -> [String: (mn: String, code: String)] {
        let pairs = try rows(csv, "points.csv", ["point_id", "mn", "code"]) { c, _ in (c[0], (mn: c[1], code: c[2])) }
        return Dictionary(pairs, uniquingKeysWith: { a, _ in a })
    }

    /// Positions of columns a file may lack (nil when absent).
    static func optionalColumns(_ csv: String, _ file: String, _ names: [String]) throws -> [Int?] {
        let table = PEMSCore.CSVTable(bytes: Array(csv.utf8))
        if let p = table.problems.first { throw DemoError.internalCheck("\(file):\(p)") }
        return names.map { table.columns[$0] }
    }

    /// The records of a CSV text as the named columns (then the `optional` ones, "" where absent).
    static func rows<T>(_ csv: String, _ file: String, _ columns: [String], optional: [Int?] = [],
                        _ make: ([String], Int) throws -> T) throws -> [T] {
        let table = PEMSCore.CSVTable(bytes: Array(csv.utf8))
        if let p = table.problems.first { throw DemoError.internalCheck("\(file):\(p)") }
        let index = table.columns
        let positions = try columns.map { name -> Int in
            guard let i = index[name] else { throw DemoError.internalCheck("\(file): no column '\(name)'") }
            return i
        }
        return try table.records.map { r in
            try make(positions.map { r[$0] } + optional.map { $0.map { r[$0] } ?? "" }, r.line)
        }
    }

    // MARK: - Report

    /// The check as `pems demo` prints it: one line per rule, the no_event, dq, energy and
    /// revision verdicts, the extras, and the details of anything wrong.
    public var text: String {
        var out = "ground-truth event check (start and end within \(toleranceMinutes) min):\n"
        for r in recall {
            out += "  \(r.rule): injected \(r.total), found \(r.found) \(r.ok ? "✓" : "✗ MISSED \(r.total - r.found)")\n"
        }
        for m in missed.prefix(20) {
            out += "    missed: \(m.text)\(m.value.isEmpty ? "" : " (violating \(m.value) min)") (\(m.detail))\n"
        }
        if violatingRows > 0 {
            out += violatingColumn
                ? "  violating minutes as the truth says for \(violatingCompared) of \(violatingRows) events that state them \(violatingCompared == violatingRows ? "✓" : "✗")\n"
                : "  violating minutes: events.csv has no violating_minutes column (\(violatingRows) events not compared)\n"
        }
        out += "  situations that must not raise an event: \(noEventRows), "
        out += overlaps.isEmpty ? "none overlapped ✓\n" : "\(overlaps.count) overlapped by an event ✗\n"
        for o in overlaps.prefix(20) { out += "    \(o.event.text) overlaps no_event \(o.row.text) (\(o.row.detail))\n" }
        out += "  data-quality rows: \(dqRows - dqMissing.count) of \(dqRows) found in dq.csv \(dqMissing.isEmpty ? "✓" : "✗")\n"
        for m in dqMissing.prefix(20) {
            out += "    missing: \(m.row.rule) \(m.row.pointID.isEmpty ? m.row.enterpriseID : m.row.pointID) on \(m.dates.prefix(5).joined(separator: ", "))\(m.dates.count > 5 ? " …" : "")\n"
        }
        out += "  \(Self.exhaustiveChecks.sorted().joined(separator: "/")) rows not injected: \(dqExtras.count) \(dqExtras.isEmpty ? "✓" : "✗")\n"
        for x in dqExtras.prefix(20) { out += "    extra: \(x.check) \(x.pointID.isEmpty ? x.enterpriseID : x.pointID) on \(x.date)\n" }
        if !dqUnchecked.isEmpty { out += "  data-quality rows of other checks (not compared): \(dqUnchecked.count)\n" }
        if energyRows > 0 {
            if energyUnchecked {
                out += "  energy: no facility_day.csv, \(energyRows) facility-days not compared\n"
            } else {
                out += "  energy: \(energyRows - energyMismatches.count) of \(energyRows) facility-days as the truth says \(energyMismatches.isEmpty ? "✓" : "✗")\n"
                for m in energyMismatches.prefix(20) {
                    out += "    \(m.row.facilityID) \(m.row.start.day): energy_kwh \(m.found ?? "missing"), truth \(m.row.value) (\(m.row.detail))\n"
                }
            }
        }
        if revisionRows > 0 || !revisionExtras.isEmpty {
            if let why = revisionsUnchecked {
                out += "  revisions: \(why), \(revisionRows) rows not compared\n"
            } else {
                let bad = revisionMismatches.reduce(0) { $0 + $1.rows.count }
                out += "  revisions: \(revisionRows - bad) of \(revisionRows) replaced readings in revisions.csv, \(revisionExtras.count) extra \(revisionMismatches.isEmpty && revisionExtras.isEmpty ? "✓" : "✗")\n"
                for m in revisionMismatches.prefix(10) {
                    let first = m.rows[0]
                    out += "    \(first.pointID) \(first.rule) \(first.start): truth \(m.rows.map { "\($0.oldValue) → \($0.value)" }.joined(separator: ", ")), revisions.csv \(m.found.isEmpty ? "none" : m.found.map { "\($0.oldValue) → \($0.newValue)" }.joined(separator: ", "))\n"
                }
                for x in revisionExtras.prefix(10) { out += "    extra: \(x.text)\n" }
            }
        }
        out += "  extra events (no injected anomaly): \(extras.count)\n"
        for e in extras.prefix(20) { out += "    extra: \(e.text)\n" }
        if extras.count > 20 { out += "    … \(extras.count - 20) more\n" }
        out += passed ? "  all \(injected) injected events found\n" : "  \(injected - found) of \(injected) injected events missed, \(overlaps.count) no_event overlaps, \(dqMissing.count) dq rows missing, \(dqExtras.count) dq rows extra, \(energyMismatches.count) energy and \(revisionMismatches.count + revisionExtras.count) revision differences\n"
        return out
    }
}
