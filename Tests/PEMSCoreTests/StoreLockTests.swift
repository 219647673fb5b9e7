import Foundation
import Testing
@testable import PEMSCore

/// `StoreLock`: two runs on one store never overlap, and a killed holder never leaves a
/// stale lock (SPEC §11).
@Suite struct StoreLockTests {
    static func tempStorePath() throws -> (dir: URL, store: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pems-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return (dir, dir.appendingPathComponent("pems.db").path)
    }

    /// Starts `/usr/bin/flock -F` holding `lockFile` in its own process (no fork, so killing
    /// that pid drops the lock) and waits until it says it holds it.
    static func childHolding(_ lockFile: String) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        p.arguments = ["-n", "-F", lockFile, "/bin/sh", "-c", "echo locked; exec sleep 120"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let first = out.fileHandleForReading.availableData
        #expect(String(decoding: first, as: UTF8.self).hasPrefix("locked"), "flock child did not take the lock")
        return p
    }

    @Test func aSecondAcquisitionInTheSameProcessIsRefusedNamingTheHolder() throws {
        let (dir, store) = try Self.tempStorePath()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lock = try StoreLock.acquire(storePath: store, command: "pems nightly --date 2026-07-05")
        #expect(lock.path == store && lock.holderPath == store + ".lock" && FileManager.default.fileExists(atPath: lock.holderPath))
        do {
            let second = try StoreLock.acquire(storePath: store, command: "pems weekly")
            second.release()
            Issue.record("a second lock was granted while the first was held")
        } catch let StoreLockError.held(path, holder) {
            #expect(path == store)
            #expect(holder.hasPrefix("pid \(ProcessInfo.processInfo.processIdentifier), pems nightly --date 2026-07-05, since "))
            #expect(holder.hasSuffix(" CST"))
            let message = StoreLockError.held(path: path, holder: holder).description
            #expect(message.contains(path) && message.contains("pems nightly --date 2026-07-05"))
        }
        lock.release()
    }

    @Test func aReleasedLockCanBeTakenAgainAndReleaseTwiceIsHarmless() throws {
        let (dir, store) = try Self.tempStorePath()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lock = try StoreLock.acquire(storePath: store, command: "pems nightly")
        lock.release()
        lock.release()
        #expect(!lock.isHeld)
        let again = try StoreLock.acquire(storePath: store, command: "pems weekly")
        #expect(again.isHeld)
        // Released: the holder text is cleared, so nobody mistakes it for a live holder.
        again.release()
        #expect(try String(contentsOfFile: again.holderPath, encoding: .utf8).isEmpty)
    }

    @Test func droppingTheLastReferenceReleasesTheLock() throws {
        let (dir, store) = try Self.tempStorePath()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path: String
        do {
            let dropped = try StoreLock.acquire(storePath: store, command: "pems nightly")
            #expect(Self.otherProcessCanTake(dropped.path) == false)
            path = dropped.path
        }
        // No release() was called: the last reference going away let the lock go.
        #expect(Self.otherProcessCanTake(path) == true)
        let lock = try StoreLock.acquire(storePath: store, command: "pems weekly")
        #expect(lock.isHeld)
        #expect(try String(contentsOfFile: lock.holderPath, encoding: .utf8).contains("pems weekly"))
        lock.release()
    }

    /// Whether another process can take the lock file's flock now (`flock -n`).
    static func otherProcessCanTake(_ lockPath: String) -> Bool? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        p.arguments = ["-n", lockPath, "/bin/true"]
        guard (try? p.run()) != nil else { return nil }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    @Test func anotherProcessCannotTakeTheLockWhileThisOneHoldsIt() throws {
        let (dir, store) = try Self.tempStorePath()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lock = try StoreLock.acquire(storePath: store, command: "pems nightly")
        func childTry() throws -> Int32 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
            p.arguments = ["-n", lock.path, "/bin/true"]
            try p.run()
            p.waitUntilExit()
            return p.terminationStatus
        }
        #expect(try childTry() == 1) // flock -n: 1 = could not lock
        lock.release()
        #expect(try childTry() == 0)
    }

    @Test func aLockHeldByAnotherProcessIsReleasedWhenThatProcessIsKilled() throws {
        let (dir, store) = try Self.tempStorePath()
        defer { try? FileManager.default.removeItem(at: dir) }
        let child = try Self.childHolding(store)
        defer { if child.isRunning { kill(child.processIdentifier, SIGKILL) } }
        #expect(throws: StoreLockError.self) { try StoreLock.acquire(storePath: store, command: "pems nightly") }
        do {
            _ = try StoreLock.acquire(storePath: store, command: "pems nightly")
        } catch let StoreLockError.held(_, holder) {
            // flock(1) writes no description: the holder is named from /proc/locks instead.
            #expect(holder.hasPrefix("pid \(child.processIdentifier)"), "\(holder)")
        }
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal)
        let lock = try StoreLock.acquire(storePath: store, command: "pems nightly")
        #expect(lock.isHeld)
        lock.release()
    }

    @Test func childProcessesOfTheHolderDoNotInheritTheLock() throws {
        let (dir, store) = try Self.tempStorePath()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lock = try StoreLock.acquire(storePath: store, command: "pems nightly")
        defer { lock.release() }
        // If a child kept the lock file open, killing the holder would leave the store locked.
        // posix_spawn without file actions (as system() or popen would) inherits every fd not
        // marked close-on-exec; Foundation's Process closes them itself, so it cannot tell.
        let listing = dir.appendingPathComponent("fds.txt").path
        let args = ["/bin/sh", "-c", "ls -l /proc/$$/fd > '\(listing)'"]
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        #expect(posix_spawn(&pid, "/bin/sh", nil, nil, &argv, environ) == 0)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let text = try String(contentsOfFile: listing, encoding: .utf8)
        #expect(text.contains("/dev/") || text.contains("pipe") || text.contains("fds.txt"))
        #expect(!text.contains(lock.path))
    }

    @Test func aSymlinkToTheStoreIsTheSameStoreForTheLock() throws {
        let (dir, store) = try Self.tempStorePath()
        defer { try? FileManager.default.removeItem(at: dir) }
        let link = dir.appendingPathComponent("other-name.db").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: store)
        let lock = try StoreLock.acquire(storePath: store, command: "pems load a/")
        defer { lock.release() }
        #expect(throws: StoreLockError.self) { try StoreLock.acquire(storePath: link, command: "pems load b/") }
    }

    @Test func aHardLinkToTheStoreIsTheSameStoreForTheLock() throws {
        let (dir, store) = try Self.tempStorePath()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(FileManager.default.createFile(atPath: store, contents: Data()))
        let lock = try StoreLock.acquire(storePath: store, command: "pems load a/")
        defer { lock.release() }
        let other = dir.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        let hard = other.appendingPathComponent("hard.db").path
        #expect(link(store, hard) == 0)
        do {
            let second = try StoreLock.acquire(storePath: hard, command: "pems load b/")
            second.release()
            Issue.record("a hard link to the store got a second lock")
        } catch let StoreLockError.held(_, holder) {
            // Its description sits beside the other name: the holder is named from /proc/locks
            // (this process, whose command line is the test runner's).
            #expect(holder.hasPrefix("pid \(ProcessInfo.processInfo.processIdentifier), "), "\(holder)")
        }
    }

    @Test func deletingTheHolderFileWhileARunHoldsTheLockLetsNoSecondRunIn() throws {
        let (dir, store) = try Self.tempStorePath()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lock = try StoreLock.acquire(storePath: store, command: "pems nightly")
        defer { lock.release() }
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name != "pems.db" {
            try FileManager.default.removeItem(at: dir.appendingPathComponent(name))
        }
        #expect(!FileManager.default.fileExists(atPath: store + ".lock"))
        #expect(throws: StoreLockError.self) { try StoreLock.acquire(storePath: store, command: "pems nightly") }
        // Another process is kept out too.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        p.arguments = ["-n", store, "/bin/true"]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 1)
    }

    @Test func aLockBesideAMissingFolderIsUnusableNotHeld() throws {
        #expect(throws: StoreLockError.unusable(path: "/nonexistent-pems-dir/x.db", reason: "No such file or directory")) {
            try StoreLock.acquire(storePath: "/nonexistent-pems-dir/x.db", command: "pems nightly")
        }
    }
}
