import Testing
@testable import PEMSCore

/// `ReceiveLags` (SPEC §13.38): an exact median and the lag figures from counts per lag.
@Suite struct ReceiveLagsTests {
    static func lags(_ pairs: [(Int, Int)]) -> ReceiveLags {
        var l = ReceiveLags()
        for (lag, n) in pairs { l.add(lagSeconds: lag, lines: n) }
        return l
    }

    @Test func binsStaySortedWithEachLagOnce() {
        let l = Self.lags([(30, 1), (-5, 2), (30, 2), (7, 1)])
        #expect(l.bins == [.init(lagSeconds: -5, lines: 2), .init(lagSeconds: 7, lines: 1), .init(lagSeconds: 30, lines: 3)])
        #expect(l.lines == 6)
    }

    @Test func theMedianOfAnOddCountIsTheMiddleLag() {
        // 2, 2, 2, 2, 2, 2, 2, 3000, 3000 → 2.
        #expect(Self.lags([(3000, 2), (2, 7)]).doubledMedianSeconds == 4)
    }

    @Test func theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleLags() {
        // 10, 20 → 15; 1, 1, 4, 9 → 2.5; 2 ×7, 3000 ×3 → 2.
        #expect(Self.lags([(20, 1), (10, 1)]).doubledMedianSeconds == 30)
        #expect(Self.lags([(1, 2), (4, 1), (9, 1)]).doubledMedianSeconds == 5)
        #expect(Self.lags([(2, 7), (3000, 3)]).doubledMedianSeconds == 4)
        #expect(ReceiveLags().doubledMedianSeconds == nil)
    }

    @Test func aheadLagAndLateLinesComeFromTheEnds() {
        let l = Self.lags([(-660, 1), (1, 8), (3600, 1), (3601, 2)])
        #expect(l.largestAheadSeconds == 660)
        #expect(l.largestLagSeconds == 3601)
        #expect(l.lines(laterThan: 3600) == 2)
        #expect(Self.lags([(0, 3)]).largestAheadSeconds == nil)
    }

    @Test func mergingAddsTheCounts() {
        var a = Self.lags([(1, 2), (5, 1)])
        a.merge(Self.lags([(5, 2), (-3, 1)]))
        #expect(a == Self.lags([(-3, 1), (1, 2), (5, 3)]))
    }
}
