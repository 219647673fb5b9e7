import Foundation
import Baselines
import PEMSCore

/// Runs a period's computation and keeps it in the store, or reuses a stored one whose
/// inputs are unchanged (same engine version, settings, registry version and data read:
/// `fingerprint`). Every run records the effective settings with its results (issue 3,
/// SPEC "the report shows which value was used").
public enum StoredComputation {
    public struct Outcome: Sendable {
        public var result: ComputationResult
        public var computationID: Int
        /// True when a stored computation with the same fingerprint was used.
        public var reused: Bool
        public var seconds: Double
    }

    /// The registry governing a period: the version in force on its last day (one registry
    /// for the whole period, so look-back days are read with the same points).
    public static func registry(store: Store, for to: Day) throws -> (RegistryVersionInfo, Registry) {
        try store.registry(for: to)
    }

    /// SHA-256 over the engine version, settings, registry version and the data the period reads.
    public static func fingerprint(store: Store, registry: RegistryVersionInfo, settings: Settings, engineVersion: String,
                                   streamedFrom: Day, to: Day, series: [Int: String]? = nil) throws -> String {
        let data = try store.inputFingerprint(from: streamedFrom, to: to, series: series)
        let text = "engine \(engineVersion)\nregistry \(registry.sha256)\nfrom \(streamedFrom)\nto \(to)\ndata \(data)\n"
            + SettingsFile.render(settings)
        return ContentHash.sha256(Array(text.utf8))
    }

    public static func run(store: Store, settings: Settings, from: Day, to: Day, engineVersion: String,
                           reuse: Bool, useDayCache: Bool = true, progress: ((Day) -> Void)? = nil) throws -> Outcome {
        let started = Date()
        let startedAt = Store.now()
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
        if reuse, let stored = try store.latestComputation(from: from, to: to), stored.fingerprint == print {
            let rows = try store.results(of: stored.id)
            let result = ComputationResult(from: from, to: to, settings: settings, registryVersion: stored.registryVersion,
                                           registry: registry, facilityDays: rows.facilityDays, events: rows.events,
                                           dq: rows.dq, carbonDays: rows.carbonDays,
                                           responseBaselines: rows.responseBaselines, streamedFrom: stored.streamedFrom,
                                           facilityDaysComputed: stored.facilityDaysComputed)
            return Outcome(result: result, computationID: stored.id, reused: true, seconds: Date().timeIntervalSince(started))
        }
        let result = try computation.run(from: from, to: to, progress: progress)
        let seconds = Date().timeIntervalSince(started)
        let id = try store.saveComputation(
            from: from, to: to, streamedFrom: result.streamedFrom, registryVersion: info.id, engineVersion: engineVersion,
            settings: SettingsFile.render(settings), fingerprint: print, startedAt: startedAt, seconds: seconds,
            facilityDaysComputed: result.facilityDaysComputed,
            results: StoredResults(facilityDays: result.facilityDays, events: result.events, dq: result.dq,
                                   carbonDays: result.carbonDays, responseBaselines: result.responseBaselines))
        return Outcome(result: result, computationID: id, reused: false, seconds: seconds)
    }
}
