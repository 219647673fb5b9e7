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

    /// The exit code a job should end with when the store is busy: 75 (`EX_TEMPFAIL`,
    /// "try again later"), distinct from 1 (could not run) so cron wrappers can tell them apart.
    public static let busyExitCode: Int32 = 75

    public var description: String {
        switch self {
        case .held(let path, let holder):
            return "another pems run holds the store lock \(path) (\(holder)); this run did not start — try again when it has finished"
        case .unusable(let path, let reason):
            return "cannot lock the store: \(path): \(reason)"
        }
    }
}

/// Keeps two job runs on one store from overlapping (SPEC §11).
///
/// An exclusive `flock` on a sidecar file `<store>.lock`, created if missing and never
/// deleted (deleting a lock file races with the next locker). The kernel drops the lock when
/// the holding process dies, however it dies (kill -9 included), so a crash never leaves a
/// stale lock. The holder writes its pid, command and start time (CST) into the file so the
/// second run's message names who is running. flock locks belong to an open file
/// description: a second `acquire` in the same process conflicts too.
///
/// Not `Sendable`: the lock belongs to the task running the job. Released by `release()` or
/// when the object is deallocated.
public final class StoreLock {
    /// The lock file, `<store>.lock`.
    public let path: String
    private var fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit { release() }

    /// The lock file that guards the store at `storePath`.
    public static func lockPath(storePath: String) -> String { storePath + ".lock" }

    /// Takes the store's lock without waiting.
    /// - Parameters:
    ///   - storePath: the store file (the lock file sits beside it).
    ///   - command: how the holder is described to a second run, e.g. `pems nightly --date 2026-07-05`.
    /// - Throws: `StoreLockError.held` when another run holds it; `.unusable` when the lock
    ///   file cannot be opened.
    public static func acquire(storePath: String, command: String) throws -> StoreLock {
        let path = lockPath(storePath: storePath)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreLockError.unusable(path: path, reason: String(cString: strerror(errno))) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            let holder = Self.readHolder(fd)
            close(fd)
            if code == EWOULDBLOCK || code == EAGAIN {
                throw StoreLockError.held(path: path, holder: holder.isEmpty ? "holder unknown: it wrote nothing into the lock file" : holder)
            }
            throw StoreLockError.unusable(path: path, reason: String(cString: strerror(code)))
        }
        let holder = "pid \(ProcessInfo.processInfo.processIdentifier), \(command), since \(Store.now()) CST"
        let bytes = Array(holder.utf8)
        // Best effort: the lock itself is the flock; the text only names the holder.
        _ = ftruncate(fd, 0)
        _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return StoreLock(path: path, fd: fd)
    }

    /// Gives the lock up (idempotent). The holder text is cleared first so a later reader
    /// never takes a stale description for a live holder.
    public func release() {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    /// True while this object holds the lock.
    public var isHeld: Bool { fd >= 0 }

    private static func readHolder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 1024)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return "" }
        return String(decoding: buffer.prefix(n), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
