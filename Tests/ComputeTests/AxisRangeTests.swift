import Charts
import Foundation
import Testing

/// Axis ticks over any data range a store can hold (issue 13): huge, overflowing, infinite or
/// sub-normal ranges give a few finite round ticks instead of trapping.
@Suite struct AxisRangeTests {
    /// Ticks that can be drawn: finite, increasing by `step`, a handful of them.
    static func drawable(_ t: Ticks) -> Bool {
        let v = t.values
        return t.step.isFinite && t.step > 0 && t.lo.isFinite && t.hi.isFinite && (2...50).contains(v.count)
            && v.allSatisfy(\.isFinite) && zip(v, v.dropFirst()).allSatisfy { $0 < $1 }
    }

    @Test func aRangeUpTo1e300HasRoundTicksCoveringIt() {
        let t = Ticks(lo: 0, hi: 1e300, target: 5)
        #expect(Self.drawable(t))
        #expect(abs(t.step / 2e299 - 1) < 1e-12)
        #expect(t.hi >= 1e300 && t.decimals == 0)
        // Labels stay short enough for the plot to keep its width.
        #expect(t.label(2e299) == "2e+299" && t.label(0) == "0")
        #expect(Ticks(lo: 0, hi: 4.44, target: 5).label(4) == "4")
    }

    @Test func overflowingInfiniteAndSubnormalRangesStillGiveDrawableTicks() {
        for (lo, hi) in [(-1.7e308, 1.7e308), (0, .infinity), (-.infinity, 0), (0, 5e-324), (5e-324, 5e-324),
                         (0, .greatestFiniteMagnitude), (.nan, 3)] {
            let t = Ticks(lo: lo, hi: hi, target: 5)
            #expect(Self.drawable(t), "\(lo)…\(hi): \(t.lo) \(t.hi) \(t.step)")
            #expect(t.decimals >= 0 && t.decimals <= 400)
            _ = t.label(t.hi)
        }
    }
}
