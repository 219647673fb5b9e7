import Foundation
import Testing
@testable import Loader

/// `LineChunks` gives the same lines, line numbers and rejects whatever the piece size, so a
/// record split across reads — a CR LF, a quoted line break, a doubled quote cut in two — reads
/// as if the file were read whole.
@Suite struct LineChunksTests {
    /// (line number: content) of every line, then the over-long and unclosed ones.
    static func read(_ path: String, chunk: Int, max: Int, _ dialect: LineChunks.Dialect) throws -> [String] {
        var chunks = try LineChunks(path: path, chunkBytes: chunk, maxLineBytes: max, dialect: dialect)
        var out: [(Int, String)] = [], lines = 0
        while let c = try chunks.next() {
            for i in c.starts.indices { out.append((c.lines[i], String(decoding: c.bytes[c.starts[i]..<c.ends[i]], as: UTF8.self))) }
            out += c.overlong.map { ($0.line, "too long, \($0.bytes) bytes") }
            out += c.unclosed.map { ($0.line, "unclosed") }
            lines += c.lineCount
        }
        return out.sorted { $0.0 < $1.0 }.map { "\($0.0): \($0.1)" } + ["lines \(lines)"]
    }

    static func file(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pems-chunks-\(UUID().uuidString).txt")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func csvRecordsAreTheSameForEveryPieceSize() throws {
        let text = "a,b\r\n\"x\r\ny\",\"say \"\"hi\"\"\"\r1,2\n\r\n" + String(repeating: "z", count: 30) + "\r\n3,\"4\n5\"\r6,7"
        let f = try Self.file(text)
        defer { try? FileManager.default.removeItem(atPath: f) }
        let whole = try Self.read(f, chunk: 1 << 20, max: 20, .csv)
        #expect(whole == ["1: a,b", "2: \"x\r\ny\",\"say \"\"hi\"\"\"", "4: 1,2", "5: ", "6: too long, 30 bytes",
                          "7: 3,\"4\n5\"", "9: 6,7", "lines 9"])
        for size in 1...48 { #expect(try Self.read(f, chunk: size, max: 20, .csv) == whole, "piece size \(size)") }
    }

    @Test func packetLinesAreTheSameForEveryPieceSize() throws {
        let text = "##0001a\r\n\r\nbb\rcc\n" + String(repeating: "z", count: 30) + "\r\nlast"
        let f = try Self.file(text)
        defer { try? FileManager.default.removeItem(atPath: f) }
        let whole = try Self.read(f, chunk: 1 << 20, max: 20, .packetLines)
        #expect(whole == ["1: ##0001a\r", "2: \r", "3: bb\rcc", "4: too long, 31 bytes", "5: last", "lines 5"])
        for size in 1...48 { #expect(try Self.read(f, chunk: size, max: 20, .packetLines) == whole, "piece size \(size)") }
    }

    @Test func anUnclosedQuoteGivesUpOneLineForEveryPieceSize() throws {
        let text = "a,b\n1,\"2\n3,4\n5,6\n"
        let f = try Self.file(text)
        defer { try? FileManager.default.removeItem(atPath: f) }
        let whole = try Self.read(f, chunk: 1 << 20, max: 64, .csv)
        #expect(whole == ["1: a,b", "2: unclosed", "3: 3,4", "4: 5,6", "lines 4"])
        for size in 1...20 { #expect(try Self.read(f, chunk: size, max: 64, .csv) == whole, "piece size \(size)") }
        // Past the line limit the same happens before the end of the file.
        #expect(try Self.read(f, chunk: 4, max: 6, .csv) == whole)
    }
}
