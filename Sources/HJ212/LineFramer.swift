/// Cuts the byte stream of one data collector's TCP connection (数采仪 → platform) into packet
/// lines, as a receiver must before it checks them (issue 19; HJ 212-2017 §6.3: a packet ends
/// with CR LF).
///
/// - Several packets may come in one read and one packet across several; `push` returns every
///   line the bytes completed, without its CR LF (a lone LF ends a line too), and keeps the rest.
/// - A frame cut short (`##0101QN=…` lost its tail when the collector dropped the line) must
///   not swallow the packet sent after it: after the first byte of a pending line, `##`
///   followed by four decimal digits starts a new line, and the bytes before it are returned
///   as they came so the checks reject them (a cut frame's length and CRC do not match; stray
///   bytes are no packet). A data segment never holds `##` and four digits (its items are
///   `KEY=VALUE` joined by `;`, `,` and `&&`).
/// - A line that reaches `maxLineBytes` without an end is not kept: its bytes are counted and
///   dropped up to its CR LF, then reported once as `.tooLong` (a client sending one endless
///   line cannot make the receiver hold it).
///
/// A value type with its own buffer: one per connection, used by one thread at a time.
public struct LineFramer: Sendable {
    /// What the stream gave.
    public enum Piece: Equatable, Sendable {
        /// A whole line, its CR LF removed (also a frame cut short, as it came).
        case line([UInt8])
        /// A line longer than `maxLineBytes`, of this many bytes (its CR LF not counted), dropped.
        case tooLong(byteCount: Int)
    }

    /// The longest line kept, in bytes without its end.
    public let maxLineBytes: Int
    private var pending: [UInt8] = []
    /// Bytes of the current over-long line dropped so far; nil while the line fits.
    private var dropped: Int?
    /// The last byte dropped was a CR (part of the line end if an LF follows).
    private var droppedCR = false

    public init(maxLineBytes: Int = 65_536) {
        self.maxLineBytes = max(16, maxLineBytes)
    }

    /// Bytes of an unfinished line held (what a disconnect would leave).
    public var pendingCount: Int { dropped ?? pending.count }

    /// Takes the next bytes read from the connection; returns the lines they complete, in order.
    public mutating func push(_ bytes: some Sequence<UInt8>) -> [Piece] {
        var out: [Piece] = []
        for b in bytes {
            if b == 0x0A {
                endLine(into: &out)
                continue
            }
            if var n = dropped {
                n += 1
                dropped = n
                droppedCR = b == 0x0D
                continue
            }
            pending.append(b)
            startsNewFrame(into: &out)
            if pending.count > maxLineBytes {
                dropped = pending.count
                droppedCR = b == 0x0D
                pending.removeAll(keepingCapacity: true)
            }
        }
        return out
    }

    /// The connection closed: the unfinished line, if any (a packet cut by the disconnect,
    /// never to be loaded as whole: the caller logs it as incomplete), and a fresh start.
    public mutating func finish() -> Piece? {
        defer {
            pending.removeAll(keepingCapacity: true)
            dropped = nil
        }
        if let n = dropped { return .tooLong(byteCount: n) }
        var line = pending
        if line.last == 0x0D { line.removeLast() }
        return line.isEmpty ? nil : .line(line)
    }

    private mutating func endLine(into out: inout [Piece]) {
        if let n = dropped {
            // The CR before the LF is part of the line end, not of the line.
            out.append(.tooLong(byteCount: droppedCR ? n - 1 : n))
            dropped = nil
            droppedCR = false
            pending.removeAll(keepingCapacity: true)
            return
        }
        var line = pending
        if line.last == 0x0D { line.removeLast() }
        pending.removeAll(keepingCapacity: true)
        if !line.isEmpty { out.append(.line(line)) }
    }

    /// When the byte just added completes `##dddd` after the first byte of the pending line,
    /// the bytes before it (a frame cut short, or stray bytes) are returned as a line of their own.
    private mutating func startsNewFrame(into out: inout [Piece]) {
        let n = pending.count
        guard n >= 7 else { return }
        let s = n - 6
        guard pending[s] == 0x23, pending[s + 1] == 0x23,
              pending[(s + 2)..<n].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return }
        var cut = Array(pending[..<s])
        if cut.last == 0x0D { cut.removeLast() }
        out.append(.line(cut))
        pending.removeFirst(s)
    }
}
