/// Registry versions (SPEC §2: a rejected registry leaves the previous one in force; versions
/// are kept so a rerun of an old date uses the registry that was in force then).
///
/// Version selection: a version governs dates from its `effective_from` until the next
/// version's; for a date before every version's `effective_from`, the oldest version is
/// used (a registry imported after data began also describes the earlier data).
extension Store {
    /// Stores an accepted registry as a new version, or returns the existing version when
    /// the same files with the same `effective_from` were imported before (idempotent).
    public func saveRegistryVersion(files: [String: [UInt8]], source: String, effectiveFrom: Day,
                                    summary: String) throws -> (version: RegistryVersionInfo, isNew: Bool) {
        let names = files.keys.sorted()
        let fileHashes = names.map { ($0, ContentHash.sha256(files[$0] ?? [])) }
        let combined = ContentHash.sha256(Array(fileHashes.map { "\($0.0) \($0.1)\n" }.joined().utf8))
        if let existing = try registryVersions().last(where: { $0.sha256 == combined && $0.effectiveFrom == effectiveFrom }) {
            return (existing, false)
        }
        let id: Int = try db.transaction {
            try db.run("INSERT INTO registry_versions(imported_at, effective_from, source, sha256, summary) VALUES (?, ?, ?, ?, ?)",
                       [Store.now().description, effectiveFrom.description, source, combined, summary])
            let id = Int(db.lastInsertRowID)
            for (name, hash) in fileHashes {
                try db.run("INSERT INTO registry_files(version_id, name, sha256, content) VALUES (?, ?, ?, ?)",
                           [id, name, hash, files[name] ?? []])
            }
            return id
        }
        guard let info = try registryVersions().first(where: { $0.id == id }) else {
            throw DatabaseError(code: 0, message: "registry version \(id) vanished after insert", path: path)
        }
        return (info, true)
    }

    /// All versions, oldest first.
    public func registryVersions() throws -> [RegistryVersionInfo] {
        try db.statement("SELECT version_id, imported_at, effective_from, source, sha256, summary FROM registry_versions ORDER BY version_id")
            .map { row in
                RegistryVersionInfo(id: row.int(0), importedAt: row.text(1), effectiveFrom: Day(row.text(2)) ?? Day(index: 0),
                                    source: row.text(3), sha256: row.text(4), summary: row.text(5))
            }
    }

    /// The version in force on `day` (see the type's discussion), or nil when none was imported.
    public func registryVersion(for day: Day) throws -> RegistryVersionInfo? {
        let all = try registryVersions()
        let eligible = all.filter { $0.effectiveFrom <= day }
        if let best = eligible.max(by: { ($0.effectiveFrom, $0.id) < ($1.effectiveFrom, $1.id) }) { return best }
        return all.min(by: { ($0.effectiveFrom, $0.id) < ($1.effectiveFrom, $1.id) })
    }

    /// The raw files of a version, by file name.
    public func registryFiles(version: Int) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        try db.statement("SELECT name, content FROM registry_files WHERE version_id = ?").forEach([version]) { row in
            out[row.text(0)] = row.blob(1)
        }
        return out
    }

    /// Keeps a record of a rejected import (what was tried and why it failed).
    public func recordRegistryRejection(source: String, issues: [String]) throws {
        try db.run("INSERT INTO registry_rejections(attempted_at, source, issue_count, issues) VALUES (?, ?, ?, ?)",
                   [Store.now().description, source, issues.count, issues.joined(separator: "\n")])
    }
}

/// One stored registry version.
public struct RegistryVersionInfo: Sendable, Equatable {
    public var id: Int
    /// CST wall clock of the import.
    public var importedAt: String
    /// First date this version governs.
    public var effectiveFrom: Day
    public var source: String
    public var sha256: String
    public var summary: String
}

extension Store {
    /// The parsed registry of a stored version.
    public func registry(version: RegistryVersionInfo) throws -> Registry {
        switch Registry.parse(files: try registryFiles(version: version.id)) {
        case .success(let r): return r
        case .failure(let rejection):
            throw StoreError.storedRegistryInvalid(version: version.id, detail: rejection.summary)
        }
    }

    /// The registry in force on `day` (see `registryVersion(for:)`); throws when none was imported.
    public func registry(for day: Day) throws -> (RegistryVersionInfo, Registry) {
        guard let v = try registryVersion(for: day) else { throw StoreError.noRegistry(path: path) }
        return (v, try registry(version: v))
    }
}
