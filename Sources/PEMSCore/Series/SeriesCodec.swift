/// The blob format of one stored series (one channel × day × CN × parameter).
///
/// Why blobs: a Baoding-size city sends 100M+ values a day; NOTES.md measured SQLite at
/// ≈ 20 bytes and ≈ 1M rows/s per row-per-value, so a row per value is the slow path. A
/// point-day of minute data (1,440 values) compresses to ~2 bytes a value here and is read
/// in one lookup, which is also how computation reads it (one point-day at a time).
///
/// Layout, version 1 (all integers LEB128 varints, signed ones zig-zag):
/// ```
/// u8 format = 1
/// u8 mode   = 0 decimal deltas | 1 decimal delta-of-deltas | 2 IEEE doubles
/// n         count
/// scale     (modes 0, 1) decimal places
/// t0, then (Δt, run) pairs covering the n−1 time steps   (regular data: one pair)
/// values    mode 0: m0, then n−1 deltas; mode 1: m0, d1, then n−2 second differences;
///           mode 2: n × 8 bytes little-endian
/// flags     (flag byte, run) pairs covering n
/// ```
/// The encoder picks mode 1 when it is smaller (energy counters rise steadily) else mode 0.
public enum SeriesCodec {
    public static let formatVersion: UInt8 = 1

    public static func encode(_ s: SeriesData) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16 + s.count * 3)
        let n = s.count
        var mode: UInt8 = 2
        var valueBytes: [UInt8] = []
        if s.doubles == nil {
            var d0: [UInt8] = []; d0.reserveCapacity(n * 2)
            var d1: [UInt8] = []; d1.reserveCapacity(n * 2)
            var prev: Int64 = 0, prevDelta: Int64 = 0
            for i in 0..<n {
                let m = s.mantissas[i]
                let delta = m &- prev
                Varint.appendSigned(delta, to: &d0)
                Varint.appendSigned(i == 0 ? m : (i == 1 ? delta : delta &- prevDelta), to: &d1)
                prevDelta = delta
                prev = m
            }
            if d1.count < d0.count { mode = 1; valueBytes = d1 } else { mode = 0; valueBytes = d0 }
        }
        out.append(formatVersion)
        out.append(mode)
        Varint.append(UInt64(n), to: &out)
        if mode != 2 { Varint.append(UInt64(s.scale), to: &out) }
        if n > 0 {
            Varint.appendSigned(Int64(s.times[0]), to: &out)
            var i = 1
            while i < n {
                let delta = Int64(s.times[i]) - Int64(s.times[i - 1])
                var run = 1
                while i + run < n, Int64(s.times[i + run]) - Int64(s.times[i + run - 1]) == delta { run += 1 }
                Varint.appendSigned(delta, to: &out)
                Varint.append(UInt64(run), to: &out)
                i += run
            }
        }
        if mode == 2, let doubles = s.doubles {
            for d in doubles {
                var bits = d.bitPattern.littleEndian
                withUnsafeBytes(of: &bits) { out.append(contentsOf: $0) }
            }
        } else {
            out.append(contentsOf: valueBytes)
        }
        var i = 0
        while i < n {
            let f = s.flags[i]
            var run = 1
            while i + run < n, s.flags[i + run] == f { run += 1 }
            out.append(f)
            Varint.append(UInt64(run), to: &out)
            i += run
        }
        return out
    }

    public static func decode(_ bytes: [UInt8]) throws -> SeriesData {
        var r = VarintReader(bytes)
        let version = try r.byte()
        guard version == formatVersion else { throw SeriesCodecError.unsupportedVersion(version) }
        let mode = try r.byte()
        guard mode <= 2 else { throw SeriesCodecError.corrupt("mode \(mode)") }
        let n64 = try r.unsigned()
        guard n64 <= 10_000_000 else { throw SeriesCodecError.corrupt("count \(n64)") }
        let n = Int(n64)
        var s = SeriesData()
        if mode != 2 {
            let scale = Int(try r.unsigned())
            guard scale <= ScaledDecimal.maxScale else { throw SeriesCodecError.corrupt("scale \(scale)") }
            s.scale = scale
        }
        s.times.reserveCapacity(n)
        if n > 0 {
            var t = try r.signed()
            s.times.append(Int32(truncatingIfNeeded: t))
            while s.times.count < n {
                let delta = try r.signed()
                let run = Int(try r.unsigned())
                guard run >= 1, s.times.count + run <= n else { throw SeriesCodecError.corrupt("time run") }
                for _ in 0..<run { t += delta; s.times.append(Int32(truncatingIfNeeded: t)) }
            }
        }
        if mode == 2 {
            var d: [Double] = []
            d.reserveCapacity(n)
            for _ in 0..<n {
                var bits: UInt64 = 0
                for k in 0..<8 { bits |= UInt64(try r.byte()) << (8 * UInt64(k)) }
                d.append(Double(bitPattern: UInt64(littleEndian: bits)))
            }
            s.doubles = d
        } else {
            s.mantissas.reserveCapacity(n)
            var prev: Int64 = 0, prevDelta: Int64 = 0
            for i in 0..<n {
                let v = try r.signed()
                let m: Int64
                if mode == 0 { m = prev &+ v } else if i == 0 { m = v } else if i == 1 { m = prev &+ v } else { m = prev &+ prevDelta &+ v }
                if i > 0 { prevDelta = m &- prev }
                s.mantissas.append(m)
                prev = m
            }
        }
        s.flags.reserveCapacity(n)
        while s.flags.count < n {
            let f = try r.byte()
            let run = Int(try r.unsigned())
            guard run >= 1, s.flags.count + run <= n else { throw SeriesCodecError.corrupt("flag run") }
            s.flags.append(contentsOf: repeatElement(f, count: run))
        }
        return s
    }
}

/// A stored series blob that cannot be read back.
public enum SeriesCodecError: Error, CustomStringConvertible, Equatable {
    case truncated
    case unsupportedVersion(UInt8)
    case corrupt(String)

    public var description: String {
        switch self {
        case .truncated: return "series blob is truncated"
        case .unsupportedVersion(let v): return "series blob format \(v) is not supported by this version of pems"
        case .corrupt(let what): return "series blob is corrupt (\(what))"
        }
    }
}
