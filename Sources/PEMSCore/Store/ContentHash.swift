import Crypto
import Foundation

/// SHA-256 content hashes: how the store recognises a file it has loaded before
/// (SPEC §3.3), registry versions, and (later) run outputs.
public enum ContentHash {
    /// Lower-case hex SHA-256 of bytes.
    public static func sha256<D: DataProtocol>(_ data: D) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Lower-case hex SHA-256 of a file, read in 8 MiB pieces (a city-day of packets is ~2 GB).
    public static func sha256(fileAt path: String) throws -> (hash: String, bytes: Int) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        return try sha256(reading: handle)
    }

    /// Lower-case hex SHA-256 of what is left to read from `handle`, in 8 MiB pieces; the
    /// caller opened it (the loader opens input files itself, without blocking on a FIFO)
    /// and closes it.
    public static func sha256(reading handle: FileHandle) throws -> (hash: String, bytes: Int) {
        var hasher = SHA256()
        var total = 0
        while true {
            let chunk = try handle.read(upToCount: 8 << 20) ?? Data()
            if chunk.isEmpty { break }
            total += chunk.count
            hasher.update(data: chunk)
        }
        return (hex(hasher.finalize()), total)
    }

    /// A SHA-256 fed piece by piece as a file is read (the loader hashes what it parses in the
    /// same pass), with the bytes counted.
    public struct Running {
        private var hasher = SHA256()
        public private(set) var bytes = 0
        public init() {}

        public mutating func update(_ piece: Data) {
            hasher.update(data: piece)
            bytes += piece.count
        }

        /// The same for bytes in memory (no `Data` made).
        public mutating func update(_ piece: UnsafeRawBufferPointer) {
            hasher.update(bufferPointer: piece)
            bytes += piece.count
        }

        /// Lower-case hex, as `sha256(_:)` gives it.
        public func finalize() -> String { ContentHash.hex(hasher.finalize()) }
    }

    static func hex<S: Sequence>(_ digest: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in digest {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
