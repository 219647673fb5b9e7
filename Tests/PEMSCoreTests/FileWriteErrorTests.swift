import CSQLite
import Foundation
import Testing
@testable import PEMSCore

/// A full disk, a read-only file system or a refused permission is one plain line naming the
/// file, whichever writer met it. The errors here are real where they can be made without a
/// mount (`/dev/full` fails every write with ENOSPC; `max_page_count` makes SQLite's own
/// SQLITE_FULL); `NoSpaceTests` fills a real disk where mounting a tmpfs is allowed.
@Suite struct FileWriteErrorTests {
    @Test func foundationsWriteToAFullDeviceIsNoSpaceNamingTheFile() throws {
        do {
            try Data("2024-07-01,MN1\n".utf8).write(to: URL(fileURLWithPath: "/dev/full"))
            Issue.record("a write to /dev/full succeeded")
        } catch {
            let w = try #require(FileWriteError(error), "\(error)")
            #expect(w.description == "no space left on device while writing /dev/full")
            #expect(w.code == ENOSPC && !w.isStore)
        }
    }

    @Test func aFileHandleWriteToAFullDeviceIsNamedByTheFileItWasFor() throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        defer { try? handle.close() }
        do {
            try handle.write(contentsOf: Data(count: 1 << 16))
            Issue.record("a write to /dev/full succeeded")
        } catch {
            let w = try #require(FileWriteError(error, path: "out/facility_day.csv"), "\(error)")
            #expect(w.description == "no space left on device while writing out/facility_day.csv")
        }
    }

    @Test func sqliteFullIsNoSpaceNamingTheStore() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pems-full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.db").path
        let store = try Store(path: path)
        let pages = try #require(try store.db.scalarInt("PRAGMA page_count"))
        try store.db.execute("PRAGMA max_page_count = \(pages)")
        do {
            try store.db.run("INSERT INTO meta(key, value) VALUES ('filler', ?)", [String(repeating: "x", count: 1 << 20)])
            Issue.record("an insert past max_page_count succeeded")
        } catch {
            #expect((error as? DatabaseError)?.code == SQLITE_FULL, "\(error)")
            #expect(FileWriteError(error)?.description == "no space left on device while writing the store \(path)")
        }
    }

    @Test func anSQLiteIOErrorIsPlainOnlyWhenItsErrnoIs() {
        let shm = DatabaseError(code: 4874, message: "disk I/O error", path: "s.db", systemErrno: ENOSPC) // SQLITE_IOERR_SHMSIZE
        #expect(FileWriteError(shm)?.description == "no space left on device while writing the store s.db")
        let readOnly = DatabaseError(code: SQLITE_CANTOPEN, message: "unable to open database file", path: "/ro/s.db", systemErrno: EROFS)
        #expect(FileWriteError(readOnly)?.description == "read-only file system while writing the store /ro/s.db")
        #expect(FileWriteError(DatabaseError(code: 4874, message: "disk I/O error", path: "s.db", systemErrno: EIO)) == nil)
        // A stale errno beside a constraint failure says nothing about the disk.
        #expect(FileWriteError(DatabaseError(code: 2067, message: "UNIQUE constraint failed", path: "s.db", systemErrno: EACCES)) == nil)
    }

    @Test func foundationsOtherWriteRefusalsAreSaidPlainly() {
        let readOnly = CocoaError(.fileWriteVolumeReadOnly, userInfo: [NSFilePathErrorKey: "/mnt/ro/events.csv"])
        #expect(FileWriteError(readOnly)?.description == "read-only file system while writing /mnt/ro/events.csv")
        let denied = CocoaError(.fileWriteNoPermission, userInfo: [NSURLErrorKey: URL(fileURLWithPath: "/srv/out/dq.csv")])
        #expect(FileWriteError(denied)?.description == "permission denied while writing /srv/out/dq.csv")
        let quota = NSError(domain: NSCocoaErrorDomain, code: CocoaError.Code.fileWriteOutOfSpace.rawValue,
                            userInfo: [NSFilePathErrorKey: "/home/pems/out/a.csv",
                                       NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EDQUOT))])
        #expect(FileWriteError(quota)?.description == "disk quota exceeded while writing /home/pems/out/a.csv")
    }

    @Test func errorsThatAreNotWriteRefusalsKeepTheirOwnMessage() {
        #expect(FileWriteError(CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: "in.log"])) == nil)
        #expect(FileWriteError(CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: "out"])) == nil)
        #expect(FileWriteError(StoreError.noRegistry(path: "s.db")) == nil)
        #expect(FileWriteError(POSIXError(.ENOSPC)) == nil) // no file to name
        #expect(FileWriteError(POSIXError(.ENOSPC), path: "x.csv")?.description == "no space left on device while writing x.csv")
    }
}
