import EngineFingerprint
import PEMSCore

/// What this build is: the release version people name (`ReleaseVersion`) and the engine
/// fingerprint that keys the reuse of stored computations and day-cache entries and is
/// recorded with every run (`EngineBuild`, generated at build time from the sources of the
/// modules that decide stored results; see `EngineFingerprint`).
enum PEMSVersion {
    /// The release version, e.g. `0.1.0`.
    static let release = ReleaseVersion.current
    /// The engine fingerprint (64 hex digits): what callers pass as `engineVersion`.
    static let engine = EngineBuild.fingerprint

    /// `pems --version`: `pems 0.1.0 (engine 3f2a9c01b7de, schema 8)`, the fingerprint
    /// shortened to 12 hex digits (the ledger and `pems runs show` keep all 64).
    static let display = "pems \(release) (engine \(EngineFingerprint.short(engine)), schema \(EngineBuild.schemaVersion))"
}
