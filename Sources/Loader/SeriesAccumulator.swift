import PEMSCore

/// The series one worker is building for one file: builders addressed by a packed key.
///
/// Key layout (UInt64): day (24 bits) · channel (24 bits) · CN index (2 bits) · local
/// parameter index (14 bits). Parameter indices are local to the worker (`names`) and are
/// mapped to store ids when the file is written.
///
/// Readings arrive a packet at a time, one MN's ~30 series per packet, and the next packet is
/// another MN's: appended straight to their builders, every reading touched a builder that was
/// out of the CPU cache (tens of thousands of series a worker). So readings are first staged
/// per MN (`group`: the MN's index in the `ChannelDirectory`) in a small buffer written in
/// order, and a full buffer is handed to that MN's builders in one go, while they are in the
/// cache (`SeriesStaging`). Each series belongs to one MN, so its readings keep their arrival
/// order. `series()` hands over what is staged and returns the builders.
struct SeriesAccumulator {
    private var slots = SlotTable()
    private var keys: [UInt64] = []
    private var builders: [SeriesBuilder] = []
    /// `builders` again, unretained: the staged readings are handed to them without a retain
    /// and a release each (`builders` keeps them alive as long as the accumulator).
    private var unretained: [Unmanaged<SeriesBuilder>] = []
    private let staging = SeriesStaging()
    var names: [String] = []

    static let cns: [Int] = [2011, 2051, 2061, 2031]

    @inline(__always)
    static func key(day: Int, channel: Int32, cnIndex: Int, param: Int) -> UInt64 {
        (UInt64(UInt32(truncatingIfNeeded: day) & 0xFF_FFFF) << 40)
            | (UInt64(UInt32(bitPattern: channel) & 0xFF_FFFF) << 16)
            | (UInt64(cnIndex & 3) << 14) | UInt64(param & 0x3FFF)
    }

    static func unpack(_ key: UInt64) -> (day: Int, channel: Int, cn: Int, param: Int) {
        (Int(key >> 40), Int((key >> 16) & 0xFF_FFFF), cns[Int((key >> 14) & 3)], Int(key & 0x3FFF))
    }

    /// The builder index of `key`, created on first use (in the order keys first arrive).
    private mutating func slot(_ key: UInt64) -> Int32 {
        if let s = slots.find(key) { return Int32(s) }
        slots.insert(key, builders.count)
        keys.append(key)
        let b = SeriesBuilder()
        builders.append(b)
        unretained.append(Unmanaged.passUnretained(b))
        return Int32(builders.count - 1)
    }

    /// Stages a reading of series `key`, whose channel is `group`'s (its MN's directory index).
    @inline(__always)
    mutating func append(_ key: UInt64, group: Int, time: Int32, value: ScaledDecimal, flag: UInt8) {
        stage(key, group: group, StagedReading(mantissa: value.mantissa, slot: 0, time: time, scale: Int8(truncatingIfNeeded: value.scale),
                                                flag: flag, isDouble: false))
    }

    /// Stages a value that is not a short decimal (exponent notation, many digits).
    mutating func append(_ key: UInt64, group: Int, time: Int32, double: Double, flag: UInt8) {
        stage(key, group: group, StagedReading(mantissa: Int64(bitPattern: double.bitPattern), slot: 0, time: time, scale: 0,
                                                flag: flag, isDouble: true))
    }

    @inline(__always)
    private mutating func stage(_ key: UInt64, group: Int, _ reading: StagedReading) {
        var r = reading
        if let s = staging.cachedSlot(key, group: group) {
            r.slot = s
        } else {
            r.slot = slot(key)
            staging.cache(key, slot: r.slot, group: group)
        }
        if staging.stage(r, group: group) { hand(group) }
    }

    /// Hands `group`'s staged readings to their builders, in order.
    private mutating func hand(_ group: Int) {
        let unretained = self.unretained
        staging.drain(group) { r in
            unretained[Int(r.slot)]._withUnsafeGuaranteedRef { b in
                if r.isDouble {
                    b.append(time: r.time, double: Double(bitPattern: UInt64(bitPattern: r.mantissa)), flag: r.flag)
                } else {
                    b.append(time: r.time, value: ScaledDecimal(mantissa: r.mantissa, scale: Int(r.scale)), flag: r.flag)
                }
            }
        }
    }

    /// Every series read, in the order their keys first arrived, with all their readings; the
    /// accumulator lets go of them (it keeps `names`), so they are freed once the caller is done.
    mutating func series() -> (keys: [UInt64], builders: [SeriesBuilder]) {
        for g in staging.groupsWithReadings() { hand(g) }
        let out = (keys, builders)
        let names = self.names
        self = SeriesAccumulator()
        self.names = names
        return out
    }

    var byteCount: Int { builders.reduce(0) { $0 + $1.byteCount } }

    /// The CST day indices of the series read so far (`key`'s top bits).
    var days: Set<Int> { Set(keys.map { Int($0 >> 40) }) }
}

/// One staged reading: 24 bytes. A double's bit pattern is kept in `mantissa` (`isDouble`).
struct StagedReading {
    var mantissa: Int64
    var slot: Int32
    var time: Int32
    var scale: Int8
    var flag: UInt8
    var isDouble: Bool
}

/// `SeriesAccumulator`'s per-MN staging: for each group (MN) a buffer of up to `capacity`
/// readings, and a small cache of the group's series keys and their builder indices, tried
/// first at the place after the last one found (an MN's packets list their values in the same
/// order each time). Raw memory, allocated for a group when it first stages a reading and
/// freed with the staging; the accumulator that owns it is used by one thread at a time.
final class SeriesStaging {
    static let capacity = 256
    static let cacheSize = 32

    @exclusivity(unchecked) private var groupCount = 0
    @exclusivity(unchecked) private var buffers: UnsafeMutablePointer<UnsafeMutablePointer<StagedReading>?>? = nil
    @exclusivity(unchecked) private var counts: UnsafeMutablePointer<Int32>? = nil
    @exclusivity(unchecked) private var cacheKeys: UnsafeMutablePointer<UInt64>? = nil
    @exclusivity(unchecked) private var cacheSlots: UnsafeMutablePointer<Int32>? = nil
    @exclusivity(unchecked) private var cacheCounts: UnsafeMutablePointer<Int32>? = nil
    @exclusivity(unchecked) private var cursors: UnsafeMutablePointer<Int32>? = nil

    deinit {
        if let buffers { for g in 0..<groupCount { buffers[g]?.deallocate() } }
        buffers?.deallocate(); counts?.deallocate(); cacheKeys?.deallocate()
        cacheSlots?.deallocate(); cacheCounts?.deallocate(); cursors?.deallocate()
    }

    /// Makes room for groups up to `group`.
    private func reserve(_ group: Int) {
        guard group >= groupCount else { return }
        let n = max(group + 1, groupCount * 2, 64)
        func grown<T>(_ old: UnsafeMutablePointer<T>?, _ per: Int, _ fill: T) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: n * per)
            p.initialize(repeating: fill, count: n * per)
            if let old {
                p.update(from: old, count: groupCount * per)
                old.deallocate()
            }
            return p
        }
        buffers = grown(buffers, 1, nil)
        counts = grown(counts, 1, 0)
        cacheKeys = grown(cacheKeys, Self.cacheSize, 0)
        cacheSlots = grown(cacheSlots, Self.cacheSize, -1)
        cacheCounts = grown(cacheCounts, 1, 0)
        cursors = grown(cursors, 1, 0)
        groupCount = n
    }

    /// The builder index of `key` if `group`'s cache holds it.
    @inline(__always)
    func cachedSlot(_ key: UInt64, group: Int) -> Int32? {
        guard group < groupCount, let cacheKeys, let cacheSlots, let cacheCounts, let cursors else { return nil }
        let base = group * Self.cacheSize
        let n = Int(cacheCounts[group])
        let c = Int(cursors[group])
        if c < n, cacheKeys[base + c] == key {
            cursors[group] = Int32(c + 1)
            return cacheSlots[base + c]
        }
        var i = 0
        while i < n {
            if cacheKeys[base + i] == key {
                cursors[group] = Int32(i + 1)
                return cacheSlots[base + i]
            }
            i += 1
        }
        return nil
    }

    /// Remembers `key` → `slot` for `group` while its cache has room.
    func cache(_ key: UInt64, slot: Int32, group: Int) {
        reserve(group)
        guard let cacheKeys, let cacheSlots, let cacheCounts, let cursors else { return }
        let n = Int(cacheCounts[group])
        guard n < Self.cacheSize else { return }
        cacheKeys[group * Self.cacheSize + n] = key
        cacheSlots[group * Self.cacheSize + n] = slot
        cacheCounts[group] = Int32(n + 1)
        cursors[group] = Int32(n + 1)
    }

    /// Stages `r` for `group`; true when the group's buffer is now full (hand it over).
    @inline(__always)
    func stage(_ r: StagedReading, group: Int) -> Bool {
        reserve(group)
        guard let buffers, let counts else { return false }
        let buffer: UnsafeMutablePointer<StagedReading>
        if let b = buffers[group] {
            buffer = b
        } else {
            buffer = .allocate(capacity: Self.capacity)
            buffers[group] = buffer
        }
        let n = Int(counts[group])
        (buffer + n).initialize(to: r)
        counts[group] = Int32(n + 1)
        return n + 1 == Self.capacity
    }

    /// Calls `body` with `group`'s staged readings in order, and empties its buffer.
    func drain(_ group: Int, _ body: (StagedReading) -> Void) {
        guard group < groupCount, let buffers, let counts, let buffer = buffers[group] else { return }
        let n = Int(counts[group])
        for i in 0..<n { body(buffer[i]) }
        counts[group] = 0
    }

    /// The groups with staged readings, in group order.
    func groupsWithReadings() -> [Int] {
        guard let counts else { return [] }
        return (0..<groupCount).filter { counts[$0] > 0 }
    }
}

/// `SeriesAccumulator`'s key → builder index map: open addressing with linear probing on a
/// power-of-two table at most half full, and a multiplicative hash of the packed key. A
/// lookup per value read (~100M a city day) made `Dictionary`'s seeded hashing a sixth of
/// the load's time (docs/PERFORMANCE.md); keys here are not chosen by an adversary (they are
/// day, channel, CN and parameter indices the loader itself assigns).
struct SlotTable {
    private var keys: [UInt64] = Array(repeating: 0, count: 1024)
    /// The builder index of each entry; −1 where the entry is empty.
    private var values: [Int32] = Array(repeating: -1, count: 1024)
    private var shift: UInt64 = 64 - 10
    private(set) var count = 0

    @inline(__always)
    private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    @inline(__always)
    func find(_ key: UInt64) -> Int? {
        let mask = keys.count - 1
        var i = home(key)
        while true {
            let v = values[i]
            if v < 0 { return nil }
            if keys[i] == key { return Int(v) }
            i = (i + 1) & mask
        }
    }

    /// Adds `key` (not present) with `value`.
    mutating func insert(_ key: UInt64, _ value: Int) {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var i = home(key)
        while values[i] >= 0 { i = (i + 1) & mask }
        keys[i] = key
        values[i] = Int32(value)
        count += 1
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: -1, count: oldKeys.count * 2)
        shift -= 1
        count = 0
        for (k, v) in zip(oldKeys, oldValues) where v >= 0 { insert(k, Int(v)) }
    }
}
