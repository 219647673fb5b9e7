import HJ212
import PEMSCore

/// CSV readings (SPEC §3.2): `time, mn, code, param, value, flag` with a header row (column
/// order free, `flag` optional, extra columns ignored). `time` is `YYYY-MM-DD HH:MM[:SS]` CST.
/// Rows are treated as realtime (CN 2011) readings, so a CSV and the packets it mirrors
/// merge as duplicates rather than conflicts.
extension PacketWorker {
    static let csvRequired = ["time", "mn", "code", "param", "value"]
    /// A row whose `mn` is not 1 to 24 ASCII letters or digits (`HeaderField.mn`).
    static let badMN = "bad_mn"

    /// Reads one CSV record (line end excluded; it may span lines inside quotes, `number` is
    /// the line it starts on). Its cells are split by `CSVRecords` (RFC 4180: quoted cells may
    /// hold commas, `""` and line breaks; cells trimmed) — in place, or unquoted into
    /// `csvScratch` — and the row is read from there; `record` itself is what a reject example
    /// shows and what is kept aside.
    func processCSV(_ record: UnsafeBufferPointer<UInt8>, number: Int) {
        var trimmed = record.count
        while trimmed > 0, record[trimmed - 1] == 13 || record[trimmed - 1] == 32 { trimmed -= 1 }
        if trimmed == 0 { reject("empty_line", line: number, detail: "empty line", bytes: record); return }
        var cells = record
        if csvColumns == nil, record.count >= 3, record[0] == 0xEF, record[1] == 0xBB, record[2] == 0xBF {
            cells = UnsafeBufferPointer(rebasing: record[3...])
        }
        if CSVRecords.cells(cells, scratch: &csvScratch, ranges: &csvRanges) {
            let fields = csvRanges
            csvScratch.withUnsafeBufferPointer { processCSVRow($0, fields: fields, record: record, number: number) }
        } else {
            processCSVRow(cells, fields: csvRanges, record: record, number: number)
        }
    }

    /// One CSV row whose cells are `fields` of `line`.
    private func processCSVRow(_ line: UnsafeBufferPointer<UInt8>, fields: [Range<Int>], record: UnsafeBufferPointer<UInt8>, number: Int) {
        guard let columns = csvColumns else {
            let names = fields.map { Self.text(line, $0).lowercased() }
            let missing = Self.csvRequired.filter { !names.contains($0) }
            if !missing.isEmpty {
                reject("bad_header", line: number, detail: "header lacks column(s) \(missing.joined(separator: ", ")); expected time,mn,code,param,value[,flag]", bytes: record)
                csvColumns = []
                return
            }
            csvColumns = (Self.csvRequired + ["flag"]).map { names.firstIndex(of: $0) ?? -1 }
            return
        }
        guard !columns.isEmpty else { reject("bad_header", line: number, detail: "file has no usable header", bytes: record); return }
        func field(_ c: Int) -> Range<Int>? { columns[c] >= 0 && columns[c] < fields.count ? fields[columns[c]] : nil }
        guard let tr = field(0), let mnr = field(1), let cr = field(2), let pr = field(3), let vr = field(4) else {
            reject("bad_row", line: number, detail: "expected \(columns.filter { $0 >= 0 }.count) columns, found \(fields.count)", bytes: record); return
        }
        guard let time = Timestamp(Self.text(line, tr)) else {
            reject("bad_time", line: number, detail: "time '\(Self.text(line, tr))' is not YYYY-MM-DD HH:MM[:SS]", bytes: record, mn: (line, mnr)); return
        }
        let day = time.day.index
        // The device number has the form of an HJ 212 MN, as in packets (issue 14): other text
        // (`=cmd|…`, a line break) is no device's and never becomes an unknown MN.
        guard HeaderField.mn.accepts(UnsafeBufferPointer(rebasing: line[mnr])) else {
            reject(Self.badMN, line: number, detail: HeaderField.mn.detail(value: Self.text(line, mnr), name: "mn"), bytes: record); return
        }
        guard let mn = directory.mnIndex(line, mnr) else {
            let name = Self.text(line, mnr)
            counters.unknownMN[UnknownMNKey(mn: name, day: day), default: 0] += 1
            keptAside.append(KeptAsideLine(line: number, format: "csv", mn: name, codes: nil, day: day, columns: columns, raw: Array(record)))
            return
        }
        guard let code = directory.code(mn, line, cr) else {
            // Kept aside until a registry version knows the code (SPEC §13.37).
            counters.keptAsideReadings += 1
            keptAside.append(KeptAsideLine(line: number, format: "csv", mn: Self.text(line, mnr), codes: [Self.text(line, cr)],
                                           day: day, columns: columns, raw: Array(record)))
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
            guard valueRange.contains(v) else { rejectOutOfRange(line, number, cr, pr, vr, mn: (line, mnr)); return }
            acc.append(key, group: mn, time: second, value: v, flag: flag)
        } else if let d = Double(Self.text(line, vr)) {
            guard valueRange.contains(d) else { rejectOutOfRange(line, number, cr, pr, vr, mn: (line, mnr)); return }
            acc.append(key, group: mn, time: second, double: d, flag: flag)
        } else {
            reject("bad_value", line: number, detail: "value '\(Self.text(line, vr))' is not a number", bytes: record, mn: (line, mnr)); return
        }
        counters.packets += 1
        counters.readings += 1
        counters.readingsByDay[day, default: 0] += 1
        counters.noteTime(time)
    }

    /// A CSV value outside `valueRange`: the row is rejected as `value_out_of_range`, the
    /// detail naming `code-param` and the value.
    func rejectOutOfRange(_ line: UnsafeBufferPointer<UInt8>, _ number: Int, _ code: Range<Int>, _ param: Range<Int>, _ value: Range<Int>,
                          mn: (UnsafeBufferPointer<UInt8>, Range<Int>)? = nil) {
        let key = Self.text(line, code) + "-" + Self.text(line, param)
        reject(ValueRange.reason, line: number, detail: valueRange.detail(key: key, value: Self.text(line, value)), bytes: line, mn: mn)
    }
}
