/// The RFC 4180 record scanner shared by the registry (`CSVTable`, SPEC §2) and the loader's
/// CSV readings (SPEC §3.2): where a record ends, and its cells.
///
/// The dialect:
/// - A record ends at LF, CR LF or a lone CR (Excel's "CSV (Macintosh)" writes CR only), and
///   each of them is one physical line break, inside quotes too, so line numbers agree
///   whichever convention a file uses.
/// - A field that starts with `"` (after optional spaces and tabs) is quoted: it may hold
///   commas, line breaks and `""` (one quote). Text between its closing quote and the next
///   comma is kept literally; a quote inside an unquoted field is an ordinary character.
/// - Cells are trimmed of surrounding spaces, tabs and CRs (inside the quotes too).
///
/// It works on the caller's bytes and keeps no state between calls, so it serves both a file
/// held whole in memory and one read in pieces: a caller that gets `.incomplete` appends the
/// next piece and asks again from the same start. Written by hand rather than taken from a
/// CSV package (SwiftCSV, CSV.swift) because the loader needs byte ranges into its own
/// buffer, a bound on record length, line numbers and a lone CR as a line end, without a
/// `String` per cell. Measured (`swiftc -O`, one core of the 2-core build machine): records
/// and cells of 200 MB of SPEC §3.2 rows at about 250 MB/s, 5 M rows/s; with every cell
/// quoted about 160 MB/s, 2.8 M rows/s — a row is one reading, so CSV readings load faster
/// than the loader's 2 M values/s for packets.
public enum CSVRecords {
    /// Where the record that starts at `start` ends.
    public enum End: Equatable, Sendable {
        /// The record's content is `start..<contentEnd` (line end excluded); the next record
        /// starts at `next`. `innerBreaks`: physical line breaks inside its quoted fields. When
        /// the record ends with a CR that is the buffer's last byte, `next` is the buffer's end:
        /// an LF at the start of the next piece belongs to this line end and must be skipped.
        case record(contentEnd: Int, next: Int, innerBreaks: Int)
        /// The bytes end inside the record. `openQuote`: inside a quoted field (at the end of
        /// the input: a quote left open). `firstBreakEnd`: the position just after the record's
        /// first physical line break, if it has one — where reading resumes when the record's
        /// first line is given up.
        case incomplete(openQuote: Bool, innerBreaks: Int, firstBreakEnd: Int?)
    }

    static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"),
               cr = UInt8(ascii: "\r"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    /// Finds the end of the record starting at `start` in `b`. `atEnd`: no bytes follow `b`,
    /// so the record ends with the input. Call with `start < b.count`.
    public static func end(of b: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> End {
        let n = b.count
        var i = start, breaks = 0
        var firstBreakEnd: Int? = nil
        var fieldStart = true
        while i < n {
            let c = b[i]
            if fieldStart {
                if c == space || c == tab { i += 1; continue }
                fieldStart = false
                if c == quote {
                    i += 1
                    var closed = false
                    while i < n {
                        let d = b[i]
                        if d == quote {
                            if i + 1 < n {
                                if b[i + 1] == quote { i += 2; continue }
                                i += 1; closed = true; break
                            }
                            if atEnd { i += 1; closed = true }
                            break   // a quote as the last byte: `""` or the close, the next piece tells
                        } else if d == lf || d == cr {
                            if d == cr {
                                if i + 1 < n { i += b[i + 1] == lf ? 2 : 1 } else if atEnd { i += 1 } else { break }
                            } else {
                                i += 1
                            }
                            breaks += 1
                            if firstBreakEnd == nil { firstBreakEnd = i }
                        } else {
                            i += 1
                        }
                    }
                    if !closed { return .incomplete(openQuote: true, innerBreaks: breaks, firstBreakEnd: firstBreakEnd) }
                    continue
                }
            }
            if c == comma { fieldStart = true; i += 1; continue }
            if c == lf { return .record(contentEnd: i, next: i + 1, innerBreaks: breaks) }
            if c == cr {
                let next = i + 1 < n && b[i + 1] == lf ? i + 2 : i + 1
                return .record(contentEnd: i, next: next, innerBreaks: breaks)
            }
            i += 1
        }
        if atEnd { return .record(contentEnd: n, next: n, innerBreaks: breaks) }
        return .incomplete(openQuote: false, innerBreaks: breaks, firstBreakEnd: firstBreakEnd)
    }

    /// Splits one record (its content, line end excluded) into trimmed cells. A record
    /// without quotes is split in place: `ranges` index `record` and the result is false.
    /// Otherwise the unquoted cell contents are written one after another into `scratch`,
    /// `ranges` index `scratch`, and the result is true. Both buffers are reused.
    @discardableResult
    public static func cells(_ record: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8], ranges: inout [Range<Int>]) -> Bool {
        ranges.removeAll(keepingCapacity: true)
        let n = record.count
        var hasQuote = false
        for b in record where b == quote { hasQuote = true; break }
        if !hasQuote {
            var s = 0
            while true {
                var e = s
                while e < n, record[e] != comma { e += 1 }
                ranges.append(trimmed(record, s, e))
                if e >= n { break }
                s = e + 1
            }
            return false
        }
        scratch.removeAll(keepingCapacity: true)
        var p = 0
        while true {
            while p < n, record[p] == space || record[p] == tab { p += 1 }
            let from = scratch.count
            if p < n, record[p] == quote {
                p += 1
                while p < n {
                    let b = record[p]
                    if b == quote {
                        if p + 1 < n, record[p + 1] == quote { scratch.append(quote); p += 2; continue }
                        p += 1
                        break
                    }
                    scratch.append(b)
                    p += 1
                }
            }
            while p < n, record[p] != comma { scratch.append(record[p]); p += 1 }
            let to = scratch.count
            let r = scratch.withUnsafeBufferPointer { trimmed($0, from, to) }
            ranges.append(r)
            if p >= n { break }
            p += 1
        }
        return true
    }

    @inline(__always)
    static func isTrimmed(_ b: UInt8) -> Bool { b == space || b == tab || b == cr }

    @inline(__always)
    static func trimmed(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Range<Int> {
        var lo = s, hi = e
        while hi > lo, isTrimmed(b[hi - 1]) { hi -= 1 }
        while lo < hi, isTrimmed(b[lo]) { lo += 1 }
        return lo..<hi
    }
}
