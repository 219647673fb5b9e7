import Foundation
import Testing
@testable import PEMSCore

@Suite struct SettingsTests {
    @Test func anEmptyFileGivesSPECDefaults() throws {
        let s = try SettingsFile.parse("", file: "pems.yaml")
        #expect(s == Settings())
        #expect(s.slotMinutes == 15 && s.lowRatio == 0.8 && s.mergeGapSlots == 1 && s.crcPolicy == .reject)
        #expect(s.minMinutes["TREATMENT_LOW"] == 60 && s.heatShiftMinTempC == 35)
    }

    @Test func groupedAndDottedKeysBothWork() throws {
        let s = try SettingsFile.parse("""
            slot_minutes: 5
            crc_policy: warn
            thresholds:
              lookback_days: 21
            min_minutes.OFFLINE: 120
            data_quality:
              clock_max_skew_minutes: 15
            """, file: "site.yaml")
        #expect(s.slotMinutes == 5 && s.crcPolicy == .warn && s.thresholdLookbackDays == 21)
        #expect(s.minMinutes["OFFLINE"] == 120 && s.dqClockMaxSkewMinutes == 15)
    }

    @Test func theOutletDeviationOfSPEC92IsASettingWithDefaultThirtyPercent() throws {
        #expect(Settings().outletMaxDeviation == 0.3)
        let s = try SettingsFile.parse("accounting:\n  outlet_max_deviation: 0.5\n", file: "site.yaml")
        #expect(s.outletMaxDeviation == 0.5)
        #expect(SettingsFile.render(s).contains("accounting.outlet_max_deviation: 0.5\n"))
    }

    @Test func anUnknownKeyIsAnErrorNamingFileAndLine() {
        #expect(throws: SettingsError.unknownKey(file: "site.yaml", line: 2, key: "slot_minute")) {
            try SettingsFile.parse("low_ratio: 0.7\nslot_minute: 5\n", file: "site.yaml")
        }
        #expect(throws: SettingsError.unknownKey(file: "site.yaml", line: 2, key: "thresholds.lookback")) {
            try SettingsFile.parse("thresholds:\n  lookback: 3\n", file: "site.yaml")
        }
    }

    @Test func aBadValueIsAnErrorSayingWhatIsAllowed() throws {
        #expect(throws: SettingsError.badValue(file: "s.yaml", line: 1, key: "slot_minutes", value: "7", expected: "one of 1, 5, 15, 30, 60")) {
            try SettingsFile.parse("slot_minutes: 7", file: "s.yaml")
        }
        #expect(throws: SettingsError.badValue(file: "s.yaml", line: 1, key: "low_ratio", value: "1.5", expected: "a number in 0.0…1.0")) {
            try SettingsFile.parse("low_ratio: 1.5", file: "s.yaml")
        }
    }

    @Test func renderedSettingsParseBackToTheSameValues() throws {
        var s = Settings()
        s.slotMinutes = 30
        s.lowRatio = 0.75
        s.store = "/data/pems.db"
        s.minMinutes["OFFLINE"] = 90
        let text = SettingsFile.render(s)
        #expect(text.contains("slot_minutes: 30\n") && text.contains("# inbox: (not set)"))
        #expect(try SettingsFile.parse(text, file: "rendered") == s)
    }

    /// SPEC 2 defaults (issue 16), as the issue lists them.
    @Test func spec2SettingsHaveTheSeedDefaults() throws {
        let s = try SettingsFile.parse("", file: "pems.yaml")
        #expect(s.thresholdLookbackDays == 28 && s.thresholdMinDays == 14)
        #expect(s.thresholdTreatmentRatedFactor == 0.1 && s.thresholdFallbackRatedFactor == 0.1 && s.idleRatio == 0.2)
        #expect(s.dqPhaseFaultMinSlots == 4 && s.dqThresholdSuspectDays == 14 && s.dqThresholdSuspectMinDays == 7)
        #expect(s.minMinutes["EXEMPTION_BREACH"] == 30)
        let set = try SettingsFile.parse("idle_ratio: 0.25\nthresholds:\n  treatment_rated_factor: 0.12\ndata_quality.phase_fault_min_slots: 6\nmin_minutes.EXEMPTION_BREACH: 45\n", file: "s.yaml")
        #expect(set.idleRatio == 0.25 && set.thresholdTreatmentRatedFactor == 0.12 && set.dqPhaseFaultMinSlots == 6)
        #expect(set.minMinutes["EXEMPTION_BREACH"] == 45)
    }

    /// Issue 17's report settings: the defaults the issue names, set nested or flat, and a bad
    /// tier list named with its value.
    @Test func readerSettingsHaveTheIssueDefaultsAndRefuseBadTiers() throws {
        let s = try SettingsFile.parse("", file: "pems.yaml")
        #expect(s.districtEditions && s.keyEnterpriseTiers == [50, 10])
        #expect(s.comparisonIndustryDeviation == 0.5 && s.comparisonChangeThreshold == 0.5 && s.comparisonEnergySteady == 0.1)
        let set = try SettingsFile.parse("district_editions: false\nkey_enterprise:\n  tiers: [40, 5.5]\ncomparison.energy_steady: 0.2\n", file: "s.yaml")
        #expect(!set.districtEditions && set.keyEnterpriseTiers == [40, 5.5] && set.comparisonEnergySteady == 0.2)
        #expect(try SettingsFile.parse(SettingsFile.render(set), file: "rendered") == set)
        #expect(throws: SettingsError.badValue(file: "s.yaml", line: 2, key: "key_enterprise.tiers", value: "[10, 50]",
                                               expected: "two numbers ≥ 0, the first larger, e.g. [50, 10]")) {
            try SettingsFile.parse("key_enterprise:\n  tiers: [10, 50]\n", file: "s.yaml")
        }
        #expect(throws: SettingsError.self) { try SettingsFile.parse("district_editions: maybe\n", file: "s.yaml") }
    }

    /// `pems.example.yaml` at the repository root is `pems config --explain` of the defaults:
    /// every key with its default and what it means. Regenerate it with that command.
    @Test func theExampleSettingsFileIsTheExplainedDefaults() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("pems.example.yaml"), encoding: .utf8)
        #expect(text == SettingsFile.renderExplained(Settings()), "run `pems config --explain > pems.example.yaml`")
    }
}
