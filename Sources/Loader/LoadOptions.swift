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
    /// SPEC §13.36 `load.max_abs_value`: a value that is not finite or of larger magnitude is
    /// rejected on its own as `value_out_of_range`.
    public var maxAbsValue = LoadOptions.defaultMaxAbsValue

    public static let defaultMaxAbsValue = Settings().loadMaxAbsValue

    public init() {}

    /// The options the settings file decides (`crc_policy`, `load.max_abs_value`); the rest
    /// keep their defaults. Every loader the tool builds (`pems load`, the nightly job, the
    /// demo) starts from here.
    public init(settings: Settings) {
        crcPolicy = settings.crcPolicy
        maxAbsValue = settings.loadMaxAbsValue
    }
}

import Foundation
