/// How much one data collector may ask of the receiver (issue 19: it defends itself, and one
/// client cannot starve the others). Every limit logs the client it drops.
public struct ReceiverLimits: Sendable {
    public init() {}
    /// Longest packet line kept, in bytes without its CR LF (an HJ 212 frame is at most
    /// 6 + 9999 + 4 bytes). A longer line is dropped and counted, not held.
    public var maxLineBytes = 16_384
    /// A connection that sends nothing for this long is closed (seconds).
    public var idleTimeout: Double = 600
    /// A line left unfinished for this long is a slow-sending client: closed (seconds).
    public var lineTimeout: Double = 60
    /// Connections open at once; more are closed as they arrive.
    public var maxConnections = 5_000
    /// Bytes one connection may send per minute (a collector sends a few kB a minute).
    public var bytesPerMinute = 2_000_000
    /// Lines in a row that fail the packet checks before the connection is closed.
    public var maxBadLinesInARow = 50
    /// How long lines wait to be written and synced together (seconds).
    public var commitInterval: Double = 0.025
}
