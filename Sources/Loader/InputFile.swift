import Foundation
import HJ212
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file to load: the bytes the file system knows it by and the name people see.
///
/// Only regular files are loaded. A FIFO, socket or device named `*.log` in an inbox would
/// block the loader for ever (`open` of a FIFO waits for a writer; `/dev/zero` never ends)
/// while the nightly holds the store lock, so every later night would exit 75. Such a file
/// is listed with a `refusal` and never opened, and `open()` checks again on the opened
/// descriptor, so a file swapped for a FIFO after listing cannot block either.
public struct InputFile: Sendable, Hashable {
    /// How `path` was made from the name's bytes (see `FileNameText`).
    public enum NameEncoding: String, Sendable {
        case utf8
        /// Not UTF-8; decoded as GB 18030 (GBK names from Chinese Windows shares).
        case gb18030
        /// Neither: bytes outside printable ASCII shown as `\xNN`.
        case escaped
    }

    /// Why a file is not loaded. Not an error of the load: the file is named in the summary
    /// and the job log with this reason, and the rest loads (exit 0).
    public enum Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        /// A FIFO, socket, device or folder where a file was expected.
        case notRegular(kind: String)
        /// A symlink in a folder being loaded whose target lies outside that folder: not
        /// followed (it might be `/etc/passwd` or `/dev/zero`). `target` as the link says.
        case symlinkLeaves(target: String)
        /// A symlink whose target does not exist.
        case brokenSymlink(target: String)
        /// The file could not be opened (permissions; gone since it was listed).
        case cannotOpen(reason: String)
        /// A folder inside a folder being loaded could not be listed.
        case cannotList(reason: String)

        public var description: String {
            switch self {
            case .notRegular(let kind): return "not a regular file: \(kind)"
            case .symlinkLeaves(let target): return "symlink leaves the inbox: -> \(target)"
            case .brokenSymlink(let target): return "symlink to nothing: -> \(target)"
            case .cannotOpen(let reason): return "cannot open: \(reason)"
            case .cannotList(let reason): return "cannot list the folder: \(reason)"
            }
        }
    }

    /// The path for people: the summary, the job log and the store's `files.path`. Control
    /// characters in it are shown escaped (`TerminalText`), so a name cannot forge a line.
    public let path: String
    /// The path exactly as listed; name order (SPEC §13.4) is the order of these bytes.
    public let rawPath: [UInt8]
    public let nameEncoding: NameEncoding
    /// Why the file is not loaded, when listing already found out; nil: load it.
    public let refusal: Refusal?
    /// What `open()` opens: `rawPath`, or for a symlink inside the folder being loaded the
    /// target it resolved to when listed (so a link re-pointed later is not followed).
    let openPath: [UInt8]
    /// True only for a path named by the user (command line, API): the user's choice of
    /// symlink is followed. Files found in a folder are opened with `O_NOFOLLOW`.
    let followsSymlinks: Bool

    /// A file named by the user: symlinks are followed, but it must be a regular file (a
    /// FIFO or device is refused without being opened).
    public init(path: String) {
        let raw = Array(path.utf8)
        var refusal: Refusal?
        if let st = RawPath.status(raw, followingSymlinks: true) {
            let kind = RawPath.Kind(mode: st.st_mode)
            if kind != .regular { refusal = .notRegular(kind: kind.name) }
        }   // a missing file is refused by `open()` with the system's reason
        self.init(path: TerminalText.escaped(path), rawPath: raw, nameEncoding: .utf8, refusal: refusal, openPath: raw,
                  followsSymlinks: true)
    }

    init(path: String, rawPath: [UInt8], nameEncoding: NameEncoding, refusal: Refusal?, openPath: [UInt8], followsSymlinks: Bool) {
        self.path = path
        self.rawPath = rawPath
        self.nameEncoding = nameEncoding
        self.refusal = refusal
        self.openPath = openPath
        self.followsSymlinks = followsSymlinks
    }

    /// CSV readings by extension, else packets (SPEC §3.1, §3.2).
    public var format: InputFormat { InputFiles.format(of: path) }

    /// The size `stat` reports now (0 when refused or unknown); for progress only.
    var sizeHint: Int {
        guard refusal == nil, let st = RawPath.status(openPath, followingSymlinks: followsSymlinks) else { return 0 }
        return RawPath.Kind(mode: st.st_mode) == .regular ? Int(st.st_size) : 0
    }

    /// Opens the file for reading: `O_NONBLOCK` so a FIFO cannot block the `open` itself,
    /// `O_CLOEXEC`, `O_NOFOLLOW` unless the user named the path, then `fstat` on the
    /// descriptor and refuses anything but a regular file. Throws `Refusal`.
    public func open() throws -> FileHandle {
        if let refusal { throw refusal }
        var flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC
        if !followsSymlinks { flags |= O_NOFOLLOW }
        let fd = RawPath.openDescriptor(openPath, flags: flags)
        guard fd >= 0 else {
            let code = errno
            // O_NOFOLLOW on a symlink fails with ELOOP: the file was swapped for one after listing.
            if code == ELOOP && !followsSymlinks { throw Refusal.notRegular(kind: RawPath.Kind.symlink.name) }
            throw Refusal.cannotOpen(reason: RawPath.message(code))
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let code = errno
            close(fd)
            throw Refusal.cannotOpen(reason: RawPath.message(code))
        }
        let kind = RawPath.Kind(mode: st.st_mode)
        guard kind == .regular else {
            close(fd)
            throw Refusal.notRegular(kind: kind.name)
        }
        // Reads of a regular file never block; back to ordinary blocking reads all the same.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }
}
