/// One file a job run wrote, recorded in the run ledger (`run_outputs`, SPEC §11).
public struct RunOutput: Sendable, Equatable, Hashable {
    /// The path relative to the run's `outDir`, with `/` separators (e.g. `daily/2026-07-05.xlsx`).
    public var path: String
    /// Lower-case hex SHA-256 of the file's bytes (`ContentHash.sha256(fileAt:)`).
    public var sha256: String
    /// The file's size in bytes.
    public var bytes: Int

    public init(path: String, sha256: String, bytes: Int) {
        self.path = path
        self.sha256 = sha256
        self.bytes = bytes
    }
}
