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
        let bytes: [UInt8]
        let channel: Int32
        let electrical: Bool
    }

    struct MN: Sendable {
        let name: String
        let bytes: [UInt8]
        var codes: [Code]
    }

    var mns: [MN] = []
    var byHash: [UInt64: [Int32]] = [:]

    /// - Parameters:
    ///   - entries: every point of the registry (mn, code, channel, electrical).
    ///   - collectors: every collector MN (an MN with no points is still known).
    public init(entries: [Entry], collectors: [String]) {
        var index: [String: Int] = [:]
        for mn in collectors + entries.map(\.mn) where index[mn] == nil {
            index[mn] = mns.count
            let bytes = Array(mn.utf8)
            byHash[Self.hash(bytes), default: []].append(Int32(mns.count))
            mns.append(MN(name: mn, bytes: bytes, codes: []))
        }
        for e in entries {
            guard let i = index[e.mn] else { continue }
            mns[i].codes.append(Code(bytes: Array(e.code.utf8), channel: Int32(e.channel), electrical: e.electrical))
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
    func mnIndex(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        let slice = UnsafeBufferPointer(rebasing: buf[range])
        guard let candidates = byHash[Self.hash(slice)] else { return nil }
        for c in candidates where mns[Int(c)].bytes.elementsEqual(slice) { return Int(c) }
        return nil
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
    @inline(__always)
    func code(_ mn: Int, _ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Code? {
        let n = range.count
        for c in mns[mn].codes where c.bytes.count == n {
            var equal = true
            var j = range.lowerBound
            for b in c.bytes {
                if b != buf[j] { equal = false; break }
                j += 1
            }
            if equal { return c }
        }
        return nil
    }
}
