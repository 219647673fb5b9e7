/// Short byte strings (factor codes, parameter names) kept end to end in one pool, so that
/// looking one up compares bytes in place: no array per entry to retain and release on the
/// per-value path of the loader (docs/PERFORMANCE.md). Entries are numbered in the order added.
struct BytePool {
    private var bytes: [UInt8] = []
    private var starts: [Int32] = []
    private var lengths: [Int32] = []

    var count: Int { starts.count }

    /// Adds `s` as the next entry.
    mutating func append<C: Collection>(_ s: C) where C.Element == UInt8 {
        starts.append(Int32(bytes.count))
        lengths.append(Int32(s.count))
        bytes.append(contentsOf: s)
    }

    /// The first entry in `entries` that `accept`s and equals `buf[range]`.
    /// Whether entry `k` holds the bytes `buf[range]`.
    @inline(__always)
    func equals(_ k: Int, _ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard lengths[k] == Int32(range.count) else { return false }
        return bytes.withUnsafeBufferPointer { pool in
            var p = Int(starts[k])
            var j = range.lowerBound
            while j < range.upperBound, pool[p] == buf[j] { p += 1; j += 1 }
            return j == range.upperBound
        }
    }

    @inline(__always)
    func firstIndex(in entries: Range<Int>, equalTo buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                    where accept: (Int) -> Bool = { _ in true }) -> Int? {
        for k in entries where lengths[k] == Int32(range.count) && accept(k) && equals(k, buf, range) { return k }
        return nil
    }
}
