/// The loader's hot path: checks and splits one HJ 212 packet log line without allocating.
///
/// The loader calls `scan` about 3.6 million times per city-day (≈ 2 GB of text, 100 million
/// values), so the scanner works on the caller's bytes and reports byte ranges; the only
/// storage it owns is the reused `fields` buffer. It implements SPEC §3.1 and §13.1 and the
/// protocol facts of NOTES.md:
///
/// - A line starting with `##` must be exactly `##` + 4 decimal digits + data segment + 4 hex
///   digits (trailing spaces, tabs and CR aside); anything else is `bad_length`. The declared
///   length counts the segment's bytes. Any other non-empty line is a bare data segment.
/// - The CRC16 of appendix A covers the segment bytes and is compared without regard to
///   case; a mismatch is `bad_crc`, but the header and CP are still scanned so the loader
///   can load the packet under `crc_policy: warn` (see `ScannedPacket.errorIgnoringCRC`).
/// - Header items are `KEY=VALUE` separated by `;`, in any order, before the first `CP=&&`
///   that starts an item; the CP ends at the last `&&` of the segment. CP items are split
///   on `;` and `,`; `DataTime` goes to `dataTime`, all others to `fields`.
/// - Header values must have the forms of `HeaderField` (MN letters and digits, QN digits,
///   …); the first that does not is `headerProblem` and the packet is `bad_header`.
/// - A leading UTF-8 byte order mark (as left by some Windows tools on a file's first line)
///   is skipped.
/// - A line may start with its receive time, `YYYY-MM-DD HH:MM:SS.mmm` and one space (SPEC
///   §13.38, `ReceiveTime`); the packet is scanned after it. A line starting with a digit
///   whose start is not that form is `bad_receive_time` and not scanned further.
///
/// Not thread-safe to share (it is a value with mutable storage): give each loading task
/// its own scanner.
public struct PacketScanner: Sendable {
    /// Lines longer than this (in bytes, line end included) are `line_too_long`.
    public let maxLineBytes: Int
    /// Reused for `ScannedPacket.fields`; uniquely owned again once the caller drops the
    /// previous result, so steady-state scanning does not allocate.
    private var fieldStorage: [CPField]

    public init(maxLineBytes: Int = 65_536) {
        self.maxLineBytes = maxLineBytes
        fieldStorage = []
        fieldStorage.reserveCapacity(128)
    }

    /// Scans one line. `line` excludes the LF; a trailing CR and trailing spaces/tabs are
    /// ignored. All ranges in the result index into `line`. Reuses internal storage for
    /// `fields`, so the result is valid until the next call.
    public mutating func scan(_ line: UnsafeBufferPointer<UInt8>) -> ScannedPacket {
        fieldStorage.removeAll(keepingCapacity: true)
        var packet = ScannedPacket(fields: [])

        if line.count > maxLineBytes {
            packet.error = .lineTooLong
            packet.errorIgnoringCRC = .lineTooLong
            return packet
        }
        guard let base = line.baseAddress, line.count > 0 else {
            packet.error = .emptyLine
            packet.errorIgnoringCRC = .emptyLine
            return packet
        }

        // Trim trailing CR / spaces / tabs, skip a BOM, detect whitespace-only lines.
        var end = line.count
        while end > 0 && Self.isTrailingSpace(base[end &- 1]) { end &-= 1 }
        var start = 0
        if end >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { start = 3 }
        var firstNonSpace = start
        while firstNonSpace < end && Self.isTrailingSpace(base[firstNonSpace]) { firstNonSpace &+= 1 }
        if firstNonSpace == end {
            packet.error = .emptyLine
            packet.errorIgnoringCRC = .emptyLine
            return packet
        }

        // SPEC §13.38: a receive time may come before the packet; a line starting with a digit
        // must carry one in its exact form (no packet starts with a digit).
        if ReceiveTime.startsPrefix(base[start]) {
            guard let received = ReceiveTime.parse(base, start: start, end: end) else {
                packet.receiveTimeText = start..<min(end, start &+ ReceiveTime.prefixBytes)
                packet.error = .badReceiveTime
                packet.errorIgnoringCRC = .badReceiveTime
                return packet
            }
            packet.receiveTime = received
            packet.receiveTimeText = start..<(start &+ ReceiveTime.textBytes)
            start &+= ReceiveTime.prefixBytes
        }

        let utf8OK = UTF8Validation.isValid(base, count: line.count)

        // Framing (SPEC §13.1).
        var segStart = start
        var segEnd = end
        if end &- start >= 2 && base[start] == Ascii.hash && base[start &+ 1] == Ascii.hash {
            packet.framed = true
            var i = start &+ 2
            var digits = 0
            var declared = 0
            while digits < 4 && i < end, let d = Self.decimal(base[i]) {
                declared = declared &* 10 &+ d
                digits &+= 1
                i &+= 1
            }
            if digits == 4 { packet.lengthDeclared = declared }
            segStart = i
            if end &- segStart >= 4,
               let h0 = Self.hex(base[end &- 4]), let h1 = Self.hex(base[end &- 3]),
               let h2 = Self.hex(base[end &- 2]), let h3 = Self.hex(base[end &- 1]) {
                packet.crcGiven = (end &- 4)..<end
                packet.crcGivenValue = UInt16(h0 << 12 | h1 << 8 | h2 << 4 | h3)
                segEnd = end &- 4
            }
        }
        packet.segment = segStart..<segEnd
        packet.lengthActual = segEnd &- segStart
        let computed = CRC16.checksum(UnsafeBufferPointer(start: base + segStart, count: segEnd &- segStart))
        packet.crcComputed = computed
        if packet.framed {
            packet.lengthOK = packet.crcGiven != nil && packet.lengthDeclared == packet.lengthActual
            packet.crcOK = packet.crcGivenValue == computed
        }

        let contentError = scanContent(base, segStart, segEnd, into: &packet)
        packet.fields = fieldStorage

        let structural: PacketReject? = !utf8OK ? .notUTF8 : (packet.lengthOK == false ? .badLength : nil)
        packet.errorIgnoringCRC = structural ?? contentError
        packet.error = structural ?? (packet.crcOK == false ? .badCRC : contentError)
        return packet
    }

    // MARK: - Header and CP

    /// Fills header, CP, DataTime, fields and version; returns the first content problem.
    @inline(__always)
    private mutating func scanContent(_ base: UnsafePointer<UInt8>, _ segStart: Int, _ segEnd: Int,
                                      into packet: inout ScannedPacket) -> PacketReject? {
        var problem: HeaderProblem? = nil
        var cpOpen = -1
        var i = segStart
        // Header items up to the first item that starts with "CP=&&".
        while i < segEnd {
            if segEnd &- i >= 5 && base[i] == Ascii.C && base[i &+ 1] == Ascii.P && base[i &+ 2] == Ascii.equals
                && base[i &+ 3] == Ascii.amp && base[i &+ 4] == Ascii.amp {
                cpOpen = i &+ 5
                break
            }
            var j = i
            var eq = -1
            var extraEquals = false
            while j < segEnd {
                let b = base[j]
                if b == Ascii.semicolon { break }
                if b == Ascii.equals {
                    if eq < 0 { eq = j } else { extraEquals = true }
                }
                j &+= 1
            }
            if j > i {  // empty items (";;") are skipped
                if eq <= i {
                    if problem == nil { problem = HeaderProblem(field: .item, value: i..<j) }
                } else {
                    // A second '=' stays in a field's value (`CN=20111PW=123456`: the ';' was
                    // lost), where the field's form fails it and the detail names the field.
                    let field = Self.assignHeader(base, key: i..<eq, value: (eq &+ 1)..<j, to: &packet)
                    if extraEquals && problem == nil && field.flatMap({ packet.range(of: $0) }) != (eq &+ 1)..<j {
                        problem = HeaderProblem(field: .item, value: i..<j)
                    }
                }
            }
            i = j &+ 1
        }

        // Flag → version.
        if let flag = packet.flag {
            if let value = Self.smallDecimal(base, flag) {
                packet.version = ProtocolVersion(flag: value)
            } else {
                packet.version = .unknown(-1)
            }
        }
        if problem == nil { problem = Self.firstBadField(base, packet) }
        packet.headerProblem = problem

        var badCP = false
        if cpOpen >= 0 {
            // The closing "&&" is the last one of the segment, after the opening one.
            var close = -1
            var k = segEnd &- 2
            while k >= cpOpen {
                if base[k] == Ascii.amp && base[k &+ 1] == Ascii.amp { close = k; break }
                k &-= 1
            }
            let cpEnd: Int
            if close >= 0 {
                cpEnd = close
                if close &+ 2 != segEnd { badCP = true }  // text after the CP
            } else {
                cpEnd = segEnd
                badCP = true                           // not closed (often truncated)
            }
            packet.cp = cpOpen..<cpEnd
            if !splitCP(base, cpOpen, cpEnd, into: &packet) { badCP = true }
        }

        if problem != nil { return .badHeader }
        if packet.mn.map({ $0.isEmpty }) ?? true { return .missingMN }
        if packet.cn.map({ $0.isEmpty }) ?? true { return .missingCN }
        if cpOpen < 0 { return .noCP }
        if badCP { return .badCP }
        if case .unknown = packet.version { return .unknownVersion }
        return nil
    }

    /// Splits the CP into items on `;` and `,`; false when an item is not `key=value`.
    @inline(__always)
    private mutating func splitCP(_ base: UnsafePointer<UInt8>, _ cpStart: Int, _ cpEnd: Int,
                                  into packet: inout ScannedPacket) -> Bool {
        var ok = true
        var itemStart = cpStart
        var eq = -1
        var i = cpStart
        while i <= cpEnd {
            let b = i < cpEnd ? base[i] : Ascii.semicolon
            if b == Ascii.semicolon || b == Ascii.comma {
                if i > itemStart {
                    if eq <= itemStart {
                        ok = false
                    } else if eq &- itemStart == 8 && Self.isDataTime(base, itemStart) {
                        if packet.dataTime == nil { packet.dataTime = (eq &+ 1)..<i }
                    } else {
                        fieldStorage.append(CPField(key: itemStart..<eq, value: (eq &+ 1)..<i))
                        if eq &- itemStart >= 4 && Self.endsWithFlag(base, eq) { packet.flagKeys &+= 1 }
                    }
                }
                itemStart = i &+ 1
                eq = -1
            } else if b == Ascii.equals && eq < 0 {
                eq = i
            }
            i &+= 1
        }
        return ok
    }

    /// Stores a header value under its key (QN ST CN PW MN Flag PNUM PNO, any case); the
    /// first occurrence wins; other keys are ignored. Returns the field the key names.
    @inline(__always) @discardableResult
    private static func assignHeader(_ base: UnsafePointer<UInt8>, key: Range<Int>, value: Range<Int>,
                                     to packet: inout ScannedPacket) -> HeaderField? {
        let k = key.lowerBound
        @inline(__always) func lc(_ offset: Int) -> UInt8 { base[k &+ offset] | 0x20 }
        switch key.count {
        case 2:
            let a = lc(0), b = lc(1)
            if a == 0x71 && b == 0x6E { if packet.qn == nil { packet.qn = value }; return .qn }        // qn
            if a == 0x73 && b == 0x74 { if packet.st == nil { packet.st = value }; return .st }        // st
            if a == 0x63 && b == 0x6E { if packet.cn == nil { packet.cn = value }; return .cn }        // cn
            if a == 0x70 && b == 0x77 { if packet.pw == nil { packet.pw = value }; return .pw }        // pw
            if a == 0x6D && b == 0x6E { if packet.mn == nil { packet.mn = value }; return .mn }        // mn
        case 3:
            if lc(0) == 0x70 && lc(1) == 0x6E && lc(2) == 0x6F {                                      // pno
                if packet.pno == nil { packet.pno = value }
                return .pno
            }
        case 4:
            let a = lc(0), b = lc(1), c = lc(2), d = lc(3)
            if a == 0x66 && b == 0x6C && c == 0x61 && d == 0x67 {                                      // flag
                if packet.flag == nil { packet.flag = value }
                return .flag
            }
            if a == 0x70 && b == 0x6E && c == 0x75 && d == 0x6D {                                      // pnum
                if packet.pnum == nil { packet.pnum = value }
                return .pnum
            }
        default:
            break
        }
        return nil
    }

    /// The first header field, in the order QN ST CN PW MN Flag PNUM PNO, whose value does not
    /// have its `HeaderField` form. An empty MN or CN is left to `missing_mn` / `missing_cn`.
    @inline(__always)
    private static func firstBadField(_ base: UnsafePointer<UInt8>, _ p: ScannedPacket) -> HeaderProblem? {
        @inline(__always) func check(_ field: HeaderField, _ r: Range<Int>?) -> HeaderProblem? {
            guard let r, !(r.isEmpty && (field == .mn || field == .cn)), !field.accepts(base, r) else { return nil }
            return HeaderProblem(field: field, value: r)
        }
        if let found = check(.qn, p.qn) { return found }
        if let found = check(.st, p.st) { return found }
        if let found = check(.cn, p.cn) { return found }
        if let found = check(.pw, p.pw) { return found }
        if let found = check(.mn, p.mn) { return found }
        if let found = check(.flag, p.flag) { return found }
        if let found = check(.pnum, p.pnum) { return found }
        return check(.pno, p.pno)
    }

    /// The 4 bytes before `end` spell "Flag" (as a `CODE-Flag` key ends).
    @inline(__always)
    private static func endsWithFlag(_ base: UnsafePointer<UInt8>, _ end: Int) -> Bool {
        UnsafeRawPointer(base).loadUnaligned(fromByteOffset: end &- 4, as: UInt32.self) == UInt32(littleEndian: 0x6761_6C46)  // "Flag"
    }

    /// The 8 bytes at `k` spell "DataTime" in any case.
    @inline(__always)
    private static func isDataTime(_ base: UnsafePointer<UInt8>, _ k: Int) -> Bool {
        // "datatime" = 64 61 74 61 74 69 6D 65
        let word = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: k, as: UInt64.self)
        return word | 0x2020_2020_2020_2020 == 0x656D_6974_6174_6164
    }

    /// A non-empty run of at most 9 decimal digits, or nil.
    @inline(__always)
    private static func smallDecimal(_ base: UnsafePointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 9 else { return nil }
        var value = 0
        for i in range {
            guard let d = decimal(base[i]) else { return nil }
            value = value &* 10 &+ d
        }
        return value
    }

    // MARK: - Bytes

    @inline(__always)
    private static func isTrailingSpace(_ b: UInt8) -> Bool {
        b == Ascii.space || b == Ascii.tab || b == Ascii.cr
    }

    @inline(__always)
    private static func decimal(_ b: UInt8) -> Int? {
        b &- Ascii.zero < 10 ? Int(b &- Ascii.zero) : nil
    }

    @inline(__always)
    private static func hex(_ b: UInt8) -> Int? {
        if b &- Ascii.zero < 10 { return Int(b &- Ascii.zero) }
        let lower = b | 0x20
        if lower &- 0x61 < 6 { return Int(lower &- 0x61) &+ 10 }
        return nil
    }
}

/// The ASCII bytes the scanner looks for.
enum Ascii {
    static let hash = UInt8(ascii: "#")
    static let semicolon = UInt8(ascii: ";")
    static let comma = UInt8(ascii: ",")
    static let equals = UInt8(ascii: "=")
    static let amp = UInt8(ascii: "&")
    static let C = UInt8(ascii: "C")
    static let P = UInt8(ascii: "P")
    static let zero = UInt8(ascii: "0")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let cr = UInt8(ascii: "\r")
}
