import Foundation
import PEMSCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Outputs are written under a staging folder first and put in place only once all of them
/// are written (SPEC §11 "outputs are written atomically"; issue 14). A run or command that
/// fails or is killed leaves the published files as they were and none of its new ones
/// visible; what it left in staging is removed by the next command writing into the folder.
///
/// The staging folder is `<out>/.staging/<label>-pid<pid>-<start>` (`StagingOwner`): inside the
/// out folder, so each rename stays on one file system and is atomic, and named for the
/// process that owns it, so a later command removes only folders whose owner is gone — an
/// out folder may be shared by commands on different stores, whose locks do not see each other.
///
/// Two ways to publish: a job's step folders (`daily/D` …) are its own and are replaced
/// whole, each in one step (`publish(steps:)`); a command's files (`pems export --out DIR`)
/// join a folder that holds other files, and are renamed in one by one (`publishFiles()`).
public struct StagedOutputs {
    public let out: URL
    public let staging: URL
    /// Whether `out` did not exist before: a command that publishes nothing removes it again.
    let madeOut: Bool

    /// How long a hidden temporary file or staging folder whose owner is unknown must have
    /// been left unchanged before it counts as left over (its writer may be an earlier pems
    /// still at work on another store): writers of such files touch them every few seconds.
    public static let unknownOwnerAge: TimeInterval = 600

    public init(out: URL, runID: Int) throws {
        try self.init(out: out, label: "run-\(runID)")
    }

    /// A fresh staging folder for this process under `out` (both created as needed).
    public init(out: URL, label: String) throws {
        self.out = out
        staging = Self.stagingFolder(out: out, label: label)
        madeOut = !FileManager.default.fileExists(atPath: out.path)
        try? FileManager.default.removeItem(at: staging)
        // Another writer finishing in the same out folder may rmdir an empty `.staging` between
        // our making it and making our folder in it: make them again then.
        for attempt in 1...3 {
            do {
                try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
                break
            } catch where attempt < 3 {
                continue
            }
        }
    }

    /// The staging folder this process uses for `label` under `out`.
    public static func stagingFolder(out: URL, label: String) -> URL {
        out.appendingPathComponent(".staging/" + StagingOwner.current.folderName(label), isDirectory: true)
    }

    /// The staging folder of a step, or of a county edition of it (created).
    public func folder(_ step: JobStep, district: String? = nil) throws -> URL {
        let path = district.map { OutputLayout.folder(of: step, district: $0) } ?? OutputLayout.folder(of: step)
        let url = staging.appendingPathComponent(path, isDirectory: true)
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

    /// Where a file written into the staging folder is once published.
    public func published(_ staged: URL) -> URL {
        Self.published(staged, staging: staging, out: out)
    }

    /// Where a file written into the staging folder `staging` of `out` is once published.
    public static func published(_ staged: URL, staging: URL, out: URL) -> URL {
        let base = staging.standardizedFileURL.path + "/", path = staged.standardizedFileURL.path
        guard path.hasPrefix(base) else { return staged }
        return out.appendingPathComponent(String(path.dropFirst(base.count)))
    }

    /// Puts each of the run's step folders (`steps`, e.g. `daily/2026-07-05`) in place whole:
    /// the staged folder, complete, takes the published one's place in one step
    /// (`FolderExchange`), so a reader listing and reading the folder finds the old set of
    /// files or the new set, never some of each; files of the old set this run did not write
    /// (an evidence page of an event a rerun no longer finds) go with the old folder.
    /// Folders someone else put inside a step folder are moved into the new one. Every place
    /// is checked before the first folder moves: a file where a step folder goes, or a folder
    /// where one of its files goes, stops the publish with nothing changed.
    ///
    /// Each folder is replaced atomically, not the set of folders: a nightly that publishes a
    /// day and its week may be seen with the new day and the old week for a moment. A kill
    /// at any point leaves every folder old or new (never mixed) and the rest in staging,
    /// which the next run removes. `afterEachRename` is called after each folder is put in
    /// place (tests look at the folder there).
    ///
    /// `joining`: folders whose staged files join the published folder of that name one by one
    /// (`rename(2)` each, after the step folders), leaving its other files — the alarm feed's
    /// `alarms/`, which holds every day's file.
    public func publish(steps: [String], joining: [String] = [], afterEachRename: (String) -> Void = { _ in }) throws {
        let fm = FileManager.default
        let folders = Set(steps).sorted()
        var joined: [String] = []
        for folder in Set(joining).sorted() {
            let staged = staging.appendingPathComponent(folder, isDirectory: true)
            let names = ((try? fm.contentsOfDirectory(atPath: staged.path)) ?? []).sorted()
            guard !names.isEmpty else { continue }
            let target = out.appendingPathComponent(folder, isDirectory: true)
            if let kind = Self.kind(target.path), kind != S_IFDIR { throw JobError.inTheWay(path: target.path, folderExpected: true) }
            for name in names {
                if Self.kind(target.appendingPathComponent(name).path) == S_IFDIR {
                    throw JobError.inTheWay(path: target.appendingPathComponent(name).path, folderExpected: false)
                }
                joined.append(folder + "/" + name)
            }
        }
        for folder in folders {
            let target = out.appendingPathComponent(folder, isDirectory: true)
            if let kind = Self.kind(target.path), kind != S_IFDIR { throw JobError.inTheWay(path: target.path, folderExpected: true) }
            let names = (try? fm.contentsOfDirectory(atPath: staging.appendingPathComponent(folder).path)) ?? []
            // A staged folder (a month's `dossiers/`) replaces its old one with the step folder.
            for name in names where Self.kind(target.appendingPathComponent(name).path) == S_IFDIR
                && Self.kind(staging.appendingPathComponent(folder).appendingPathComponent(name).path) != S_IFDIR {
                throw JobError.inTheWay(path: target.appendingPathComponent(name).path, folderExpected: false)
            }
        }
        for folder in folders {
            let new = staging.appendingPathComponent(folder, isDirectory: true)
            let target = out.appendingPathComponent(folder, isDirectory: true)
            try fm.createDirectory(at: new, withIntermediateDirectories: true)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            var st = stat()
            if lstat(target.path, &st) == 0 { _ = chmod(new.path, st.st_mode & 0o7777) }   // keep the folder's permissions
            let old = try FolderExchange.put(new, at: target)
            afterEachRename(folder)
            if let old {
                Self.moveFolders(from: old, into: target)
                try? fm.removeItem(at: old)
            }
        }
        for path in joined {
            let from = staging.appendingPathComponent(path), to = out.appendingPathComponent(path)
            try fm.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard rename(from.path, to.path) == 0 else { throw JobError.publish(from: from.path, to: to.path, errno: errno) }
            afterEachRename(path)
        }
        discard()
    }

    /// Renames every staged file into its place under `out`, leaving the folder's other files
    /// alone (what `pems export`, `brief`, `evidence` and `report` write: their out folder may
    /// hold other periods' files). Every place is checked first: a folder where a file goes
    /// stops the publish with nothing replaced. Each file is replaced whole (`rename(2)`).
    public func publishFiles(afterEachRename: (String) -> Void = { _ in }) throws {
        let files = try files()
        for f in files where Self.kind(out.appendingPathComponent(f.path).path) == S_IFDIR {
            throw JobError.inTheWay(path: out.appendingPathComponent(f.path).path, folderExpected: false)
        }
        for f in files {
            let from = staging.appendingPathComponent(f.path), to = out.appendingPathComponent(f.path)
            try FileManager.default.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard rename(from.path, to.path) == 0 else {
                throw JobError.publish(from: from.path, to: to.path, errno: errno)
            }
            afterEachRename(f.path)
        }
        discard()
    }

    /// Drops this staging folder (after publishing, or without: a failed run), and `out`
    /// itself when this made it and nothing is in it.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
        Self.removeEmptyStagingRoot(out)
        if madeOut { _ = rmdir(out.path) }   // only when empty
    }

    /// The file type bits of what is at `path` (not following a last symlink), nil if nothing.
    static func kind(_ path: String) -> mode_t? {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : nil
    }

    /// Moves the folders (not files) found in `old` into `new`, keeping their names.
    static func moveFolders(from old: URL, into new: URL) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: old.path)) ?? [] {
            var isDir: ObjCBool = false
            let path = old.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue,
                  kind(new.appendingPathComponent(name).path) == nil else { continue }
            _ = rename(path, new.appendingPathComponent(name).path)
        }
    }

    /// Removes `.staging` when it is empty — with rmdir(2), which refuses atomically if another
    /// writer has just made its folder there (listing and then removing could delete that).
    static func removeEmptyStagingRoot(_ out: URL) {
        _ = rmdir(out.appendingPathComponent(".staging").path)
    }

    /// Removes the staging folder of an earlier pems version's run (`.staging/run-N`, which
    /// names no owner): the caller found run N interrupted while holding the store's lock.
    @discardableResult
    public static func removeStaging(out: URL, runID: Int) -> Leftover? {
        let rel = OutputLayout.staging(runID: runID)
        guard (try? FileManager.default.removeItem(at: out.appendingPathComponent(rel, isDirectory: true))) != nil else { return nil }
        removeEmptyStagingRoot(out)
        return Leftover(path: rel, reason: "staging folder of interrupted run \(runID)")
    }

    /// The folders of a job's out folder whose step folders may hold a killed write's
    /// temporary files: `daily`, `weekly`, `monthly`, `responses` (from `OutputLayout`).
    static let layoutRoots: [String] = {
        let d = Day(index: 0)
        return [JobStep.day(d), .week(d), .month(d), .response("r")].compactMap {
            OutputLayout.folder(of: $0).split(separator: "/").first.map(String.init)
        }
    }()

    /// Removes, from `out`, what writers that were killed left (call on start, holding the
    /// store lock); returns each thing removed with why, for the caller to name:
    /// - staging folders whose owner process is gone (`StagingOwner`); a live one's is kept;
    /// - hidden temporary files a killed write left in `out` itself or, with `layoutFolders`,
    ///   in a job's step folders (`daily/*/` …): `.NAME.tmp` (CSV exports, workbooks) and
    ///   Foundation's `.dat.nosync…` (`Data.write(options: .atomic)`: charts, PDFs, JSON). This
    ///   version writes those only inside staging, so such a file outside was left by an
    ///   earlier one; as its writer is unknown, it is removed once unchanged for
    ///   `unknownOwnerAge` (as is a staging folder that names no owner).
    /// Nothing else is touched: other hidden files, visible files, other folders.
    @discardableResult
    public static func removeLeftovers(out: URL, layoutFolders: Bool = false, now: Date = Date()) -> [Leftover] {
        let fm = FileManager.default
        var removed: [Leftover] = []
        let minutes = Int(unknownOwnerAge / 60)
        let root = out.appendingPathComponent(".staging")
        for name in ((try? fm.contentsOfDirectory(atPath: root.path)) ?? []).sorted() {
            let url = root.appendingPathComponent(name)
            let reason: String
            if let parsed = StagingOwner.parse(name) {
                guard !parsed.owner.isAlive else { continue }
                reason = "staging folder of \(parsed.label), pid \(parsed.owner.pid), which no longer runs"
            } else {
                guard let changed = newestChange(url), now.timeIntervalSince(changed) >= unknownOwnerAge else { continue }
                reason = "staging folder of an earlier pems version, unchanged for \(minutes) minutes or more"
            }
            if (try? fm.removeItem(at: url)) != nil { removed.append(Leftover(path: ".staging/" + name, reason: reason)) }
        }
        removeEmptyStagingRoot(out)

        var folders = [""]
        if layoutFolders {
            for top in layoutRoots {
                for name in ((try? fm.contentsOfDirectory(atPath: out.appendingPathComponent(top).path)) ?? []).sorted()
                where kind(out.appendingPathComponent(top + "/" + name).path) == S_IFDIR {
                    folders.append(top + "/" + name + "/")
                }
            }
        }
        for folder in folders {
            let dir = out.appendingPathComponent(folder)
            for name in ((try? fm.contentsOfDirectory(atPath: dir.path)) ?? []).sorted() where isTemporaryName(name) {
                let url = dir.appendingPathComponent(name)
                guard kind(url.path) == S_IFREG, let changed = newestChange(url),
                      now.timeIntervalSince(changed) >= unknownOwnerAge,
                      (try? fm.removeItem(at: url)) != nil else { continue }
                removed.append(Leftover(path: folder + name,
                                        reason: "temporary file of an interrupted write, unchanged for \(minutes) minutes or more"))
            }
        }
        return removed
    }

    /// The hidden temporary names pems's writers use: `.NAME.tmp` and Foundation's `.dat.nosync…`.
    static func isTemporaryName(_ name: String) -> Bool {
        name.hasPrefix(".") && (name.hasSuffix(".tmp") || name.hasPrefix(".dat.nosync"))
    }

    /// The last modification of a file, or of the newest file in a folder (the folder's own
    /// when it holds none).
    static func newestChange(_ url: URL) -> Date? {
        let fm = FileManager.default
        guard var newest = (try? fm.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date else { return nil }
        guard kind(url.path) == S_IFDIR, let walker = fm.enumerator(atPath: url.path) else { return newest }
        var sawFile = false
        var filesNewest = Date.distantPast
        while let rel = walker.nextObject() as? String {
            let path = url.path + "/" + rel
            guard kind(path) == S_IFREG, let m = (try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { continue }
            sawFile = true
            filesNewest = max(filesNewest, m)
        }
        if sawFile { newest = filesNewest }
        return newest
    }

    /// Something `removeLeftovers` removed: its path relative to the out folder and why it was
    /// judged left over.
    public struct Leftover: CustomStringConvertible, Sendable {
        public let path: String
        public let reason: String
        public var description: String { "\(path) (\(reason))" }
    }
}
