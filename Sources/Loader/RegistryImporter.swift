import Foundation
import PEMSCore

/// `pems registry import DIR` (SPEC §2): validate every file, and either store the registry
/// as a new version or reject it whole — recording the attempt — so the previous version
/// stays in force. Beyond the rows, a registry with no enterprise, facility or point, and one
/// that drops more than a fifth of the points in force (unless `allowShrink`), are refused
/// (`RegistryImportChecks`). An accepted version brings in the lines kept aside that it
/// knows (SPEC §13.37).
public enum RegistryImporter {
    public struct Outcome: Sendable {
        public var version: RegistryVersionInfo
        /// false when identical files with the same effective date were imported before.
        public var isNew: Bool
        public var registry: Registry
        /// The kept-aside lines this version brought in (nil: none it knows).
        public var broughtIn: KeptAsideReplay?
    }

    /// Reads the registry files of `directory` (by their SPEC §2 names) and imports them.
    /// - Parameters:
    ///   - allowShrink: accept a version that drops more than 20 % of the points of the
    ///     version in force on `effectiveFrom`.
    ///   - options: how kept-aside lines are loaded when the version knows them (CRC policy).
    /// - Returns: `.failure` with every issue when any row is bad or a check fails (nothing
    ///   stored but the rejection record).
    public static func importDirectory(_ directory: String, into store: Store, effectiveFrom: Day, allowShrink: Bool = false,
                                       options: LoadOptions = LoadOptions()) throws -> Result<Outcome, RegistryRejection> {
        var files: [String: [UInt8]] = [:]
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        for file in RegistryFile.allCases {
            let url = folder.appendingPathComponent(file.name)
            if let data = FileManager.default.contents(atPath: url.path) { files[file.name] = [UInt8](data) }
        }
        let headerOnly = RegistryImportChecks.headerOnly(files: files)
        func refuse(_ issues: [RegistryIssue]) throws -> Result<Outcome, RegistryRejection> {
            let rejection = RegistryRejection(issues: issues)
            try store.recordRegistryRejection(source: directory, issues: rejection.issues.map(\.description))
            return .failure(rejection)
        }
        switch Registry.load(directory: directory) {
        case .failure(let rejection):
            return try refuse(headerOnly + rejection.issues)
        case .success(let registry):
            if !headerOnly.isEmpty { return try refuse(headerOnly) }
            if !allowShrink, let inForce = try store.registryVersion(for: effectiveFrom),
               let old = try? store.registry(version: inForce),
               let shrink = RegistryImportChecks.shrink(old: old, oldVersion: inForce.id, inForceOn: effectiveFrom, new: registry) {
                return try refuse([shrink])
            }
            let (version, isNew) = try store.saveRegistryVersion(files: files, source: directory,
                                                                 effectiveFrom: effectiveFrom, summary: summary(registry))
            let loader = DataLoader(store: store, directory: try ChannelDirectory.make(registry: registry, store: store),
                                    registryVersion: version.id, options: options)
            let broughtIn = try loader.bringInKeptAside()
            return .success(Outcome(version: version, isNew: isNew, registry: registry, broughtIn: broughtIn))
        }
    }

    /// "6 districts, 176 enterprises, …" — stored with the version and printed after import.
    public static func summary(_ r: Registry) -> String {
        var parts = ["\(r.districts.count) districts", "\(r.enterprises.count) enterprises", "\(r.collectors.count) collectors",
                     "\(r.facilities.count) facilities", "\(r.points.count) points", "\(r.links.count) links"]
        if !r.plans.isEmpty { parts.append("\(r.plans.count) plan rows") }
        if !r.responses.isEmpty { parts.append("\(r.responses.count) responses") }
        if !r.weather.isEmpty { parts.append("\(r.weather.count) weather rows") }
        if !r.exemptions.isEmpty { parts.append("\(r.exemptions.count) exemptions") }
        if !r.carbonReplacements.isEmpty { parts.append("\(r.carbonReplacements.count) carbon replacements") }
        if !r.targets.isEmpty { parts.append("\(r.targets.count) targets") }
        return parts.joined(separator: ", ")
    }
}

extension ChannelDirectory {
    /// The directory for `registry`, creating store channels for points seen the first time.
    public static func make(registry: Registry, store: Store) throws -> ChannelDirectory {
        var known = try store.channelIDs()
        var entries: [Entry] = []
        entries.reserveCapacity(registry.points.count)
        try store.db.transaction {
            for p in registry.points {
                let key = ChannelKey(mn: p.mn, code: p.code)
                let id: Int
                if let k = known[key] { id = k } else {
                    id = try store.channelID(key)
                    known[key] = id
                }
                entries.append(Entry(mn: p.mn, code: p.code, channel: id, electrical: p.isElectrical))
            }
        }
        return ChannelDirectory(entries: entries, collectors: registry.collectors.map(\.mn))
    }
}
