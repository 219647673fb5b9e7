/// Collects the readings of one series while a file loads, already delta-encoded, so a
/// city-scale day (100M+ values) fits in a few hundred MB instead of 13 bytes a value.
///
/// Readings are appended in arrival order; `data()` returns them decoded (arrival order,
/// not yet sorted or de-duplicated — `SeriesData.normalize()` does that). Values keep their
/// exact decimal form; when a reading has more decimal places than those before it, the
/// buffer is rescaled once (a series settles on its scale within a few readings).
public struct SeriesBuilder: Sendable {
    private var timeBytes: [UInt8] = []
    private var valueBytes: [UInt8] = []
    private var doubles: [Double]? = nil
    private var flagValues: [UInt8] = []
    private var flagRuns: [Int32] = []
    public private(set) var count = 0
    private var lastTime: Int32 = 0
    private var lastMantissa: Int64 = 0
    private var scale = 0

    public init() {}

    /// Approximate heap bytes held (for memory budgeting).
    public var byteCount: Int {
        timeBytes.capacity + valueBytes.capacity + (doubles?.capacity ?? 0) * 8 + flagValues.capacity + flagRuns.capacity * 4
    }

    /// Appends a reading at `time` seconds of the day.
    public mutating func append(time: Int32, value: ScaledDecimal, flag: UInt8) {
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
        Varint.appendSigned(m &- lastMantissa, to: &valueBytes)
        lastMantissa = m
    }

    /// Appends a value that is not a short decimal (exponent notation, many digits).
    public mutating func append(time: Int32, double value: Double, flag: UInt8) {
        toDoubles()
        appendDouble(time: time, value: value, flag: flag)
    }

    private mutating func appendDouble(time: Int32, value: Double, flag: UInt8) {
        appendTime(time, flag: flag)
        doubles!.append(value)
    }

    mutating func appendTime(_ time: Int32, flag: UInt8) {
        Varint.appendSigned(Int64(time) - Int64(lastTime), to: &timeBytes)
        lastTime = time
        if let f = flagValues.last, f == flag {
            flagRuns[flagRuns.count - 1] += 1
        } else {
            flagValues.append(flag)
            flagRuns.append(1)
        }
        count += 1
    }

    private func decodedMantissas() -> [Int64] {
        var r = VarintReader(valueBytes)
        var out: [Int64] = []
        out.reserveCapacity(count)
        var m: Int64 = 0
        while !r.atEnd, let d = try? r.signed() { m &+= d; out.append(m) }
        return out
    }

    mutating func rescale(to newScale: Int) {
        let factor = ScaledDecimal.intPowers[newScale - scale]
        let bound = (Int64(1) << 53) / factor
        let ms = decodedMantissas()
        if ms.contains(where: { abs($0) >= bound }) { toDoubles(); return }
        valueBytes.removeAll(keepingCapacity: true)
        var prev: Int64 = 0
        for m in ms {
            let s = m * factor
            Varint.appendSigned(s - prev, to: &valueBytes)
            prev = s
        }
        lastMantissa *= factor
        scale = newScale
    }

    mutating func toDoubles() {
        guard doubles == nil else { return }
        let p = ScaledDecimal.powers[scale]
        doubles = decodedMantissas().map { Double($0) / p }
        valueBytes = []
    }

    /// The readings in arrival order.
    public func data() -> SeriesData {
        var s = SeriesData()
        s.scale = doubles == nil ? scale : 0
        var r = VarintReader(timeBytes)
        var t: Int64 = 0
        s.times.reserveCapacity(count)
        while !r.atEnd, let d = try? r.signed() { t += d; s.times.append(Int32(truncatingIfNeeded: t)) }
        if let doubles { s.doubles = doubles } else { s.mantissas = decodedMantissas() }
        s.flags.reserveCapacity(count)
        for (f, run) in zip(flagValues, flagRuns) { s.flags.append(contentsOf: repeatElement(f, count: Int(run))) }
        return s
    }
}
