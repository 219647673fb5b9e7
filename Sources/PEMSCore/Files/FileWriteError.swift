import CSQLite
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file could not be written for a reason of the system's — the disk is full, a quota is
/// reached, the file system is read-only, permission is denied — said as one plain line
/// naming the file: `no space left on device while writing out/facility_day.csv`.
///
/// Why a type of its own: each writer reports these its own way — Foundation as an
/// `NSCocoaErrorDomain` error whose description is a dump of its user-info dictionary,
/// libxlsxwriter as a zip status, cairo as a write status, SQLite as SQLITE_FULL or an I/O
/// error with the errno beside it — and the operator reading the nightly's log needs the
/// same line from each. Writers that know their file throw this (`CSVFile`, `WorkbookWriter`,
/// `ChartOutput`); the command line finds one in any other error with `init?(_:path:)`.
public struct FileWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file (or folder) being written.
    public var path: String
    /// The system's error number: one of `plainCodes`.
    public var code: Int32
    /// The file is the store (SQLite): the line says "the store PATH".
    public var isStore: Bool

    public init(path: String, code: Int32, isStore: Bool = false) {
        self.path = path
        self.code = code
        self.isStore = isStore
    }

    /// The errors said this way: the disk or the quota is full, the file system is read-only,
    /// permission is denied. Anything else keeps its writer's own message.
    public static let plainCodes: Set<Int32> = [ENOSPC, EDQUOT, EROFS, EACCES, EPERM]

    /// The system's text for `code` with its first letter lowered: "no space left on device".
    public var reason: String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    public var description: String {
        "\(reason) while writing \(isStore ? "the store " : "")\(path)"
    }

    /// The write failure `error` reports, when it is one of `plainCodes`; nil for any other
    /// error (a read failure, a missing file, an error of pems's own).
    ///
    /// Recognised: a `FileWriteError`; a `DatabaseError` of SQLITE_FULL, or an I/O, open or
    /// read-only failure whose errno is one of `plainCodes` (the file is its store);
    /// Foundation's file-writing errors (`NSCocoaErrorDomain` 512…642, errno from their
    /// underlying POSIX error, else from the code: 640 no space, 642 read-only, 513
    /// permission) with the file from `NSFilePath`/`NSURL`; and a bare POSIX error.
    /// - Parameter path: the file being written, when the error does not name one (a
    ///   `FileHandle` write names none); an error naming no file, with no `path`, is nil.
    public init?(_ error: Error, path: String? = nil) {
        if let e = error as? FileWriteError {
            self = e
            return
        }
        if let e = error as? DatabaseError {
            let primary = e.code & 0xff
            let code: Int32
            if primary == SQLITE_FULL {
                code = Self.plainCodes.contains(e.systemErrno) ? e.systemErrno : ENOSPC
            } else if [SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_READONLY].contains(primary), Self.plainCodes.contains(e.systemErrno) {
                code = e.systemErrno
            } else {
                return nil
            }
            guard let file = e.path ?? path else { return nil }
            self.init(path: file, code: code, isStore: true)
            return
        }
        if let e = error as? POSIXError {
            guard let path, Self.plainCodes.contains(e.code.rawValue) else { return nil }
            self.init(path: path, code: e.code.rawValue)
            return
        }
        let ns = error as NSError
        var code: Int32
        switch ns.domain {
        case NSCocoaErrorDomain:
            guard (CocoaError.Code.fileWriteUnknown.rawValue...CocoaError.Code.fileWriteVolumeReadOnly.rawValue).contains(ns.code) else {
                return nil
            }
            if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
                code = Int32(truncatingIfNeeded: underlying.code)
            } else {
                switch ns.code {
                case CocoaError.Code.fileWriteOutOfSpace.rawValue: code = ENOSPC
                case CocoaError.Code.fileWriteVolumeReadOnly.rawValue: code = EROFS
                case CocoaError.Code.fileWriteNoPermission.rawValue: code = EACCES
                default: return nil
                }
            }
        case NSPOSIXErrorDomain:
            code = Int32(truncatingIfNeeded: ns.code)
        default:
            return nil
        }
        guard Self.plainCodes.contains(code) else { return nil }
        let named = ns.userInfo[NSFilePathErrorKey] as? String ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        guard let file = named ?? path else { return nil }
        self.init(path: file, code: code)
    }
}
