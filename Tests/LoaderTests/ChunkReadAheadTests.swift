import Foundation
import PEMSCore
import Testing
@testable import Loader

/// `ChunkReadAhead` hands over the chunks `LineChunks` reads, in file order, with the file's
/// hash computed as it reads; a consumer that stops early is not left with a reader thread
/// blocked behind it.
@Suite struct ChunkReadAheadTests {
    static func file(lines: Int) throws -> (path: String, text: String) {
        let text = (1...lines).map { "line \($0) " + String(repeating: "x", count: $0 % 37) }.joined(separator: "\n") + "\n"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pems-readahead-\(UUID().uuidString).txt")
        try Data(text.utf8).write(to: url)
        return (url.path, text)
    }

    @Test func everyLineComesOnceInFileOrderAndTheDigestIsTheFilesHash() throws {
        let (path, text) = try Self.file(lines: 5_000)
        var chunks = try LineChunks(path: path, chunkBytes: 997, maxLineBytes: 200)
        chunks.digest = ContentHash.Running()
        let reader = ChunkReadAhead(chunks)
        reader.start()
        var lines: [String] = []
        var numbers: [Int] = []
        while let c = try reader.next() {
            for i in c.starts.indices {
                lines.append(String(decoding: c.bytes[c.starts[i]..<c.ends[i]], as: UTF8.self))
                numbers.append(c.lines[i])
            }
        }
        let ended = reader.finish()
        #expect(lines == text.split(separator: "\n").map(String.init))
        #expect(numbers == Array(1...5_000))
        #expect(ended.digest?.finalize() == ContentHash.sha256(Data(text.utf8)))
        #expect(ended.digest?.bytes == text.utf8.count)
    }

    @Test func aConsumerThatStopsAfterOneChunkEndsTheReader() throws {
        let (path, _) = try Self.file(lines: 5_000)
        let reader = ChunkReadAhead(try LineChunks(path: path, chunkBytes: 512, maxLineBytes: 200))
        reader.start()
        let first = try #require(try reader.next())
        #expect(first.lines.first == 1)
        // Give the reader time to read the next chunk and wait for room for a third; finish()
        // stops it there and returns, and the reader is freed while stopped mid-file (which
        // must not trap in libdispatch's semaphore check).
        Thread.sleep(forTimeInterval: 0.2)
        let ended = reader.finish()
        #expect(ended.done == false)
    }

    @Test func readersStoppedEarlyAreFreedWithoutTrouble() throws {
        let (path, _) = try Self.file(lines: 2_000)
        for i in 0..<20 {
            let reader = ChunkReadAhead(try LineChunks(path: path, chunkBytes: 256, maxLineBytes: 200))
            reader.start()
            for _ in 0..<(i % 4) { _ = try reader.next() }
            if i % 2 == 0 { Thread.sleep(forTimeInterval: 0.01) }
            _ = reader.finish()
        }
    }
}
