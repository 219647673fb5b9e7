/// The release version of pems, set by hand when a release is cut (`pems --version`, the run
/// ledger's `release_version`). It names a release for people; it does not key the reuse of
/// stored results — the engine fingerprint does (`EngineFingerprint`, issue 15), because the
/// computation changes in many commits between two releases.
public enum ReleaseVersion {
    public static let current = "0.1.0"
}
