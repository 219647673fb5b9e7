import PEMSCore

/// How `DataLoader` loads.
public struct LoadOptions: Sendable {
    /// SPEC §3.1: reject (default) or load-with-warning packets whose CRC does not match.
    public var crcPolicy: CRCPolicy = .reject
    /// Rejected-line examples kept per file and reason.
    public var exampleLimit = 5
    /// Parallel parsing workers (default: the machine's cores, at most 8).
    public var workers: Int = min(8, max(1, ProcessInfo.processInfo.activeProcessorCount))
    /// Bytes read per chunk.
    public var chunkBytes = 32 << 20
    /// Packet lines and CSV records longer than this (bytes, line end excluded) are rejected as
    /// `line_too_long` and read past without being held (`LineChunks`), so memory stays at one
    /// chunk plus this much whatever a file holds.
    public var maxLineBytes = 65_536

    public init() {}
}

import Foundation
