import HJ212
import PEMSCore

/// Turns HJ 212 lines into readings for one partition of a file's MNs (SPEC §3.1, §13.1–4).
///
/// A file is read by `W` workers in parallel; worker `w` takes the lines whose MN hashes to
/// `w` (lines with no recognisable MN go to worker 0). All of one MN's lines therefore stay
/// with one worker in file order, which keeps "the last one loaded wins" exact.
final class PacketWorker {
    let directory: ChannelDirectory
    let crcPolicy: CRCPolicy
    let exampleLimit: Int
    /// SPEC §13.36: values outside it are rejected on their own.
    let valueRange: ValueRange
    // The properties the per-value path touches skip the run-time exclusivity check: a worker
    // is used by one thread at a time and its methods never re-enter (docs/PERFORMANCE.md).
    @exclusivity(unchecked) var scanner = PacketScanner()
    @exclusivity(unchecked) var acc = SeriesAccumulator()
    @exclusivity(unchecked) var counters = LoadCounters()
    var examples: [RejectExample] = []
    var examplesPerReason: [String: Int] = [:]
    /// Lines kept aside (unknown MN, or unknown codes of a known MN; SPEC §3.1, §13.37), in the
    /// order read; the loader stores them under the file.
    var keptAside: [KeptAsideLine] = []
    /// When bringing a kept-aside line in: the codes set aside — only their values load, the
    /// line's others were loaded with it (SPEC §13.37). nil when loading a file.
    var replayCodes: [[UInt8]]? = nil
    /// The unknown codes of the packet being read.
    @exclusivity(unchecked) private var unknownCodes: [[UInt8]] = []
    /// (day, channel) → max |QN − DataTime| seconds, CN 2011 lines without a receive time
    /// only (SPEC §13.23; a line with one is judged by it, §13.38).
    var clock: [UInt64: Int] {
        var out: [UInt64: Int] = [:]
        var rows = clockRows
        if clockDay != Int.min { rows[clockDay] = clockRow }
        for (day, row) in rows {
            for (channel, skew) in row.enumerated() where skew > 0 {
                out[(UInt64(UInt32(day)) << 32) | UInt64(UInt32(channel))] = skew
            }
        }
        return out
    }
    /// `clock` as it is built: the day being read's max skew by channel id (a flat row, as
    /// every value of a packet whose QN is off updates it), and the rows of other days.
    @exclusivity(unchecked) private var clockDay = Int.min
    @exclusivity(unchecked) private var clockRow: [Int] = []
    @exclusivity(unchecked) private var clockRows: [Int: [Int]] = [:]
    /// (day, channel) → lines per whole-second lag receive time − DataTime, CN 2011 lines with
    /// a receive time (SPEC §13.38, `ReceiveLags`).
    var receiveLags: [UInt64: ReceiveLags] = [:]
    /// The channels the current line's receive lag was counted for (once per line and channel).
    @exclusivity(unchecked) private var lagChannels: [Int32] = []
    /// CSV input: positions of time, mn, code, param, value, flag (−1 absent); [] = bad header.
    var csvColumns: [Int]? = nil
    /// CSV input: the current record's cells (reused buffers, see `processCSV`).
    var csvScratch: [UInt8] = []
    var csvRanges: [Range<Int>] = []

    /// Parameter names seen (`BytePool`), with their meaning (`paramKind`): entry i read with
    /// `paramModes[i]` (bit 0 electrical, bit 1 realtime) means `paramKinds[i]`.
    @exclusivity(unchecked) private var paramNames = BytePool()
    @exclusivity(unchecked) private var paramModes: [UInt8] = []
    @exclusivity(unchecked) private var paramKinds: [CachedKind] = []
    /// The last two entries `paramKind` found (a packet alternates `Pt` and `Ept`): tried first.
    @exclusivity(unchecked) private var recentParams: (Int, Int) = (-1, -1)
    /// A parameter's meaning, with its local series index for values (see `ParamName`).
    enum CachedKind { case value(Int), flag, unused }
    @exclusivity(unchecked) private var flags: [(code: Range<Int>, flag: UInt8)] = []

    init(directory: ChannelDirectory, crcPolicy: CRCPolicy, exampleLimit: Int, maxAbsValue: Double = LoadOptions.defaultMaxAbsValue) {
        self.directory = directory
        self.crcPolicy = crcPolicy
        self.exampleLimit = exampleLimit
        self.valueRange = ValueRange(maxAbs: maxAbsValue)
    }

    /// Counts a rejected line and keeps it as an example while the reason has fewer than
    /// `exampleLimit`. `detail` is only built for kept examples; `RejectExample` cuts it and
    /// the line to a few hundred bytes.
    /// `mn`: where the line's MN stands (in the buffer given, which for a CSV row may be its
    /// unquoted cells rather than `bytes`), when it can be read; a well-formed one is counted
    /// per MN too (`LoadCounters.rejectedByMN`), so the 传输情况 sheet can give it to a district.
    func reject(_ reason: String, line: Int, detail: @autoclosure () -> String, bytes: UnsafeBufferPointer<UInt8>,
                mn: (UnsafeBufferPointer<UInt8>, Range<Int>)? = nil) {
        counters.rejected[reason, default: 0] += 1
        if let (buffer, range) = mn, range.upperBound <= buffer.count,
           HeaderField.mn.accepts(UnsafeBufferPointer(rebasing: buffer[range])) {
            counters.rejectedByMN[Self.text(buffer, range), default: 0] += 1
        }
        let n = examplesPerReason[reason, default: 0]
        guard n < exampleLimit else { return }
        examplesPerReason[reason] = n + 1
        examples.append(RejectExample(reason: reason, line: line, detail: detail(), lineBytes: bytes))
    }

    /// Counts a value dropped from an accepted line, with examples as `reject` keeps them.
    func drop(_ reason: String, line: Int, detail: @autoclosure () -> String, bytes: UnsafeBufferPointer<UInt8>) {
        counters.dropped[reason, default: 0] += 1
        let key = "dropped:" + reason
        let n = examplesPerReason[key, default: 0]
        guard n < exampleLimit else { return }
        examplesPerReason[key] = n + 1
        examples.append(RejectExample(reason: key, line: line, detail: detail(), lineBytes: bytes))
    }

    @inline(__always)
    static func int(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int? {
        guard !r.isEmpty, r.count <= 18 else { return nil }
        var v = 0
        for i in r {
            let d = Int(b[i]) - 48
            guard d >= 0 && d <= 9 else { return nil }
            v = v * 10 + d
        }
        return v
    }

    static func text(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
    }

    /// `YYYYMMDDhhmmss[SSS]` at `b[r]` (milliseconds dropped), parsed in place.
    @inline(__always)
    static func timestamp(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Timestamp? {
        guard r.count == 14 || r.count == 17 else { return nil }
        let o = r.lowerBound
        guard let y = int(b, o..<(o + 4)), let mo = int(b, (o + 4)..<(o + 6)), let d = int(b, (o + 6)..<(o + 8)),
              let h = int(b, (o + 8)..<(o + 10)), let mi = int(b, (o + 10)..<(o + 12)), let s = int(b, (o + 12)..<(o + 14))
        else { return nil }
        if r.count == 17 { guard int(b, (o + 14)..<(o + 17)) != nil else { return nil } }
        return Timestamp(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
    }

    /// The meaning of parameter `b[r]`, cached per (name, electrical, realtime) so the hot
    /// path builds no strings.
    func paramKind(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, electrical: Bool, realtime: Bool) -> CachedKind {
        let mode: UInt8 = (electrical ? 1 : 0) | (realtime ? 2 : 0)
        // Names are unique per mode, so trying the recent ones first finds what a search would.
        let (last, before) = recentParams
        if last >= 0 && paramModes[last] == mode && paramNames.equals(last, b, r) { return paramKinds[last] }
        if before >= 0 && paramModes[before] == mode && paramNames.equals(before, b, r) {
            recentParams = (before, last)
            return paramKinds[before]
        }
        if let found = paramNames.firstIndex(in: 0..<paramNames.count, equalTo: b, r, where: { paramModes[$0] == mode }) {
            recentParams = (found, last)
            return paramKinds[found]
        }
        let bytes = Array(UnsafeBufferPointer(rebasing: b[r]))
        let kind: CachedKind
        switch ParamName.classify(bytes, electrical: electrical, realtime: realtime) {
        case .flag: kind = .flag
        case .unused: kind = .unused
        case .value(let name):
            if let i = acc.names.firstIndex(of: name) { kind = .value(i) } else {
                acc.names.append(name)
                kind = .value(acc.names.count - 1)
            }
        }
        paramNames.append(bytes)
        paramModes.append(mode)
        paramKinds.append(kind)
        return kind
    }

    /// Processes one line (without its LF).
    func process(_ line: UnsafeBufferPointer<UInt8>, number: Int) {
        let p = scanner.scan(line)
        if let error = p.error {
            if error == .badCRC && crcPolicy == .warn && p.errorIgnoringCRC == nil {
                counters.crcWarnings += 1
            } else {
                reject(error.rawValue, line: number, detail: p.rejectDetail(in: line), bytes: line, mn: p.mn.map { (line, $0) })
                return
            }
        }
        guard let cnRange = p.cn, let cn = Self.int(line, cnRange) else {
            reject("missing_cn", line: number, detail: "no CN field", bytes: line, mn: p.mn.map { (line, $0) }); return
        }
        if cn >= 9000 && cn <= 9999 { counters.responses += 1; return }
        let cnIndex: Int
        switch cn {
        case 2011: cnIndex = 0
        case 2051: cnIndex = 1
        case 2061: cnIndex = 2
        case 2031: cnIndex = 3
        default:
            reject("unsupported_cn", line: number, detail: "CN=\(cn) carries no data pems uses", bytes: line, mn: p.mn.map { (line, $0) }); return
        }
        guard let mnRange = p.mn else { reject("missing_mn", line: number, detail: "no MN field", bytes: line); return }
        guard let dtRange = p.dataTime, let time = Self.timestamp(line, dtRange) else {
            let got = p.dataTime.map { Self.text(line, $0) } ?? "none"
            reject("bad_datatime", line: number, detail: "DataTime '\(got)' is not YYYYMMDDhhmmss", bytes: line, mn: (line, mnRange)); return
        }
        counters.versions[p.version.label, default: 0] += 1
        let day = time.day.index
        guard let mn = directory.mnIndex(line, mnRange) else {
            let name = Self.text(line, mnRange)
            counters.unknownMN[UnknownMNKey(mn: name, day: day), default: 0] += 1
            keptAside.append(KeptAsideLine(line: number, format: "hj212", mn: name, codes: nil, day: day, raw: Array(line)))
            return
        }
        counters.packets += 1
        counters.noteTime(time)
        let second = Int32(time.secondOfDay)
        let realtime = cnIndex == 0
        var skew = -1
        // SPEC §13.38: a line with a receive time is judged by it (seconds, ms dropped as in QN);
        // QN is compared only on lines without one (§13.23).
        var lag: Int? = nil
        if let r = p.receiveTime {
            if realtime, let received = Timestamp(year: r.year, month: r.month, day: r.day, hour: r.hour, minute: r.minute, second: r.second) {
                lag = Int(received.seconds - time.seconds)
                lagChannels.removeAll(keepingCapacity: true)
            }
        } else if realtime, let qn = p.qn, qn.count >= 14, let qt = Self.timestamp(line, qn.lowerBound..<(qn.lowerBound + 14)) {
            skew = Int(abs(qt.seconds - time.seconds))
        }
        // Pass 1: CODE-Flag applies to every parameter of that code in the packet (SPEC §13.3);
        // a packet with no key ending in "Flag" has none.
        flags.removeAll(keepingCapacity: true)
        if p.flagKeys > 0 {
            for f in p.fields {
                let k = f.key
                guard let dash = Self.firstDash(line, k) else { continue }
                if Self.isFlag(line, (dash + 1)..<k.upperBound), !f.value.isEmpty {
                    flags.append((k.lowerBound..<dash, line[f.value.lowerBound]))
                }
            }
        }
        var lastChannel: Int32 = -1
        var readingsHere = 0
        var codeHint = 0
        for f in p.fields {
            let k = f.key
            guard let dash = Self.firstDash(line, k) else {
                drop("no_param", line: number, detail: "CP key '\(Self.text(line, k))' has no CODE-PARAM form", bytes: line)
                continue
            }
            let codeRange = k.lowerBound..<dash
            if Self.isFlag(line, (dash + 1)..<k.upperBound) { continue } // applied in pass 1, not a value
            // Bringing a kept-aside line in: its other codes were loaded with it (SPEC §13.37).
            if let only = replayCodes, !only.contains(where: { $0.elementsEqual(line[codeRange]) }) { continue }
            guard let code = directory.code(mn, line, codeRange, hint: &codeHint) else {
                keepAside(code: line, codeRange)
                continue
            }
            let kind = paramKind(line, (dash + 1)..<k.upperBound, electrical: code.electrical, realtime: realtime)
            let paramIndex: Int
            switch kind {
            case .flag: continue
            case .unused: counters.dropped["unused_param", default: 0] += 1; continue
            case .value(let i): paramIndex = i
            }
            var flag = UInt8(ascii: "N")
            for e in flags where e.code.count == codeRange.count {
                if line[e.code].elementsEqual(line[codeRange]) { flag = e.flag; break }
            }
            let key = SeriesAccumulator.key(day: day, channel: code.channel, cnIndex: cnIndex, param: paramIndex)
            // SPEC §13.36: an out-of-range value is dropped alone; the packet's other values load.
            if let v = ScaledDecimal.parse(line, f.value) {
                guard valueRange.contains(v) else { dropOutOfRange(line, number, k, f.value); continue }
                acc.append(key, group: mn, time: second, value: v, flag: flag)
            } else if let d = Double(Self.text(line, f.value)) {
                guard valueRange.contains(d) else { dropOutOfRange(line, number, k, f.value); continue }
                acc.append(key, group: mn, time: second, double: d, flag: flag)
            } else {
                drop("bad_value", line: number, detail: "\(Self.text(line, k)) = '\(Self.text(line, f.value))' is not a number", bytes: line)
                continue
            }
            readingsHere += 1
            if let lag, !lagChannels.contains(code.channel) {
                lagChannels.append(code.channel)
                receiveLags[(UInt64(UInt32(day)) << 32) | UInt64(UInt32(code.channel)), default: ReceiveLags()].add(lagSeconds: lag)
            }
            if skew > 0 && code.channel != lastChannel {
                noteSkew(skew, day: day, channel: Int(code.channel))
                lastChannel = code.channel
            }
        }
        counters.readings += readingsHere
        counters.readingsByDay[day, default: 0] += readingsHere
        if !unknownCodes.isEmpty {
            keptAside.append(KeptAsideLine(line: number, format: "hj212", mn: Self.text(line, mnRange),
                                           codes: unknownCodes.map { String(decoding: $0, as: UTF8.self) }, day: day, raw: Array(line)))
            unknownCodes.removeAll(keepingCapacity: true)
        }
    }

    /// Raises the max |QN − DataTime| of (`day`, `channel`) to `skew` seconds.
    @inline(__always)
    private func noteSkew(_ skew: Int, day: Int, channel: Int) {
        if day != clockDay {
            if clockDay != Int.min { clockRows[clockDay] = clockRow }
            clockRow = clockRows.removeValue(forKey: day) ?? []
            clockDay = day
        }
        if channel >= clockRow.count { clockRow += Array(repeating: 0, count: channel + 1 - clockRow.count) }
        if skew > clockRow[channel] { clockRow[channel] = skew }
    }

    /// A value of a known MN under a code the registry does not know: counted, and its code
    /// noted so the line is kept aside (SPEC §13.37, which replaces "dropped" in §13.3).
    private func keepAside(code line: UnsafeBufferPointer<UInt8>, _ codeRange: Range<Int>) {
        counters.keptAsideReadings += 1
        if !unknownCodes.contains(where: { $0.elementsEqual(line[codeRange]) }) { unknownCodes.append(Array(line[codeRange])) }
    }

    /// A packet value outside `valueRange`: counted with its line under `value_out_of_range`
    /// among the values dropped from an accepted packet — the line itself was read and its
    /// other values load, so it is no rejected line.
    func dropOutOfRange(_ line: UnsafeBufferPointer<UInt8>, _ number: Int, _ key: Range<Int>, _ value: Range<Int>) {
        drop(ValueRange.reason, line: number, detail: valueRange.detail(key: Self.text(line, key), value: Self.text(line, value)), bytes: line)
    }

    /// Whether `b[r]` is the parameter name `Flag`.
    @inline(__always)
    static func isFlag(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        r.count == 4 && b[r.lowerBound] == UInt8(ascii: "F") && b[r.lowerBound + 1] == UInt8(ascii: "l")
            && b[r.lowerBound + 2] == UInt8(ascii: "a") && b[r.lowerBound + 3] == UInt8(ascii: "g")
    }

    @inline(__always)
    static func firstDash(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int? {
        var i = r.lowerBound
        while i < r.upperBound {
            if b[i] == UInt8(ascii: "-") { return i }
            i += 1
        }
        return nil
    }
}
