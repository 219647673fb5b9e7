/// The packet inspector: explains, line by line, what the loader makes of a packet log.
///
/// For field engineers and bureau staff asking "why was this device's data rejected?". It
/// runs the loader's own `PacketScanner` (same rules, same reject codes) and turns the result
/// into an `InspectRecord` of text values. Not a hot path: it allocates freely.
public enum Inspector {
    /// The record for one line (without its LF; a trailing CR is ignored), numbered
    /// `lineNumber` (1-based).
    public static func inspect(lineNumber: Int, line: UnsafeBufferPointer<UInt8>,
                               maxLineBytes: Int = 65_536) -> InspectRecord {
        var scanner = PacketScanner(maxLineBytes: maxLineBytes)
        let packet = scanner.scan(line)
        func text(_ range: Range<Int>?) -> String? {
            guard let range else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: line[range]), as: UTF8.self)
        }

        var record = InspectRecord(line: lineNumber)
        record.error = packet.error
        // Which field and why: the explanation alone cannot say (issue 14).
        if packet.error == .badHeader || packet.error == .badReceiveTime { record.detail = packet.rejectDetail(in: line) }
        // SPEC §13.38: the receive time logged before the packet.
        record.receiveTime = packet.receiveTime?.description
        let scanned = packet.crcComputed != nil  // false for empty and too-long lines
        guard scanned else { return record }

        record.qn = text(packet.qn)
        record.st = text(packet.st)
        record.cn = text(packet.cn)
        record.pw = text(packet.pw)
        record.mn = text(packet.mn)
        record.flag = text(packet.flag)
        record.pnum = text(packet.pnum)
        record.pno = text(packet.pno)
        record.version = packet.version.label
        record.dataTime = text(packet.dataTime)

        var position: [String: Int] = [:]
        for field in packet.fields {
            let key = text(field.key) ?? ""
            let value = text(field.value) ?? ""
            if let at = position[key] {
                record.fields[at].value = value
            } else {
                position[key] = record.fields.count
                record.fields.append(.init(key: key, value: value))
            }
        }

        record.lengthDeclared = packet.lengthDeclared
        record.lengthActual = packet.lengthActual
        record.crcGiven = text(packet.crcGiven)
        record.crcComputed = packet.crcComputed.map(CRC16.hex)
        record.crcOK = packet.crcOK
        record.lengthOK = packet.lengthOK
        return record
    }

    /// The record for one line given as bytes.
    public static func inspect(lineNumber: Int, bytes: [UInt8], maxLineBytes: Int = 65_536) -> InspectRecord {
        bytes.withUnsafeBufferPointer { inspect(lineNumber: lineNumber, line: $0, maxLineBytes: maxLineBytes) }
    }

    /// One record per line of a whole log file's contents, split at LF and numbered from 1;
    /// a final LF does not start another line.
    public static func inspectLines(of contents: [UInt8], maxLineBytes: Int = 65_536) -> [InspectRecord] {
        var records: [InspectRecord] = []
        contents.withUnsafeBufferPointer { buffer in
            var start = 0
            var number = 1
            for i in 0..<buffer.count where buffer[i] == UInt8(ascii: "\n") {
                records.append(inspect(lineNumber: number, line: UnsafeBufferPointer(rebasing: buffer[start..<i]),
                                       maxLineBytes: maxLineBytes))
                number += 1
                start = i + 1
            }
            if start < buffer.count {
                records.append(inspect(lineNumber: number, line: UnsafeBufferPointer(rebasing: buffer[start...]),
                                       maxLineBytes: maxLineBytes))
            }
        }
        return records
    }
}
