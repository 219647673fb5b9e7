import PEMSCore

/// The byte layout of a `DaySummary` (little-endian, fixed width): a format byte, slots per
/// day, point count and facility count (UInt32 each); per point a θ byte (0 unknown,
/// 1 registry, 2 derived, 3 rated; +16 when a kW value follows as an IEEE-754 bit pattern);
/// per facility a normal-day byte (0 not normal, 1 normal, 3 normal with a running power)
/// followed for a normal day by the running power, the running energy and the slot powers;
/// then the carries as `DayCacheCodec` writes them (point index, presence byte, parts).
public enum DaySummaryCodec {
    /// Bump when the layout or what a summary means changes: the format is part of the key.
    public static let formatVersion: UInt8 = 1

    static let sources: [Threshold.Source] = [.unknown, .registry, .derived, .rated]

    public static func encode(_ s: DaySummary, slotsPerDay n: Int) -> [UInt8] {
        var out: [UInt8] = [formatVersion]
        out.reserveCapacity(13 + 9 * s.thresholds.count + s.normal.reduce(0) { $0 + ($1 == nil ? 1 : 17 + 8 * n) })
        DayCacheCodec.put(&out, UInt32(n))
        DayCacheCodec.put(&out, UInt32(s.thresholds.count))
        DayCacheCodec.put(&out, UInt32(s.normal.count))
        putThresholds(&out, s.thresholds)
        for f in s.normal {
            guard let f else { out.append(0); continue }
            precondition(f.power.count == n, "a facility's powers must have one entry per slot")
            out.append(f.runningPowerKW == nil ? 1 : 3)
            if let p = f.runningPowerKW { DayCacheCodec.put(&out, p.bitPattern) }
            DayCacheCodec.put(&out, f.runningEnergyKWh.bitPattern)
            for x in f.power { DayCacheCodec.put(&out, x.bitPattern) }
        }
        for (i, c) in s.carries.enumerated() {
            guard let c else { continue }
            DayCacheCodec.putCarry(&out, point: i, c)
        }
        return out
    }

    /// Each point's θ: a byte (source, +16 when a kW value follows) and the value's bits.
    static func putThresholds(_ out: inout [UInt8], _ thresholds: [Threshold]) {
        for t in thresholds {
            let code = UInt8(sources.firstIndex(of: t.source) ?? 0)
            if let kw = t.kw {
                out.append(code | 16)
                DayCacheCodec.put(&out, kw.bitPattern)
            } else {
                out.append(code)
            }
        }
    }

    static func thresholds(_ r: inout DayCacheCodec.Reader, pointCount: Int) throws -> [Threshold] {
        var out = [Threshold](repeating: .unknown, count: pointCount)
        for i in 0..<pointCount {
            let b = try r.byte()
            guard Int(b & 15) < sources.count, b & ~UInt8(31) == 0 else {
                throw DayCacheCodec.DecodeError.corrupt("threshold of point \(i)")
            }
            let kw = b & 16 != 0 ? Double(bitPattern: try r.u64()) : nil
            out[i] = Threshold(kw: kw, source: sources[Int(b & 15)])
        }
        return out
    }

    public static func decode(_ bytes: [UInt8], slotsPerDay n: Int, pointCount: Int, facilityCount: Int) throws -> DaySummary {
        typealias Corrupt = DayCacheCodec.DecodeError
        var r = DayCacheCodec.Reader(bytes: bytes)
        guard try r.byte() == formatVersion else { throw Corrupt.corrupt("summary format") }
        guard Int(try r.u32()) == n else { throw Corrupt.corrupt("slots per day") }
        guard Int(try r.u32()) == pointCount else { throw Corrupt.corrupt("point count") }
        guard Int(try r.u32()) == facilityCount else { throw Corrupt.corrupt("facility count") }
        var s = DaySummary(thresholds: Array(repeating: .unknown, count: pointCount),
                           normal: Array(repeating: nil, count: facilityCount),
                           carries: Array(repeating: nil, count: pointCount))
        s.thresholds = try thresholds(&r, pointCount: pointCount)
        for fi in 0..<facilityCount {
            let b = try r.byte()
            guard b == 0 || b == 1 || b == 3 else { throw Corrupt.corrupt("normal day of facility \(fi)") }
            guard b != 0 else { continue }
            let running = b == 3 ? Double(bitPattern: try r.u64()) : nil
            let energy = Double(bitPattern: try r.u64())
            let power = try r.doubles(n)
            s.normal[fi] = DaySummary.NormalDay(runningPowerKW: running, runningEnergyKWh: energy, power: power)
        }
        while !r.atEnd {
            let (i, presence) = try DayCacheCodec.carryHeader(&r, pointCount: pointCount)
            guard presence & 1 == 0 else { throw Corrupt.corrupt("values in a summary") }
            s.carries[i] = try DayCacheCodec.carryParts(&r, presence: presence)
        }
        return s
    }
}
