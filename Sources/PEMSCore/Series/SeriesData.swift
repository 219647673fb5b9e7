/// One day of one parameter of one channel, decoded: parallel arrays sorted by time.
///
/// `times` are seconds since 00:00 CST of the series' day (0 ..< 86400). Values are kept as
/// exact decimals (`mantissas × 10^-scale`) unless some value could not be (then `doubles`).
/// `flags` are the HJ 212 data flags as ASCII bytes (`N`, `F`, `M`, `S`, `D`, `C`, `T`, `B`).
public struct SeriesData: Equatable, Sendable {
    public var times: [Int32] = []
    public var mantissas: [Int64] = []
    public var scale: Int = 0
    /// Non-nil when the series holds values that are not short decimals.
    public var doubles: [Double]? = nil
    public var flags: [UInt8] = []

    public init() {}

    public var count: Int { times.count }

    /// The value at `i` in kW, kWh or the sensor's unit.
    @inlinable
    public func value(_ i: Int) -> Double {
        if let doubles { return doubles[i] }
        return Double(mantissas[i]) / ScaledDecimal.powers[scale]
    }

    /// All values as doubles.
    public var values: [Double] { (0..<count).map(value) }

    /// Converts to double representation (used when two series cannot share a decimal scale).
    mutating func makeDouble() {
        guard doubles == nil else { return }
        doubles = (0..<count).map(value)
        mantissas = []
        scale = 0
    }

    /// Brings the decimal scale up to `newScale`; falls back to doubles on overflow.
    mutating func rescale(to newScale: Int) {
        guard doubles == nil, newScale > scale else { return }
        let factor = ScaledDecimal.intPowers[newScale - scale]
        let bound = (Int64(1) << 53) / factor
        if newScale > ScaledDecimal.maxScale || mantissas.contains(where: { abs($0) >= bound }) {
            makeDouble()
            return
        }
        for i in mantissas.indices { mantissas[i] *= factor }
        scale = newScale
    }

    mutating func append(time: Int32, mantissa: Int64, double: Double, flag: UInt8) {
        times.append(time)
        flags.append(flag)
        if doubles != nil { doubles!.append(double) } else { mantissas.append(mantissa) }
    }
}

/// What merging readings into a series found: the same `(time)` again with the same value
/// and flag is a duplicate; with a different one, a conflict (the later one wins; SPEC §3.3,
/// §13.4). `revisions` are the conflicts that changed the value (§13.35), in time order and,
/// for one time, in load order; a batch without conflicts leaves it empty (no allocation).
public struct MergeCounts: Equatable, Sendable {
    public var duplicates = 0
    public var conflicts = 0
    public var revisions: [SeriesRevision] = []
    public init(duplicates: Int = 0, conflicts: Int = 0, revisions: [SeriesRevision] = []) {
        self.duplicates = duplicates
        self.conflicts = conflicts
        self.revisions = revisions
    }
    /// Adds the counts of `b`; its revisions are appended (it must come later in load order).
    public static func += (a: inout MergeCounts, b: MergeCounts) {
        a.duplicates += b.duplicates
        a.conflicts += b.conflicts
        a.revisions += b.revisions
    }
}

extension SeriesData {
    /// Sorts by time (stable) and collapses equal times, the last one winning. Each arrival
    /// that changes the value of an earlier one at its time is a revision (in arrival order).
    /// A batch already in strictly increasing time order (the common case) returns at once.
    public mutating func normalize() -> MergeCounts {
        var counts = MergeCounts()
        guard count > 1 else { return counts }
        var ordered = true
        for i in 1..<count where times[i] <= times[i - 1] { ordered = false; break }
        if ordered { return counts }
        let order = (0..<count).sorted { a, b in times[a] != times[b] ? times[a] < times[b] : a < b }
        var out = SeriesData()
        out.scale = scale
        if doubles != nil { out.doubles = [] }
        var firstFlag: UInt8 = 0, changed = false   // of the current time's first arrival
        for i in order {
            if let last = out.times.last, last == times[i] {
                let j = out.count - 1
                if sameReading(out, j, self, i) { counts.duplicates += 1 } else { counts.conflicts += 1 }
                if !sameValue(out, j, self, i) {
                    var r = SeriesRevision(time: times[i], oldValue: out.value(j), oldFlag: out.flags[j],
                                           newValue: value(i), newFlag: flags[i])
                    if !changed { r.batchFirstFlag = firstFlag; changed = true }
                    counts.revisions.append(r)
                }
                out.flags[j] = flags[i]
                if out.doubles != nil { out.doubles![j] = value(i) } else { out.mantissas[j] = mantissas[i] }
            } else {
                out.append(time: times[i], mantissa: doubles == nil ? mantissas[i] : 0, double: value(i), flag: flags[i])
                firstFlag = flags[i]
                changed = false
            }
        }
        self = out
        return counts
    }

    /// Merges `newer` (normalized) into `self`; on equal times `newer` wins. `batch` are the
    /// revisions `newer.normalize()` found inside its own batch: where a time has some, the
    /// stored reading was replaced first by the batch's first value there (the first one's
    /// old value), then by each of them in turn — so the result lists every change of the
    /// reading in load order (SPEC §13.35: a reading replaced twice gives two rows).
    public mutating func merge(newer: SeriesData, batch: [SeriesRevision] = []) -> MergeCounts {
        var a = self
        var b = newer
        if a.doubles != nil || b.doubles != nil { a.makeDouble(); b.makeDouble() } else {
            let s = max(a.scale, b.scale)
            a.rescale(to: s); b.rescale(to: s)
            if a.doubles != nil || b.doubles != nil { a.makeDouble(); b.makeDouble() }
        }
        var out = SeriesData()
        out.scale = a.scale
        if a.doubles != nil { out.doubles = [] }
        var counts = MergeCounts()
        var i = 0, j = 0, k = 0
        while i < a.count || j < b.count {
            if j >= b.count || (i < a.count && a.times[i] < b.times[j]) {
                out.append(time: a.times[i], mantissa: a.doubles == nil ? a.mantissas[i] : 0, double: a.value(i), flag: a.flags[i]); i += 1
            } else {
                let t = b.times[j]
                while k < batch.count, batch[k].time < t { counts.revisions.append(batch[k]); k += 1 }
                if i < a.count && a.times[i] == t {
                    if k < batch.count, batch[k].time == t {
                        // The batch's first value at t replaced the stored one.
                        let first = batch[k], firstFlag = first.batchFirstFlag ?? first.oldFlag
                        if sameReading(a, i, first.oldValue, firstFlag) { counts.duplicates += 1 } else { counts.conflicts += 1 }
                        if a.value(i) != first.oldValue {
                            counts.revisions.append(SeriesRevision(time: t, oldValue: a.value(i), oldFlag: a.flags[i],
                                                                   newValue: first.oldValue, newFlag: firstFlag))
                        }
                    } else {
                        if sameReading(a, i, b, j) { counts.duplicates += 1 } else { counts.conflicts += 1 }
                        if !sameValue(a, i, b, j) {
                            counts.revisions.append(SeriesRevision(time: t, oldValue: a.value(i), oldFlag: a.flags[i],
                                                                   newValue: b.value(j), newFlag: b.flags[j]))
                        }
                    }
                    i += 1
                }
                while k < batch.count, batch[k].time == t { counts.revisions.append(batch[k]); k += 1 }
                out.append(time: t, mantissa: b.doubles == nil ? b.mantissas[j] : 0, double: b.value(j), flag: b.flags[j]); j += 1
            }
        }
        while k < batch.count { counts.revisions.append(batch[k]); k += 1 }
        self = out
        return counts
    }
}

private func sameReading(_ a: SeriesData, _ i: Int, _ b: SeriesData, _ j: Int) -> Bool {
    guard a.flags[i] == b.flags[j] else { return false }
    return sameValue(a, i, b, j)
}

private func sameReading(_ a: SeriesData, _ i: Int, _ value: Double, _ flag: UInt8) -> Bool {
    a.flags[i] == flag && a.value(i) == value
}

/// Values compared as numbers (SPEC §13.35: 41.50 = 41.5): equal mantissas at one scale, else
/// equal doubles (each the nearest double of its exact decimal).
private func sameValue(_ a: SeriesData, _ i: Int, _ b: SeriesData, _ j: Int) -> Bool {
    if a.doubles == nil && b.doubles == nil && a.scale == b.scale { return a.mantissas[i] == b.mantissas[j] }
    return a.value(i) == b.value(j)
}
