import Foundation
import FuzzSupport
import HJ212

/// One input of `fuzz-packets`: a packet log's bytes, split at LF as the loader splits them.
///
/// Each line goes through `PacketScanner` (checked by `ScannedPacketChecks`), through the
/// scanner again framed afresh (`Frame` + the segment it found must scan as a sound frame
/// with the same header, CP and verdict), and through the inspector, whose JSON must parse
/// and whose text must hold no control characters (what `pems inspect` prints for any line).
enum PacketsFuzz {
    /// A small line limit for the inspector's second look, so `line_too_long` is reached by
    /// inputs of a few hundred bytes.
    static let smallLimit = 200

    static func one(_ input: UnsafeBufferPointer<UInt8>) {
        var scanner = PacketScanner()
        var reframer = PacketScanner()
        var start = 0
        var lines = 0
        for i in 0...input.count where i == input.count || input[i] == 0x0A {
            if i == input.count && start == i { break }  // a final LF starts no line
            let line = UnsafeBufferPointer(rebasing: input[start..<i])
            let packet = scanner.scan(line)
            ScannedPacketChecks.check(packet, line)
            ReframeCheck.check(packet, line, scanner: &reframer)
            inspect(line, number: lines + 1)
            lines += 1
            start = i + 1
        }
        invariant(Inspector.inspectLines(of: Array(input)).count == lines, "the inspector numbers \(lines) lines")
    }

    /// The inspector's record of a line, with the default and a small line limit.
    static func inspect(_ line: UnsafeBufferPointer<UInt8>, number: Int) {
        for limit in [65_536, smallLimit] {
            let record = Inspector.inspect(lineNumber: number, line: line, maxLineBytes: limit)
            if line.count > limit { invariant(record.error == .lineTooLong, "a line over the limit is line_too_long") }
            let json = record.jsonLine()
            invariant(!json.contains("\n"), "jsonLine is one line")
            let object = try? JSONSerialization.jsonObject(with: Data(json.utf8))
            invariant((object as? [String: Any])?.count == 19, "jsonLine is a JSON object of 19 keys: \(json)")
            let text = record.text()
            invariant(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F },
                      "text() shows no control character but line ends: \(text.debugDescription)")
        }
    }
}
