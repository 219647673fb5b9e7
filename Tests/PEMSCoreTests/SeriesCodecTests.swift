import Testing
@testable import PEMSCore

@Suite struct SeriesCodecTests {
    private func decimal(_ s: String) throws -> ScaledDecimal { try #require(ScaledDecimal.parse(s)) }

    @Test func scaledDecimalKeepsDigitsAndStripsTrailingZeros() throws {
        #expect(try decimal("474087.42") == ScaledDecimal(mantissa: 47_408_742, scale: 2))
        #expect(try decimal("1.0500") == ScaledDecimal(mantissa: 105, scale: 2))
        #expect(try decimal("-0.72") == ScaledDecimal(mantissa: -72, scale: 2))
        #expect(try decimal("650") == ScaledDecimal(mantissa: 650, scale: 0))
        #expect(try decimal("0.0") == ScaledDecimal(mantissa: 0, scale: 0))
        #expect(try decimal("474087.42").double == 474087.42)
        for bad in ["", "-", "1.2.3", "1e5", "NaN", "12a", "1234567890123456789"] {
            #expect(ScaledDecimal.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func regularMinuteCounterSeriesStoresUnderTwoBytesAValue() throws {
        var s = SeriesData()
        s.scale = 2
        var m: Int64 = 47_408_742
        for i in 0..<1440 {
            s.times.append(Int32(i * 60))
            m += 80 + Int64(i % 7) // a counter rising ~0.8 kWh a minute
            s.mantissas.append(m)
            s.flags.append(UInt8(ascii: "N"))
        }
        let blob = SeriesCodec.encode(s)
        #expect(blob.count < 1440 * 2)
        #expect(try SeriesCodec.decode(blob) == s)
    }

    @Test func builderRescalesAndFallsBackToDoubles() throws {
        let b = SeriesBuilder()
        b.append(time: 0, value: try decimal("1.5"), flag: 78)
        b.append(time: 60, value: try decimal("1.25"), flag: 78)
        b.append(time: 120, value: try decimal("3"), flag: 68)
        var d = b.data()
        #expect(d.scale == 2 && d.mantissas == [150, 125, 300] && d.times == [0, 60, 120])
        #expect(d.flags == [78, 78, 68])
        b.append(time: 180, double: 1e300, flag: 78)
        d = b.data()
        #expect(d.doubles == [1.5, 1.25, 3, 1e300])
        #expect(try SeriesCodec.decode(SeriesCodec.encode(d)) == d)
    }

    @Test func aBuilderKeepsEveryReadingExactlyAcrossItsBuffersGrowingAndFlagRuns() throws {
        // 50,000 readings with deltas from 1 to 10 varint bytes and flags changing in runs:
        // the buffers grow many times; data() returns exactly what was appended.
        let b = SeriesBuilder()
        var times: [Int32] = [], mantissas: [Int64] = [], flags: [UInt8] = []
        var seed: UInt64 = 42
        for i in 0..<50_000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let m = Int64(bitPattern: seed >> UInt64(i % 60)) >> 11   // |m| < 2^53, widely varying magnitude
            let f: UInt8 = (i / 7) % 3 == 0 ? 78 : ((i / 7) % 3 == 1 ? 70 : 68)
            let t = Int32(i % 86_400)
            b.append(time: t, value: ScaledDecimal(mantissa: m, scale: 0), flag: f)
            times.append(t); mantissas.append(m); flags.append(f)
        }
        let d = b.data()
        #expect(d.count == 50_000 && b.count == 50_000)
        #expect(d.times == times)
        #expect(d.mantissas == mantissas)
        #expect(d.flags == flags)
        #expect(d.doubles == nil && d.scale == 0)
    }

    @Test func normalizeSortsAndLastReadingWins() throws {
        let b = SeriesBuilder()
        b.append(time: 120, value: try decimal("2"), flag: 78)
        b.append(time: 60, value: try decimal("1"), flag: 78)
        b.append(time: 60, value: try decimal("1"), flag: 78)   // duplicate
        b.append(time: 120, value: try decimal("2.5"), flag: 78) // conflict, wins
        var d = b.data()
        let counts = d.normalize()
        #expect(counts == MergeCounts(duplicates: 1, conflicts: 1,
                                      revisions: [SeriesRevision(time: 120, oldValue: 2, oldFlag: 78, newValue: 2.5, newFlag: 78)]))
        #expect(d.times == [60, 120] && d.values == [1, 2.5])
    }

    @Test func normalizeReportsEachChangedValueInArrivalOrderAndNotAFlagChange() throws {
        let b = SeriesBuilder()
        b.append(time: 60, value: try decimal("41.50"), flag: 78)
        b.append(time: 60, value: try decimal("41.5"), flag: 70)   // same number, flag F: no revision
        b.append(time: 60, value: try decimal("40"), flag: 70)
        b.append(time: 0, value: try decimal("1"), flag: 78)
        b.append(time: 60, value: try decimal("39.5"), flag: 78)
        var d = b.data()
        let counts = d.normalize()
        #expect(counts.revisions == [SeriesRevision(time: 60, oldValue: 41.5, oldFlag: 70, newValue: 40, newFlag: 70),
                                     SeriesRevision(time: 60, oldValue: 40, oldFlag: 70, newValue: 39.5, newFlag: 78)])
        #expect(counts.conflicts == 3 && counts.duplicates == 0)
        #expect(d.values == [1, 39.5])
    }

    @Test func mergeReplacesTheStoredReadingByTheBatchsFirstValueThenByEachChange() throws {
        var old = SeriesData(); old.scale = 1
        old.times = [0, 60]; old.mantissas = [100, 200]; old.flags = [78, 78]
        let b = SeriesBuilder()
        b.append(time: 60, value: try decimal("21"), flag: 78)
        b.append(time: 60, value: try decimal("22"), flag: 78)
        b.append(time: 120, value: try decimal("5"), flag: 78)
        b.append(time: 120, value: try decimal("6"), flag: 78)
        var batch = b.data()
        let inBatch = batch.normalize().revisions
        let counts = old.merge(newer: batch, batch: inBatch)
        #expect(counts.revisions == [SeriesRevision(time: 60, oldValue: 20, oldFlag: 78, newValue: 21, newFlag: 78),
                                     SeriesRevision(time: 60, oldValue: 21, oldFlag: 78, newValue: 22, newFlag: 78),
                                     SeriesRevision(time: 120, oldValue: 5, oldFlag: 78, newValue: 6, newFlag: 78)])
        #expect(old.times == [0, 60, 120] && old.values == [10, 22, 6])
    }

    @Test func anOrderedBatchWithoutRepeatsReportsNothing() throws {
        let b = SeriesBuilder()
        for t in 0..<100 { b.append(time: Int32(t * 60), value: try decimal("1.5"), flag: 78) }
        var d = b.data()
        #expect(d.normalize() == MergeCounts())
        #expect(d.count == 100)
    }

    @Test func mergeNewerWinsAndCountsConflicts() throws {
        var old = SeriesData(); old.scale = 1
        old.times = [0, 60, 120]; old.mantissas = [10, 20, 30]; old.flags = [78, 78, 78]
        var new = SeriesData(); new.scale = 2
        new.times = [60, 120, 180]; new.mantissas = [200, 310, 400]; new.flags = [78, 78, 78]
        let counts = old.merge(newer: new)
        // 2 and 2.00 are one number (SPEC §13.35): a duplicate; 3 → 3.1 is a revision.
        #expect(counts == MergeCounts(duplicates: 1, conflicts: 1,
                                      revisions: [SeriesRevision(time: 120, oldValue: 3, oldFlag: 78, newValue: 3.1, newFlag: 78)]))
        #expect(old.times == [0, 60, 120, 180] && old.values == [1, 2, 3.1, 4] && old.scale == 2)
    }

    @Test func damagedBlobThrowsInsteadOfCrashing() throws {
        var s = SeriesData(); s.times = [0, 60]; s.mantissas = [1, 2]; s.flags = [78, 78]
        let blob = SeriesCodec.encode(s)
        #expect(throws: SeriesCodecError.truncated) { try SeriesCodec.decode(Array(blob.dropLast(2))) }
        #expect(throws: SeriesCodecError.unsupportedVersion(9)) { try SeriesCodec.decode([9] + blob.dropFirst()) }
    }
}
