/// The header fields of an HJ 212 data segment and the form pems accepts for each (NOTES.md
/// "HJ 212-2017 facts"; the standard's table of the data segment gives each a width).
///
/// A packet whose header fails is rejected as `bad_header` (issue 14: device text such as
/// `=cmd|' /C calc'!A0` reached `dq.csv` as an MN, where Excel would run it as a formula).
/// The forms, and where they are wider than the letter of HJ 212-2017:
/// - `MN`: 1 to 24 ASCII letters or digits. 2017 says 24 hex characters and HJ/T 212-2005 had
///   14 digits; registries in the wild use other lengths of letters and digits (the
///   conformance fixture's MNs are 14 digits), so any length up to the 24 the field holds.
/// - `QN`: 17 digits, `YYYYMMDDhhmmsszzz`, the request time to the millisecond; 14 (without
///   the milliseconds) is accepted too, as for DataTime, since the CLOCK rule (SPEC §13.23)
///   reads only the first 14. No QN at all is a 2005-style packet.
/// - `ST` 1 to 5 digits, `CN` 1 to 7 digits, `PNUM`/`PNO` 1 to 4 digits (the widths of 2017).
/// - `PW`: 1 to 9 ASCII letters or digits (a password of up to 9 characters).
/// - `Flag`: a number from 0 to 255 (its bits are `V5..V0 D A`), 1 to 3 digits.
/// An empty or absent MN or CN is `missing_mn` / `missing_cn`, not a malformed one; other
/// header keys are ignored, as before.
public enum HeaderField: String, Sendable, CaseIterable {
    case qn = "QN", st = "ST", cn = "CN", pw = "PW", mn = "MN", flag = "Flag", pnum = "PNUM", pno = "PNO"
    /// A header item that is not `KEY=VALUE`: no `=`, an empty key, or a second `=` in an
    /// item whose key is no header field (fields run together, a lost `;`).
    case item = "header item"

    /// The form a value must have, as the reject detail says it.
    public var form: String {
        switch self {
        case .qn: return "17 or 14 digits (YYYYMMDDhhmmss[zzz])"
        case .st: return "1 to 5 digits"
        case .cn: return "1 to 7 digits"
        case .pw: return "1 to 9 ASCII letters or digits"
        case .mn: return "1 to 24 ASCII letters or digits"
        case .flag: return "a number from 0 to 255"
        case .pnum, .pno: return "1 to 4 digits"
        case .item: return "KEY=VALUE"
        }
    }

    /// Whether `value` has this field's form (never for `.item`).
    public func accepts(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = value.baseAddress else { return false }
        return accepts(base, 0..<value.count)
    }

    /// Whether the text `value` has this field's form.
    public func accepts(_ value: String) -> Bool {
        var v = value
        return v.withUTF8 { accepts($0) }
    }

    /// `MN is not 1 to 24 ASCII letters or digits: 'M-1'`: the field (or `name`, e.g. a CSV
    /// column), its form, and the value with everything outside printable ASCII escaped.
    public func detail(value: String, name: String? = nil) -> String {
        "\(name ?? rawValue) is not \(form): '\(TerminalText.escapedASCII(value))'"
    }

    @inline(__always)
    func accepts(_ base: UnsafePointer<UInt8>, _ r: Range<Int>) -> Bool {
        let n = r.count
        switch self {
        case .qn: return (n == 17 || n == 14) && Self.all(base, r, Self.isDigit)
        case .st: return n >= 1 && n <= 5 && Self.all(base, r, Self.isDigit)
        case .cn: return n >= 1 && n <= 7 && Self.all(base, r, Self.isDigit)
        case .pw: return n >= 1 && n <= 9 && Self.all(base, r, Self.isLetterOrDigit)
        case .mn: return n >= 1 && n <= 24 && Self.all(base, r, Self.isLetterOrDigit)
        case .pnum, .pno: return n >= 1 && n <= 4 && Self.all(base, r, Self.isDigit)
        case .flag:
            guard n >= 1 && n <= 3 && Self.all(base, r, Self.isDigit) else { return false }
            var v = 0
            for i in r { v = v &* 10 &+ Int(base[i] &- 0x30) }
            return v <= 255
        case .item: return false
        }
    }

    @inline(__always)
    static func all(_ base: UnsafePointer<UInt8>, _ r: Range<Int>, _ ok: (UInt8) -> Bool) -> Bool {
        var i = r.lowerBound
        while i < r.upperBound {
            if !ok(base[i]) { return false }
            i &+= 1
        }
        return true
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    @inline(__always)
    static func isLetterOrDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 || (b | 0x20) &- 0x61 < 26 }
}

/// The first header problem of a packet: which field (or `.item`) and the byte range of its
/// value (of the whole item for `.item`) in the scanned line.
public struct HeaderProblem: Sendable, Equatable {
    public var field: HeaderField
    public var value: Range<Int>

    public init(field: HeaderField, value: Range<Int>) {
        self.field = field
        self.value = value
    }
}
