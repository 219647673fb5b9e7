import Foundation
import PEMSCore

/// The registry's view the loader needs: which MNs are known, and for each known MN which
/// factor codes are points (with their store channel id and whether they carry power).
///
/// Built once per load from the registry in force now (the latest version); lookups on the
/// hot path compare bytes, never build strings.
public struct ChannelDirectory: Sendable {
    public struct Entry: Sendable {
        public var mn: String
        public var code: String
        /// Store channel id (`channels.channel_id`).
        public var channel: Int
        /// true for total/production/treatment points (Pt/Ept), false for sensors (one value).
        public var electrical: Bool
        public init(mn: String, code: String, channel: Int, electrical: Bool) {
            self.mn = mn; self.code = code; self.channel = channel; self.electrical = electrical
        }
    }

    struct Code: Sendable {
        let channel: Int32
        let electrical: Bool
    }

    /// The MNs, and each MN's codes as a run of entries (`firstCode`, `codeCount`) of `codes`
    /// and `codeInfo`: the per-value lookup (`code`) compares bytes in place (`BytePool`).
    var mnBytes: [[UInt8]] = []
    var firstCode: [Int32] = []
    var codeCount: [Int32] = []
    var codes = BytePool()
    var codeInfo: [Code] = []
    /// The MNs by FNV hash: open addressing (linear probing, at most a quarter full), each
    /// entry a hash and its MN index, −1 where empty; MNs whose hashes collide take the next
    /// free entries. One lookup per packet, so a flat table rather than a `Dictionary` of arrays.
    var hashKeys: [UInt64] = []
    var hashMNs: [Int32] = []

    /// - Parameters:
    ///   - entries: every point of the registry (mn, code, channel, electrical).
    ///   - collectors: every collector MN (an MN with no points is still known).
    public init(entries: [Entry], collectors: [String]) {
        var index: [String: Int] = [:]
        for mn in collectors + entries.map(\.mn) where index[mn] == nil {
            index[mn] = mnBytes.count
            mnBytes.append(Array(mn.utf8))
        }
        var size = 64
        while size < mnBytes.count * 4 { size *= 2 }
        hashKeys = Array(repeating: 0, count: size)
        hashMNs = Array(repeating: -1, count: size)
        for (i, bytes) in mnBytes.enumerated() {
            let h = Self.hash(bytes)
            var j = Int(truncatingIfNeeded: h) & (size - 1)
            while hashMNs[j] >= 0 { j = (j + 1) & (size - 1) }
            hashKeys[j] = h
            hashMNs[j] = Int32(i)
        }
        var codesOf = Array(repeating: [Entry](), count: mnBytes.count)
        for e in entries {
            guard let i = index[e.mn] else { continue }
            codesOf[i].append(e)
        }
        for list in codesOf {
            // A code listed twice for an MN keeps its first entry (what a search in order
            // finds), so the code a lookup finds never depends on where it starts looking.
            var seen = Set<String>()
            let unique = list.filter { seen.insert($0.code).inserted }
            firstCode.append(Int32(codeInfo.count))
            codeCount.append(Int32(unique.count))
            for e in unique {
                codes.append(e.code.utf8)
                codeInfo.append(Code(channel: Int32(e.channel), electrical: e.electrical))
            }
        }
    }

    /// FNV-1a over bytes.
    @inline(__always)
    static func hash<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// The MN index for `buf[range]`, or nil if unknown.
    @inline(__always)
    static func same(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBufferPointer { x in
            guard let p = x.baseAddress, let q = b.baseAddress else { return x.count == b.count }
            return memcmp(p, q, b.count) == 0
        }
    }

    @inline(__always)
    func mnIndex(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        let slice = UnsafeBufferPointer(rebasing: buf[range])
        let h = Self.hash(slice)
        let mask = hashKeys.count - 1
        guard mask > 0 else { return nil }
        var j = Int(truncatingIfNeeded: h) & mask
        while true {
            let i = Int(hashMNs[j])
            if i < 0 { return nil }
            if hashKeys[j] == h, Self.same(mnBytes[i], slice) { return i }
            j = (j + 1) & mask
        }
    }

    /// Whether this directory can place a kept-aside line (SPEC §13.37): its MN is known and,
    /// when it waits for codes (`codes` non-nil), at least one of them is a point now.
    public func canPlace(mn: String, codes: [String]?) -> Bool {
        let name = Array(mn.utf8)
        guard let i = name.withUnsafeBufferPointer({ mnIndex($0, 0..<$0.count) }) else { return false }
        guard let codes else { return true }
        return codes.contains { c in
            Array(c.utf8).withUnsafeBufferPointer { code(i, $0, 0..<$0.count) != nil }
        }
    }

    /// The code entry of MN `mn` for `buf[range]`.
    /// `code(mn, buf, range)` trying first the MN's code at offset `hint` and the one after
    /// it — a packet lists a code's parameters together and its codes in one order, so the
    /// code of the next value is almost always the last one found or the next — then all of
    /// them. `hint` is set to the offset found (issue 20: the linear search over an MN's 16
    /// codes was a tenth of the load).
    @inline(__always)
    func code(_ mn: Int, _ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hint: inout Int) -> Code? {
        let first = Int(firstCode[mn]), count = Int(codeCount[mn])
        var guess = hint
        while guess <= hint &+ 1 {
            if guess >= 0 && guess < count && codes.equals(first &+ guess, buf, range) {
                hint = guess
                return codeInfo[first &+ guess]
            }
            guess &+= 1
        }
        guard let k = codes.firstIndex(in: first..<(first + count), equalTo: buf, range) else { return nil }
        hint = k &- first
        return codeInfo[k]
    }

    @inline(__always)
    func code(_ mn: Int, _ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Code? {
        let first = Int(firstCode[mn])
        return codes.firstIndex(in: first..<(first + Int(codeCount[mn])), equalTo: buf, range).map { codeInfo[$0] }
    }
}
