import PEMSCore

/// CSV readings (SPEC §3.2): `time, mn, code, param, value, flag` with a header row (column
/// order free, `flag` optional, extra columns ignored). `time` is `YYYY-MM-DD HH:MM[:SS]` CST.
/// Rows are treated as realtime (CN 2011) readings, so a CSV and the packets it mirrors
/// merge as duplicates rather than conflicts.
extension PacketWorker {
    static let csvRequired = ["time", "mn", "code", "param", "value"]

    /// Splits a CSV line into field ranges (RFC 4180 quotes allowed; quotes are kept out of the range).
    static func csvFields(_ b: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        var end = b.count
        while end > 0, b[end - 1] == 13 { end -= 1 }
        while i <= end {
            if i < end, b[i] == UInt8(ascii: "\"") {
                let start = i + 1
                var j = start
                while j < end, b[j] != UInt8(ascii: "\"") { j += 1 }
                out.append(start..<j)
                i = j + 1
                while i < end, b[i] != UInt8(ascii: ",") { i += 1 }
                i += 1
            } else {
                var j = i
                while j < end, b[j] != UInt8(ascii: ",") { j += 1 }
                var s = i, e = j
                while s < e, b[s] == 32 { s += 1 }
                while e > s, b[e - 1] == 32 { e -= 1 }
                out.append(s..<e)
                i = j + 1
            }
        }
        return out
    }

    func processCSV(_ line: UnsafeBufferPointer<UInt8>, number: Int) {
        var trimmed = line.count
        while trimmed > 0, line[trimmed - 1] == 13 || line[trimmed - 1] == 32 { trimmed -= 1 }
        if trimmed == 0 { reject("empty_line", line: number, detail: "empty line", bytes: line); return }
        let fields = Self.csvFields(line)
        guard let columns = csvColumns else {
            var bytes = Array(line)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            let names = bytes.withUnsafeBufferPointer { b in Self.csvFields(b).map { Self.text(b, $0).lowercased() } }
            let missing = Self.csvRequired.filter { !names.contains($0) }
            if !missing.isEmpty {
                reject("bad_header", line: number, detail: "header lacks column(s) \(missing.joined(separator: ", ")); expected time,mn,code,param,value[,flag]", bytes: line)
                csvColumns = []
                return
            }
            csvColumns = (Self.csvRequired + ["flag"]).map { names.firstIndex(of: $0) ?? -1 }
            return
        }
        guard !columns.isEmpty else { reject("bad_header", line: number, detail: "file has no usable header", bytes: line); return }
        func field(_ c: Int) -> Range<Int>? { columns[c] >= 0 && columns[c] < fields.count ? fields[columns[c]] : nil }
        guard let tr = field(0), let mnr = field(1), let cr = field(2), let pr = field(3), let vr = field(4) else {
            reject("bad_row", line: number, detail: "expected \(columns.filter { $0 >= 0 }.count) columns, found \(fields.count)", bytes: line); return
        }
        guard let time = Timestamp(Self.text(line, tr)) else {
            reject("bad_time", line: number, detail: "time '\(Self.text(line, tr))' is not YYYY-MM-DD HH:MM[:SS]", bytes: line); return
        }
        let day = time.day.index
        guard let mn = directory.mnIndex(line, mnr) else {
            let name = Self.text(line, mnr)
            counters.unknownMN[UnknownMNKey(mn: name, day: day), default: 0] += 1
            parked.append((number, name, day, Array(line)))
            return
        }
        guard let code = directory.code(mn, line, cr) else {
            drop("unknown_code", line: number, detail: "MN \(Self.text(line, mnr)) has no point with code '\(Self.text(line, cr))'", bytes: line)
            counters.packets += 1
            return
        }
        var flag = UInt8(ascii: "N")
        if let fr = field(5), !fr.isEmpty { flag = line[fr.lowerBound] }
        let paramIndex: Int
        switch paramKind(line, pr, electrical: code.electrical, realtime: true) {
        case .flag, .unused:
            counters.packets += 1
            counters.dropped["unused_param", default: 0] += 1
            return
        case .value(let i): paramIndex = i
        }
        let key = SeriesAccumulator.key(day: day, channel: code.channel, cnIndex: 0, param: paramIndex)
        let second = Int32(time.secondOfDay)
        // SPEC §13.36: a row holds one value, so an out-of-range value rejects the row.
        if let v = ScaledDecimal.parse(line, vr) {
            guard valueRange.contains(v) else { rejectOutOfRange(line, number, cr, pr, vr); return }
            acc.append(key, time: second, value: v, flag: flag)
        } else if let d = Double(Self.text(line, vr)) {
            guard valueRange.contains(d) else { rejectOutOfRange(line, number, cr, pr, vr); return }
            acc.append(key, time: second, double: d, flag: flag)
        } else {
            reject("bad_value", line: number, detail: "value '\(Self.text(line, vr))' is not a number", bytes: line); return
        }
        counters.packets += 1
        counters.readings += 1
        counters.readingsByDay[day, default: 0] += 1
        counters.noteTime(time)
    }

    /// A CSV value outside `valueRange`: the row is rejected as `value_out_of_range`, the
    /// detail naming `code-param` and the value.
    func rejectOutOfRange(_ line: UnsafeBufferPointer<UInt8>, _ number: Int, _ code: Range<Int>, _ param: Range<Int>, _ value: Range<Int>) {
        let key = Self.text(line, code) + "-" + Self.text(line, param)
        reject(ValueRange.reason, line: number, detail: valueRange.detail(key: key, value: Self.text(line, value)), bytes: line)
    }
}
