import Foundation
import Testing
@testable import Loader
@testable import PEMSCore

/// Which files a load takes from a folder, and under which name: file names that are not
/// UTF-8, symlinks, name order (SPEC §13.4). Special files that would block (FIFOs, devices)
/// are tested on the real binary with a deadline (`SpecialFileTests` in CLITests).
@Suite struct InputFilesTests {
    let ws: TestWorkspace
    let inbox: URL

    init() throws {
        ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        inbox = ws.dir.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
    }

    /// `minutes` CN 2011 packets for E001's pg1001 on 2024-07-08 09:mm, Pt = the minute + 1.
    static func packets(_ minutes: Range<Int>) -> String {
        minutes.map { m in
            Packet.frame(Packet.segment(time: String(format: "20240708%02d%02d00", 9, m), "pg1001-Pt=\(m + 1)"))
        }.joined(separator: "\r\n") + "\r\n"
    }

    /// Writes `text` to a file whose name is exactly `name` (any bytes but `/` and NUL),
    /// which Foundation's String paths cannot spell when the bytes are not UTF-8.
    @discardableResult
    static func writeRaw(_ dir: URL, name: [UInt8], _ text: String) throws -> [UInt8] {
        let path = Array(dir.path.utf8) + [UInt8(ascii: "/")] + name
        let fd = (path + [0]).withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { open($0, O_CREAT | O_WRONLY | O_TRUNC, 0o644) }
        }
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw CocoaError(.fileWriteUnknown) }
        return path
    }

    static let gbkName: [UInt8] = [0xB9, 0xA4, 0xBF, 0xF6] + Array(".log".utf8)   // 工况.log in GBK

    @Test func aFileWithAGBKNameIsLoadedAndShownDecodedFromGB18030() throws {
        try Self.writeRaw(inbox, name: Self.gbkName, Self.packets(0..<3))
        let files = try InputFiles.expand([inbox.path])
        #expect(files.map(\.path) == [inbox.path + "/工况.log"])
        #expect(files.first?.nameEncoding == .gb18030)
        let results = try ws.loader().load(files: files)
        #expect(results.map(\.status) == [.loaded])
        #expect(results.first?.counters.readings == 3)
        #expect(try ws.series(mn: Packet.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.values == [1, 2, 3])
        #expect(try ws.store.db.statement("SELECT path FROM files").map { $0.text(0) } == [inbox.path + "/工况.log"])
        let text = LoadSummary(files: results, seconds: 0).text()
        #expect(text.contains(inbox.path + "/工况.log: loaded 3 packets, 3 readings"), "\(text)")
        #expect(text.contains("GB 18030"), "\(text)")
    }

    @Test func aNameThatIsNeitherUTF8NorGB18030IsLoadedAndShownWithByteEscapes() throws {
        try Self.writeRaw(inbox, name: [0xFF, 0xFE] + Array(".log".utf8), Self.packets(0..<2))
        let files = try InputFiles.expand([inbox.path])
        #expect(files.map(\.path) == [inbox.path + "/\\xFF\\xFE.log"])
        #expect(files.first?.nameEncoding == .escaped)
        let results = try ws.loader().load(files: files)
        #expect(results.map(\.status) == [.loaded])
        #expect(results.first?.counters.readings == 2)
        let text = LoadSummary(files: results, seconds: 0).text()
        #expect(text.contains("\\xFF\\xFE.log: loaded 2 packets, 2 readings"), "\(text)")
        #expect(text.contains("not UTF-8"), "\(text)")
    }

    @Test func filesLoadInTheOrderOfTheirNamesRawBytes() throws {
        // 0x61 a < 0x62 b < 0xB9 (工况 in GBK) < 0xC3 (é in UTF-8): the later file's re-sent
        // reading wins (SPEC §13.4), so the order decides the stored value.
        func resent(_ pt: Int) -> String { Packet.frame(Packet.segment(time: "20240708090000", "pg1001-Pt=\(pt)")) + "\r\n" }
        try Self.writeRaw(inbox, name: Array("é.log".utf8), resent(4))
        try Self.writeRaw(inbox, name: Self.gbkName, resent(3))
        try Self.writeRaw(inbox, name: Array("b.log".utf8), resent(2))
        try Self.writeRaw(inbox, name: Array("a.log".utf8), resent(1))
        let files = try InputFiles.expand([inbox.path])
        #expect(files.map { String($0.path.dropFirst(inbox.path.count + 1)) } == ["a.log", "b.log", "工况.log", "é.log"])
        let results = try ws.loader().load(files: files)
        #expect(results.map(\.counters.conflicts) == [0, 1, 1, 1])
        #expect(try ws.series(mn: Packet.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.values == [4])
    }

    @Test func aSymlinkLeavingTheFolderIsNamedAndNotFollowed() throws {
        // Like a link to /etc/passwd: lines that must never reach reject_examples, and one
        // good packet that must not be loaded either.
        let outside = try ws.write("outside.txt", ["root:x:0:0:root:/root:/bin/bash",
                                                   Packet.frame(Packet.segment(time: "20240708090000", "pg1001-Pt=9"))])
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: inbox.appendingPathComponent("passwd.log").path, withDestinationPath: outside)
        try fm.createSymbolicLink(atPath: inbox.appendingPathComponent("up.log").path, withDestinationPath: "../outside.txt")
        let files = try InputFiles.expand([inbox.path])
        #expect(files.map(\.path) == [inbox.path + "/passwd.log", inbox.path + "/up.log"])
        let results = try ws.loader().load(files: files)
        #expect(results.map(\.status) == [.notLoaded, .notLoaded])
        #expect(results.map(\.reason) == ["symlink leaves the inbox: -> \(outside)", "symlink leaves the inbox: -> ../outside.txt"])
        #expect(try ws.store.db.scalarInt("SELECT count(*) FROM reject_examples") == 0)
        #expect(try ws.store.db.scalarInt("SELECT count(*) FROM files") == 0)
        #expect(try ws.series(mn: Packet.mn, code: "pg1001", day: "2024-07-08", param: "Pt") == nil)
        let summary = LoadSummary(files: results, seconds: 0)
        #expect(summary.notLoadedCount == 2)
        let text = summary.text(perFile: false)
        #expect(text.contains("files: 0 loaded, 0 skipped (already loaded), 2 not loaded"), "\(text)")
        #expect(text.contains("not loaded: \(inbox.path)/passwd.log (symlink leaves the inbox: -> \(outside))"), "\(text)")
    }

    @Test func aSymlinkToAFileInsideTheFolderIsLoaded() throws {
        let data = inbox.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Self.packets(0..<2).write(to: data.appendingPathComponent("today.bin"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: inbox.appendingPathComponent("today.log").path,
                                                   withDestinationPath: "data/today.bin")
        let files = try InputFiles.expand([inbox.path])
        #expect(files.map(\.path) == [inbox.path + "/today.log"])
        let results = try ws.loader().load(files: files)
        #expect(results.map(\.status) == [.loaded])
        #expect(results.first?.counters.readings == 2)
    }

    @Test func aFileSwappedForAFIFOAfterListingIsRefusedWithoutBlocking() throws {
        let path = inbox.appendingPathComponent("late.log").path
        try Self.packets(0..<1).write(toFile: path, atomically: true, encoding: .utf8)
        let files = try InputFiles.expand([inbox.path])
        #expect(files.map(\.refusal) == [nil])
        try FileManager.default.removeItem(atPath: path)
        guard mkfifo(path, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
        // On a thread with a deadline: a regression blocks in open() until a writer comes,
        // so after the deadline the test opens the FIFO for writing to let it go.
        let job = LoadJob(try ws.loader(), files)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            job.run()
            done.signal()
        }
        let inTime = done.wait(timeout: .now() + 30) == .success
        if !inTime {
            let fd = open(path, O_WRONLY | O_NONBLOCK)
            if fd >= 0 { close(fd) }
            _ = done.wait(timeout: .now() + 30)
        }
        #expect(inTime, "loading blocked on a FIFO that replaced a listed file")
        let results = try #require(try job.outcome())
        #expect(results.map(\.status) == [.notLoaded])
        #expect(results.map(\.reason) == ["not a regular file: FIFO"])
    }

    /// A load run on another thread, and its result. The test thread reads the result only
    /// after the load thread signalled it is done; the lock keeps that explicit.
    final class LoadJob: @unchecked Sendable {
        private let loader: DataLoader
        private let files: [InputFile]
        private let lock = NSLock()
        private var result: Result<[FileResult], Error>?
        init(_ loader: DataLoader, _ files: [InputFile]) { self.loader = loader; self.files = files }
        func run() {
            let r = Result { try loader.load(files: files) }
            lock.lock(); result = r; lock.unlock()
        }
        func outcome() throws -> [FileResult]? { lock.lock(); defer { lock.unlock() }; return try result?.get() }
    }

    @Test func aFileNamedOnTheCommandLineIsFollowedThroughItsSymlink() throws {
        let outside = try ws.write("elsewhere.txt", [Packet.frame(Packet.segment(time: "20240708090000", "pg1001-Pt=9"))])
        let link = inbox.appendingPathComponent("chosen.log").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: outside)
        let results = try ws.loader().load(files: try InputFiles.expand([link]))
        #expect(results.map(\.status) == [.loaded])
        #expect(results.first?.counters.readings == 1)
    }
}
