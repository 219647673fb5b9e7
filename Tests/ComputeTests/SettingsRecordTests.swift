import Accounting
import Foundation
import PEMSCore
import Testing

/// Issue 3, "Settings": every default of SPEC §4–§8 comes from one configuration file (YAML or
/// JSON) and the effective values are recorded with each computation.
@Suite struct SettingsRecordTests {
    /// T1 stopped 04:00–06:00 (both fans 0) while P1 runs: a 120-minute TREATMENT_STOPPED.
    static func readings() -> ReadingsFile {
        var r = ReadingsFile()
        r.normalDay("2024-07-01") { code, h in (code == "t10001" || code == "t10002") && (4...5).contains(h) ? 0 : .none }
        return r
    }

    @Test func aJSONConfigFileChangesTheRuleAndIsRecordedWithTheComputation() throws {
        let ws = try ComputeWorkspace()
        let registryDir = ws.dir.appendingPathComponent("registry")
        try MiniCity.standard.write(to: registryDir)
        try ws.importRegistry(registryDir.path, from: "2024-06-01")
        let csv = ws.dir.appendingPathComponent("r.csv")
        try Data(Self.readings().text.utf8).write(to: csv)
        try ws.load([csv.path], registryDay: "2024-07-01")

        // JSON is read by the same settings reader as YAML (grouped keys).
        let json = ws.dir.appendingPathComponent("pems.json")
        try Data(#"{"slot_minutes": 60, "min_minutes": {"TREATMENT_STOPPED": 121}}"#.utf8).write(to: json)
        let strict = try SettingsFile.load(path: json.path)
        #expect(strict.slotMinutes == 60 && strict.minMinutes["TREATMENT_STOPPED"] == 121)

        let day = try #require(Day("2024-07-01"))
        let a = try StoredComputation.run(store: ws.store, settings: MiniRun.hourly, from: day, to: day,
                                          engineVersion: "test", reuse: false)
        let b = try StoredComputation.run(store: ws.store, settings: strict, from: day, to: day,
                                          engineVersion: "test", reuse: false)
        // 120 minutes ≥ 30 (default) fires; 120 < 121 does not.
        #expect(try a.result().events.filter { $0.rule == .treatmentStopped }.map(\.minutes) == [120])
        #expect(try b.result().events.filter { $0.rule == .treatmentStopped }.isEmpty)

        // The store keeps each computation's effective settings, and they read back to the same values.
        let stored = try #require(try ws.store.latestComputation(from: day, to: day))
        #expect(stored.id == b.computationID)
        #expect(try SettingsFile.parse(stored.settings, file: "stored") == strict)
        #expect(stored.settings.contains("min_minutes.TREATMENT_STOPPED: 121"))

        // Same inputs and settings again: export reuses the stored result; other settings do not.
        let again = try StoredComputation.run(store: ws.store, settings: strict, from: day, to: day, engineVersion: "test", reuse: true)
        #expect(again.reused && again.computationID == b.computationID)
        let other = try StoredComputation.run(store: ws.store, settings: MiniRun.hourly, from: day, to: day, engineVersion: "test", reuse: true)
        #expect(!other.reused)
    }
}
