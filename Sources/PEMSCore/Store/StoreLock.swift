import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a `StoreLock` could not be taken.
public enum StoreLockError: Error, CustomStringConvertible, Equatable {
    /// Another process holds the lock: `holder` is what it wrote into the lock file
    /// (pid, command, start time in CST), or a note that it wrote nothing.
    case held(path: String, holder: String)
    /// The lock file could not be opened or locked for another reason (permissions, a
    /// missing folder); `reason` is the system's message.
    case unusable(path: String, reason: String)

    public var description: String {
        switch self {
        case .held(let path, let holder):
            return "another pems run holds the store lock \(path) (\(holder)); this run did not start — try again when it has finished"
        case .unusable(let path, let reason):
            return "cannot lock the store: \(path): \(reason)"
        }
    }
}

/// Keeps two runs on one store from overlapping (SPEC §11).
///
/// The lock is taken on the store's **identity**, not on a name: an exclusive, non-blocking
/// `flock` on the database file itself (created empty if missing; SQLite treats an empty file
/// as an empty database). A symlink or a hard link to the store opens the same inode, so it
/// meets the same lock; no sidecar file takes part in the locking, so deleting one lets
/// nobody in. SQLite locks with `fcntl` byte ranges, which on Linux are independent of
/// `flock` on local file systems, so the two never interfere. (On NFS, Linux emulates
/// `flock` with byte-range locks; keep stores on a local disk, as SQLite itself asks.)
///
/// The kernel drops the lock when the holding process dies, however it dies (kill -9
/// included), so a crash never leaves a stale lock. flock locks belong to an open file
/// description: a second `acquire` in the same process conflicts too. The descriptor is
/// close-on-exec, so child processes never inherit the lock.
///
/// Who holds it: the holder writes its pid, command and start time (CST) into the sidecar
/// `<real path of the store>.lock`, only so that a second run's message can name it. When
/// that description is missing (deleted, or the store was reached through a hard link with
/// another real path), the holder is found through `/proc/locks` (pid) and
/// `/proc/<pid>/cmdline`.
///
/// Not `Sendable`: the lock belongs to the task running the job. Released by `release()` or
/// when the object is deallocated. Release it after the store's last transaction: closing a
/// descriptor of the database file also drops this process's `fcntl` locks on it (POSIX), which
/// is harmless once the command's writes are committed.
public final class StoreLock {
    /// The locked file: the store's real path (symlinks resolved).
    public let path: String
    /// Where the holder's description is written: `<path>.lock`.
    public let holderPath: String
    private var fd: Int32

    private init(path: String, holderPath: String, fd: Int32) {
        self.path = path
        self.holderPath = holderPath
        self.fd = fd
    }

    deinit { release() }

    /// `storePath` with every symlink resolved (the path itself when it does not exist yet:
    /// then its folder is resolved).
    static func realPath(_ storePath: String) -> String {
        if let r = realpath(storePath, nil) {
            defer { free(r) }
            return String(cString: r)
        }
        let url = URL(fileURLWithPath: storePath)
        let folder = url.deletingLastPathComponent().path
        if let r = realpath(folder, nil) {
            defer { free(r) }
            return (String(cString: r) as NSString).appendingPathComponent(url.lastPathComponent)
        }
        return storePath
    }

    /// Takes the store's lock without waiting.
    /// - Parameters:
    ///   - storePath: the store file, or a symlink or hard link to it (created empty if missing).
    ///   - command: how the holder is described to a second run, e.g. `pems nightly --date 2026-07-05`.
    /// - Throws: `StoreLockError.held` when another run holds it; `.unusable` when the store
    ///   file cannot be opened or is not a regular file.
    public static func acquire(storePath: String, command: String) throws -> StoreLock {
        let path = realPath(storePath)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0o644)
        guard fd >= 0 else { throw StoreLockError.unusable(path: path, reason: String(cString: strerror(errno))) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw StoreLockError.unusable(path: path, reason: "not a regular file")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK || code == EAGAIN {
                let holder = Self.describeHolder(holderPath: path + ".lock", device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
                throw StoreLockError.held(path: path, holder: holder)
            }
            throw StoreLockError.unusable(path: path, reason: String(cString: strerror(code)))
        }
        let lock = StoreLock(path: path, holderPath: path + ".lock", fd: fd)
        // Best effort: the lock itself is the flock; the text only names the holder.
        let holder = "pid \(ProcessInfo.processInfo.processIdentifier), \(command), since \(Store.now()) CST"
        Self.writeHolder(holder, to: lock.holderPath)
        return lock
    }

    /// Gives the lock up (idempotent). The holder text is cleared first so a later reader
    /// never takes a stale description for a live holder.
    public func release() {
        guard fd >= 0 else { return }
        Self.writeHolder("", to: holderPath)
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    /// True while this object holds the lock.
    public var isHeld: Bool { fd >= 0 }

    private static func writeHolder(_ text: String, to path: String) {
        let hfd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
        guard hfd >= 0 else { return }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(hfd, $0.baseAddress, $0.count) }
        close(hfd)
    }

    /// The holder's own description when its file is there and says something; else the
    /// pid and command line of the process that `/proc/locks` names for the inode.
    static func describeHolder(holderPath: String, device: UInt64, inode: UInt64) -> String {
        let hfd = open(holderPath, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        if hfd >= 0 {
            defer { close(hfd) }
            var buffer = [UInt8](repeating: 0, count: 1024)
            let n = buffer.withUnsafeMutableBytes { read(hfd, $0.baseAddress, $0.count) }
            if n > 0 {
                let text = String(decoding: buffer.prefix(n), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty { return text }
            }
        }
        if let pid = lockingPID(device: device, inode: inode) {
            let cmd = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline")))
                .map { String(decoding: $0, as: UTF8.self).split(separator: "\0").joined(separator: " ") } ?? ""
            return cmd.isEmpty ? "pid \(pid)" : "pid \(pid), \(cmd)"
        }
        return "holder unknown: it wrote nothing into \(holderPath)"
    }

    /// The pid holding a FLOCK on (device, inode), from `/proc/locks` (Linux): lines like
    /// `1: FLOCK  ADVISORY  WRITE 1234 fd:01:5678 0 EOF`, device as major:minor in hex.
    static func lockingPID(device: UInt64, inode: UInt64) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return nil }
        let major = (device >> 8) & 0xfff | ((device >> 32) & ~0xfff)
        let minor = (device & 0xff) | ((device >> 12) & ~0xff)
        for line in text.split(separator: "\n") {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            guard f.count >= 6, f[1] == "FLOCK", !f.contains("->") else { continue }
            let id = f[5].split(separator: ":")
            guard id.count == 3, UInt64(id[0], radix: 16) == major, UInt64(id[1], radix: 16) == minor,
                  UInt64(id[2]) == inode, let pid = Int(f[4]) else { continue }
            return pid
        }
        return nil
    }
}
