import Foundation

/// A small tmpfs mounted for one test: the honest way to make a folder read-only or full for
/// tests that run as root (`chmod` does not stop root; filling the machine's disk is not an
/// option). Mounting needs CAP_SYS_ADMIN: tests that need one are enabled only where
/// `isAllowed` (checked once by mounting and unmounting one).
final class TmpfsMount {
    let dir: URL
    private var mounted = false

    /// Mounts a tmpfs of `size` (mount's syntax: `1m`) on a new temporary folder.
    init(size: String = "1m") throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pems-tmpfs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        guard Self.mount(["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", dir.path]) else {
            try? FileManager.default.removeItem(at: dir)
            throw CocoaError(.fileWriteNoPermission)
        }
        mounted = true
    }

    deinit { unmount() }

    /// True where this process may mount a tmpfs.
    static let isAllowed: Bool = (try? TmpfsMount(size: "64k")) != nil

    /// Makes the whole file system read-only (for root too).
    func remountReadOnly() throws {
        guard Self.mount(["-o", "remount,ro", dir.path]) else { throw CocoaError(.fileWriteNoPermission) }
    }

    /// Writes zeros into `filler` until the file system has no block left.
    func fill() {
        let fd = open(dir.appendingPathComponent("filler").path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return }
        let block = [UInt8](repeating: 0, count: 4096)
        while block.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
        close(fd)
    }

    /// Unmounts (lazily, so nothing a test left open can keep it) and removes the folder.
    func unmount() {
        guard mounted else { return }
        mounted = false
        _ = Self.run("/usr/bin/umount", ["-l", dir.path])
        try? FileManager.default.removeItem(at: dir)
    }

    private static func mount(_ arguments: [String]) -> Bool { run("/usr/bin/mount", arguments) }

    private static func run(_ tool: String, _ arguments: [String]) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }
}
