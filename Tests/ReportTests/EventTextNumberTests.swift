import Testing
@testable import Reports

/// Numbers written inside the 异常清单's sentences (测点阈值, 其他观测值) read as a person writes
/// them; the number cells keep every digit.
@Suite struct EventTextNumberTests {
    @Test func aDerivedThresholdInsideASentenceHasAtMostThreeDecimals() {
        #expect(PeriodReportData.shown(42.192000000004) == "42.192")   // 0.3 × p90 in floating point
        #expect(PeriodReportData.shown(90.583333333333) == "90.583")   // carbon days
        #expect(PeriodReportData.shown(7.5) == "7.5")
        #expect(PeriodReportData.shown(-0.0004) == "0")
    }
}
