import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a reader must leave exactly as it found it: the store file's bytes and modification
/// time (to the nanosecond), and whether its `-wal` and `-shm` files exist. The tests run as
/// root, for whom `chmod` makes nothing read-only, so "never writes" is checked this way.
public struct StoreFileSnapshot: Equatable, CustomStringConvertible {
    public var bytes: Data
    public var modified: timespec
    public var wal: Bool
    public var shm: Bool

    public init(_ path: String) throws {
        bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        var st = stat()
        guard stat(path, &st) == 0 else { throw CocoaError(.fileReadNoSuchFile) }
        modified = st.st_mtim
        wal = FileManager.default.fileExists(atPath: path + "-wal")
        shm = FileManager.default.fileExists(atPath: path + "-shm")
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.bytes == b.bytes && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
            && a.wal == b.wal && a.shm == b.shm
    }

    public var description: String {
        "\(bytes.count) bytes, modified \(modified.tv_sec).\(modified.tv_nsec), -wal \(wal ? "present" : "absent"), -shm \(shm ? "present" : "absent")"
    }
}

extension StoreFileSnapshot {
    /// `PRAGMA application_id` as the file's header holds it (big-endian at offset 68), read
    /// without SQLite; 0 for a file too short to have a header.
    public var applicationID: UInt32 {
        guard bytes.count >= 100 else { return 0 }
        return bytes[68..<72].reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// `PRAGMA user_version` as the header holds it (big-endian at offset 60).
    public var userVersion: UInt32 {
        guard bytes.count >= 100 else { return 0 }
        return bytes[60..<64].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
