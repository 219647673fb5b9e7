import PEMSCore
import Foundation

// Small, allocation-free building blocks for the generators: a seeded PRNG, civil dates,
// byte formatting of numbers and times, and a buffered file sink. Nothing here reads the
// clock or iterates a hashed collection, so output depends on the options alone.

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and good enough for synthetic data
/// (public for the tests' property checks).
public struct SplitMix64 {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A stream for one purpose, derived from the run seed and up to three integers.
    init(_ seed: UInt64, _ a: Int, _ b: Int = 0, _ c: Int = 0) {
        var s = SplitMix64(seed: seed ^ 0x6A09_E667_F3BC_C908)
        var h = s.next()
        for v in [a, b, c] {
            s = SplitMix64(seed: h ^ UInt64(bitPattern: Int64(v)) &* 0x9E37_79B9_7F4A_7C15)
            h = s.next()
        }
        state = h
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    @inline(__always)
    mutating func unit() -> Double { Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0) }

    /// Uniform in [-1, 1).
    @inline(__always)
    mutating func sym() -> Double { unit() * 2 - 1 }

    /// Uniform in [lo, hi).
    @inline(__always)
    mutating func range(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * unit() }

    /// Uniform integer in 0..<n (n > 0).
    @inline(__always)
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// True with probability p.
    @inline(__always)
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }

    /// Index drawn with the given (non-negative) weights.
    mutating func weighted(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var x = unit() * total
        for (i, w) in weights.enumerated() {
            if x < w { return i }
            x -= w
        }
        return weights.count - 1
    }

    mutating func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            let j = int(i + 1)
            a.swapAt(i, j)
        }
    }
}

/// Day numbers (days since 1970-01-01, CST wall clock; SPEC §1), delegating to PEMSCore's
/// `CivilCalendar` and `Day` so the generator and the engine share one calendar.
enum Civil {
    static func days(_ y: Int, _ m: Int, _ d: Int) -> Int { CivilCalendar.days(year: y, month: m, day: d) }

    static func civil(_ z: Int) -> (y: Int, m: Int, d: Int) {
        let c = CivilCalendar.civil(days: z)
        return (c.year, c.month, c.day)
    }

    /// 0 = Monday … 6 = Sunday.
    static func weekday(_ z: Int) -> Int { ((z % 7) + 7 + 3) % 7 }

    /// Parses `YYYY-MM-DD` (a real calendar date).
    static func parse(_ s: String) -> Int? { Day(s)?.index }

    static func dateString(_ z: Int) -> String {
        var b: [UInt8] = []
        Fmt.date(z, dash: true, to: &b)
        return String(decoding: b, as: UTF8.self)
    }

    /// `YYYY-MM-DD HH:MM:SS` for an absolute minute count (days × 1440 + minute).
    static func timeString(minutes: Int, seconds: Bool = true) -> String {
        var b: [UInt8] = []
        Fmt.dateTime(minutes: minutes, seconds: seconds, to: &b)
        return String(decoding: b, as: UTF8.self)
    }
}

/// Byte formatting without `String(format:)`.
enum Fmt {
    @inline(__always)
    static func digits2(_ v: Int, to b: inout [UInt8]) {
        b.append(48 &+ UInt8(truncatingIfNeeded: v / 10))
        b.append(48 &+ UInt8(truncatingIfNeeded: v % 10))
    }

    /// A non-negative integer in decimal.
    @inline(__always)
    static func uint(_ v0: UInt64, to b: inout [UInt8]) {
        var v = v0
        if v < 10 { b.append(48 &+ UInt8(v)); return }
        var tmp: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                  UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &tmp) { raw in
            while v > 0 {
                raw[n] = 48 &+ UInt8(v % 10)
                v /= 10
                n += 1
            }
            var i = n - 1
            while i >= 0 { b.append(raw[i]); i -= 1 }
        }
    }

    @inline(__always)
    static func int(_ v: Int, to b: inout [UInt8]) {
        if v < 0 { b.append(UInt8(ascii: "-")); uint(UInt64(-v), to: &b) } else { uint(UInt64(v), to: &b) }
    }

    /// A fixed-point number `v / 10^decimals` with exactly `decimals` decimals.
    @inline(__always)
    static func fixed(_ v: Int64, decimals: Int, to b: inout [UInt8]) {
        var m = v
        if m < 0 { b.append(UInt8(ascii: "-")); m = -m }
        let scale: Int64 = decimals == 1 ? 10 : (decimals == 2 ? 100 : (decimals == 3 ? 1000 : 10000))
        uint(UInt64(m / scale), to: &b)
        b.append(UInt8(ascii: "."))
        var frac = m % scale
        var div = scale / 10
        while div > 0 {
            b.append(48 &+ UInt8(frac / div))
            frac %= div
            div /= 10
        }
    }

    static func fixedString(_ v: Double, decimals: Int) -> String {
        var b: [UInt8] = []
        let scale = decimals == 0 ? 1.0 : (decimals == 1 ? 10.0 : (decimals == 2 ? 100.0 : (decimals == 3 ? 1000.0 : 1e4)))
        let iv = Int64((v * scale).rounded())
        if decimals == 0 { int(Int(iv), to: &b) } else { fixed(iv, decimals: decimals, to: &b) }
        return String(decoding: b, as: UTF8.self)
    }

    /// `YYYYMMDD` or `YYYY-MM-DD`.
    static func date(_ z: Int, dash: Bool, to b: inout [UInt8]) {
        let (y, m, d) = Civil.civil(z)
        digits2(y / 100, to: &b); digits2(y % 100, to: &b)
        if dash { b.append(UInt8(ascii: "-")) }
        digits2(m, to: &b)
        if dash { b.append(UInt8(ascii: "-")) }
        digits2(d, to: &b)
    }

    /// `YYYY-MM-DD HH:MM[:SS]` for absolute minutes since 1970-01-01 00:00 CST.
    static func dateTime(minutes: Int, seconds: Bool, to b: inout [UInt8]) {
        let z = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440
        let mm = minutes - z * 1440
        date(z, dash: true, to: &b)
        b.append(UInt8(ascii: " "))
        digits2(mm / 60, to: &b); b.append(UInt8(ascii: ":")); digits2(mm % 60, to: &b)
        if seconds { b.append(contentsOf: [58, 48, 48]) }
    }

    /// `YYYYMMDDHHMMSS` (+ `mmm` when `millis` ≥ 0) for absolute seconds since 1970-01-01 CST.
    static func compact(seconds s: Int, millis: Int, to b: inout [UInt8]) {
        let z = s / 86400
        let r = s - z * 86400
        date(z, dash: false, to: &b)
        digits2(r / 3600, to: &b); digits2(r / 60 % 60, to: &b); digits2(r % 60, to: &b)
        if millis >= 0 {
            b.append(48 &+ UInt8(millis / 100)); digits2(millis % 100, to: &b)
        }
    }
}

/// A buffered, append-only file (counts bytes and lines).
final class FileSink {
    let url: URL
    private var handle: UnsafeMutablePointer<FILE>
    var buffer: [UInt8] = []
    private(set) var bytes = 0
    private let flushAt: Int

    init(_ url: URL, flushAt: Int = 1 << 22) throws {
        self.url = url
        guard let h = fopen(url.path, "wb") else { throw DemoError.io("cannot open \(url.path) for writing") }
        handle = h
        self.flushAt = flushAt
        buffer.reserveCapacity(flushAt + 65536)
    }

    @inline(__always)
    func maybeFlush() throws { if buffer.count >= flushAt { try flush() } }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        let n = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
        if n != buffer.count { throw DemoError.io("short write to \(url.path)") }
        bytes += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    func write(_ s: String) throws {
        buffer.append(contentsOf: s.utf8)
        try maybeFlush()
    }

    func close() throws {
        try flush()
        if fclose(handle) != 0 { throw DemoError.io("cannot close \(url.path)") }
    }
}

public enum DemoError: Error, CustomStringConvertible, Sendable {
    case badOptions(String)
    case io(String)
    case internalCheck(String)

    public var description: String {
        switch self {
        case .badOptions(let s): return "demo options: \(s)"
        case .io(let s): return "demo output: \(s)"
        case .internalCheck(let s): return "demo generator self-check failed: \(s)"
        }
    }
}

/// CSV writing for the small files (registry, ground truth): quotes only when needed.
struct CSVTable {
    var header: [String]
    var rows: [[String]] = []

    init(_ header: [String]) { self.header = header }

    mutating func add(_ row: [String]) { rows.append(row) }

    func text() -> String {
        var out = header.map(CSVCell.escaped).joined(separator: ",") + "\n"
        for r in rows { out += r.map(CSVCell.escaped).joined(separator: ",") + "\n" }
        return out
    }

    func write(to url: URL) throws {
        do { try Data(text().utf8).write(to: url) } catch { throw DemoError.io("cannot write \(url.path): \(error)") }
    }
}
