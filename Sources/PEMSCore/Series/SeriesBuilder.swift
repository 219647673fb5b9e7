/// Collects the readings of one series while a file loads, already delta-encoded, so a
/// city-scale day (100M+ values) fits in a few hundred MB instead of 13 bytes a value.
///
/// Readings are appended in arrival order; `data()` returns them decoded (arrival order,
/// not yet sorted or de-duplicated — `SeriesData.normalize()` does that). Values keep their
/// exact decimal form; when a reading has more decimal places than those before it, the
/// buffer is rescaled once (a series settles on its scale within a few readings).
///
/// A class, not a struct: the loader appends ~100M readings a city day, and the time and
/// value bytes live in raw growable buffers (`GrowableBytes`) written in place, without the
/// copy-on-write check an `Array` makes on every append (a fifth of the load's time when
/// they were arrays: docs/PERFORMANCE.md). One builder belongs to one loader worker; it is
/// never shared between threads while it is appended to.
///
/// Its stored properties opt out of the run-time exclusivity check (`@exclusivity(unchecked)`):
/// a builder is touched by one thread, never re-entered, and the check on every property
/// access was a tenth of the load's time.
public final class SeriesBuilder: @unchecked Sendable {
    @exclusivity(unchecked) private var timeBytes = GrowableBytes()
    @exclusivity(unchecked) private var valueBytes = GrowableBytes()
    @exclusivity(unchecked) private var doubles: [Double]? = nil
    /// Runs of equal flags: the finished runs, and the current one (`flag` × `run`).
    @exclusivity(unchecked) private var flagValues: [UInt8] = []
    @exclusivity(unchecked) private var flagRuns: [Int32] = []
    @exclusivity(unchecked) private var flag: UInt8 = 0
    @exclusivity(unchecked) private var run: Int32 = 0
    @exclusivity(unchecked) public private(set) var count = 0
    @exclusivity(unchecked) private var lastTime: Int32 = 0
    @exclusivity(unchecked) private var lastMantissa: Int64 = 0
    @exclusivity(unchecked) private var scale = 0

    public init() {}

    deinit {
        timeBytes.free()
        valueBytes.free()
    }

    /// Approximate heap bytes held (for memory budgeting).
    public var byteCount: Int {
        timeBytes.capacity + valueBytes.capacity + (doubles?.capacity ?? 0) * 8 + flagValues.capacity + flagRuns.capacity * 4
    }

    /// Appends a reading at `time` seconds of the day.
    @inline(__always)
    public func append(time: Int32, value: ScaledDecimal, flag: UInt8) {
        if doubles != nil { appendDouble(time: time, value: value.double, flag: flag); return }
        var m = value.mantissa
        if value.scale > scale {
            rescale(to: value.scale)
            if doubles != nil { appendDouble(time: time, value: value.double, flag: flag); return }
        } else if value.scale < scale {
            let factor = ScaledDecimal.intPowers[scale - value.scale]
            guard abs(m) < (Int64(1) << 53) / factor else {
                toDoubles()
                appendDouble(time: time, value: value.double, flag: flag)
                return
            }
            m *= factor
        }
        appendTime(time, flag: flag)
        valueBytes.appendVarint(Varint.zigzag(m &- lastMantissa))
        lastMantissa = m
    }

    /// Appends a value that is not a short decimal (exponent notation, many digits).
    public func append(time: Int32, double value: Double, flag: UInt8) {
        toDoubles()
        appendDouble(time: time, value: value, flag: flag)
    }

    private func appendDouble(time: Int32, value: Double, flag: UInt8) {
        appendTime(time, flag: flag)
        doubles!.append(value)
    }

    @inline(__always)
    func appendTime(_ time: Int32, flag: UInt8) {
        timeBytes.appendVarint(Varint.zigzag(Int64(time) - Int64(lastTime)))
        lastTime = time
        if run > 0 && flag == self.flag {
            run += 1
        } else {
            closeRun()
            self.flag = flag
            run = 1
        }
        count += 1
    }

    private func closeRun() {
        guard run > 0 else { return }
        flagValues.append(flag)
        flagRuns.append(run)
        run = 0
    }

    private func decodedMantissas() -> [Int64] {
        var r = VarintReader(valueBytes.array)
        var out: [Int64] = []
        out.reserveCapacity(count)
        var m: Int64 = 0
        while !r.atEnd, let d = try? r.signed() { m &+= d; out.append(m) }
        return out
    }

    func rescale(to newScale: Int) {
        let factor = ScaledDecimal.intPowers[newScale - scale]
        let bound = (Int64(1) << 53) / factor
        let ms = decodedMantissas()
        if ms.contains(where: { abs($0) >= bound }) { toDoubles(); return }
        valueBytes.removeAll()
        var prev: Int64 = 0
        for m in ms {
            let s = m * factor
            valueBytes.appendVarint(Varint.zigzag(s - prev))
            prev = s
        }
        lastMantissa *= factor
        scale = newScale
    }

    func toDoubles() {
        guard doubles == nil else { return }
        let p = ScaledDecimal.powers[scale]
        doubles = decodedMantissas().map { Double($0) / p }
        valueBytes.removeAll()
    }

    /// The readings in arrival order.
    public func data() -> SeriesData {
        var s = SeriesData()
        s.scale = doubles == nil ? scale : 0
        var r = VarintReader(timeBytes.array)
        var t: Int64 = 0
        s.times.reserveCapacity(count)
        while !r.atEnd, let d = try? r.signed() { t += d; s.times.append(Int32(truncatingIfNeeded: t)) }
        if let doubles { s.doubles = doubles } else { s.mantissas = decodedMantissas() }
        s.flags.reserveCapacity(count)
        for (f, n) in zip(flagValues, flagRuns) { s.flags.append(contentsOf: repeatElement(f, count: Int(n))) }
        if run > 0 { s.flags.append(contentsOf: repeatElement(flag, count: Int(run))) }
        return s
    }
}

/// A growable byte buffer written in place (no copy-on-write check per append): the storage
/// of `SeriesBuilder`, which owns it and calls `free()` once. Not a value type: copying it
/// shares the bytes, so only its owner holds it.
struct GrowableBytes {
    private(set) var base: UnsafeMutablePointer<UInt8>? = nil
    private(set) var count = 0
    private(set) var capacity = 0

    /// Appends `value` as an LEB128 varint (`Varint.append`: at most 10 bytes).
    @inline(__always)
    mutating func appendVarint(_ value: UInt64) {
        if capacity - count < 10 { grow() }
        guard let p = base else { return }
        var v = value
        var i = count
        while v >= 0x80 {
            p[i] = UInt8(truncatingIfNeeded: v) | 0x80
            v >>= 7
            i += 1
        }
        p[i] = UInt8(v)
        count = i + 1
    }

    /// Doubles the capacity (at least 64 bytes), keeping the bytes.
    private mutating func grow() {
        let newCapacity = max(64, capacity * 2)
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        if let old = base {
            p.update(from: old, count: count)
            old.deallocate()
        }
        base = p
        capacity = newCapacity
    }

    mutating func removeAll() { count = 0 }

    /// A copy of the bytes.
    var array: [UInt8] {
        guard let base, count > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: base, count: count))
    }

    mutating func free() {
        base?.deallocate()
        base = nil
        count = 0
        capacity = 0
    }
}
