/// What `PacketScanner` found in one log line: framing, checksums, header, CP and the verdict.
///
/// Every range indexes into the scanned line buffer (the caller's bytes), so reading a value
/// costs nothing until the loader actually needs it. The ranges stay meaningful only as long
/// as that buffer is alive and unchanged; `fields` shares the scanner's reused storage and is
/// valid until the scanner's next `scan` (keeping it longer is safe but makes the next scan
/// copy the storage).
///
/// A line is scanned as far as it can be even when it is rejected (bad CRC, bad length,
/// non-UTF-8 bytes), so the loader can still load a bad-CRC packet under `crc_policy: warn`
/// (SPEC §3.1) and the inspector can show which device sent a broken line. Only
/// `line_too_long`, `empty_line` and `bad_receive_time` stop the scan at once.
public struct ScannedPacket: Sendable {
    /// The receive time logged before the packet (SPEC §13.38), nil when the line has none.
    public var receiveTime: ReceiveTime?
    /// Where the receive time stands (its 23 bytes, without the space); for
    /// `bad_receive_time`, the line's first bytes (up to 24) that were taken for one.
    public var receiveTimeText: Range<Int>?
    /// The data segment: between the length and the CRC of a frame, or the whole trimmed line
    /// for a bare segment. Empty (at 0) for `line_too_long` and `empty_line`.
    public var segment: Range<Int>
    /// The line starts with `##` (a full frame, or an attempt at one).
    public var framed: Bool
    /// The 4 decimal digits after `##`; nil for bare segments or when they are not 4 digits.
    public var lengthDeclared: Int?
    /// The byte length of `segment` as found.
    public var lengthActual: Int
    /// The 4 hex characters at the end of a frame, as sent; nil for bare segments or when the
    /// frame does not end in 4 hex digits.
    public var crcGiven: Range<Int>?
    /// `crcGiven` as a number (upper or lower case hex).
    public var crcGivenValue: UInt16?
    /// HJ 212 appendix A CRC16 over the segment bytes (also for bare segments); nil only
    /// when there is no segment (`line_too_long`, `empty_line`).
    public var crcComputed: UInt16?
    /// For frames: `##`, exactly 4 digits, a segment whose byte length is the declared one,
    /// and 4 hex CRC digits at the end (SPEC §13.1). Nil when the line has no frame.
    public var lengthOK: Bool?
    /// For frames: the CRC was sent and equals the computed one (compared as numbers, so
    /// without regard to case). Nil when the line has no frame.
    public var crcOK: Bool?

    /// Header values (after `KEY=`, up to `;`), found in any order before `CP=&&`; keys match
    /// without regard to case; the first occurrence of a key wins.
    public var qn: Range<Int>?
    public var st: Range<Int>?
    public var cn: Range<Int>?
    public var pw: Range<Int>?
    public var mn: Range<Int>?
    public var flag: Range<Int>?
    public var pnum: Range<Int>?
    public var pno: Range<Int>?

    /// The CP data area: after the first `CP=&&` (at a header item boundary) up to the last
    /// `&&` of the segment. Empty for `CP=&&&&`. When the closing `&&` is missing it runs to
    /// the end of the segment (and `error` says `bad_cp`). Nil when there is no `CP=&&`.
    public var cp: Range<Int>?
    /// The value of the CP item `DataTime` (key matched without regard to case; the first
    /// one wins). It is *not* repeated in `fields`.
    public var dataTime: Range<Int>?
    /// Every other CP `key=value` item in the order sent, duplicates included (the loader's
    /// "last one wins" applies to them). Items are split on both `;` and `,`; empty items
    /// (`;;`, a trailing `;`) are skipped.
    public var fields: [CPField]
    /// How many of `fields` have a key ending in `Flag` (a `CODE-Flag` item is one of them):
    /// 0 lets the loader skip looking for flags.
    public var flagKeys = 0
    /// The edition announced by the Flag (no Flag → 2005-style; a non-numeric Flag →
    /// `.unknown(-1)`).
    public var version: ProtocolVersion

    /// The first header problem (`HeaderField` states the forms): set whenever the header
    /// fails, which makes the packet `bad_header` unless an earlier reason applies.
    public var headerProblem: HeaderProblem?

    /// The first reason the line cannot be loaded (order in `PacketReject`), nil if it can.
    public var error: PacketReject?
    /// The first reason other than `bad_crc`: what the loader checks under
    /// `crc_policy: warn`, where a bad CRC alone does not stop a packet (SPEC §3.1).
    public var errorIgnoringCRC: PacketReject?

    /// A line with nothing found yet (used by the scanner before it looks).
    init(fields: [CPField]) {
        receiveTime = nil
        receiveTimeText = nil
        segment = 0..<0
        framed = false
        lengthDeclared = nil
        lengthActual = 0
        crcGiven = nil
        crcGivenValue = nil
        crcComputed = nil
        lengthOK = nil
        crcOK = nil
        qn = nil; st = nil; cn = nil; pw = nil; mn = nil; flag = nil; pnum = nil; pno = nil
        cp = nil
        dataTime = nil
        self.fields = fields
        version = .hj212_2005
        headerProblem = nil
        error = nil
        errorIgnoringCRC = nil
    }

    /// The packet can be loaded under the given CRC handling: no reject reason at all, or
    /// (when `acceptingBadCRC`) none besides a bad CRC.
    public func isLoadable(acceptingBadCRC: Bool = false) -> Bool {
        acceptingBadCRC ? errorIgnoringCRC == nil : error == nil
    }

    /// The value of a header field, as sent (nil for `.item`).
    public func range(of field: HeaderField) -> Range<Int>? {
        switch field {
        case .qn: return qn
        case .st: return st
        case .cn: return cn
        case .pw: return pw
        case .mn: return mn
        case .flag: return flag
        case .pnum: return pnum
        case .pno: return pno
        case .item: return nil
        }
    }

    /// What exactly is wrong with the line `line` (the bytes this packet was scanned from),
    /// for reject examples and the inspector: the CRCs for `bad_crc`, the lengths for
    /// `bad_length`, the field, its form and its value (escaped) for `bad_header`, the start
    /// taken for a receive time for `bad_receive_time`, else the
    /// reason's explanation; empty when the line loads.
    public func rejectDetail(in line: UnsafeBufferPointer<UInt8>) -> String {
        func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: line[r]), as: UTF8.self) }
        switch error {
        case .badCRC?:
            return "CRC given \(crcGiven.map(text) ?? "?"), computed \(crcComputed.map(CRC16.hex) ?? "?")"
        case .badLength?:
            if let d = lengthDeclared { return "declared \(d) bytes, segment has \(lengthActual)" }
            return "frame is not ##LLLL + segment + 4 hex CRC"
        case .badHeader?:
            guard let p = headerProblem, p.value.upperBound <= line.count else { return PacketReject.badHeader.explanation }
            return p.field.detail(value: text(p.value))
        case .badReceiveTime?:
            let start = receiveTimeText.map(text) ?? ""
            return "the line starts with '\(start)', not a receive time YYYY-MM-DD HH:MM:SS.mmm (a real CST time) and one space before the packet"
        case let e?: return e.explanation
        case nil: return ""
        }
    }
}
