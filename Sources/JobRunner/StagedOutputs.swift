import Foundation
import PEMSCore

/// A run's outputs are written under a staging folder first and renamed into place only
/// once every step has succeeded (SPEC §11 "outputs are written atomically"): a reader of
/// the out folder sees either the previous file or the new one, never a half-written one,
/// and a run that fails or is killed leaves the published files as they were. Leftover
/// staging folders of killed runs are removed by the next run (under the store lock).
public struct StagedOutputs {
    public let out: URL
    public let staging: URL

    public init(out: URL, runID: Int) throws {
        try self.init(out: out, label: "run-\(runID)")
    }

    public init(out: URL, label: String) throws {
        self.out = out
        staging = out.appendingPathComponent(".staging/" + StagingOwner.current.folderName(label), isDirectory: true)
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// The staging folder of a step (created).
    public func folder(_ step: JobStep) throws -> URL {
        let url = staging.appendingPathComponent(OutputLayout.folder(of: step), isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every staged file (path relative to `out`, SHA-256, bytes), in path order.
    public func files() throws -> [RunOutput] {
        var out: [RunOutput] = []
        let base = staging.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var paths: [String] = []
        while let rel = walker.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + rel, isDirectory: &isDir), !isDir.boolValue { paths.append(rel) }
        }
        for rel in paths.sorted() {
            let (hash, bytes) = try ContentHash.sha256(fileAt: base + "/" + rel)
            out.append(RunOutput(path: rel, sha256: hash, bytes: bytes))
        }
        return out
    }

    /// Renames every staged file into its place under `out` (replacing an older file of the
    /// same name in one `rename(2)`), then removes from the run's step folders (`steps`, e.g.
    /// `daily/2026-07-05`) every file this run did not write — an evidence page of an event a
    /// rerun no longer finds must not stay beside the new report — and the staging folder.
    /// Each file is replaced whole; a failure part-way leaves some files new and some old,
    /// which the failed run's ledger entry says (no outputs recorded) and a new run repairs.
    public func publish(_ files: [RunOutput], steps: [String], afterEachRename: (String) -> Void = { _ in }) throws {
        for f in files {
            let from = staging.appendingPathComponent(f.path), to = out.appendingPathComponent(f.path)
            try FileManager.default.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard rename(from.path, to.path) == 0 else {
                throw JobError.publish(from: from.path, to: to.path, errno: errno)
            }
            afterEachRename(f.path)
        }
        let written = Set(files.map(\.path))
        for folder in Set(steps) {
            let dir = out.appendingPathComponent(folder, isDirectory: true)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            where !written.contains(folder + "/" + name) {
                var isDir: ObjCBool = false
                let path = dir.appendingPathComponent(name).path
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue {
                    try FileManager.default.removeItem(atPath: path)
                }
            }
        }
        try? FileManager.default.removeItem(at: staging)
        removeEmptyStagingRoot()
    }

    /// Drops this run's staging folder without publishing (a failed run).
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
        removeEmptyStagingRoot()
    }

    private func removeEmptyStagingRoot() {
        let root = out.appendingPathComponent(".staging")
        if let left = try? FileManager.default.contentsOfDirectory(atPath: root.path), left.isEmpty {
            try? FileManager.default.removeItem(at: root)
        }
    }

    /// Removes one run's staging folder under `out` (an interrupted run's, wherever it wrote).
    public static func removeStaging(out: URL, runID: Int) {
        try? FileManager.default.removeItem(at: out.appendingPathComponent(OutputLayout.staging(runID: runID), isDirectory: true))
        let root = out.appendingPathComponent(".staging")
        if let left = try? FileManager.default.contentsOfDirectory(atPath: root.path), left.isEmpty {
            try? FileManager.default.removeItem(at: root)
        }
    }

    /// Removes staging folders left by killed runs (call only while holding the store lock,
    /// so no live run owns one). Returns the folders removed.
    @discardableResult
    public static func removeLeftovers(out: URL, layoutFolders: Bool = false) -> [Leftover] {
        let root = out.appendingPathComponent(".staging")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        for n in names { try? FileManager.default.removeItem(at: root.appendingPathComponent(n)) }
        try? FileManager.default.removeItem(at: root)
        return names.sorted().map { Leftover(path: ".staging/" + $0, reason: "staging folder of an interrupted run") }
    }

    /// Something `removeLeftovers` removed: its path relative to the out folder and why it was
    /// judged left over.
    public struct Leftover: CustomStringConvertible, Sendable {
        public let path: String
        public let reason: String
        public var description: String { "\(path) (\(reason))" }
    }
}
