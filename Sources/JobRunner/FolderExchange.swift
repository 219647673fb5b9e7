import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts a complete new folder where an old one is, in one step, so that a reader of the
/// path finds the old folder or the new one, never some files of each (issue 14).
///
/// Linux `renameat2(…, RENAME_EXCHANGE)` swaps two paths atomically (ext4, xfs, btrfs, tmpfs;
/// Linux 3.15, glibc 2.28). Swift's Glibc module does not declare it (glibc only does under
/// `_GNU_SOURCE`), so it is looked up once with `dlsym`. Where there is no exchange (another
/// system, a file system that answers EINVAL, such as a network mount), the old folder is
/// renamed aside and the new one into its place: two renames, between which the folder is
/// briefly missing — still never a mix.
enum FolderExchange {
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let renameExchange: UInt32 = 1 << 1   // RENAME_EXCHANGE, <linux/fs.h>

    private static let renameat2: RenameAt2? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()

    /// Puts the folder `new` at `target` (whose parent exists). Returns where the old folder
    /// is now — `new`'s former path, or beside it — for the caller to remove; nil when there
    /// was none. `exchange: false` takes the two-rename way (tests).
    static func put(_ new: URL, at target: URL, exchange: Bool = true) throws -> URL? {
        var st = stat()
        guard lstat(target.path, &st) == 0 else {
            // Nothing there yet: one rename(2), atomic too.
            guard rename(new.path, target.path) == 0 else {
                throw JobError.publish(from: new.path, to: target.path, errno: errno)
            }
            return nil
        }
        if exchange, let renameat2 {
            if renameat2(AT_FDCWD, new.path, AT_FDCWD, target.path, renameExchange) == 0 { return new }
            let e = errno
            guard e == EINVAL || e == ENOSYS || e == ENOTSUP else {
                throw JobError.publish(from: new.path, to: target.path, errno: e)
            }
        }
        let aside = new.deletingLastPathComponent().appendingPathComponent(new.lastPathComponent + ".old")
        guard rename(target.path, aside.path) == 0 else {
            throw JobError.publish(from: target.path, to: aside.path, errno: errno)
        }
        guard rename(new.path, target.path) == 0 else {
            let e = errno
            _ = rename(aside.path, target.path)   // put the old folder back
            throw JobError.publish(from: new.path, to: target.path, errno: e)
        }
        return aside
    }
}
