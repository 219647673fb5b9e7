import Accounting
import Charts
import Foundation
import PEMSCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The web portal of the outbox (issue 18; Jobs/README.md "The portal"): each step folder's
/// `index.html` (`PortalPage`, written into the staging folder with the step's files, so it is
/// published and recorded with them) and the root pages (`PortalIndex`: the out folder's and
/// each county edition's `districts/<code>/index.html`), rewritten after every publish from
/// a scan of the folders, earlier runs' included. Nothing is computed here: the pages read the
/// step's `PeriodFacts` and the names of the files on disk.
enum PortalFiles {
    /// Writes `folder`'s page from `facts`, naming every file already in the folder.
    static func writePage(_ facts: PeriodFacts, period: RollupPeriod, to folder: URL) throws {
        let html = PortalPage.render(facts, period: period, files: files(in: folder, recursive: true))
        try Data(html.utf8).write(to: folder.appendingPathComponent(PortalPage.fileName))
    }

    /// Rewrites the root pages of `out`: the city's, and one per folder under `districts/`.
    /// A page whose bytes would not change is left as it is. Each is replaced in one step
    /// (written beside it, then renamed).
    static func writeRoots(out: URL, registry: Registry) throws {
        let name = { (code: String) in registry.district(code: code)?.name ?? code }
        let districtsRoot = out.appendingPathComponent(OutputLayout.districtsRoot, isDirectory: true)
        let codes = subfolders(of: districtsRoot)
        try write(PortalIndex.render(listing(of: out, districts: codes), edition: nil, districtName: name),
                  to: out.appendingPathComponent(PortalPage.fileName))
        for code in codes {
            let root = districtsRoot.appendingPathComponent(code, isDirectory: true)
            try write(PortalIndex.render(listing(of: root, districts: []), edition: code, districtName: name),
                      to: root.appendingPathComponent(PortalPage.fileName))
        }
    }

    /// The step folders under `root` (`daily/*`, `weekly/*`, `monthly/*`, `responses/*`), each
    /// with its files, and the files of `root/alarms/`.
    static func listing(of root: URL, districts: [String]) -> PortalListing {
        var folders: [PortalListing.Folder] = []
        for top in StagedOutputs.layoutRoots {
            for name in subfolders(of: root.appendingPathComponent(top, isDirectory: true)) {
                let dir = root.appendingPathComponent(top + "/" + name, isDirectory: true)
                folders.append(PortalListing.Folder(path: top + "/" + name, files: files(in: dir, recursive: false)))
            }
        }
        let alarms = files(in: root.appendingPathComponent("alarms", isDirectory: true), recursive: true).map { "alarms/" + $0 }
        return PortalListing(folders: folders, districts: districts, alarms: alarms)
    }

    /// The visible sub-folders of `dir`, sorted (none when it is missing).
    static func subfolders(of dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { name in
            !name.hasPrefix(".") && StagedOutputs.kind(dir.appendingPathComponent(name).path) == S_IFDIR
        }.sorted()
    }

    /// The visible regular files of `dir` (and, `recursive`, of its visible sub-folders, as
    /// `sub/name`), sorted by path.
    static func files(in dir: URL, recursive: Bool, prefix: String = "") -> [String] {
        var out: [String] = []
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []) where !name.hasPrefix(".") {
            let kind = StagedOutputs.kind(dir.appendingPathComponent(name).path)
            if kind == S_IFREG {
                out.append(prefix + name)
            } else if recursive, kind == S_IFDIR {
                out += files(in: dir.appendingPathComponent(name, isDirectory: true), recursive: true, prefix: prefix + name + "/")
            }
        }
        return out.sorted()
    }

    /// Replaces `url` with `html` in one step, unless it already holds those bytes.
    static func write(_ html: String, to url: URL) throws {
        let data = Data(html.utf8)
        if let old = try? Data(contentsOf: url), old == data { return }
        try data.write(to: url, options: .atomic)
    }
}
