import Foundation

/// How two recorded job runs differ: whether their outputs differ and which recorded inputs
/// changed between them (SPEC §11, `pems runs diff`).
///
/// Pure: built from two ledger rows with their per-day input fingerprints and outputs, so it
/// is tested without a store. "A" is the first run given, "B" the second; nothing assumes
/// which is older. Days are CST calendar days.
public struct RunDiff: Sendable, Equatable {
    /// A value that differs between the two runs.
    public struct Change<Value: Sendable & Equatable>: Sendable, Equatable {
        public var a: Value
        public var b: Value
        public init(a: Value, b: Value) {
            self.a = a
            self.b = b
        }
    }

    /// A keyed value (a setting or a parameter) that differs; nil = absent in that run.
    public struct KeyChange: Sendable, Equatable {
        public var key: String
        public var a: String?
        public var b: String?
        public init(key: String, a: String?, b: String?) {
            self.key = key
            self.a = a
            self.b = b
        }
    }

    public var a: RunID
    public var b: RunID
    public var statusA: RunStatus
    public var statusB: RunStatus

    /// Output paths (relative to each run's out dir) written only by A / only by B, sorted.
    public var outputsOnlyInA: [String]
    public var outputsOnlyInB: [String]
    /// Paths both runs wrote with different SHA-256, sorted.
    public var outputsChanged: [String]
    /// Paths both runs wrote with the same SHA-256.
    public var outputsSame: Int

    /// Days both runs recorded whose input fingerprints differ: data arrived or was reloaded
    /// for that day between the runs (late data), sorted.
    public var inputDaysChanged: [Day]
    /// Days only one run read (the runs covered different periods), sorted.
    public var inputDaysOnlyInA: [Day]
    public var inputDaysOnlyInB: [Day]
    public var registryVersion: Change<Int?>?
    public var registrySHA256: Change<String?>?
    /// Settings whose rendered `key: value` line differs, in key order.
    public var settings: [KeyChange]
    /// The engine fingerprint (what keys the reuse of stored results): a changed one means the
    /// code that computes them changed, even under the same release version.
    public var engineVersion: Change<String>?
    public var releaseVersion: Change<String?>?
    public var command: Change<String>?
    /// Parameters that differ, in key order.
    public var parameters: [KeyChange]

    /// True when both runs wrote the same set of paths with the same contents.
    public var outputsIdentical: Bool { outputsOnlyInA.isEmpty && outputsOnlyInB.isEmpty && outputsChanged.isEmpty }

    /// True when any recorded input of the runs differs (data, registry, settings, engine
    /// fingerprint, release version, command or parameters).
    public var anyInputChanged: Bool {
        !inputDaysChanged.isEmpty || !inputDaysOnlyInA.isEmpty || !inputDaysOnlyInB.isEmpty
            || registryVersion != nil || registrySHA256 != nil || !settings.isEmpty || engineVersion != nil
            || releaseVersion != nil || command != nil || !parameters.isEmpty
    }

    /// Compares two runs. `inputsA`/`outputsA` are run A's recorded fingerprints and outputs
    /// (`Store.runInputs`, `Store.runOutputs`), likewise for B.
    public static func compare(_ a: RunRecord, _ b: RunRecord,
                               inputsA: [Day: String], inputsB: [Day: String],
                               outputsA: [RunOutput], outputsB: [RunOutput]) -> RunDiff {
        var shaA: [String: String] = [:], shaB: [String: String] = [:]
        for o in outputsA { shaA[o.path] = o.sha256 }
        for o in outputsB { shaB[o.path] = o.sha256 }
        var changed: [String] = [], same = 0
        for (path, sha) in shaA {
            guard let other = shaB[path] else { continue }
            if other == sha { same += 1 } else { changed.append(path) }
        }
        return RunDiff(
            a: a.id, b: b.id, statusA: a.status, statusB: b.status,
            outputsOnlyInA: shaA.keys.filter { shaB[$0] == nil }.sorted(),
            outputsOnlyInB: shaB.keys.filter { shaA[$0] == nil }.sorted(),
            outputsChanged: changed.sorted(), outputsSame: same,
            inputDaysChanged: inputsA.keys.filter { inputsB[$0] != nil && inputsB[$0] != inputsA[$0] }.sorted(),
            inputDaysOnlyInA: inputsA.keys.filter { inputsB[$0] == nil }.sorted(),
            inputDaysOnlyInB: inputsB.keys.filter { inputsA[$0] == nil }.sorted(),
            registryVersion: a.registryVersion == b.registryVersion ? nil : Change(a: a.registryVersion, b: b.registryVersion),
            registrySHA256: a.registrySHA256 == b.registrySHA256 ? nil : Change(a: a.registrySHA256, b: b.registrySHA256),
            settings: keyChanges(settingsLines(a.settings), settingsLines(b.settings)),
            engineVersion: a.engineVersion == b.engineVersion ? nil : Change(a: a.engineVersion, b: b.engineVersion),
            releaseVersion: a.releaseVersion == b.releaseVersion ? nil : Change(a: a.releaseVersion, b: b.releaseVersion),
            command: a.command == b.command ? nil : Change(a: a.command, b: b.command),
            parameters: keyChanges(a.parameters, b.parameters))
    }

    /// The rendered settings (`SettingsFile.render`) as key → value. A line `key: value` gives
    /// `key`; `# key: (not set)` gives `key` → `(not set)`; other comments and blank lines are
    /// skipped; any other line is its own key (so no difference is ever lost).
    static func settingsLines(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for raw in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            var body = Substring(line)
            let commented = body.hasPrefix("#")
            if commented { body = body.dropFirst().drop(while: { $0 == " " }) }
            if let colon = body.range(of: ": "), !body[..<colon.lowerBound].isEmpty,
               !body[..<colon.lowerBound].contains(" ") {
                let value = String(body[colon.upperBound...])
                if commented && value != "(not set)" { continue }
                out[String(body[..<colon.lowerBound])] = value
            } else if !commented {
                out[line] = ""
            }
        }
        return out
    }

    static func keyChanges(_ a: [String: String], _ b: [String: String]) -> [KeyChange] {
        Set(a.keys).union(b.keys).sorted().compactMap { key in
            a[key] == b[key] ? nil : KeyChange(key: key, a: a[key], b: b[key])
        }
    }

    /// The difference in words, one line each, for `pems runs diff`: first the outputs, then
    /// each recorded input that changed, or that none did.
    public var lines: [String] {
        var out: [String] = []
        let ra = "run \(a)", rb = "run \(b)"
        if outputsIdentical {
            out.append("outputs identical (\(outputsSame) file\(outputsSame == 1 ? "" : "s"))")
        } else {
            var parts: [String] = []
            if !outputsChanged.isEmpty { parts.append("\(outputsChanged.count) changed") }
            if !outputsOnlyInA.isEmpty { parts.append("\(outputsOnlyInA.count) only in \(ra)") }
            if !outputsOnlyInB.isEmpty { parts.append("\(outputsOnlyInB.count) only in \(rb)") }
            if outputsSame > 0 { parts.append("\(outputsSame) identical") }
            out.append("outputs differ: " + parts.joined(separator: ", "))
            for p in outputsChanged { out.append("  changed: \(p)") }
            for p in outputsOnlyInA { out.append("  only in \(ra): \(p)") }
            for p in outputsOnlyInB { out.append("  only in \(rb): \(p)") }
        }
        for (id, status) in [(a, statusA), (b, statusB)] where !status.completed {
            out.append("note: run \(id) is \(status.rawValue); its outputs may be incomplete")
        }
        func days(_ d: [Day]) -> String { d.map(\.description).joined(separator: ", ") }
        func text(_ v: String?) -> String { v ?? "(none)" }
        if !inputDaysChanged.isEmpty {
            out.append("input data changed (late or reloaded data) on \(inputDaysChanged.count) day\(inputDaysChanged.count == 1 ? "" : "s"): \(days(inputDaysChanged))")
        }
        if !inputDaysOnlyInA.isEmpty { out.append("days read only by \(ra): \(days(inputDaysOnlyInA))") }
        if !inputDaysOnlyInB.isEmpty { out.append("days read only by \(rb): \(days(inputDaysOnlyInB))") }
        if let c = registryVersion {
            out.append("registry version changed: \(c.a.map(String.init) ?? "(none)") → \(c.b.map(String.init) ?? "(none)")")
        }
        if let c = registrySHA256 {
            out.append("registry content changed: sha256 \(text(c.a.map { String($0.prefix(12)) })) → \(text(c.b.map { String($0.prefix(12)) }))")
        }
        if !settings.isEmpty {
            out.append("settings changed (\(settings.count)):")
            for s in settings { out.append("  \(s.key): \(text(s.a)) → \(text(s.b))") }
        }
        if let c = releaseVersion { out.append("release version changed: \(text(c.a)) → \(text(c.b))") }
        if let c = engineVersion { out.append("engine fingerprint changed: \(c.a.prefix(12)) → \(c.b.prefix(12))") }
        if let c = command { out.append("command differs: \(c.a) → \(c.b)") }
        if !parameters.isEmpty {
            out.append("parameters differ:")
            for p in parameters { out.append("  \(p.key): \(text(p.a)) → \(text(p.b))") }
        }
        if !anyInputChanged {
            out.append(outputsIdentical ? "no recorded input changed"
                                        : "no recorded input changed — nondeterminism? (same inputs and version must give identical outputs)")
        }
        return out
    }
}
