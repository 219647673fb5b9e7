import Foundation
import Testing
@testable import PEMSCore

/// SPEC §12/§13.26 numbers: plain decimals, at most 12 decimals, trailing zeros stripped — for
/// every double, however large (an old store may hold a reading of 1e300).
@Suite struct ExportNumberTests {
    /// C's `%.0f`: the exact decimal value of an integral double (an independent reference).
    static func printf0(_ x: Double) -> String { String(format: "%.0f", x) }

    @Test func ordinaryValuesKeepTwelveDecimalsWithoutTrailingZeros() {
        #expect(ExportNumber.format(0.1) == "0.1")
        #expect(ExportNumber.format(-2.5) == "-2.5")
        #expect(ExportNumber.format(1.0 / 3.0) == "0.333333333333")
        #expect(ExportNumber.format(1_234.5) == "1234.5")
        #expect(ExportNumber.format(12_345_678) == "12345678")
        #expect(ExportNumber.format(1e-13) == "0")
        #expect(ExportNumber.format(-0.0) == "0")
        #expect(ExportNumber.format(9_007_199_254_740_992) == "9007199254740992")
    }

    @Test func hugeFiniteValuesAreWrittenAsTheirExactIntegerDigits() {
        let big = ExportNumber.format(1e300)
        #expect(big == Self.printf0(1e300))
        #expect(big.count == 301 && big.hasPrefix("1000000000000000052504760255204420248704468581108159154915854115"))
        #expect(ExportNumber.format(-1e300) == "-" + big)
        #expect(ExportNumber.format(1e20) == "100000000000000000000")
        #expect(ExportNumber.format(18_446_744_073_709_551_616) == "18446744073709551616")
        #expect(ExportNumber.format(9.3e18) == Self.printf0(9.3e18))
        #expect(ExportNumber.format(.greatestFiniteMagnitude) == Self.printf0(.greatestFiniteMagnitude))
        #expect(ExportNumber.format(-.greatestFiniteMagnitude) == Self.printf0(-.greatestFiniteMagnitude))
        for x in [1e16, 123_456_789_012_345_678.0, 3.5e150, 0x1p64 + 0x1p12, 0x1.fffffffffffffp200] {
            #expect(ExportNumber.format(x) == Self.printf0(x), "\(x)")
        }
        #expect(!ExportNumber.format(1e300).contains("e"))
    }

    @Test func infinityAndNaNAreEmptyCells() {
        #expect(ExportNumber.format(.infinity) == "")
        #expect(ExportNumber.format(-.infinity) == "")
        #expect(ExportNumber.format(.nan) == "")
    }
}
