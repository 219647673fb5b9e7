import PEMSCore

/// The byte layout of `DayTops` (little-endian, fixed width): a format byte and the point
/// count (UInt32); then per point with tops its index, present count and kept count (UInt32
/// each) and the kept values as IEEE-754 bit patterns, ascending.
public enum DayTopsCodec {
    /// Bump when the layout or what the tops mean changes: the format is part of the key.
    public static let formatVersion: UInt8 = 1

    public static func encode(_ tops: DayTops) -> [UInt8] {
        var out: [UInt8] = [formatVersion]
        out.reserveCapacity(5 + tops.points.reduce(0) { $0 + ($1.map { 12 + 8 * $0.values.count } ?? 0) })
        DayCacheCodec.put(&out, UInt32(tops.points.count))
        for (i, p) in tops.points.enumerated() {
            guard let p else { continue }
            DayCacheCodec.put(&out, UInt32(i))
            DayCacheCodec.put(&out, UInt32(p.count))
            DayCacheCodec.put(&out, UInt32(p.values.count))
            for x in p.values { DayCacheCodec.put(&out, x.bitPattern) }
        }
        return out
    }

    /// Refuses an entry of another shape, one whose present count exceeds the slots of a day,
    /// one whose kept values are not `DayTops.kept(count)` of them or not ascending (a NaN
    /// among them included), and a truncated one.
    public static func decode(_ bytes: [UInt8], slotsPerDay: Int, pointCount: Int) throws -> DayTops {
        typealias Corrupt = DayCacheCodec.DecodeError
        var r = DayCacheCodec.Reader(bytes: bytes)
        guard try r.byte() == formatVersion else { throw Corrupt.corrupt("tops format") }
        guard Int(try r.u32()) == pointCount else { throw Corrupt.corrupt("point count") }
        var tops = DayTops(points: Array(repeating: nil, count: pointCount))
        var last = -1
        while !r.atEnd {
            let i = Int(try r.u32())
            guard i > last, i < pointCount else { throw Corrupt.corrupt("point index \(i)") }
            last = i
            let count = Int(try r.u32()), kept = Int(try r.u32())
            guard count > 0, count <= slotsPerDay, kept == DayTops.kept(count) else {
                throw Corrupt.corrupt("counts of point \(i)")
            }
            let values = try r.doubles(kept)
            guard !values[0].isNaN else { throw Corrupt.corrupt("order of point \(i)") }
            for k in values.indices.dropFirst() where !(values[k - 1] <= values[k]) {
                throw Corrupt.corrupt("order of point \(i)")
            }
            tops.points[i] = DayTops.Point(count: count, values: values)
        }
        return tops
    }
}
