import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process a staging folder belongs to, written into the folder's name
/// (`.staging/<label>-pid<pid>-<start>`), so that a later command can tell a running
/// writer's folder from one a killed writer left — without a lock: an out folder may be
/// shared by commands working on different stores, whose store locks say nothing about
/// each other. The pid alone is not enough (pids are reused), so the name carries the
/// process's start time too: clock ticks after boot, field 22 of `/proc/<pid>/stat` (Linux).
public struct StagingOwner: Equatable, Sendable {
    public let pid: Int32
    /// Start time in clock ticks after boot; 0 where `/proc` is not available.
    public let startTicks: UInt64

    public init(pid: Int32, startTicks: UInt64) {
        self.pid = pid
        self.startTicks = startTicks
    }

    /// This process.
    public static let current = StagingOwner(pid: getpid(), startTicks: startTicks(of: getpid()) ?? 0)

    /// The staging folder name of a writer labelled `label` (e.g. `run-12`, `export`).
    public func folderName(_ label: String) -> String { "\(label)-pid\(pid)-\(startTicks)" }

    /// The label and owner a staging folder name carries; nil for a name without an owner
    /// (an earlier version's `run-N`) or one pems did not make.
    public static func parse(_ name: String) -> (label: String, owner: StagingOwner)? {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let ticks = UInt64(parts[parts.count - 1]), parts[parts.count - 2].hasPrefix("pid"),
              let pid = Int32(parts[parts.count - 2].dropFirst(3)), pid > 0 else { return nil }
        let label = parts.dropLast(2).joined(separator: "-")
        guard !label.isEmpty else { return nil }
        return (label, StagingOwner(pid: pid, startTicks: ticks))
    }

    /// Whether the owner still runs: a process with its pid exists and started when it did.
    /// A pid now used by another process counts as gone.
    public var isAlive: Bool {
        if let ticks = Self.startTicks(of: pid) { return ticks == startTicks }
        if FileManager.default.fileExists(atPath: "/proc/self/stat") { return false }   // Linux: no such process
        return kill(pid, 0) == 0 || errno == EPERM   // no /proc: the pid alone
    }

    /// Field 22 (starttime) of `/proc/<pid>/stat`; the fields are counted after the command
    /// name's closing parenthesis, since the name itself may hold spaces and parentheses.
    static func startTicks(of pid: Int32) -> UInt64? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state), so field 22 is fields[19].
        guard fields.count > 19 else { return nil }
        return UInt64(fields[19])
    }
}
