import Foundation
import Yams

/// Reading and rendering the settings file (YAML; JSON is valid YAML too).
///
/// Keys are the snake_case names of SPEC (`slot_minutes`, `low_ratio`, …), optionally
/// grouped (`thresholds:`, `baseline:`, `events:`, `data_quality:`); see `keys` for the list.
/// An unknown key or a bad value is an error naming the file, line and key, so a typo never
/// silently falls back to a default.
public enum SettingsFile {
    struct Key: Sendable {
        let path: String
        let help: String
        let apply: @Sendable (inout Settings, Node, Location) throws -> Void
        let render: @Sendable (Settings) -> String?
        /// False for a setting that does not change what is computed (delivery to the
        /// province): left out of `renderComputing`, so changing it never recomputes a period.
        var computes = true
    }

    struct Location {
        let file: String
        let line: Int
        let key: String
    }

    static func int(_ path: String, _ kp: WritableKeyPath<Settings, Int> & Sendable, _ help: String,
                    range: ClosedRange<Int>, allowed: [Int]? = nil) -> Key {
        Key(path: path, help: help, apply: { s, node, loc in
            guard let v = node.int, range.contains(v), allowed?.contains(v) ?? true else {
                let what = allowed.map { "one of " + $0.map(String.init).joined(separator: ", ") } ?? "an integer in \(range.lowerBound)…\(range.upperBound)"
                throw SettingsError.badValue(file: loc.file, line: loc.line, key: loc.key, value: node.string ?? "?", expected: what)
            }
            s[keyPath: kp] = v
        }, render: { String($0[keyPath: kp]) })
    }

    static func double(_ path: String, _ kp: WritableKeyPath<Settings, Double> & Sendable, _ help: String,
                       range: ClosedRange<Double>) -> Key {
        Key(path: path, help: help, apply: { s, node, loc in
            guard let v = node.float, range.contains(v) else {
                throw SettingsError.badValue(file: loc.file, line: loc.line, key: loc.key, value: node.string ?? "?",
                                             expected: "a number in \(range.lowerBound)…\(range.upperBound)")
            }
            s[keyPath: kp] = v
        }, render: { Self.number($0[keyPath: kp]) })
    }

    static func bool(_ path: String, _ kp: WritableKeyPath<Settings, Bool> & Sendable, _ help: String) -> Key {
        Key(path: path, help: help, apply: { s, node, loc in
            guard let v = node.bool else {
                throw SettingsError.badValue(file: loc.file, line: loc.line, key: loc.key, value: node.string ?? "?", expected: "true or false")
            }
            s[keyPath: kp] = v
        }, render: { $0[keyPath: kp] ? "true" : "false" })
    }

    static func path(_ name: String, _ kp: WritableKeyPath<Settings, String?> & Sendable, _ help: String) -> Key {
        Key(path: name, help: help, apply: { s, node, loc in
            guard let v = node.string, !v.isEmpty else {
                throw SettingsError.badValue(file: loc.file, line: loc.line, key: loc.key, value: "", expected: "a path")
            }
            s[keyPath: kp] = v
        }, render: { $0[keyPath: kp] })
    }

    /// `key`, marked as not changing what is computed.
    static func delivery(_ key: Key) -> Key {
        var k = key
        k.computes = false
        return k
    }

    static func number(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    }

    static let ruleNames = ["TREATMENT_STOPPED", "TREATMENT_INEFFECTIVE", "TREATMENT_LOW", "STOP_VIOLATION",
                            "LIMIT_VIOLATION", "SHIFT_VIOLATION", "OFFLINE", "EXEMPTION_BREACH", "CARBON_OVERDUE"]

    /// Every key the file may hold, in the order `render` writes them.
    static let keys: [Key] = {
        var k: [Key] = [
            path("store", \.store, "store file (default ./pems.db)"),
            path("inbox", \.inbox, "folder the nightly job loads new files from"),
            path("out", \.out, "folder jobs write outputs under (default ./out)"),
            Key(path: "crc_policy", help: "reject | warn (SPEC §3.1)", apply: { s, node, loc in
                guard let v = node.string, let p = CRCPolicy(rawValue: v) else {
                    throw SettingsError.badValue(file: loc.file, line: loc.line, key: loc.key, value: node.string ?? "?", expected: "reject or warn")
                }
                s.crcPolicy = p
            }, render: { $0.crcPolicy.rawValue }),
            Key(path: "load.max_abs_value", help: "values not finite or beyond ± this are rejected at load as value_out_of_range, and not used if a store holds one (SPEC §13.36; at most 1e15)",
                apply: { s, node, loc in
                    // > 0: a limit of 0 would reject every reading. At most 1e15: the computation
                    // sums readings (facility power, energy, kg) and must never overflow to
                    // infinity or NaN — 1e15 × a million points is still far inside a Double.
                    guard let v = node.float, v > 0, v <= Settings.loadMaxAbsValueCeiling else {
                        throw SettingsError.badValue(file: loc.file, line: loc.line, key: loc.key, value: node.string ?? "?",
                                                     expected: "a number > 0 and at most 1e15")
                    }
                    s.loadMaxAbsValue = v
                }, render: { Self.number($0.loadMaxAbsValue) }),
            int("slot_minutes", \.slotMinutes, "slot length, minutes (SPEC §1)", range: 1...60, allowed: [1, 5, 15, 30, 60]),
            int("thresholds.lookback_days", \.thresholdLookbackDays, "days before D a threshold is derived from, response days left out (SPEC §5.2)", range: 1...366),
            int("thresholds.min_days", \.thresholdMinDays, "days' worth of present slots needed in that window (SPEC §5.2, §13.8)", range: 1...366),
            double("thresholds.p90_factor", \.thresholdP90Factor, "θ = max(f × p90, …)", range: 0...1),
            double("thresholds.rated_factor", \.thresholdRatedFactor, "θ ≥ f × rated_kw (total and production points)", range: 0...1),
            double("thresholds.treatment_rated_factor", \.thresholdTreatmentRatedFactor, "θ ≥ f × rated_kw for treatment points (SPEC §5.2, seed 001 §7)", range: 0...1),
            double("thresholds.min_kw", \.thresholdMinKW, "θ ≥ this many kW", range: 0...1_000_000),
            double("thresholds.fallback_rated_factor", \.thresholdFallbackRatedFactor, "θ = f × rated_kw without history", range: 0...1),
            double("low_ratio", \.lowRatio, "LOW below this share of baseline power (SPEC §5.4)", range: 0...1),
            double("idle_ratio", \.idleRatio, "treatment running below this share of baseline power is STOPPED, idling (SPEC §5.4)", range: 0...1),
            int("baseline.days", \.baselineDays, "normal days averaged (SPEC §6)", range: 1...60),
            int("baseline.min_days", \.baselineMinDays, "fewer normal days → unavailable", range: 1...60),
            int("baseline.lookback_days", \.baselineLookbackDays, "window searched for normal days", range: 1...366),
            double("baseline.normal_min_completeness", \.normalDayMinCompleteness, "normal day completeness ≥", range: 0...1),
            int("baseline.normal_min_running_minutes", \.normalDayMinRunningMinutes, "normal day running minutes ≥", range: 0...1440),
            int("merge_gap_slots", \.mergeGapSlots, "violating slots this far apart merge (SPEC §7)", range: 0...96),
            double("heat_shift_min_temp_c", \.heatShiftMinTempC, "°C from which a day is a heat day (SPEC §2)", range: -50...60),
            int("event_lookback_days", \.eventLookbackDays, "days computed before a period for events (SPEC §13.12)", range: 0...60),
            double("data_quality.completeness_min", \.dqCompletenessMin, "COMPLETENESS below (SPEC §8)", range: 0...1),
            double("data_quality.completeness_target", \.dqCompletenessTarget, "collection target shown (SPEC §8)", range: 0...1),
            double("data_quality.energy_power_factor", \.dqEnergyPowerFactor, "ENERGY_POWER_MISMATCH: ΔEpt > f × max Pt", range: 0...1_000),
            double("data_quality.energy_too_large_kwh", \.dqEnergyTooLargeKWh, "ENERGY_TOO_LARGE: ΔEpt > kWh", range: 0...1e12),
            int("data_quality.constant_minutes", \.dqConstantMinutes, "CONSTANT: identical Pt for ≥ minutes", range: 1...100_000),
            double("data_quality.counter_jump_factor", \.dqCounterJumpFactor, "COUNTER_JUMP: step power > f × max(rated, max Pt)", range: 0...1_000),
            double("data_quality.sum_exceeds_total_factor", \.dqSumExceedsTotalFactor, "SUM_EXCEEDS_TOTAL: > f × total", range: 0...100),
            double("data_quality.total_min_completeness", \.dqTotalMinCompleteness, "total meter completeness needed", range: 0...1),
            int("data_quality.clock_max_skew_minutes", \.dqClockMaxSkewMinutes, "CLOCK: |QN − DataTime| > minutes", range: 0...100_000),
            int("data_quality.phase_fault_min_slots", \.dqPhaseFaultMinSlots, "VOLTAGE_LOOP / CURRENT_LOOP: faulty slots in a day (SPEC §8)", range: 1...1440),
            int("data_quality.threshold_suspect_days", \.dqThresholdSuspectDays, "THRESHOLD_SUSPECT: days before D compared (SPEC §8, §13.34)", range: 1...366),
            int("data_quality.threshold_suspect_min_days", \.dqThresholdSuspectMinDays, "THRESHOLD_SUSPECT: days' worth of present slots needed", range: 1...366),
            double("accounting.outlet_max_deviation", \.outletMaxDeviation, "list measured vs estimated outlet emission deviating by more than this share (SPEC §9.2)", range: 0...100),
            bool("district_editions", \.districtEditions, "jobs also write one edition per district under districts/<code>/ (true | false)"),
            Key(path: "key_enterprise.tiers", help: "annual_voc_t bounds, t/year, descending: above the first 重点, above the second 一般重点",
                apply: { s, node, loc in
                    let values = node.sequence?.compactMap(\.float) ?? []
                    guard let seq = node.sequence, values.count == seq.count, values.count == 2, values[0] > values[1],
                          values[1] >= 0, values.allSatisfy(\.isFinite) else {
                        let given = node.sequence.map { "[" + $0.map { $0.string ?? "?" }.joined(separator: ", ") + "]" }
                        throw SettingsError.badValue(file: loc.file, line: loc.line, key: loc.key, value: given ?? node.string ?? "?",
                                                     expected: "two numbers ≥ 0, the first larger, e.g. [50, 10]")
                    }
                    s.keyEnterpriseTiers = values
                }, render: { "[" + $0.keyEnterpriseTiers.map(Self.number).joined(separator: ", ") + "]" }),
            double("comparison.industry_deviation", \.comparisonIndustryDeviation, "排放异常企业: kg/kWh above (1 + this) × the industry median", range: 0...100),
            double("comparison.change_threshold", \.comparisonChangeThreshold, "排放异常企业: emission changed by more than this share against the previous period …", range: 0...100),
            double("comparison.energy_steady", \.comparisonEnergySteady, "… while energy changed by less than this share", range: 0...100),
            double("assessment.final_hours", \.assessmentFinalHours, "落实情况: an order-rule event in a response's last this many hours is 未落实, hours", range: 0...720),
            Key(path: "province.url", help: "the province's anomaly interface without the payload's name (seed 003 附件3); the day's JSON goes to <url>/abnormal and <url>/limit (pems push; the nightly pushes when set)",
                apply: { s, node, loc in
                    let text = node.string ?? ""
                    guard let url = ProvinceAddress.validated(text) else {
                        throw SettingsError.badValue(file: loc.file, line: loc.line, key: loc.key, value: text,
                                                     expected: "an http:// or https:// address with a host and no query, e.g. https://fbjd.newhero.com.cn/pcom/ps/ex/join")
                    }
                    s.provinceURL = url
                }, render: { $0.provinceURL }, computes: false),
            delivery(double("province.timeout_seconds", \.provinceTimeoutSeconds, "seconds one POST to the province may take, connecting included", range: 0.01...600)),
            delivery(int("province.retries", \.provinceRetries, "further attempts after a POST that got no answer, timed out or got HTTP 5xx/408/429", range: 0...10)),
            delivery(double("province.backoff_seconds", \.provinceBackoffSeconds, "seconds before the first retry; each later one waits twice as long", range: 0...600)),
        ]
        for rule in ruleNames {
            k.append(Key(path: "min_minutes.\(rule)", help: "minimum event length, minutes (SPEC §7)", apply: { s, node, loc in
                guard let v = node.int, v >= 0 else {
                    throw SettingsError.badValue(file: loc.file, line: loc.line, key: loc.key, value: node.string ?? "?", expected: "minutes ≥ 0")
                }
                s.minMinutes[rule] = v
            }, render: { String($0.minMinutes[rule] ?? 0) }))
        }
        return k
    }()

    /// Reads `path`; a missing file is an error (the caller decides whether a default path may be absent).
    public static func load(path: String) throws -> Settings {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SettingsError.unreadable(file: path)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SettingsError.badValue(file: path, line: 1, key: "", value: "", expected: "UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Parses settings text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws -> Settings {
        var settings = Settings()
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch let error as YamlError {
            throw SettingsError.syntax(file: file, detail: String(describing: error))
        }
        guard let root else { return settings } // empty file: all defaults
        guard case .mapping = root else {
            throw SettingsError.badValue(file: file, line: root.mark?.line ?? 1, key: "", value: "", expected: "a mapping of settings")
        }
        let byPath = Dictionary(uniqueKeysWithValues: keys.map { ($0.path, $0) })
        func walk(_ node: Node, prefix: String) throws {
            guard let mapping = node.mapping else { return }
            for (k, v) in mapping {
                let name = k.string ?? ""
                let full = prefix.isEmpty ? name : prefix + "." + name
                let line = k.mark?.line ?? 0
                if case .mapping = v, byPath[full] == nil {
                    guard keys.contains(where: { $0.path.hasPrefix(full + ".") }) else {
                        throw SettingsError.unknownKey(file: file, line: line, key: full)
                    }
                    try walk(v, prefix: full)
                    continue
                }
                guard let key = byPath[full] else { throw SettingsError.unknownKey(file: file, line: line, key: full) }
                try key.apply(&settings, v, Location(file: file, line: line, key: full))
            }
        }
        try walk(root, prefix: "")
        return settings
    }

    /// The effective settings as flat `key: value` lines in a fixed order — recorded with each
    /// run so an auditor sees exactly which values were used.
    public static func render(_ s: Settings) -> String {
        keys.map { line($0, s) }.joined(separator: "\n") + "\n"
    }

    /// `render` without the settings that do not change what is computed (`province.*`): what
    /// the computation fingerprint hashes, so a new province address recomputes nothing.
    public static func renderComputing(_ s: Settings) -> String {
        keys.filter(\.computes).map { line($0, s) }.joined(separator: "\n") + "\n"
    }

    static func line(_ k: Key, _ s: Settings) -> String {
        if let v = k.render(s) { return "\(k.path): \(v)" }
        return "# \(k.path): (not set)"
    }

    /// `render` with a `# help` comment before each key.
    public static func renderExplained(_ s: Settings) -> String {
        keys.map { "# \($0.help)\n" + line($0, s) }.joined(separator: "\n") + "\n"
    }
}

/// A settings file that cannot be used.
public enum SettingsError: Error, CustomStringConvertible, Equatable {
    case unreadable(file: String)
    case syntax(file: String, detail: String)
    case unknownKey(file: String, line: Int, key: String)
    case badValue(file: String, line: Int, key: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .unreadable(let f): return "\(f): cannot read the settings file"
        case .syntax(let f, let d): return "\(f): not valid YAML: \(d)"
        case .unknownKey(let f, let l, let k): return "\(f):\(l): unknown setting '\(k)'"
        case .badValue(let f, let l, let k, let v, let e): return "\(f):\(l): \(k) = '\(v)' is not \(e)"
        }
    }
}
