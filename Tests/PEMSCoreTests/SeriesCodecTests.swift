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
        var b = SeriesBuilder()
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

    @Test func normalizeSortsAndLastReadingWins() throws {
        var b = SeriesBuilder()
        b.append(time: 120, value: try decimal("2"), flag: 78)
        b.append(time: 60, value: try decimal("1"), flag: 78)
        b.append(time: 60, value: try decimal("1"), flag: 78)   // duplicate
        b.append(time: 120, value: try decimal("2.5"), flag: 78) // conflict, wins
        var d = b.data()
        let counts = d.normalize()
        #expect(counts == MergeCounts(duplicates: 1, conflicts: 1))
        #expect(d.times == [60, 120] && d.values == [1, 2.5])
    }

    @Test func mergeNewerWinsAndCountsConflicts() throws {
        var old = SeriesData(); old.scale = 1
        old.times = [0, 60, 120]; old.mantissas = [10, 20, 30]; old.flags = [78, 78, 78]
        var new = SeriesData(); new.scale = 2
        new.times = [60, 120, 180]; new.mantissas = [200, 310, 400]; new.flags = [78, 78, 78]
        let counts = old.merge(newer: new)
        #expect(counts == MergeCounts(duplicates: 1, conflicts: 1))
        #expect(old.times == [0, 60, 120, 180] && old.values == [1, 2, 3.1, 4] && old.scale == 2)
    }

    @Test func damagedBlobThrowsInsteadOfCrashing() throws {
        var s = SeriesData(); s.times = [0, 60]; s.mantissas = [1, 2]; s.flags = [78, 78]
        let blob = SeriesCodec.encode(s)
        #expect(throws: SeriesCodecError.truncated) { try SeriesCodec.decode(Array(blob.dropLast(2))) }
        #expect(throws: SeriesCodecError.unsupportedVersion(9)) { try SeriesCodec.decode([9] + blob.dropFirst()) }
    }
}
