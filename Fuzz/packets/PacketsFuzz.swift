import Foundation
import FuzzSupport
import HJ212

/// One input of `fuzz-packets`: a packet log's bytes, split at LF as the loader splits them.
///
/// Each line goes through `PacketScanner` (checked by `ScannedPacketChecks`), through the
/// scanner again framed afresh (`Frame` + the segment it found must scan as a sound frame
/// with the same header, CP and verdict), through the inspector, whose JSON must parse and
/// whose text must hold no control characters (what `pems inspect` prints for any line), and
/// as text through `TerminalText` (what every summary and log line shows of device text).
enum PacketsFuzz {
    /// A small line limit for the inspector's second look, so `line_too_long` is reached by
    /// inputs of a few hundred bytes.
    static let smallLimit = 200

    static func one(_ input: UnsafeBufferPointer<UInt8>) {
        var scanner = PacketScanner()
        var reframer = PacketScanner()
        let records = Inspector.inspectLines(of: Array(input))
        var start = 0
        var lines = 0
        for i in 0...input.count where i == input.count || input[i] == 0x0A {
            if i == input.count && start == i { break }  // a final LF starts no line
            let line = UnsafeBufferPointer(rebasing: input[start..<i])
            let packet = scanner.scan(line)
            ScannedPacketChecks.check(packet, line)
            ReframeCheck.check(packet, line, scanner: &reframer)
            TerminalTextCheck.check(String(decoding: line, as: UTF8.self))
            lines += 1
            invariant(records.count >= lines && records[lines - 1].line == lines && records[lines - 1].error == packet.error,
                      "the inspector's record \(lines) is the scanner's verdict on line \(lines)")
            check(records[lines - 1])
            if line.count > smallLimit {
                let record = Inspector.inspect(lineNumber: lines, line: line, maxLineBytes: smallLimit)
                invariant(record.error == .lineTooLong, "a line over the limit is line_too_long")
                check(record)
            }
            start = i + 1
        }
        invariant(records.count == lines, "the inspector numbers \(lines) lines, not \(records.count)")
    }

    /// What `pems inspect` prints of a record: JSON that parses, text without control characters.
    static func check(_ record: InspectRecord) {
        let json = record.jsonLine()
        invariant(!json.contains("\n"), "jsonLine is one line")
        let object = try? JSONSerialization.jsonObject(with: Data(json.utf8))
        // 19 keys, and receive_time for a line that starts with one (SPEC §13.38).
        let keys = 19 + (record.receiveTime == nil ? 0 : 1)
        invariant((object as? [String: Any])?.count == keys, "jsonLine is a JSON object of \(keys) keys: \(json)")
        let text = record.text()
        invariant(!text.unicodeScalars.contains { $0 != "\n" && TerminalTextCheck.acted($0) },
                  "text() shows no control character but its line ends: \(text.debugDescription)")
    }
}
