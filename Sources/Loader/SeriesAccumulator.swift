import PEMSCore

/// The series one worker is building for one file: builders addressed by a packed key.
///
/// Key layout (UInt64): day (24 bits) · channel (24 bits) · CN index (2 bits) · local
/// parameter index (14 bits). Parameter indices are local to the worker (`names`) and are
/// mapped to store ids when the file is written.
struct SeriesAccumulator {
    var slots = SlotTable()
    var keys: [UInt64] = []
    var builders: [SeriesBuilder] = []
    /// `builders` again, unretained: the per-value path calls them without a retain and a
    /// release per reading (`builders` keeps them alive as long as the accumulator).
    private var unretained: [Unmanaged<SeriesBuilder>] = []
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

    /// The builder for `key` (its index in `builders`), created on first use.
    @inline(__always)
    mutating func slot(_ key: UInt64) -> Int {
        if let s = slots.find(key) { return s }
        slots.insert(key, builders.count)
        keys.append(key)
        let b = SeriesBuilder()
        builders.append(b)
        unretained.append(Unmanaged.passUnretained(b))
        return builders.count - 1
    }

    @inline(__always)
    mutating func append(_ key: UInt64, time: Int32, value: ScaledDecimal, flag: UInt8) {
        unretained[slot(key)]._withUnsafeGuaranteedRef { $0.append(time: time, value: value, flag: flag) }
    }

    mutating func append(_ key: UInt64, time: Int32, double: Double, flag: UInt8) {
        unretained[slot(key)]._withUnsafeGuaranteedRef { $0.append(time: time, double: double, flag: flag) }
    }

    var byteCount: Int { builders.reduce(0) { $0 + $1.byteCount } }
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
