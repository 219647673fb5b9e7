/// What the packet inspector reports about one log line, as text values ready to show.
///
/// Field engineers ask "why was this device's data rejected?"; a record answers with the
/// header, the CP items exactly as sent, the length and CRC checks and the reject code, as
/// one JSON object per line (`jsonLine`) for tools or a block of text (`text`) for a
/// terminal. Byte values are decoded as UTF-8 with invalid bytes shown as U+FFFD.
public struct InspectRecord: Equatable, Sendable {
    /// One CP item: its key and its value exactly as sent.
    public struct Field: Equatable, Sendable {
        public var key: String
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// The 1-based line number in the file.
    public var line: Int
    /// The receive time logged before the packet, `YYYY-MM-DD HH:MM:SS.mmm` CST (SPEC
    /// §13.38); nil when the line has none.
    public var receiveTime: String?
    public var qn: String?
    public var st: String?
    public var cn: String?
    public var pw: String?
    public var mn: String?
    public var flag: String?
    public var pnum: String?
    public var pno: String?
    /// `"2005"`, `"2017"`, `"2025"`, `"unknown"`; nil when the line was not scanned
    /// (empty or too long).
    public var version: String?
    public var dataTime: String?
    /// CP items other than DataTime, one per key in order of first appearance, each with the
    /// value of its *last* appearance (a re-sent key replaces the earlier value, as in loading).
    public var fields: [Field]
    public var lengthDeclared: Int?
    /// The segment's byte length; nil when the line was not scanned.
    public var lengthActual: Int?
    /// The CRC text as sent (any case); nil without a frame or when the frame has none.
    public var crcGiven: String?
    /// Four upper-case hex digits; nil when there is no segment.
    public var crcComputed: String?
    /// Nil when the line has no frame.
    public var crcOK: Bool?
    /// Nil when the line has no frame.
    public var lengthOK: Bool?
    /// The reject reason, nil when the line would load.
    public var error: PacketReject?
    /// For `bad_header`: which field is not in its form, and its value (escaped), e.g.
    /// `MN is not 1 to 24 ASCII letters or digits: 'M-1'`; shown in `text` in place of the
    /// reason's explanation. Not part of `jsonLine`, whose keys are agreed.
    public var detail: String?

    public init(line: Int, qn: String? = nil, st: String? = nil, cn: String? = nil, pw: String? = nil,
                mn: String? = nil, flag: String? = nil, pnum: String? = nil, pno: String? = nil,
                version: String? = nil, dataTime: String? = nil, fields: [Field] = [],
                lengthDeclared: Int? = nil, lengthActual: Int? = nil, crcGiven: String? = nil,
                crcComputed: String? = nil, crcOK: Bool? = nil, lengthOK: Bool? = nil,
                error: PacketReject? = nil, detail: String? = nil, receiveTime: String? = nil) {
        self.line = line
        self.receiveTime = receiveTime
        self.qn = qn; self.st = st; self.cn = cn; self.pw = pw; self.mn = mn
        self.flag = flag; self.pnum = pnum; self.pno = pno
        self.version = version
        self.dataTime = dataTime
        self.fields = fields
        self.lengthDeclared = lengthDeclared
        self.lengthActual = lengthActual
        self.crcGiven = crcGiven
        self.crcComputed = crcComputed
        self.crcOK = crcOK
        self.lengthOK = lengthOK
        self.error = error
        self.detail = detail
    }

    /// One JSON object (no line end) with exactly these keys in this order: `line, QN, ST,
    /// CN, PW, MN, Flag, PNUM, PNO, version, DataTime, fields, length_declared,
    /// length_actual, crc_given, crc_computed, crc_ok, length_ok, error`; `null` where a value
    /// is absent or does not apply. A line with a receive time (SPEC §13.38) has the key
    /// `receive_time` after `line`; a line without one has no such key, so the objects of
    /// logs without receive times are as they always were.
    public func jsonLine() -> String {
        func number(_ v: Int?) -> String { v.map { String($0) } ?? "null" }
        func bool(_ v: Bool?) -> String { v.map { $0 ? "true" : "false" } ?? "null" }
        let q = JSONString.quotedOrNull
        var received: [(String, String)] = []
        if let receiveTime { received.append(("receive_time", JSONString.quoted(receiveTime))) }
        return JSONString.object([("line", String(line))] + received + [
            ("QN", q(qn)),
            ("ST", q(st)),
            ("CN", q(cn)),
            ("PW", q(pw)),
            ("MN", q(mn)),
            ("Flag", q(flag)),
            ("PNUM", q(pnum)),
            ("PNO", q(pno)),
            ("version", q(version)),
            ("DataTime", q(dataTime)),
            ("fields", JSONString.object(fields.map { ($0.key, JSONString.quoted($0.value)) })),
            ("length_declared", number(lengthDeclared)),
            ("length_actual", number(lengthActual)),
            ("crc_given", q(crcGiven)),
            ("crc_computed", q(crcComputed)),
            ("crc_ok", bool(crcOK)),
            ("length_ok", bool(lengthOK)),
            ("error", q(error?.rawValue)),
        ])
    }

    /// A readable block for a terminal: verdict (with `detail` when there is one), header,
    /// the receive time when the line has one, DataTime, each CP item as `key → value`,
    /// declared vs actual length, CRC given vs computed. Values are shown through
    /// `TerminalText.escaped` (control characters as `\u{1B}`, bidi overrides too) so a
    /// garbage line cannot upset the terminal. Ends with a line end.
    public func text() -> String {
        func show(_ v: String?) -> String { v.map(Self.visible) ?? "—" }
        var out = "line \(line): "
        if let error {
            out += "REJECTED \(error.rawValue) — \(Self.visible(detail ?? error.explanation))\n"
        } else {
            out += "OK\n"
        }
        let header: [(String, String?)] = [("QN", qn), ("ST", st), ("CN", cn), ("PW", pw), ("MN", mn)]
        for (name, value) in header {
            out += "  " + Self.pad(name) + show(value) + "\n"
        }
        out += "  " + Self.pad("Flag") + show(flag)
        if let version { out += "  (version \(version))" }
        out += "\n"
        if pnum != nil || pno != nil {
            out += "  " + Self.pad("PNUM/PNO") + show(pnum) + " / " + show(pno) + "\n"
        }
        if let receiveTime { out += "  " + Self.pad("received") + Self.visible(receiveTime) + "\n" }
        out += "  " + Self.pad("DataTime") + show(dataTime) + "\n"
        out += "  CP fields (\(fields.count))\n"
        for field in fields {
            out += "    " + Self.visible(field.key) + " → " + Self.visible(field.value) + "\n"
        }
        out += "  " + Self.pad("length")
        switch (lengthOK, lengthActual) {
        case (nil, nil):
            out += "—\n"
        case (nil, let actual?):
            out += "no frame (bare segment), \(actual) bytes\n"
        case (let ok?, let actual):
            out += "declared \(lengthDeclared.map { String($0) } ?? "(not 4 digits)"), actual \(actual.map { String($0) } ?? "—")"
            out += ok ? "  ok\n" : "  NOT OK\n"
        }
        out += "  " + Self.pad("CRC")
        switch crcOK {
        case nil:
            out += "no frame" + (crcComputed.map { ", computed \($0)" } ?? "") + "\n"
        case let ok?:
            out += "given \(crcGiven.map(Self.visible) ?? "none"), computed \(crcComputed ?? "—")"
            out += ok ? "  ok\n" : "  MISMATCH\n"
        }
        return out
    }

    private static func pad(_ name: String) -> String {
        name + String(repeating: " ", count: max(1, 10 - name.count))
    }

    /// A value as the terminal may show it (`TerminalText`).
    private static func visible(_ s: String) -> String { TerminalText.escaped(s) }
}
