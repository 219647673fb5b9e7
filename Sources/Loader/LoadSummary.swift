import Foundation
import HJ212
import PEMSCore

/// The end-of-load summary: totals over files, every file not loaded with its reason, every
/// rejected line counted by reason, the first examples as `file:line: reason — detail`,
/// unknown MNs; as text for people and cron logs (stable `key: value` lines, each value shown
/// through `TerminalText`) or as JSON.
public struct LoadSummary: Sendable {
    public var files: [FileResult]
    public var seconds: Double
    /// Lines kept aside by earlier loads that came in before these files (SPEC §13.37).
    public var broughtIn: KeptAsideReplay?

    public init(files: [FileResult], seconds: Double, broughtIn: KeptAsideReplay? = nil) {
        self.files = files
        self.seconds = seconds
        self.broughtIn = broughtIn
    }

    public var total: LoadCounters {
        var t = LoadCounters()
        for f in files where f.status == .loaded { t += f.counters }
        return t
    }

    public var loadedCount: Int { files.filter { $0.status == .loaded }.count }
    public var skippedCount: Int { files.filter { $0.status == .skipped }.count }
    public var notLoadedCount: Int { files.filter { $0.status == .notLoaded }.count }
    /// Files not loaded, in load order, each with its reason.
    public var notLoaded: [(path: String, reason: String)] {
        files.filter { $0.status == .notLoaded }.map { ($0.path, $0.reason ?? "not loaded") }
    }
    public var bytesLoaded: Int { files.filter { $0.status == .loaded }.reduce(0) { $0 + $1.bytes } }

    static func n(_ v: Int) -> String { LoadSummaryFormat.n(v) }


    static func breakdown(_ d: [String: Int]) -> String {
        d.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\($0.key) \(n($0.value))" }.joined(separator: ", ")
    }

    /// What the per-file line adds for a name that was not UTF-8.
    static func nameNote(_ f: FileResult) -> String {
        switch f.nameEncoding {
        case .utf8: return ""
        case .gb18030: return " (file name not UTF-8, shown decoded from GB 18030)"
        case .escaped: return " (file name not UTF-8, bytes shown as \\xNN)"
        }
    }

    /// Human- and grep-friendly text. Files not loaded are always listed (`not loaded: path
    /// (reason)`), also without per-file lines.
    public func text(perFile: Bool = true, examples: Int = 10) -> String {
        var out: [String] = []
        let t = total
        if perFile {
            for f in files {
                switch f.status {
                case .skipped:
                    out.append("\(f.path): skipped (already loaded from \(f.previouslyLoaded?.path ?? "?") at \(f.previouslyLoaded?.at ?? "?"))" + Self.nameNote(f))
                case .notLoaded:
                    continue // listed after the files line, with or without per-file lines
                case .loaded:
                    let c = f.counters
                    var s = "\(f.path): loaded \(Self.n(c.packets)) \(f.format == .csv ? "rows" : "packets"), \(Self.n(c.readings)) readings"
                    if c.rejectedLines > 0 { s += ", \(Self.n(c.rejectedLines)) rejected (\(Self.breakdown(c.rejected)))" }
                    if c.conflicts > 0 { s += ", \(Self.n(c.conflicts)) conflicts" }
                    if c.keptAsideReadings > 0 { s += ", \(Self.n(c.keptAsideReadings)) readings kept aside (unknown code)" }
                    if c.unknownMNPackets > 0 { s += ", \(Self.n(c.unknownMNPackets)) from unknown MNs" }
                    out.append(s + Self.nameNote(f))
                }
            }
        }
        if let b = broughtIn { out.append("kept aside before, brought in: \(b.summary)") }
        let mb = Double(bytesLoaded) / 1_048_576
        out.append("files: \(loadedCount) loaded, \(skippedCount) skipped (already loaded), \(notLoadedCount) not loaded, \(String(format: "%.1f", mb)) MB in \(String(format: "%.1f", seconds)) s")
        for f in notLoaded { out.append("not loaded: \(f.path) (\(f.reason))") }
        out.append("lines: \(Self.n(t.lines))")
        out.append("packets: \(Self.n(t.packets))" + (t.versions.isEmpty ? "" : " (HJ 212 versions: \(t.versions.sorted { $0.key < $1.key }.map { "\($0.key) \(Self.n($0.value))" }.joined(separator: ", ")))"))
        out.append("readings: \(Self.n(t.readings))")
        out.append("rejected lines: \(Self.n(t.rejectedLines))" + (t.rejected.isEmpty ? "" : " (\(Self.breakdown(t.rejected)))"))
        out.append("dropped values: \(Self.n(t.droppedValues))" + (t.dropped.isEmpty ? "" : " (\(Self.breakdown(t.dropped)))"))
        out.append("kept aside: \(Self.n(t.keptAsideReadings)) readings (unknown code; they load when a registry version knows the code)")
        out.append("ignored responses (CN 9xxx): \(Self.n(t.responses))")
        var mns: [String: Int] = [:]
        for (k, v) in t.unknownMN { mns[k.mn, default: 0] += v }
        out.append("unknown MNs: \(mns.count)" + (mns.isEmpty ? "" : " (\(mns.sorted { $0.key < $1.key }.map { "\($0.key) \(Self.n($0.value)) packets" }.joined(separator: ", ")); kept aside)"))
        out.append("duplicates: \(Self.n(t.duplicates))")
        out.append("conflicts: \(Self.n(t.conflicts)) (the later reading replaced the earlier)")
        if t.crcWarnings > 0 { out.append("crc warnings: \(Self.n(t.crcWarnings)) (loaded under crc_policy: warn)") }
        let ex = files.flatMap { f in f.examples.map { (f.path, $0) } }
        if examples > 0 && !ex.isEmpty {
            out.append("first rejected lines:")
            for (path, e) in ex.prefix(examples) { out.append("  \(path):\(e.line): \(e.reason) — \(e.detail)") }
            if ex.count > examples { out.append("  … \(ex.count - examples) more examples kept in the store") }
        }
        // One line per item: a newline or escape sequence in a file name, MN or detail is shown
        // escaped, never printed (issue 14: a name forged a `files:` line).
        return out.map(TerminalText.escaped).joined(separator: "\n") + "\n"
    }

    /// One JSON object (keys sorted) for scripts.
    public func json() -> String {
        func counters(_ c: LoadCounters) -> [String: Any] {
            var mns: [String: Int] = [:]
            for (k, v) in c.unknownMN { mns[k.mn, default: 0] += v }
            return ["lines": c.lines, "packets": c.packets, "readings": c.readings, "rejected": c.rejected,
                    "rejected_lines": c.rejectedLines, "dropped": c.dropped, "responses": c.responses,
                    "crc_warnings": c.crcWarnings, "unknown_mn": mns, "versions": c.versions,
                    "duplicates": c.duplicates, "conflicts": c.conflicts, "kept_aside_readings": c.keptAsideReadings]
        }
        let files: [[String: Any]] = self.files.map { f in
            var o: [String: Any] = ["path": f.path, "sha256": f.sha256, "bytes": f.bytes, "format": f.format.rawValue,
                                    "status": f.status.rawValue, "counters": counters(f.counters)]
            o["examples"] = f.examples.map { ["line": $0.line, "reason": $0.reason, "detail": $0.detail] }
            if let reason = f.reason { o["reason"] = reason }
            if f.nameEncoding != .utf8 { o["name_encoding"] = f.nameEncoding.rawValue }
            return o
        }
        var root: [String: Any] = ["files": files, "total": counters(total), "loaded": loadedCount,
                                   "skipped": skippedCount, "not_loaded": notLoadedCount, "seconds": (seconds * 1000).rounded() / 1000]
        if let b = broughtIn {
            root["brought_in"] = ["registry_version": b.registryVersion ?? -1, "lines": b.lines, "readings": b.readings,
                                  "files": b.files, "still_aside": b.stillAside]
        }
        return JSONString.serialized(root, escapingSlashes: true) + "\n"
    }
}

/// Number formatting shared by the summaries.
public enum LoadSummaryFormat {
    /// 1234567 → "1,234,567".
    public static func n(_ v: Int) -> String {
        let s = String(abs(v))
        var out = ""
        for (i, c) in s.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (v < 0 ? "-" : "") + String(out.reversed())
    }
}
