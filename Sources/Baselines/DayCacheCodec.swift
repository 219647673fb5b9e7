import PEMSCore

/// A day's SPEC §4 slot values and reading carries for every registry point, as the day
/// cache keeps them: exactly the values a fresh read would give (bit for bit), so a result
/// never depends on whether a day came from the cache.
public struct CachedDay: Sendable, Equatable {
    /// Per registry point: one value per slot (kW for electrical points, NaN = missing), or
    /// nil when the point has no usable data that day.
    public var values: [[Double]?]
    /// Per registry point: what its readings pass on to the next day's checks.
    public var carries: [PointCarry?]
    /// Per electrical point, the counter pair its last reading left open: filled only when a
    /// period's last day is read for its open entry (`OpenDay`); never encoded here.
    var openPairs: [Int: OpenPair] = [:]

    public init(values: [[Double]?], carries: [PointCarry?]) {
        self.values = values
        self.carries = carries
    }
}

/// The byte layout of a `CachedDay` (little-endian, fixed width, so decoding is a copy):
/// a format byte, slots per day and point count (UInt32 each), then for each point with
/// data its index (UInt32), a presence byte (1 values, 2 last `Ept`, 4 head run, 8 tail run)
/// and the present parts — values as IEEE-754 bit patterns, times as Int64 seconds.
public enum DayCacheCodec {
    /// Bump when the layout or what a day's values mean changes: old entries are then
    /// recomputed, because the format is part of the cache key.
    /// 2: SPEC 2 §4 — a point without usable `Pt` has `Pa + Pb + Pc` as its power.
    public static let formatVersion: UInt8 = 2

    public enum DecodeError: Error, CustomStringConvertible, Equatable {
        case corrupt(String)
        public var description: String { switch self { case .corrupt(let what): "day cache entry is corrupt: \(what)" } }
    }

    public static func encode(_ day: CachedDay, slotsPerDay n: Int) -> [UInt8] {
        var out: [UInt8] = [formatVersion]
        out.reserveCapacity(9 + day.values.reduce(0) { $0 + ($1 == nil ? 0 : 8 * n + 64) })
        put(&out, UInt32(n))
        put(&out, UInt32(day.values.count))
        for i in day.values.indices {
            let v = day.values[i], c = i < day.carries.count ? day.carries[i] : nil
            let presence = carryPresence(c) | (v != nil ? 1 : 0)
            guard presence != 0 else { continue }
            put(&out, UInt32(i))
            out.append(presence)
            if let v {
                precondition(v.count == n, "a point's values must have one entry per slot")
                for x in v { put(&out, x.bitPattern) }
            }
            if let c { putCarryParts(&out, c) }
        }
        return out
    }

    public static func decode(_ bytes: [UInt8], slotsPerDay n: Int, pointCount: Int) throws -> CachedDay {
        var r = Reader(bytes: bytes)
        return try decode(&r, slotsPerDay: n, pointCount: pointCount)
    }

    /// Decodes an entry from `r`'s position to the end of its bytes.
    static func decode(_ r: inout Reader, slotsPerDay n: Int, pointCount: Int) throws -> CachedDay {
        guard try r.byte() == formatVersion else { throw DecodeError.corrupt("format") }
        guard Int(try r.u32()) == n else { throw DecodeError.corrupt("slots per day") }
        guard Int(try r.u32()) == pointCount else { throw DecodeError.corrupt("point count") }
        var day = CachedDay(values: Array(repeating: nil, count: pointCount), carries: Array(repeating: nil, count: pointCount))
        while !r.atEnd {
            let (i, presence) = try carryHeader(&r, pointCount: pointCount)
            if presence & 1 != 0 {
                day.values[i] = try r.doubles(n)
            }
            if presence & 14 != 0 { day.carries[i] = try carryParts(&r, presence: presence) }
        }
        return day
    }

    /// A point entry's index and presence byte.
    static func carryHeader(_ r: inout Reader, pointCount: Int) throws -> (Int, UInt8) {
        let i = Int(try r.u32())
        guard i < pointCount else { throw DecodeError.corrupt("point index \(i)") }
        return (i, try r.byte())
    }

    /// The carry parts the presence byte announces (2 last `Ept`, 4 head run, 8 tail run).
    static func carryParts(_ r: inout Reader, presence: UInt8) throws -> PointCarry {
        var c = PointCarry()
        if presence & 2 != 0 {
            c.lastEnergy = .init(second: Int64(bitPattern: try r.u64()), value: Double(bitPattern: try r.u64()))
        }
        func run() throws -> PointCarry.Run {
            let value = Double(bitPattern: try r.u64())
            return .init(value: value, first: Int64(bitPattern: try r.u64()), last: Int64(bitPattern: try r.u64()))
        }
        if presence & 4 != 0 { c.head = try run() }
        if presence & 8 != 0 { c.tail = try run() }
        return c
    }

    /// A point entry holding only its carry (a `DaySummary`'s carries).
    static func putCarry(_ out: inout [UInt8], point i: Int, _ c: PointCarry) {
        let presence = carryPresence(c)
        guard presence != 0 else { return }
        put(&out, UInt32(i))
        out.append(presence)
        putCarryParts(&out, c)
    }

    static func carryPresence(_ c: PointCarry?) -> UInt8 {
        var presence: UInt8 = 0
        if c?.lastEnergy != nil { presence |= 2 }
        if c?.head != nil { presence |= 4 }
        if c?.tail != nil { presence |= 8 }
        return presence
    }

    static func putCarryParts(_ out: inout [UInt8], _ c: PointCarry) {
        if let e = c.lastEnergy { put(&out, UInt64(bitPattern: e.second)); put(&out, e.value.bitPattern) }
        for run in [c.head, c.tail] {
            guard let run else { continue }
            put(&out, run.value.bitPattern)
            put(&out, UInt64(bitPattern: run.first))
            put(&out, UInt64(bitPattern: run.last))
        }
    }

    static func put<T: FixedWidthInteger>(_ out: inout [UInt8], _ x: T) {
        withUnsafeBytes(of: x.littleEndian) { out.append(contentsOf: $0) }
    }

    struct Reader {
        let bytes: [UInt8]
        var at = 0
        var atEnd: Bool { at >= bytes.count }
        mutating func take<T: FixedWidthInteger>(_: T.Type) throws -> T {
            let size = MemoryLayout<T>.size
            guard at + size <= bytes.count else { throw DecodeError.corrupt("truncated at byte \(at)") }
            let x = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: T.self) }
            at += size
            return T(littleEndian: x)
        }
        mutating func byte() throws -> UInt8 { try take(UInt8.self) }
        mutating func u32() throws -> UInt32 { try take(UInt32.self) }
        mutating func u64() throws -> UInt64 { try take(UInt64.self) }
        /// `count` IEEE-754 bit patterns, bounds checked once.
        mutating func doubles(_ count: Int) throws -> [Double] {
            guard count >= 0, at + 8 * count <= bytes.count else { throw DecodeError.corrupt("truncated at byte \(at)") }
            let start = at
            at += 8 * count
            return bytes.withUnsafeBytes { raw in
                (0..<count).map { k in
                    Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + 8 * k, as: UInt64.self)))
                }
            }
        }
    }
}
