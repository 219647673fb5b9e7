import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File-system calls on paths given as bytes.
///
/// A Linux file name is bytes, not text: a GBK name from a Chinese Windows share is no valid
/// UTF-8, and Foundation's `String` paths cannot spell it (they turn it into U+FFFD and the
/// file is then "missing"). Listing, checking and opening input files therefore goes
/// through these thin wrappers around the C calls, which take the bytes as they are.
enum RawPath {
    /// What kind of thing a `stat` says is at a path.
    enum Kind: Equatable {
        case regular, folder, symlink, fifo, socket, characterDevice, blockDevice, other

        init(mode: mode_t) {
            switch mode & S_IFMT {
            case S_IFREG: self = .regular
            case S_IFDIR: self = .folder
            case S_IFLNK: self = .symlink
            case S_IFIFO: self = .fifo
            case S_IFSOCK: self = .socket
            case S_IFCHR: self = .characterDevice
            case S_IFBLK: self = .blockDevice
            default: self = .other
            }
        }

        /// How the not-loaded list names it ("not a regular file: FIFO").
        var name: String {
            switch self {
            case .regular: return "regular file"
            case .folder: return "folder"
            case .symlink: return "symlink"
            case .fifo: return "FIFO"
            case .socket: return "socket"
            case .characterDevice: return "character device"
            case .blockDevice: return "block device"
            case .other: return "unknown file type"
            }
        }
    }

    /// Calls `body` with `path` as a NUL-terminated C string.
    static func withCString<T>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        let cString = path.map { CChar(bitPattern: $0) } + [0]
        return body(cString)   // the array, NUL included, lives for the call
    }

    /// `stat` (follows symlinks) or `lstat` (does not); nil with `errno` set when it fails.
    static func status(_ path: [UInt8], followingSymlinks: Bool) -> stat? {
        var st = stat()
        let rc = withCString(path) { followingSymlinks ? stat($0, &st) : lstat($0, &st) }
        return rc == 0 ? st : nil
    }

    /// The path with every symlink, `.` and `..` resolved (`realpath`); nil when some part is missing.
    static func resolved(_ path: [UInt8]) -> [UInt8]? {
        guard let p = withCString(path, { realpath($0, nil) }) else { return nil }
        defer { free(p) }
        return Array(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p)))
    }

    /// What a symlink says it points to, as written (`readlink`); nil when it is none.
    static func linkTarget(_ path: [UInt8]) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = withCString(path) { p in
            buffer.withUnsafeMutableBytes { b -> Int in
                guard let base = b.baseAddress else { return -1 }
                return readlink(p, base.assumingMemoryBound(to: CChar.self), b.count - 1)
            }
        }
        return n < 0 ? nil : Array(buffer[0..<n])
    }

    /// The names in a folder (without `.` and `..`), as bytes, in the order the file system
    /// gives them; nil with `errno` set when the folder cannot be read.
    static func names(in folder: [UInt8]) -> [[UInt8]]? {
        guard let dir = withCString(folder, { opendir($0) }) else { return nil }
        defer { closedir(dir) }
        var out: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            out.append(name)
        }
        return out
    }

    /// `open(path, flags)`: a descriptor, or -1 with `errno` set.
    static func openDescriptor(_ path: [UInt8], flags: Int32) -> Int32 {
        withCString(path) { open($0, flags) }
    }

    /// The system's message for `errno` ("Permission denied").
    static func message(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// `a/b` from `a` and `b`, without doubling a `/` that `a` ends with.
    static func join(_ folder: [UInt8], _ name: [UInt8]) -> [UInt8] {
        folder.last == 0x2F ? folder + name : folder + [0x2F] + name
    }
}
