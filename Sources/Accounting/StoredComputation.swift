import Foundation
import Baselines
import PEMSCore

/// Runs a period's computation and keeps it in the store, or reuses a stored one whose
/// inputs are unchanged (same engine version, settings, registry version and data read:
/// `fingerprint`). Every run records the effective settings with its results (issue 3,
/// SPEC "the report shows which value was used").
///
/// This is the one road from inputs to stored results: the jobs and the commands call `run`;
/// reports, charts, the brief, the evidence pack and the JSON take its rows (`PeriodRows`)
/// and never start a computation.
public enum StoredComputation {
    /// A computed or reused period. Its rows stay where they are (`PeriodRows`): a reused
    /// stored computation is not loaded whole (issue 5, a city-scale month in under 500 MB);
    /// `result()` loads it for the few readers that need every row in memory.
    public struct Outcome {
        public var rows: PeriodRows
        public var computationID: Int
        /// True when a stored computation with the same fingerprint was used.
        public var reused: Bool
        public var seconds: Double
        /// The series summaries of the days read (`Store.seriesFingerprints` of
        /// `[streamedFrom, to]`), scanned once for the fingerprint; callers that record what
        /// was read (the run ledger) reuse them instead of scanning again.
        public var seriesFingerprints: [Int: String]

        /// The whole computation in memory: the one just run, or the stored one loaded.
        public func result() throws -> ComputationResult { try rows.loaded() }
    }

    /// The registry governing a period: the version in force on its last day (one registry
    /// for the whole period, so look-back days are read with the same points).
    public static func registry(store: Store, for to: Day) throws -> (RegistryVersionInfo, Registry) {
        try store.registry(for: to)
    }

    /// SHA-256 over the engine version, the computing settings (`renderComputing`: not the
    /// province's address), registry version and the data the period reads.
    public static func fingerprint(store: Store, registry: RegistryVersionInfo, settings: Settings, engineVersion: String,
                                   streamedFrom: Day, to: Day, series: [Int: String]? = nil) throws -> String {
        let data = try store.inputFingerprint(from: streamedFrom, to: to, series: series)
        let text = "engine \(engineVersion)\nregistry \(registry.sha256)\nfrom \(streamedFrom)\nto \(to)\ndata \(data)\n"
            + SettingsFile.renderComputing(settings)
        return ContentHash.sha256(Array(text.utf8))
    }

    /// What a run needs before it computes: the registry, the prepared computation, the
    /// fingerprint, and the stored computation with that fingerprint when there is one.
    struct Plan {
        var info: RegistryVersionInfo
        var registry: Registry
        var computation: PeriodComputation
        var fingerprint: String
        var stored: ComputationInfo?
        var series: [Int: String]
    }

    static func plan(store: Store, settings: Settings, from: Day, to: Day, engineVersion: String, reuse: Bool,
                     useDayCache: Bool) throws -> Plan {
        let (info, registry) = try Self.registry(store: store, for: to)
        let identity = useDayCache ? DayCache.Identity(engineVersion: engineVersion, registrySHA256: info.sha256) : nil
        let computation = PeriodComputation(store: store, registry: registry, registryVersion: info.id, settings: settings,
                                            cacheIdentity: identity)
        let streamedFrom = try computation.streamStart(from: from)
        // One scan of the series summaries serves the fingerprint and the day cache's keys.
        let series = try store.seriesFingerprints(from: streamedFrom, to: to)
        computation.seriesFingerprints = series
        let print = try fingerprint(store: store, registry: info, settings: settings, engineVersion: engineVersion,
                                    streamedFrom: streamedFrom, to: to, series: series)
        var stored: ComputationInfo?
        if reuse, let latest = try store.latestComputation(from: from, to: to), latest.fingerprint == print { stored = latest }
        return Plan(info: info, registry: registry, computation: computation, fingerprint: print, stored: stored, series: series)
    }

    /// Computes the planned period and saves it.
    static func compute(_ plan: Plan, store: Store, settings: Settings, from: Day, to: Day, engineVersion: String,
                        started: Date, startedAt: Timestamp, progress: ((Day) -> Void)?) throws -> Outcome {
        var result = try plan.computation.run(from: from, to: to, progress: progress)
        result.revisions = try store.revisions(from: from, to: to)
        let seconds = Date().timeIntervalSince(started)
        let id = try store.saveComputation(
            from: from, to: to, streamedFrom: result.streamedFrom, registryVersion: plan.info.id, engineVersion: engineVersion,
            settings: SettingsFile.render(settings), fingerprint: plan.fingerprint, startedAt: startedAt, seconds: seconds,
            facilityDaysComputed: result.facilityDaysComputed,
            results: StoredResults(facilityDays: result.facilityDays, events: result.events, dq: result.dq,
                                   carbonDays: result.carbonDays, responseBaselines: result.responseBaselines,
                                   exemptedEvents: result.exemptedEvents, gaps: result.gaps))
        return Outcome(rows: PeriodRows(result), computationID: id, reused: false, seconds: seconds,
                       seriesFingerprints: plan.series)
    }

    /// Computes `[from, to]` and stores it, or — with `reuse` — hands out the stored
    /// computation with the same fingerprint unloaded, to be streamed (or loaded with
    /// `Outcome.result()`).
    public static func run(store: Store, settings: Settings, from: Day, to: Day, engineVersion: String,
                           reuse: Bool, useDayCache: Bool = true, progress: ((Day) -> Void)? = nil) throws -> Outcome {
        let started = Date()
        let startedAt = Store.now()
        let plan = try plan(store: store, settings: settings, from: from, to: to, engineVersion: engineVersion, reuse: reuse,
                            useDayCache: useDayCache)
        if let stored = plan.stored {
            let rows = try PeriodRows(store: store, computation: stored, settings: settings, registry: plan.registry)
            return Outcome(rows: rows, computationID: stored.id, reused: true, seconds: Date().timeIntervalSince(started),
                           seriesFingerprints: plan.series)
        }
        return try compute(plan, store: store, settings: settings, from: from, to: to, engineVersion: engineVersion,
                           started: started, startedAt: startedAt, progress: progress)
    }
}
