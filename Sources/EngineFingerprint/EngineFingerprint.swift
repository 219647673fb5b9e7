import Foundation

/// The fingerprint of the code that decides stored results (issue 15): a SHA-256 over every
/// source file of the modules whose code computes what the store keeps, plus the store's
/// schema version. It keys the reuse of stored computations and day-cache entries, so a
/// changed rule invalidates them and an unchanged build keeps reusing them; a hand-set
/// version number did neither.
///
/// Comments and whitespace count too: a needless recomputation is cheap, a stale reuse is
/// not. Made at build time by the `EngineFingerprintPlugin` build tool plugin (through the
/// `engine-fingerprint` tool), and recomputed by the tests from the same files to check the
/// built one. Pure: no file system access here, so both can call it.
public enum EngineFingerprint {
    /// The modules whose sources are hashed, in SPEC order: what `pems` computes and stores
    /// is decided by these alone (Reports, Charts and the jobs only render stored rows).
    /// The plugin declares the same list (Plugins/EngineFingerprintPlugin); the CLI test that
    /// recomputes the fingerprint from this list fails if the two differ.
    public static let modules = ["HJ212", "PEMSCore", "Loader", "Baselines", "Accounting"]

    /// The file (relative to the package) whose migrations give the schema version.
    public static let schemaFile = "Sources/PEMSCore/Store/Schema.swift"

    /// One hashed file: its path relative to the package root (`/`-separated, e.g.
    /// `Sources/HJ212/CRC16.swift`), so every clone gives the same fingerprint, and its bytes.
    public struct SourceFile: Sendable {
        public var path: String
        public var bytes: [UInt8]
        public init(path: String, bytes: [UInt8]) {
            self.path = path
            self.bytes = bytes
        }
    }

    /// The fingerprint (64 lowercase hex digits) of `files` — taken in path order, whatever
    /// order they are given in — and `schemaVersion`. Each file enters as its path, its length
    /// and its bytes, so moving bytes from one file to the next changes the fingerprint.
    public static func fingerprint(of files: [SourceFile], schemaVersion: Int) -> String {
        var hasher = SHA256Digest()
        hasher.update("pems engine fingerprint 1\nschema \(schemaVersion)\n".utf8)
        for file in files.sorted(by: { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }) {
            hasher.update("file \(file.path) \(file.bytes.count)\n".utf8)
            hasher.update(file.bytes)
            hasher.update([0x0A])
        }
        return hasher.finalize()
    }

    /// The schema version `Schema.swift`'s text declares: the largest `Migration(version: N`.
    /// Nil when it declares none (the tool then stops the build, naming the file).
    public static func schemaVersion(inSchemaSource text: String) -> Int? {
        var best: Int?
        var rest = Substring(text)
        while let r = rest.range(of: "Migration(version:") {
            rest = rest[r.upperBound...]
            let digits = rest.drop(while: { $0 == " " }).prefix(while: \.isASCII).prefix(while: \.isNumber)
            if let n = Int(digits) { best = max(best ?? n, n) }
        }
        return best
    }

    /// The short form shown by `pems --version` (the full one is in the run ledger).
    public static func short(_ fingerprint: String) -> String { String(fingerprint.prefix(12)) }
}
