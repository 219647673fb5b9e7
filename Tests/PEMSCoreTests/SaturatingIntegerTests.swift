import Testing
@testable import PEMSCore

/// `Int(saturating:)`: the one Double → integer conversion reading-derived values use (issue 13).
@Suite struct SaturatingIntegerTests {
    @Test func inRangeValuesTruncateTowardZeroLikeTheStandardConversion() {
        #expect(Int(saturating: 3.7) == 3)
        #expect(Int(saturating: -3.7) == -3)
        #expect(Int32(saturating: 2_147_483_646.9) == 2_147_483_646)
        #expect(Int64(saturating: 0x1p62) == 1 << 62)
    }

    @Test func hugeInfiniteAndNaNValuesClampInsteadOfTrapping() {
        #expect(Int(saturating: 1e300) == Int.max)
        #expect(Int(saturating: -1e300) == Int.min)
        #expect(Int64(saturating: 0x1p63) == Int64.max)
        #expect(Int64(saturating: -0x1p63) == Int64.min)
        #expect(Int32(saturating: .infinity) == Int32.max)
        #expect(Int32(saturating: -.infinity) == Int32.min)
        #expect(Int(saturating: .nan) == 0)
        #expect(UInt64(saturating: -5) == 0)
        #expect(UInt64(saturating: 1e30) == UInt64.max)
    }
}
