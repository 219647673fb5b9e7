import DemoCity
import Foundation
import Loader
import PEMSCore

/// Compares what the loader counted with what the demo generator says it wrote — the
/// load-level half of the demo's ground truth, checked on every demo run.
enum DemoCheck {
    struct Row {
        let name: String
        let expected: Int
        let found: Int
    }

    static func rows(manifest m: DemoManifest, summary: LoadSummary) -> [Row] {
        let t = summary.total
        return [
            Row(name: "rejected bad_crc", expected: m.badCRC, found: t.rejected["bad_crc"] ?? 0),
            Row(name: "rejected bad_length", expected: m.badLength, found: t.rejected["bad_length"] ?? 0),
            Row(name: "other rejected lines", expected: 0, found: t.rejectedLines - (t.rejected["bad_crc"] ?? 0) - (t.rejected["bad_length"] ?? 0)),
            Row(name: "ignored responses", expected: m.responses, found: t.responses),
            Row(name: "unknown-MN packets", expected: m.unknownMNPackets.reduce(0) { $0 + $1.count }, found: t.unknownMNPackets),
            Row(name: "values with an unknown code (kept aside)", expected: m.unknownCodeValues, found: t.keptAsideReadings),
            Row(name: "duplicate readings", expected: m.duplicateReadings, found: t.duplicates),
            Row(name: "conflicting readings", expected: m.conflictReadings, found: t.conflicts),
            Row(name: "data packets + CSV rows", expected: m.dataPackets + m.csvReadingRows, found: t.packets),
        ]
    }

    /// "check: … expected N, loaded N ✓" lines, and a verdict.
    static func compare(manifest: DemoManifest, summary: LoadSummary) -> String {
        let rows = rows(manifest: manifest, summary: summary)
        var out = "ground-truth load check:\n"
        for r in rows {
            out += "  \(r.name): expected \(LoadSummaryFormat.n(r.expected)), loaded \(LoadSummaryFormat.n(r.found)) \(r.expected == r.found ? "✓" : "✗ MISMATCH")\n"
        }
        let bad = rows.filter { $0.expected != $0.found }.count
        out += bad == 0 ? "  all \(rows.count) load counts match the generator's\n" : "  \(bad) of \(rows.count) counts differ\n"
        return out
    }
}

/// The event-level half of the demo's ground truth: the exported events, data-quality rows,
/// facility energy and revisions of the demo period against `ground_truth.csv` (the comparison
/// is `GroundTruthCheck`; the registry's `points.csv` names each revised point's MN and code).
enum DemoEventCheck {
    static func check(truth: URL, export: URL, registry: URL, settings: Settings) throws -> GroundTruthCheck {
        func read(_ url: URL) throws -> String {
            do { return try String(contentsOf: url, encoding: .utf8) } catch {
                throw UserError("\(url.path): cannot read (\(error.localizedDescription))")
            }
        }
        /// An export this engine may not write yet (`revisions.csv` before SPEC 2): nil when absent.
        func readIfPresent(_ url: URL) throws -> String? {
            FileManager.default.fileExists(atPath: url.path) ? try read(url) : nil
        }
        return try GroundTruthCheck(truthCSV: try read(truth),
                                    eventsCSV: try read(export.appendingPathComponent("events.csv")),
                                    dqCSV: try read(export.appendingPathComponent("dq.csv")),
                                    toleranceMinutes: settings.slotMinutes,
                                    facilityDayCSV: try read(export.appendingPathComponent("facility_day.csv")),
                                    revisionsCSV: try readIfPresent(export.appendingPathComponent("revisions.csv")),
                                    pointsCSV: try read(registry.appendingPathComponent("points.csv")))
    }
}
