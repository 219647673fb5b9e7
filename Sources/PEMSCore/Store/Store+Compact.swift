import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension Store {
    /// What `compact` did: the store's size (main file and WAL, bytes) and page size before
    /// and after.
    public struct Compaction: Sendable, Equatable {
        public var bytesBefore: Int64
        public var bytesAfter: Int64
        public var pageSizeBefore: Int
        public var pageSizeAfter: Int
    }

    /// Rewrites the store at `path` in key order into a new file with `Store.pageSize` pages
    /// (SQLite `VACUUM INTO`), checks the copy, and puts it in place of the store
    /// (docs/STORE.md "Page size"). A store whose day entries were replaced many times has its
    /// blobs' overflow pages scattered through the file, and reading them from a cold page
    /// cache is then several times slower; rewritten, each blob's pages follow each other.
    ///
    /// The caller holds the store lock: nothing else writes the store meanwhile. Needs free
    /// disk beside the store for the copy. On any failure the copy is removed and the store
    /// is left as it was (`StoreError.compactFailed`, or the SQLite error).
    ///
    /// `path` may be a symbolic link: the file it leads to is rewritten and the link kept. A
    /// store with a second hard link is refused (the other name would keep the old file).
    public static func compact(path given: String) throws -> Compaction {
        let path = StoreLock.realPath(given)
        var links = stat()
        if stat(path, &links) == 0, links.st_nlink > 1 {
            throw StoreError.compactFailed(path: given, detail: "the store has \(links.st_nlink) hard links; the other names would keep the old file")
        }
        let parent = (path as NSString).deletingLastPathComponent
        let folder = parent.isEmpty ? "." : parent
        let copy = folder + "/." + (path as NSString).lastPathComponent + ".compact-\(getpid())"
        func size(_ p: String) -> Int64 {
            var st = stat()
            return stat(p, &st) == 0 ? Int64(st.st_size) : 0
        }
        defer { for s in ["", "-journal", "-wal", "-shm"] { unlink(copy + s) } }
        var result = Compaction(bytesBefore: size(path) + size(path + "-wal"), bytesAfter: 0, pageSizeBefore: 0,
                                pageSizeAfter: 0)
        var expected: (version: Int, id: Int) = (0, 0)
        do {
            let store = try Store(path: path)
            // Everything into the main file first: the copy then holds exactly what a reader sees.
            try store.checkpoint()
            result.pageSizeBefore = try store.db.scalarInt("PRAGMA page_size") ?? 0
            expected = (try store.schemaVersion(), try store.db.scalarInt("PRAGMA application_id") ?? 0)
            let needed = size(path)
            var fs = statvfs()
            if statvfs(folder, &fs) == 0 {
                let free = Int64(fs.f_bavail) * Int64(fs.f_frsize)
                if free < needed {
                    throw StoreError.compactFailed(path: path, detail: "the copy needs up to \(needed) bytes of free disk beside it, \(free) are free")
                }
            }
            try store.db.execute("PRAGMA page_size=\(pageSize)")
            try store.db.run("VACUUM INTO ?", [copy])
        }
        // The copy must be whole before it replaces anything.
        do {
            let db = try Database(path: copy)
            let check = try db.statement("PRAGMA integrity_check").map([]) { $0.text(0) }
            guard check == ["ok"] else {
                throw StoreError.compactFailed(path: path, detail: "the copy failed SQLite's integrity check: \(check.prefix(3).joined(separator: "; "))")
            }
            let version = try db.scalarInt("PRAGMA user_version") ?? -1, id = try db.scalarInt("PRAGMA application_id") ?? -1
            guard version == expected.version, id == expected.id else {
                throw StoreError.compactFailed(path: path, detail: "the copy's schema \(version) / id \(id) is not the store's \(expected.version) / \(expected.id)")
            }
            result.pageSizeAfter = try db.scalarInt("PRAGMA page_size") ?? 0
        }
        // The store's connection is closed and its WAL checkpointed: its WAL and shared-memory
        // files describe the old file only and must not meet the new one.
        unlink(path + "-wal")
        unlink(path + "-shm")
        guard rename(copy, path) == 0 else {
            throw StoreError.compactFailed(path: path, detail: "cannot put the copy in place: \(String(cString: strerror(errno)))")
        }
        result.bytesAfter = size(path)
        return result
    }
}
