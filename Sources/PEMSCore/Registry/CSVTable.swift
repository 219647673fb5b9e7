/// A CSV file read into memory: a header and records, each record tagged with the physical
/// line it starts on, so that every message can say `file.csv:14: …`.
///
/// The dialect (SPEC §2, §3.2):
/// - UTF-8; a leading BOM is dropped. A physical line holding invalid UTF-8 is reported as a
///   problem with its line number, and the record(s) touching that line are left out.
/// - RFC 4180 quoting: a field starting with `"` (after optional spaces) may contain commas,
///   line breaks and doubled quotes `""`. A quote inside an unquoted field is kept literally.
///   A quoted field still open at the end of the file is a problem (reported at the line the
///   record starts on) and that record is left out.
/// - Records end at LF, CR LF or a lone CR (Excel's "CSV (Macintosh)"); each is one line break
///   for line numbers, inside quotes too. The scanner is `CSVRecords`, shared with the
///   loader's CSV readings.
/// - Every cell is trimmed of surrounding spaces and tabs (also inside the quotes).
/// - Blank lines, and records whose cells are all empty (`,,,`), are skipped.
/// - The first non-blank record is the header; header names are trimmed and lowercased
///   (ASCII) so `Enterprise_ID` finds `enterprise_id`. Line 1 is the first physical line.
/// - Records may be longer than the header (extra cells are ignored by `cell(_:_:)`) or
///   shorter (missing cells read as empty).
///
/// The reader is a byte scanner (`CSVRecords`): one pass, one `String` per cell, no Foundation.
public struct CSVTable: Sendable, Equatable {
    /// One data record.
    public struct Record: Sendable, Equatable {
        /// The physical line (1-based) the record starts on.
        public var line: Int
        /// The cells in file order, trimmed.
        public var cells: [String]

        public init(line: Int, cells: [String]) {
            self.line = line
            self.cells = cells
        }

        /// The cell at `index`, or `""` when the record is shorter than that.
        @inlinable
        public subscript(index: Int) -> String {
            index < cells.count ? cells[index] : ""
        }
    }

    /// Something wrong with the bytes themselves (as opposed to the values).
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The physical line (1-based).
        public var line: Int
        public var reason: String
        public var description: String { "\(line): \(reason)" }
    }

    /// Header names, trimmed and ASCII-lowercased; empty when the file has no non-blank line.
    public var header: [String]
    /// The physical line of the header (normally 1; 0 when there is no header).
    public var headerLine: Int
    /// The data records, in file order.
    public var records: [Record]
    /// Invalid UTF-8 lines and unterminated quotes, in line order.
    public var problems: [Problem]

    /// Position of each header name; for a name given twice, the first one.
    public var columns: [String: Int] {
        var result: [String: Int] = [:]
        for (i, name) in header.enumerated() where result[name] == nil { result[name] = i }
        return result
    }

    /// Header names that appear more than once, in header order.
    public var duplicateColumns: [String] {
        var seen = Set<String>(), duplicates: [String] = []
        for name in header where !seen.insert(name).inserted && !duplicates.contains(name) {
            duplicates.append(name)
        }
        return duplicates
    }

    /// Reads a whole file.
    public init(bytes: [UInt8]) {
        header = []
        headerLine = 0
        records = []
        problems = []

        let badLines = Self.linesWithInvalidUTF8(bytes)
        for line in badLines.sorted() {
            problems.append(Problem(line: line, reason: "invalid UTF-8"))
        }

        var raws: [RawRecord] = []
        bytes.withUnsafeBufferPointer { b in
            var position = b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
            var line = 1
            var scratch: [UInt8] = [], ranges: [Range<Int>] = []
            while position < b.count {
                guard case .record(let end, let next, let breaks) = CSVRecords.end(of: b, from: position, atEnd: true) else {
                    raws.append(RawRecord(firstLine: line, lastLine: line, cells: [], unterminatedQuote: true))
                    break
                }
                let record = UnsafeBufferPointer(rebasing: b[position..<end])
                let fromScratch = CSVRecords.cells(record, scratch: &scratch, ranges: &ranges)
                let cells = ranges.map { r in
                    fromScratch ? String(decoding: scratch[r], as: UTF8.self)
                        : String(decoding: UnsafeBufferPointer(rebasing: record[r]), as: UTF8.self)
                }
                raws.append(RawRecord(firstLine: line, lastLine: line + breaks, cells: cells, unterminatedQuote: false))
                line += breaks + 1
                position = next
            }
        }

        var sawHeader = false
        for raw in raws {
            if raw.unterminatedQuote {
                problems.append(Problem(line: raw.firstLine, reason: "quoted field is not closed before the end of the file"))
                continue
            }
            if !badLines.isEmpty, (raw.firstLine...raw.lastLine).contains(where: badLines.contains) { continue }
            if raw.cells.allSatisfy(\.isEmpty) { continue }
            if !sawHeader {
                sawHeader = true
                headerLine = raw.firstLine
                header = raw.cells.map { String(decoding: $0.utf8.map(Self.asciiLowercase), as: UTF8.self) }
            } else {
                records.append(Record(line: raw.firstLine, cells: raw.cells))
            }
        }
        problems.sort { $0.line < $1.line }
    }

    @inline(__always)
    private static func asciiLowercase(_ b: UInt8) -> UInt8 {
        b >= 65 && b <= 90 ? b + 32 : b
    }

    /// The physical lines (1-based) that contain bytes that are not well-formed UTF-8
    /// (overlong forms, surrogates and code points above U+10FFFF included). Lines end at LF,
    /// CR LF or a lone CR, as `CSVRecords` counts them.
    static func linesWithInvalidUTF8(_ u: [UInt8]) -> Set<Int> {
        var bad = Set<Int>()
        var line = 1, i = 0
        let n = u.count
        while i < n {
            let b = u[i]
            if b < 0x80 {
                if b == 0x0A || (b == 0x0D && (i + 1 == n || u[i + 1] != 0x0A)) { line += 1 }
                i += 1
                continue
            }
            var need = 0, low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; high = 0x9F
            case 0xF0: need = 3; low = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; high = 0x8F
            default: bad.insert(line); i += 1; continue
            }
            var j = 1
            while j <= need, i + j < n {
                let c = u[i + j]
                let lo: UInt8 = j == 1 ? low : 0x80, hi: UInt8 = j == 1 ? high : 0xBF
                guard c >= lo && c <= hi else { break }
                j += 1
            }
            if j <= need {
                bad.insert(line)
                i += j // resynchronise on the byte that broke the sequence
            } else {
                i += need + 1
            }
        }
        return bad
    }
}

extension CSVTable {
    /// A record as scanned, before blank-skipping and header handling.
    struct RawRecord {
        var firstLine: Int
        var lastLine: Int
        var cells: [String]
        var unterminatedQuote: Bool
    }
}
