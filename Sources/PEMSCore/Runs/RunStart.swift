/// What a job run records when it starts (SPEC §11): enough to say later exactly what ran and
/// with which inputs, so `pems runs diff` can explain why two runs' outputs differ.
public struct RunStart: Sendable, Equatable {
    /// The job: `nightly`, `weekly`, `monthly`, `rerun`, …
    public var command: String
    /// The run's parameters as given or defaulted (e.g. `date: 2026-07-05`); stored as a JSON
    /// object with sorted keys, so equal parameters are equal text.
    public var parameters: [String: String]
    /// The effective settings as rendered by `SettingsFile.render` (flat `key: value` lines).
    public var settings: String
    /// The engine fingerprint of the build that ran (`EngineFingerprint`): what keyed the
    /// reuse of stored results.
    public var engineVersion: String
    /// The release version of the build that ran (`ReleaseVersion`).
    public var releaseVersion: String
    /// The registry version in force for the run's dates, if any was imported.
    public var registryVersion: Int?
    /// The SHA-256 of that registry version's files (`registry_versions.sha256`).
    public var registrySHA256: String?
    /// The folder the run writes to; output paths are recorded relative to it.
    public var outDir: String

    public init(command: String, parameters: [String: String], settings: String, engineVersion: String,
                registryVersion: Int?, registrySHA256: String?, outDir: String,
                releaseVersion: String = ReleaseVersion.current) {
        self.command = command
        self.parameters = parameters
        self.settings = settings
        self.engineVersion = engineVersion
        self.releaseVersion = releaseVersion
        self.registryVersion = registryVersion
        self.registrySHA256 = registrySHA256
        self.outDir = outDir
    }
}
