import Foundation
import PEMSCore

/// Reads a file in large pieces and hands out whole lines (packet logs) or records (CSV
/// readings), so a 2 GB packet log never has to be in memory at once — nor does a line that
/// never ends: a line longer than `maxLineBytes` is reported as `overlong` with its line
/// number, its length and its first bytes, and its other bytes are read past, never held.
/// Memory stays at one piece plus one line limit (`peakBuffer`, `peakCarry`).
///
/// - Packet logs: a line ends at LF; a CR before it stays in the line (the scanner ignores it).
/// - CSV readings (SPEC §3.2): RFC 4180 records (`CSVRecords`) that end at LF, CR LF or a lone
///   CR; a quoted field may span lines, and a record is numbered by the line it starts on. A
///   quote left open — at the end of the file, or past the line limit when the record has a
///   line break — gives up only the record's first line (`unclosed`), and reading resumes on
///   the next line, so one stray quote cannot swallow the rest of the file.
///
/// The last line may lack its line end.
struct LineChunks {
    enum Dialect { case packetLines, csv }

    /// A line longer than the limit: where it starts, how long it is, its first bytes.
    struct Overlong: Equatable {
        var line: Int
        var bytes: Int
        var prefix: [UInt8]
    }

    /// A buffer of whole lines (records): where each starts and ends (line end excluded) and
    /// the physical line it starts on; the lines found too long or left open in it; and how
    /// many physical lines the chunk covered.
    struct Chunk {
        var bytes: [UInt8]
        var starts: [Int] = []
        var ends: [Int] = []
        var lines: [Int] = []
        var overlong: [Overlong] = []
        /// CSV: the first line of a record whose quoted field was never closed (line, first bytes).
        var unclosed: [Overlong] = []
        var lineCount = 0
    }

    /// Bytes of an over-long or unclosed line kept for its reject example.
    static let exampleBytes = 500

    let handle: FileHandle
    let chunkBytes: Int
    let maxLineBytes: Int
    let dialect: Dialect
    /// The start of a line not yet complete (at most `maxLineBytes`).
    var carry: [UInt8] = []
    /// The physical line `carry` starts on.
    var nextLine = 1
    /// An over-long line being read past: its bytes are counted, not kept.
    var skipping: Overlong?
    /// Physical line breaks inside the over-long record before the line being read past (CSV).
    var skippingBreaks = 0
    /// The previous piece ended with a CR that ended a line: an LF at the start of the next
    /// piece is the rest of that line end (CSV).
    var pendingLF = false
    var done = false
    /// When set, every byte read is hashed (the loader's SHA-256 of a file it has not seen
    /// before, computed in the pass that parses it).
    var digest: ContentHash.Running?
    /// The most bytes carried from one piece to the next, and the largest buffer handed out
    /// (how the tests see that memory stays bounded).
    private(set) var peakCarry = 0
    private(set) var peakBuffer = 0

    init(path: String, chunkBytes: Int, maxLineBytes: Int = LoadOptions().maxLineBytes, dialect: Dialect = .packetLines) throws {
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        self.init(handle: h, chunkBytes: chunkBytes, maxLineBytes: maxLineBytes, dialect: dialect)
    }

    /// Reads from a file already opened (`InputFile.open()`, which checked it is a regular file).
    init(handle: FileHandle, chunkBytes: Int, maxLineBytes: Int = LoadOptions().maxLineBytes, dialect: Dialect = .packetLines) {
        self.handle = handle
        self.chunkBytes = max(1, chunkBytes)
        self.maxLineBytes = max(1, maxLineBytes)
        self.dialect = dialect
    }

    /// The next chunk, or nil at the end of the file.
    mutating func next() throws -> Chunk? {
        while !done {
            var chunk = Chunk(bytes: [])
            var buffer: [UInt8]
            if skipping == nil && !pendingLF {
                // The usual case: the piece is read straight after the carried line start, into
                // the buffer handed out — one allocation, no copy but the carry's (issue 20).
                buffer = try readAfter(carry)
                let old = carry.count
                carry = []
                took(buffer, from: old)
            } else {
                // A line end split over a CR, or an over-long line being read past: the piece
                // is looked at before it joins the carry.
                let data = try readAfter([])
                took(data, from: 0)
                var from = 0
                if pendingLF, !data.isEmpty {
                    pendingLF = false
                    if data[0] == UInt8(ascii: "\n") { from = 1 }
                }
                if skipping != nil {
                    guard let resume = readPast(data, from: from, into: &chunk) else { continue }
                    from = resume
                }
                buffer = carry
                carry = []
                buffer.append(contentsOf: data[from...])
            }
            peakBuffer = max(peakBuffer, buffer.count)
            split(&buffer, into: &chunk)
            chunk.bytes = buffer
            if chunk.lineCount > 0 || !chunk.starts.isEmpty { return chunk }
        }
        return nil
    }

    /// Hashes the bytes just read (`buffer[from...]`), or ends the file when there are none.
    private mutating func took(_ buffer: [UInt8], from: Int) {
        guard buffer.count > from else {
            done = true
            try? handle.close()
            return
        }
        buffer.withUnsafeBytes { digest?.update(UnsafeRawBufferPointer(rebasing: $0[from...])) }
    }

    /// `prefix` followed by up to `chunkBytes` bytes read from the file (fewer only at its end).
    private func readAfter(_ prefix: [UInt8]) throws -> [UInt8] {
        let fd = handle.fileDescriptor
        var failure: Int32 = 0
        let buffer = [UInt8](unsafeUninitializedCapacity: prefix.count + chunkBytes) { out, count in
            guard let base = out.baseAddress else { count = 0; return }
            prefix.withUnsafeBufferPointer { p in
                if let src = p.baseAddress { base.update(from: src, count: p.count) }
            }
            var filled = prefix.count
            while filled < prefix.count + chunkBytes {
                let n = Foundation.read(fd, base + filled, prefix.count + chunkBytes - filled)
                if n > 0 { filled += n; continue }
                if n < 0 && errno == EINTR { continue }
                if n < 0 { failure = errno }
                break
            }
            count = filled
        }
        if failure != 0 { throw CocoaError(.fileReadUnknown, userInfo: [NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO)]) }
        return buffer
    }

    /// Reads past the over-long line up to its line end in `data[from...]`: records it in
    /// `chunk` and returns where the rest starts, or nil when `data` is all part of it.
    private mutating func readPast(_ data: [UInt8], from: Int, into chunk: inout Chunk) -> Int? {
        guard var s = skipping else { return from }
        var end: Int?
        var next = data.count
        data.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress, from < b.count else { return }
            let count = b.count - from
            let lf = memchr(base + from, 0x0A, count).map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) - base }
            var cr: Int?
            if dialect == .csv {
                cr = memchr(base + from, 0x0D, count).map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) - base }
            }
            let e = [lf, cr].compactMap { $0 }.min()
            end = e
            if let e {
                next = e + 1
                if b[e] == 0x0D {
                    if e + 1 < b.count { if b[e + 1] == 0x0A { next = e + 2 } } else { pendingLF = true }
                }
            }
        }
        if let end {
            s.bytes += end - from
            finishSkip(s, into: &chunk)
            return next
        }
        s.bytes += data.count - from
        if done {
            finishSkip(s, into: &chunk)
            return data.count
        }
        skipping = s
        return nil
    }

    private mutating func finishSkip(_ s: Overlong, into chunk: inout Chunk) {
        chunk.overlong.append(s)
        let lines = skippingBreaks + 1
        chunk.lineCount += lines
        nextLine += lines
        skipping = nil
        skippingBreaks = 0
    }

    /// Splits `buffer` (starting at line `nextLine`) into lines, keeps an incomplete last one
    /// as `carry` (or starts reading past it), and drops it from `buffer`.
    private mutating func split(_ buffer: inout [UInt8], into chunk: inout Chunk) {
        var keepFrom = buffer.count
        let estimate = buffer.count / (dialect == .csv ? 60 : 400)
        chunk.starts.reserveCapacity(estimate); chunk.ends.reserveCapacity(estimate); chunk.lines.reserveCapacity(estimate)
        buffer.withUnsafeBufferPointer { b in
            var pos = 0
            while pos < b.count {
                switch end(b, pos) {
                case .record(let contentEnd, let next, let breaks):
                    if contentEnd - pos > maxLineBytes {
                        chunk.overlong.append(Overlong(line: nextLine, bytes: contentEnd - pos, prefix: Self.prefix(b, pos)))
                    } else {
                        chunk.starts.append(pos); chunk.ends.append(contentEnd); chunk.lines.append(nextLine)
                    }
                    chunk.lineCount += breaks + 1
                    nextLine += breaks + 1
                    if next == b.count, next == contentEnd + 1, b[contentEnd] == 0x0D, !done { pendingLF = true }
                    pos = next
                case .incomplete(let openQuote, let breaks, let firstBreakEnd):
                    let length = b.count - pos
                    if openQuote, let resume = firstBreakEnd, done || length > maxLineBytes {
                        // A quote left open: give up the record's first line, read on from the next.
                        chunk.unclosed.append(Overlong(line: nextLine, bytes: resume - pos, prefix: Self.prefix(b, pos)))
                        chunk.lineCount += 1
                        nextLine += 1
                        pos = resume
                    } else if done {
                        // Open quote and no line break: the rest of the file is that one line.
                        chunk.unclosed.append(Overlong(line: nextLine, bytes: length, prefix: Self.prefix(b, pos)))
                        chunk.lineCount += 1
                        nextLine += 1
                        pos = b.count
                    } else if length > maxLineBytes {
                        skipping = Overlong(line: nextLine, bytes: length, prefix: Self.prefix(b, pos))
                        skippingBreaks = breaks
                        pos = b.count
                    } else {
                        keepFrom = pos
                        pos = b.count
                    }
                }
            }
        }
        if keepFrom < buffer.count {
            carry = Array(buffer[keepFrom...])
            peakCarry = max(peakCarry, carry.count)
            buffer.removeSubrange(keepFrom...)
        }
    }

    /// Where the line starting at `pos` ends.
    private func end(_ b: UnsafeBufferPointer<UInt8>, _ pos: Int) -> CSVRecords.End {
        switch dialect {
        case .csv:
            return CSVRecords.end(of: b, from: pos, atEnd: done)
        case .packetLines:
            guard let base = b.baseAddress else { return .incomplete(openQuote: false, innerBreaks: 0, firstBreakEnd: nil) }
            if let p = memchr(base + pos, 0x0A, b.count - pos) {
                let nl = UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self) - base
                return .record(contentEnd: nl, next: nl + 1, innerBreaks: 0)
            }
            return done ? .record(contentEnd: b.count, next: b.count, innerBreaks: 0)
                : .incomplete(openQuote: false, innerBreaks: 0, firstBreakEnd: nil)
        }
    }

    private static func prefix(_ b: UnsafeBufferPointer<UInt8>, _ pos: Int) -> [UInt8] {
        Array(b[pos..<min(b.count, pos + exampleBytes)])
    }
}
