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
        acc.append(a, time: 60, value: ScaledDecimal(mantissa: 15, scale: 1), flag: 78)
        acc.append(b, time: 60, value: ScaledDecimal(mantissa: 2, scale: 0), flag: 78)
        acc.append(a, time: 0, value: ScaledDecimal(mantissa: 125, scale: 2), flag: 70)
        #expect(acc.keys == [a, b])
        let da = acc.builders[0].data()
        #expect(da.times == [60, 0] && da.values == [1.5, 1.25] && da.flags == [78, 70])
        #expect(acc.builders[1].data().values == [2])
        #expect(SeriesAccumulator.unpack(a) == (20_000, 7, 2011, 1))
    }
}
