/// Counters a job run reports when it ends (`runs.files_loaded` …, SPEC §11).
public struct RunCounts: Sendable, Equatable {
    /// Input files newly loaded by the run (files already in the store are not counted).
    public var filesLoaded: Int
    /// Input lines rejected while loading (SPEC §3.3), over the files the run loaded.
    public var rejectedLines: Int
    /// Days before the run's own period that received data since they were last computed
    /// (late data), as found by comparing input fingerprints with earlier runs.
    public var lateDays: Int

    public init(filesLoaded: Int = 0, rejectedLines: Int = 0, lateDays: Int = 0) {
        self.filesLoaded = filesLoaded
        self.rejectedLines = rejectedLines
        self.lateDays = lateDays
    }
}
