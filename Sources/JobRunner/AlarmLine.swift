import Charts
import HJ212
import PEMSCore

/// One line of the alarm feed `alarms/alarms_D.jsonl` (Jobs/README.md "The alarm feed"): one
/// event of day D with its state against the feed of D − 1, written as one JSON object whose
/// keys always come in the order below. Times are CST `YYYY-MM-DD HH:MM`; minutes are whole
/// minutes; numbers are JSON numbers (SPEC §12 plain decimals); text is UTF-8, Chinese
/// unescaped; a missing facility or name is `null`.
public struct AlarmLine: Sendable, Equatable {
    /// The day whose feed this line is in.
    public var day: Day
    public var state: AlarmState
    /// The event as stored (SPEC §7): the record of D, or of D − 1 for a line `closed` at D's 00:00.
    public var event: EventRecord
    /// Whether the event runs to the end of the data read (24:00 of the day of `event`'s
    /// computation) and may go on; never for STOP_VIOLATION, which ends with its day (SPEC §7).
    public var ongoing: Bool
    public var enterpriseName: String?
    public var districtCode: String?
    public var districtName: String?
    public var facilityName: String?
    /// The evidence pack holding the event's page (path relative to the out folder), the
    /// page number (1-based) and the PNG of its chart.
    public var evidencePDF: String
    public var evidencePage: Int
    public var evidencePNG: String

    /// The stable key of the event across runs and days: rule, facility (the enterprise for
    /// an enterprise-level event) and start — the evidence pack's event number (`EventID`).
    public var key: String { EventID.of(event) }

    /// The SMS text (at most `AlarmMessage.limit` characters).
    public var message: String {
        AlarmMessage.text(state: state, ongoing: ongoing, district: districtName ?? districtCode ?? "",
                          enterprise: enterpriseName ?? event.enterpriseID, facility: facilityName,
                          ruleName: event.rule.chineseName, start: event.start, end: event.end)
    }

    /// The JSON object, one line, no line break at the end.
    public var json: String {
        var o = JSONObject()
        o.add("day", .string(day.description))
        o.add("state", .string(state.rawValue))
        o.add("key", .string(key))
        o.add("rule", .string(event.rule.rawValue))
        o.add("rule_name", .string(event.rule.chineseName))
        o.add("enterprise_id", .string(event.enterpriseID))
        o.add("enterprise", .optionalString(enterpriseName))
        o.add("district_code", .optionalString(districtCode))
        o.add("district", .optionalString(districtName))
        o.add("facility_id", .optionalString(event.facilityID))
        o.add("facility", .optionalString(facilityName))
        o.add("start", .string(Self.minute(event.start)))
        o.add("end", .string(Self.minute(event.end)))
        o.add("ongoing", .bool(ongoing))
        o.add("duration_minutes", .int(Int((event.end.seconds - event.start.seconds) / 60)))
        o.add("minutes", .int(event.minutes))
        o.add("violating_minutes", .int(event.violatingMinutes))
        o.add("facts", .object(Self.facts(event.evidence)))
        o.add("evidence", .string(evidencePDF))
        o.add("evidence_page", .int(evidencePage))
        o.add("evidence_png", .string(evidencePNG))
        o.add("message", .string(message))
        return o.text
    }

    /// "YYYY-MM-DD HH:MM" (CST).
    static func minute(_ t: Timestamp) -> String { String(t.description.prefix(16)) }

    /// The facts that made the event fire (`EventEvidence`), those present, in a fixed order:
    /// slots, powers (kW), baseline, ratio, allowed power, response levels and ids, thresholds
    /// (kW), sensor ranges, activated-carbon values, the limited facilities, the violating
    /// runs and the exemption.
    static func facts(_ ev: EventEvidence) -> JSONObject {
        var o = JSONObject()
        o.add("violating_slots", .int(ev.violatingSlots))
        o.add("gap_slots", .int(ev.gapSlots))
        if let v = ev.meanPowerKW { o.add("mean_power_kw", .number(v)) }
        if let v = ev.maxPowerKW { o.add("max_power_kw", .number(v)) }
        if let v = ev.baselinePowerKW { o.add("baseline_power_kw", .number(v)) }
        if let v = ev.ratio { o.add("ratio", .number(v)) }
        if let v = ev.allowedPowerKW { o.add("allowed_power_kw", .number(v)) }
        if let v = ev.levels { o.add("levels", .array(v.map(JSONValue.string))) }
        if let v = ev.responseIDs { o.add("response_ids", .array(v.map(JSONValue.string))) }
        if let v = ev.thresholdsKW {
            var t = JSONObject()
            for k in v.keys.sorted() { t.add(k, .number(v[k] ?? 0)) }
            o.add("thresholds_kw", .object(t))
        }
        if let v = ev.sensorRanges {
            var t = JSONObject()
            for k in v.keys.sorted() { t.add(k, .array((v[k] ?? []).map(JSONValue.number))) }
            o.add("sensor_ranges", .object(t))
        }
        if let v = ev.carbon {
            var t = JSONObject()
            for k in v.keys.sorted() { t.add(k, .number(v[k] ?? 0)) }
            o.add("carbon", .object(t))
        }
        if let v = ev.limitedFacilities { o.add("limited_facilities", .array(v.map(JSONValue.string))) }
        if let v = ev.violatingRuns {
            o.add("violating_runs", .array(v.map { r in
                var s = JSONObject()
                s.add("start", .string(minute(r.start)))
                s.add("end", .string(minute(r.end)))
                return .object(s)
            }))
        }
        if let x = ev.exemption {
            var s = JSONObject()
            s.add("start", .string(minute(x.start)))
            s.add("end", .string(minute(x.end)))
            s.add("reason", .string(x.reason))
            o.add("exemption", .object(s))
        }
        return o
    }
}

/// A JSON value written by hand, so key order and number text are fixed (same inputs, same
/// bytes): numbers as SPEC §12 plain decimals (`ExportNumber`), non-finite ones as `null`;
/// strings UTF-8 with only `"`, `\`, control characters and U+2028/U+2029 escapes (`JSONString`).
indirect enum JSONValue: Sendable, Equatable {
    case string(String)
    case optionalString(String?)
    case int(Int)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object(JSONObject)

    var text: String {
        switch self {
        case .string(let s): return Self.quoted(s)
        case .optionalString(let s): return s.map(Self.quoted) ?? "null"
        case .int(let i): return String(i)
        case .number(let x): return x.isFinite ? ExportNumber.format(x) : "null"
        case .bool(let b): return b ? "true" : "false"
        case .array(let a): return "[" + a.map(\.text).joined(separator: ",") + "]"
        case .object(let o): return o.text
        }
    }

    /// A quoted JSON string: the one string writer of pems' hand-written JSON (`JSONString`).
    static func quoted(_ s: String) -> String { JSONString.quoted(s) }
}

/// A JSON object whose keys keep the order they were added in.
struct JSONObject: Sendable, Equatable {
    private(set) var pairs: [(String, JSONValue)] = []
    mutating func add(_ key: String, _ value: JSONValue) { pairs.append((key, value)) }
    var text: String { JSONString.object(pairs.map { ($0.0, $0.1.text) }) }
    static func == (a: JSONObject, b: JSONObject) -> Bool { a.text == b.text }
}
