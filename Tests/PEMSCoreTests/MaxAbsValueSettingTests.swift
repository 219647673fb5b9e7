import Testing
@testable import PEMSCore

/// SPEC §13.36 `load.max_abs_value`: default 1e10, finite and > 0.
@Suite struct MaxAbsValueSettingTests {
    @Test func theDefaultIsTenBillionAndTheKeyReadsGroupedOrDotted() throws {
        #expect(Settings().loadMaxAbsValue == 1e10)
        #expect(try SettingsFile.parse("load:\n  max_abs_value: 250000\n", file: "s.yaml").loadMaxAbsValue == 250_000)
        #expect(try SettingsFile.parse("load.max_abs_value: 1.0e+12\n", file: "s.yaml").loadMaxAbsValue == 1e12)
        #expect(SettingsFile.render(Settings()).contains("\nload.max_abs_value: 10000000000\n"))
    }

    @Test func zeroNegativeInfiniteNaNOrOverflowingLimitsAreErrorsNamingFileAndLine() {
        for bad in ["0", "-5", ".inf", ".nan", "lots", "1.1e15", "1.7976931348623157e308"] {
            #expect(throws: SettingsError.badValue(file: "s.yaml", line: 2, key: "load.max_abs_value", value: bad,
                                                   expected: "a number > 0 and at most 1e15")) {
                try SettingsFile.parse("slot_minutes: 15\nload.max_abs_value: \(bad)\n", file: "s.yaml")
            }
        }
    }

    @Test func theLargestAllowedLimitRendersAndParsesBack() throws {
        var s = Settings()
        s.loadMaxAbsValue = Settings.loadMaxAbsValueCeiling
        #expect(try SettingsFile.parse(SettingsFile.render(s), file: "rendered") == s)
        s.loadMaxAbsValue = 1e-3
        #expect(try SettingsFile.parse(SettingsFile.render(s), file: "rendered") == s)
    }
}
