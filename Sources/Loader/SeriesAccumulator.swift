import PEMSCore

/// The series one worker is building for one file: builders addressed by a packed key.
///
/// Key layout (UInt64): day (24 bits) · channel (24 bits) · CN index (2 bits) · local
/// parameter index (14 bits). Parameter indices are local to the worker (`names`) and are
/// mapped to store ids when the file is written.
struct SeriesAccumulator {
    var slots: [UInt64: Int] = [:]
    var keys: [UInt64] = []
    var builders: [SeriesBuilder] = []
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

    /// The builder index for `key`, created on first use.
    @inline(__always)
    mutating func slot(_ key: UInt64) -> Int {
        if let s = slots[key] { return s }
        slots[key] = builders.count
        keys.append(key)
        builders.append(SeriesBuilder())
        return builders.count - 1
    }

    @inline(__always)
    mutating func append(_ key: UInt64, time: Int32, value: ScaledDecimal, flag: UInt8) {
        builders[slot(key)].append(time: time, value: value, flag: flag)
    }

    mutating func append(_ key: UInt64, time: Int32, double: Double, flag: UInt8) {
        builders[slot(key)].append(time: time, double: double, flag: flag)
    }

    var byteCount: Int { builders.reduce(0) { $0 + $1.byteCount } }
}
