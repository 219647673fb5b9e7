import PEMSCore

/// The last day of a period as its computation read it, kept for the next computation
/// (issue 20; docs/COMPUTE.md "Open days").
///
/// A period's last day is computed without its next day (SPEC §13.12), so its day-cache entry
/// and summary — both defined with the next day read — cannot be written. The next night's
/// computation needs that day whole (it is in its event look-back) and would otherwise decode
/// its series and resolve its θ again. What it needs is kept here instead, bit for bit: the
/// day's slot values and reading carries, each point's θ, and each counter pair the day's last
/// reading left open (`OpenPair`), which the next day's first reading closes.
public struct OpenDay: Sendable, Equatable {
    /// The day's slot values (without the next day) and carries, as a day-cache entry holds them.
    public var read: CachedDay
    /// Per registry point: θ of the day.
    public var thresholds: [Threshold]
    /// Per electrical point whose last counter pair is open: that pair.
    public var pairs: [Int: OpenPair]

    public init(read: CachedDay, thresholds: [Threshold], pairs: [Int: OpenPair]) {
        self.read = read
        self.thresholds = thresholds
        self.pairs = pairs
    }
}

/// The byte layout of an `OpenDay` (little-endian, fixed width): a format byte, slots per day
/// and point count (UInt32 each), each point's θ as `DaySummaryCodec` writes it, the number of
/// open pairs (UInt32) and per pair its point, slot, sum, count, last second and last value
/// (UInt32, UInt32, IEEE-754 bits, UInt32, Int32, IEEE-754 bits), then the slot values and
/// carries as `DayCacheCodec` writes them.
public enum OpenDayCodec {
    /// Bump when the layout or what an entry means changes: the format is part of the key.
    public static let formatVersion: UInt8 = 1

    public static func encode(_ day: OpenDay, slotsPerDay n: Int) -> [UInt8] {
        let values = DayCacheCodec.encode(day.read, slotsPerDay: n)
        var out: [UInt8] = [formatVersion]
        out.reserveCapacity(13 + 9 * day.thresholds.count + 32 * day.pairs.count + values.count)
        DayCacheCodec.put(&out, UInt32(n))
        DayCacheCodec.put(&out, UInt32(day.thresholds.count))
        DaySummaryCodec.putThresholds(&out, day.thresholds)
        DayCacheCodec.put(&out, UInt32(day.pairs.count))
        for i in day.pairs.keys.sorted() {
            guard let p = day.pairs[i] else { continue }
            DayCacheCodec.put(&out, UInt32(i))
            DayCacheCodec.put(&out, UInt32(p.slot))
            DayCacheCodec.put(&out, p.sum.bitPattern)
            DayCacheCodec.put(&out, UInt32(p.count))
            DayCacheCodec.put(&out, p.last.second)
            DayCacheCodec.put(&out, p.last.value.bitPattern)
        }
        out += values
        return out
    }

    public static func decode(_ bytes: [UInt8], slotsPerDay n: Int, pointCount: Int) throws -> OpenDay {
        typealias Corrupt = DayCacheCodec.DecodeError
        var r = DayCacheCodec.Reader(bytes: bytes)
        guard try r.byte() == formatVersion else { throw Corrupt.corrupt("open day format") }
        guard Int(try r.u32()) == n else { throw Corrupt.corrupt("slots per day") }
        guard Int(try r.u32()) == pointCount else { throw Corrupt.corrupt("point count") }
        let thresholds = try DaySummaryCodec.thresholds(&r, pointCount: pointCount)
        var pairs: [Int: OpenPair] = [:]
        for _ in 0..<Int(try r.u32()) {
            let i = Int(try r.u32())
            let slot = Int(try r.u32())
            guard i < pointCount, slot < n else { throw Corrupt.corrupt("open pair of point \(i)") }
            let sum = Double(bitPattern: try r.u64())
            let count = Int(try r.u32())
            let second = Int32(bitPattern: try r.u32())
            let value = Double(bitPattern: try r.u64())
            pairs[i] = OpenPair(slot: slot, sum: sum, count: count, last: Reading(second: second, value: value))
        }
        let read = try DayCacheCodec.decode(&r, slotsPerDay: n, pointCount: pointCount)
        return OpenDay(read: read, thresholds: thresholds, pairs: pairs)
    }
}
