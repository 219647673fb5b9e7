import ArgumentParser
import Foundation
import HJ212
import PEMSCore

/// `pems runs …` — the run ledger (SPEC §11): what each job run did, with which inputs, and
/// why two runs' outputs differ.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List recorded job runs, show one, or explain how two differ.",
        discussion: """
        Every job run (nightly, weekly, monthly, rerun, push) is recorded in the store: its \
        parameters, effective settings, release version, engine fingerprint (of the code that \
        computes), registry version, a fingerprint of the \
        input data of each day it used, every output file with its SHA-256, start and end \
        (CST), status and counts, and each attempt to push a day's JSON to the province with \
        its reply. A run whose process was killed shows as `interrupted` once the next run has \
        started.

        Examples:
          pems runs
          pems runs --limit 5 --json
          pems runs show 12
          pems runs diff 12 15
        """,
        subcommands: [List.self, Show.self, Diff.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List recorded runs, newest first (the default of `pems runs`).",
            discussion: """
            One line per run: id, command, parameters, start (CST), seconds taken, status, \
            exit code, output files, rejected input lines and late-data days.

            Examples:
              pems runs
              pems runs --limit 5
              pems --store /data/pems.db runs --json | jq '.[0].status'
            """)

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: ArgumentHelp("Show at most this many runs (default 20; 0 for all).", valueName: "n"))
        var limit: Int = 20

        @Flag(name: .long, help: "One JSON array of runs instead of the table.")
        var json = false

        func validate() throws {
            if limit < 0 { throw ValidationError("--limit \(limit) must be 0 (all) or more") }
        }

        func run() throws {
            try CommandFailure.run {
                let settings = try global.settings()
                let store = try RunsText.openLedger(global, settings)
                let runs = try store.runs(limit: limit == 0 ? nil : limit)
                let outputs = try runs.map { try store.runOutputs($0.id).count }
                if json {
                    let objects = zip(runs, outputs).map { RunsText.object($0, outputs: $1) }
                    print(RunsText.json(objects))
                    return
                }
                if runs.isEmpty {
                    Terminal.line("no runs recorded yet in \(store.path); job commands (pems nightly, …) record them")
                    return
                }
                print(RunsText.table(runs, outputs: outputs), terminator: "")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show everything recorded about one run.",
            discussion: """
            Parameters, versions, registry, the input fingerprint of each day (first 12 hex \
            digits), every output with its SHA-256 and size, counts, message, each attempt to \
            push a day's JSON to the province (time, HTTP status or error, reply) and the \
            effective settings.

            Examples:
              pems runs show 12
              pems runs show 12 --json
            """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The run id (see `pems runs`).", valueName: "id"))
        var id: String

        @Flag(name: .long, help: "One JSON object instead of text (fingerprints in full).")
        var json = false

        func validate() throws {
            if RunID(id) == nil { throw ValidationError("run id '\(id)' is not a positive whole number") }
        }

        func run() throws {
            try CommandFailure.run {
                let settings = try global.settings()
                let store = try RunsText.openLedger(global, settings)
                let record = try RunsText.require(store, id)
                let inputs = try store.runInputs(record.id)
                let outputs = try store.runOutputs(record.id)
                let pushes = try store.pushAttempts(record.id)
                if json {
                    var o = RunsText.object(record, outputs: outputs.count)
                    o["settings"] = record.settings
                    o["inputs"] = Dictionary(uniqueKeysWithValues: inputs.map { ($0.key.description, $0.value) })
                    o["outputs"] = outputs.map { ["path": $0.path, "sha256": $0.sha256, "bytes": $0.bytes] as [String: Any] }
                    o["pushes"] = pushes.map(RunsText.pushObject)
                    print(RunsText.json(o))
                } else {
                    print(RunsText.detail(record, inputs: inputs, outputs: outputs, pushes: pushes), terminator: "")
                }
            }
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "Say whether two runs' outputs differ and which recorded inputs changed.",
            discussion: """
            Compares the outputs' SHA-256 path by path, then the recorded inputs: the data \
            fingerprint of each day (a changed day means late or reloaded data), the registry \
            version and content, each setting, the engine fingerprint and release version, the \
            command and its \
            parameters. Outputs that differ with no recorded input changed are reported as \
            possible nondeterminism. Exit 0 whenever both runs exist, 1 if either does not.

            Example:
              pems runs diff 12 15
            """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The first run id.", valueName: "id1"))
        var first: String

        @Argument(help: ArgumentHelp("The second run id.", valueName: "id2"))
        var second: String

        func validate() throws {
            for text in [first, second] where RunID(text) == nil {
                throw ValidationError("run id '\(text)' is not a positive whole number")
            }
        }

        func run() throws {
            try CommandFailure.run {
                let settings = try global.settings()
                let store = try RunsText.openLedger(global, settings)
                let a = try RunsText.require(store, first)
                let b = try RunsText.require(store, second)
                let diff = RunDiff.compare(a, b, inputsA: try store.runInputs(a.id), inputsB: try store.runInputs(b.id),
                                           outputsA: try store.runOutputs(a.id), outputsB: try store.runOutputs(b.id))
                Terminal.line("run \(a.id) (\(a.command) \(a.parameterText), \(a.startedAt)) vs run \(b.id) (\(b.command) \(b.parameterText), \(b.startedAt))")
                for line in diff.lines { Terminal.line(line) }
            }
        }
    }
}

/// Text and JSON renderings of run ledger rows for `pems runs`. The text shows every recorded
/// value (paths, parameters, messages) through `TerminalText`.
enum RunsText {
    /// The store, read-only (reading the ledger never migrates or writes the store), at a
    /// schema that has the run ledger.
    static func openLedger(_ global: GlobalOptions, _ settings: Settings) throws -> Store {
        let store = try global.openStoreReadOnly(settings)
        try store.requireSchema(6, for: "the run ledger")
        return store
    }

    static func require(_ store: Store, _ text: String) throws -> RunRecord {
        guard let id = RunID(text) else { throw UserError("run id '\(text)' is not a positive whole number") }
        guard let record = try store.run(id) else {
            throw UserError("no run \(id) in \(store.path); `pems runs` lists the recorded runs")
        }
        return record
    }

    static func seconds(_ r: RunRecord) -> String { r.seconds.map(String.init) ?? "-" }

    static func table(_ runs: [RunRecord], outputs: [Int]) -> String {
        let header = ["id", "command", "parameters", "started (CST)", "seconds", "status", "exit", "outputs", "rejected", "late days"]
        var rows = [header]
        for (r, n) in zip(runs, outputs) {
            var params = r.parameterText
            if params.count > 40 { params = String(params.prefix(39)) + "…" }
            rows.append([r.id.description, r.command, params, r.startedAt.description, seconds(r), r.status.rawValue,
                         r.exitCode.map { String($0) } ?? "-", String(n), String(r.counts.rejectedLines),
                         String(r.counts.lateDays)].map(TerminalText.escaped))
        }
        let widths = header.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        let numeric: Set<Int> = [0, 4, 6, 7, 8, 9]
        var out = ""
        for row in rows {
            let cells = row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return numeric.contains(c) ? pad + cell : cell + pad
            }
            out += cells.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }
        return out
    }

    static func detail(_ r: RunRecord, inputs: [Day: String], outputs: [RunOutput], pushes: [PushAttempt] = []) -> String {
        var out = "run \(r.id): \(TerminalText.escaped(r.command)) — \(r.status.rawValue)"
        if r.processIsGone() == true {
            out += " (its process \(r.pid) is gone: killed or crashed; the next job run marks it interrupted)"
        }
        out += r.exitCode.map { " (exit \($0))\n" } ?? "\n"
        func line(_ label: String, _ value: String) {
            out += label.padding(toLength: 14, withPad: " ", startingAt: 0) + TerminalText.escaped(value) + "\n"
        }
        line("parameters:", r.parameters.isEmpty ? "(none)" : r.parameterText)
        line("started:", "\(r.startedAt) CST")
        line("ended:", r.endedAt.map { "\($0) CST (\(seconds(r)) s)" } ?? "(not ended)")
        line("release:", r.releaseVersion ?? "(not recorded)")
        line("engine:", r.engineVersion)
        let registry = r.registryVersion.map { "version \($0)" } ?? "(none)"
        line("registry:", registry + (r.registrySHA256.map { ", sha256 \($0)" } ?? ""))
        line("out dir:", r.outDir)
        line("process:", "pid \(r.pid) on \(r.host)")
        line("counts:", "files loaded \(r.counts.filesLoaded), rejected lines \(r.counts.rejectedLines), late days \(r.counts.lateDays)")
        line("message:", r.message ?? "(none)")
        out += "inputs (\(inputs.count) day\(inputs.count == 1 ? "" : "s"), data fingerprint):\n"
        for day in inputs.keys.sorted() { out += "  \(day)  \(inputs[day].map { String($0.prefix(12)) } ?? "")\n" }
        out += "outputs (\(outputs.count)):\n"
        let width = outputs.map { String($0.bytes).count }.max() ?? 0
        for o in outputs {
            let bytes = String(o.bytes)
            out += "  \(o.sha256)  \(String(repeating: " ", count: width - bytes.count))\(bytes)  \(TerminalText.escaped(o.path))\n"
        }
        if !pushes.isEmpty {
            out += "pushes to the province (\(pushes.count) attempt\(pushes.count == 1 ? "" : "s")):\n"
            for p in pushes { out += "  " + TerminalText.escaped(pushLine(p)) + "\n" }
        }
        out += "settings:\n"
        for s in r.settings.split(separator: "\n", omittingEmptySubsequences: true) { out += "  \(TerminalText.escaped(String(s)))\n" }
        return out
    }

    /// One attempt on one line: "2026-07-05 abnormal #2  2026-07-06 02:41:07  HTTP 200 accepted
    /// {"success": true, …}  → URL (bytes, sha256 prefix)".
    static func pushLine(_ p: PushAttempt) -> String {
        let answer = p.httpStatus.map { "HTTP \($0)" } ?? (p.outcome == .empty ? "not sent" : "no answer")
        var line = "\(p.day) \(p.payload) #\(p.attempt)  \(p.at)  \(answer) \(p.outcome.rawValue)"
        if let e = p.error { line += ": \(e)" }
        if let reply = p.reply, !reply.isEmpty {
            line += "  " + reply.replacingOccurrences(of: "\n", with: " ").prefix(200)
        }
        return line + "  → \(p.url) (\(p.bytes) bytes, sha256 \(p.sha256.prefix(12)))"
    }

    static func pushObject(_ p: PushAttempt) -> [String: Any] {
        func orNull(_ v: Any?) -> Any { v ?? NSNull() }
        return [
            "day": p.day.description, "payload": p.payload, "attempt": p.attempt, "url": p.url, "file": p.file,
            "sha256": p.sha256, "bytes": p.bytes, "at": p.at.description, "http_status": orNull(p.httpStatus),
            "error": orNull(p.error), "reply": orNull(p.reply), "outcome": p.outcome.rawValue,
        ]
    }

    static func object(_ r: RunRecord, outputs: Int) -> [String: Any] {
        func orNull(_ v: Any?) -> Any { v ?? NSNull() }
        return [
            "id": r.id.rawValue, "command": r.command, "parameters": r.parameters,
            "engine_version": r.engineVersion, "release_version": orNull(r.releaseVersion), "registry_version": orNull(r.registryVersion),
            "registry_sha256": orNull(r.registrySHA256), "out_dir": r.outDir,
            "started_at": r.startedAt.description, "ended_at": orNull(r.endedAt?.description),
            "seconds": orNull(r.seconds.map { Int($0) }), "status": r.status.rawValue,
            "exit_code": orNull(r.exitCode.map { Int($0) }), "message": orNull(r.message),
            "files_loaded": r.counts.filesLoaded, "rejected_lines": r.counts.rejectedLines,
            "late_days": r.counts.lateDays, "pid": r.pid, "host": r.host, "outputs": outputs,
        ]
    }

    static func json(_ value: Any) -> String {
        JSONString.serialized(value, escapingSlashes: false)
    }
}
