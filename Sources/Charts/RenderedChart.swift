/// The bytes of a rendered PNG or PDF and the text warnings raised while drawing it (what
/// could not be drawn and was replaced, `TextWarning`).
public struct RenderedChart: Sendable {
    public var bytes: [UInt8]
    public var warnings: [TextWarning]

    public init(bytes: [UInt8], warnings: [TextWarning]) {
        self.bytes = bytes
        self.warnings = warnings
    }

    /// Ends `canvas` and takes its bytes and warnings.
    init(finishing canvas: Canvas) throws {
        bytes = try canvas.finish()
        warnings = canvas.warnings
    }
}
