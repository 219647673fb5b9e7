import Foundation

/// Reads a file in large pieces and hands out whole lines, so a 2 GB packet log never has
/// to be in memory at once. Lines end at LF; a CR before it stays in the line (the scanner
/// ignores it). The last line may lack its LF.
struct LineChunks {
    let handle: FileHandle
    let chunkBytes: Int
    var carry: [UInt8] = []
    var nextLine = 1
    var done = false

    init(path: String, chunkBytes: Int) throws {
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        handle = h
        self.chunkBytes = chunkBytes
    }

    /// Reads from a file already opened (`InputFile.open()`, which checked it is a regular file).
    init(handle: FileHandle, chunkBytes: Int) {
        self.handle = handle
        self.chunkBytes = chunkBytes
    }

    /// A buffer of whole lines and the offsets where each line starts and ends (LF excluded).
    struct Chunk {
        var bytes: [UInt8]
        var starts: [Int]
        var ends: [Int]
        var firstLine: Int
    }

    mutating func next() throws -> Chunk? {
        guard !done else { return nil }
        var buffer = carry
        carry = []
        let data = try handle.read(upToCount: chunkBytes) ?? Data()
        if data.isEmpty {
            done = true
            try? handle.close()
            if buffer.isEmpty { return nil }
        } else {
            buffer.append(contentsOf: data)
        }
        var starts: [Int] = []
        var ends: [Int] = []
        starts.reserveCapacity(buffer.count / 400)
        ends.reserveCapacity(buffer.count / 400)
        var lastEnd = 0
        buffer.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            var i = 0
            while i < b.count {
                guard let p = memchr(base + i, 0x0A, b.count - i) else { break }
                let nl = UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self) - base
                starts.append(i)
                ends.append(nl)
                i = nl + 1
                lastEnd = i
            }
        }
        if done {
            if lastEnd < buffer.count { starts.append(lastEnd); ends.append(buffer.count) }
        } else {
            carry = Array(buffer[lastEnd...])
            buffer.removeSubrange(lastEnd...)
        }
        let chunk = Chunk(bytes: buffer, starts: starts, ends: ends, firstLine: nextLine)
        nextLine += starts.count
        return chunk
    }
}
