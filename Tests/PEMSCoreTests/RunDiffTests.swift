import Testing
@testable import PEMSCore

/// `RunDiff`: which outputs differ between two runs and which recorded inputs changed.
@Suite struct RunDiffTests {
    static let settings = "slot_minutes: 15\nbaseline.days: 5\n# store: (not set)\n"

    static func record(_ id: Int, settings: String = settings, engine: String = "0.1.0", registry: Int? = 3,
                       sha: String? = "ab12", parameters: [String: String] = ["date": "2026-07-05"],
                       status: RunStatus = .succeeded) -> RunRecord {
        RunRecord(id: RunID(id), command: "rerun", parameters: parameters, settings: settings, engineVersion: engine,
                  registryVersion: registry, registrySHA256: sha, outDir: "/out/\(id)",
                  startedAt: Timestamp(seconds: Int64(id) * 3600), endedAt: Timestamp(seconds: Int64(id) * 3600 + 60),
                  status: status, exitCode: 0, message: nil, counts: RunCounts(), pid: 1, host: "h")
    }

    static let d4 = Day(index: 20_638), d5 = Day(index: 20_639)
    static let inputs = [d4: "f4", d5: "f5"]
    static let outputs = [RunOutput(path: "a.csv", sha256: "1", bytes: 1), RunOutput(path: "b.xlsx", sha256: "2", bytes: 2)]

    static func diff(_ a: RunRecord, _ b: RunRecord, inputsB: [Day: String] = inputs,
                     outputsB: [RunOutput] = outputs) -> RunDiff {
        RunDiff.compare(a, b, inputsA: inputs, inputsB: inputsB, outputsA: outputs, outputsB: outputsB)
    }

    @Test func identicalRunsHaveIdenticalOutputsAndNoChangedInput() {
        let d = Self.diff(Self.record(1), Self.record(2))
        #expect(d.outputsIdentical && d.outputsSame == 2 && !d.anyInputChanged)
        #expect(d.lines == ["outputs identical (2 files)", "no recorded input changed"])
    }

    @Test func lateDataShowsAsTheDayWhoseFingerprintChanged() {
        let later = [RunOutput(path: "a.csv", sha256: "1*", bytes: 1), RunOutput(path: "b.xlsx", sha256: "2", bytes: 2)]
        let d = Self.diff(Self.record(1), Self.record(2), inputsB: [Self.d4: "f4", Self.d5: "f5-late"], outputsB: later)
        #expect(!d.outputsIdentical && d.outputsChanged == ["a.csv"] && d.outputsSame == 1)
        #expect(d.inputDaysChanged == [Self.d5] && d.inputDaysOnlyInA.isEmpty && d.inputDaysOnlyInB.isEmpty)
        #expect(d.settings.isEmpty && d.engineVersion == nil && d.registryVersion == nil && d.parameters.isEmpty)
        #expect(d.lines.first == "outputs differ: 1 changed, 1 identical")
        #expect(d.lines.contains("  changed: a.csv"))
        #expect(d.lines.contains("input data changed (late or reloaded data) on 1 day: \(Self.d5)"))
        #expect(!d.lines.contains { $0.contains("nondeterminism") })
    }

    @Test func aChangedSettingIsListedByKeyWithBothValues() {
        let changed = "slot_minutes: 15\nbaseline.days: 7\nstore: /data/pems.db\n"
        let d = Self.diff(Self.record(1), Self.record(2, settings: changed))
        #expect(d.settings == [RunDiff.KeyChange(key: "baseline.days", a: "5", b: "7"),
                               RunDiff.KeyChange(key: "store", a: "(not set)", b: "/data/pems.db")])
        #expect(d.anyInputChanged)
        #expect(d.lines.contains("settings changed (2):") && d.lines.contains("  baseline.days: 5 → 7"))
    }

    @Test func helpCommentsInTheSettingsTextAreNotSettings() {
        let explained = "# Minutes per slot (SPEC §4): 15 by default\nslot_minutes: 15\nbaseline.days: 5\n# store: (not set)\n"
        #expect(Self.diff(Self.record(1), Self.record(2, settings: explained)).settings.isEmpty)
    }

    @Test func anEngineVersionChangeIsACause() {
        let d = Self.diff(Self.record(1), Self.record(2, engine: "0.2.0"))
        #expect(d.engineVersion == RunDiff.Change(a: "0.1.0", b: "0.2.0"))
        #expect(d.lines.contains("engine fingerprint changed: 0.1.0 → 0.2.0"))
    }

    @Test func aNewEngineFingerprintUnderTheSameReleaseIsACause() {
        let before = String(repeating: "a", count: 64), after = String(repeating: "b", count: 64)
        let d = Self.diff(Self.record(1, engine: before), Self.record(2, engine: after))
        #expect(d.engineVersion == RunDiff.Change(a: before, b: after) && d.releaseVersion == nil)
        #expect(d.anyInputChanged)
        #expect(d.lines.contains("engine fingerprint changed: aaaaaaaaaaaa → bbbbbbbbbbbb"))
    }

    @Test func aReleaseVersionChangeIsACause() {
        var a = Self.record(1), b = Self.record(2)
        a.releaseVersion = "0.1.0"
        b.releaseVersion = "0.2.0"
        let d = Self.diff(a, b)
        #expect(d.releaseVersion == RunDiff.Change(a: "0.1.0", b: "0.2.0"))
        #expect(d.anyInputChanged)
        #expect(d.lines.contains("release version changed: 0.1.0 → 0.2.0"))
    }

    @Test func aRegistryChangeIsReportedByVersionAndContent() {
        let d = Self.diff(Self.record(1), Self.record(2, registry: 4, sha: "cd34"))
        #expect(d.registryVersion == RunDiff.Change(a: 3, b: 4))
        #expect(d.registrySHA256 == RunDiff.Change(a: "ab12", b: "cd34"))
        #expect(d.lines.contains("registry version changed: 3 → 4"))
        let none = Self.diff(Self.record(1), Self.record(2, registry: nil, sha: nil))
        #expect(none.lines.contains("registry version changed: 3 → (none)"))
    }

    @Test func differentPeriodsShowAsParametersAndDaysReadByOnlyOneRun() {
        let d6 = Day(index: 20_640)
        let d = Self.diff(Self.record(1), Self.record(2, parameters: ["date": "2026-07-06"]),
                          inputsB: [Self.d5: "f5", d6: "f6"])
        #expect(d.parameters == [RunDiff.KeyChange(key: "date", a: "2026-07-05", b: "2026-07-06")])
        #expect(d.inputDaysOnlyInA == [Self.d4] && d.inputDaysOnlyInB == [d6] && d.inputDaysChanged.isEmpty)
    }

    @Test func outputsThatDifferWithoutAnyChangedInputAreCalledOut() {
        let other = [RunOutput(path: "a.csv", sha256: "1", bytes: 1), RunOutput(path: "c.png", sha256: "3", bytes: 3)]
        let d = Self.diff(Self.record(1), Self.record(2), outputsB: other)
        #expect(d.outputsOnlyInA == ["b.xlsx"] && d.outputsOnlyInB == ["c.png"] && d.outputsChanged.isEmpty)
        #expect(!d.anyInputChanged)
        #expect(d.lines.last?.hasPrefix("no recorded input changed — nondeterminism?") == true)
    }

    @Test func anUnfinishedRunIsNotedBecauseItsOutputsMayBeIncomplete() {
        let d = Self.diff(Self.record(1), Self.record(2, status: .interrupted), outputsB: [])
        #expect(d.lines.contains("note: run 2 is interrupted; its outputs may be incomplete"))
    }
}
