@testable import Loader
import PEMSCore
import Testing

/// The loader's per-worker series map (`SeriesAccumulator`, `SlotTable`): every key finds
/// the builder it was given, also after the table has grown many times, and a key never
/// given is not found.
@Suite struct SeriesAccumulatorTests {
    @Test func everyKeyFindsItsOwnBuilderAfterTheTableGrows() {
        var table = SlotTable()
        // 100,000 packed keys the way the loader makes them: 3 days × 5,000 channels × CNs ×
        // parameters, given in a scrambled order.
        var keys: [UInt64] = []
        for day in 20_000..<20_003 {
            for channel in 0..<5_000 { for cn in 0..<2 { for param in 0..<3 where keys.count < 100_000 {
                keys.append(SeriesAccumulator.key(day: day, channel: Int32(channel), cnIndex: cn, param: param))
            } } }
        }
        keys = keys.enumerated().sorted { ($0.offset &* 7919) % keys.count < ($1.offset &* 7919) % keys.count }.map(\.element)
        for (i, k) in keys.enumerated() { table.insert(k, i) }
        #expect(table.count == keys.count)
        var wrong = 0
        for (i, k) in keys.enumerated() where table.find(k) != i { wrong += 1 }
        #expect(wrong == 0)
        #expect(table.find(SeriesAccumulator.key(day: 20_005, channel: 1, cnIndex: 0, param: 0)) == nil)
        #expect(table.find(0) == nil)
    }

    @Test func readingsOfOneKeyGoToOneBuilderInArrivalOrder() throws {
        var acc = SeriesAccumulator()
        let a = SeriesAccumulator.key(day: 20_000, channel: 7, cnIndex: 0, param: 1)
        let b = SeriesAccumulator.key(day: 20_000, channel: 8, cnIndex: 0, param: 1)
        acc.append(a, group: 3, time: 60, value: ScaledDecimal(mantissa: 15, scale: 1), flag: 78)
        acc.append(b, group: 3, time: 60, value: ScaledDecimal(mantissa: 2, scale: 0), flag: 78)
        acc.append(a, group: 3, time: 0, value: ScaledDecimal(mantissa: 125, scale: 2), flag: 70)
        acc.append(b, group: 3, time: 120, double: 1e300, flag: 78)
        let (keys, builders) = acc.series()
        #expect(keys == [a, b])
        let da = builders[0].data()
        #expect(da.times == [60, 0] && da.values == [1.5, 1.25] && da.flags == [78, 70])
        #expect(builders[1].data().doubles == [2, 1e300])
        #expect(SeriesAccumulator.unpack(a) == (20_000, 7, 2011, 1))
    }

    @Test func stagedReadingsOfManyGroupsAndSeriesReachTheirBuildersInArrivalOrder() {
        // 300 MNs (groups) × 40 series each (more than a group's key cache holds), 600 readings
        // a series in rounds (more than a group's buffer holds), the groups interleaved as
        // packets interleave: each series gets exactly its readings, in the order sent.
        var acc = SeriesAccumulator()
        let groups = 300, perGroup = 40, rounds = 600
        func key(_ g: Int, _ s: Int) -> UInt64 { SeriesAccumulator.key(day: 20_000, channel: Int32(g * perGroup + s), cnIndex: 0, param: 0) }
        for r in 0..<rounds {
            for g in 0..<groups {
                for s in 0..<perGroup {
                    acc.append(key(g, s), group: g, time: Int32(r * 60), value: ScaledDecimal(mantissa: Int64(g * 1_000_000 + s * 1_000 + r), scale: 0), flag: 78)
                }
            }
        }
        let (keys, builders) = acc.series()
        #expect(keys.count == groups * perGroup)
        #expect(keys == (0..<groups).flatMap { g in (0..<perGroup).map { key(g, $0) } })
        var wrong = 0
        for (i, b) in builders.enumerated() {
            let g = i / perGroup, s = i % perGroup
            let d = b.data()
            if d.times != (0..<rounds).map({ Int32($0 * 60) }) || d.mantissas != (0..<rounds).map({ Int64(g * 1_000_000 + s * 1_000 + $0) }) { wrong += 1 }
        }
        #expect(wrong == 0)
    }
}
