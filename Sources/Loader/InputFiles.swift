import Foundation
import HJ212

/// Expands the paths given to `pems load` (or the nightly's inbox) into the files to read, in
/// the order that decides which re-sent reading wins (SPEC §13.4: files in name order).
///
/// Folders are listed by the bytes of their names (`RawPath`), so a GBK-named file from a
/// Windows share is loaded like any other, and sorted by those bytes (for UTF-8 names the
/// same order as sorting the text). In a folder:
/// - hidden files (`.x`) are skipped and sub-folders are searched;
/// - names with one of `extensions` are taken; a regular file is loaded;
/// - a FIFO, socket or device is listed as not loaded, never opened (it would block);
/// - a symlink is loaded when it resolves to a regular file inside the folder being loaded;
///   one that leaves the folder (`/etc/passwd`, `/dev/zero`) is listed as not loaded and not
///   followed; symlinked folders are not searched.
/// A file named explicitly is the user's choice: its symlink is followed, but it too must be
/// a regular file.
public enum InputFiles {
    /// Extensions taken from folders; a file named explicitly is always taken.
    public static let extensions: Set<String> = ["log", "txt", "dat", "hj212", "csv"]

    public enum Problem: Error, CustomStringConvertible, Equatable {
        case missing(String)
        case unreadableFolder(String, reason: String)
        public var description: String {
            switch self {
            case .missing(let p): return "\(p): no such file or folder"
            case .unreadableFolder(let p, let reason): return "\(p): cannot list the folder: \(reason)"
            }
        }
    }

    /// Files and folders → the files to load in order, each folder's files sorted by their
    /// path bytes; files that will not be loaded are in the list with their `refusal`.
    public static func expand(_ paths: [String]) throws -> [InputFile] {
        var out: [InputFile] = []
        for p in paths {
            let raw = Array(p.utf8)
            guard let st = RawPath.status(raw, followingSymlinks: true) else { throw Problem.missing(p) }
            guard RawPath.Kind(mode: st.st_mode) == .folder else { out.append(InputFile(path: p)); continue }
            guard let root = RawPath.resolved(raw) else { throw Problem.missing(p) }
            guard let names = RawPath.names(in: raw) else {
                throw Problem.unreadableFolder(p, reason: RawPath.message(errno))
            }
            let folder = Folder(raw: Self.trimmed(raw), display: TerminalText.escaped(Self.trimmed(p)), root: root)
            var found: [InputFile] = []
            folder.walk(relative: [], names: names, into: &found)
            out.append(contentsOf: found.sorted { $0.rawPath.lexicographicallyPrecedes($1.rawPath) })
        }
        return out
    }

    /// CSV readings by extension, else packets.
    public static func format(of path: String) -> InputFormat {
        (path as NSString).pathExtension.lowercased() == "csv" ? .csv : .hj212
    }

    /// Whether a name found in a folder is taken, by its extension (ASCII, any case).
    static func taken(_ name: [UInt8]) -> Bool {
        guard let dot = name.lastIndex(of: 0x2E), dot > name.startIndex else { return false }
        let ext = String(decoding: name[(dot + 1)...], as: UTF8.self).lowercased()
        return extensions.contains(ext)
    }

    /// The path without trailing `/` (as `appendingPathComponent` wrote it before), but `/` stays.
    static func trimmed(_ raw: [UInt8]) -> [UInt8] {
        var r = raw
        while r.count > 1, r.last == 0x2F { r.removeLast() }
        return r
    }

    static func trimmed(_ s: String) -> String {
        var r = s
        while r.count > 1, r.hasSuffix("/") { r.removeLast() }
        return r
    }

    /// A folder named to be loaded, walked below its top.
    struct Folder {
        /// The folder as named, its display text, and its real path (symlinks resolved):
        /// symlinks must resolve under `root` to be followed.
        let raw: [UInt8]
        let display: String
        let root: [UInt8]

        /// Adds the files under `relative` (bytes below the top, "" for the top itself), whose
        /// entries are `names`, to `found`.
        func walk(relative: [UInt8], names: [[UInt8]], into found: inout [InputFile]) {
            for name in names {
                let rel = relative.isEmpty ? name : RawPath.join(relative, name)
                let full = RawPath.join(raw, rel)
                guard let st = RawPath.status(full, followingSymlinks: false) else { continue } // gone since listed
                let kind = RawPath.Kind(mode: st.st_mode)
                if kind == .folder {
                    if let inner = RawPath.names(in: full) {
                        walk(relative: rel, names: inner, into: &found)
                    } else {
                        found.append(file(rel, full, refusal: .cannotList(reason: RawPath.message(errno))))
                    }
                    continue
                }
                // Hidden files are skipped (folders are searched, as before).
                guard name.first != 0x2E, InputFiles.taken(name) else { continue }
                switch kind {
                case .regular: found.append(file(rel, full, refusal: nil))
                case .symlink: found.append(symlink(rel, full))
                default: found.append(file(rel, full, refusal: .notRegular(kind: kind.name)))
                }
            }
        }

        /// A symlink found in the folder: followed only to a regular file inside `root`.
        func symlink(_ rel: [UInt8], _ full: [UInt8]) -> InputFile {
            let target = FileNameText(RawPath.linkTarget(full) ?? []).text
            guard let real = RawPath.resolved(full) else { return file(rel, full, refusal: .brokenSymlink(target: target)) }
            let inside = root == [0x2F] ? real.first == 0x2F : real.starts(with: root + [0x2F])
            guard inside else { return file(rel, full, refusal: .symlinkLeaves(target: target)) }
            guard let st = RawPath.status(real, followingSymlinks: false) else {
                return file(rel, full, refusal: .brokenSymlink(target: target))
            }
            let kind = RawPath.Kind(mode: st.st_mode)
            return file(rel, full, refusal: kind == .regular ? nil : .notRegular(kind: kind.name), openPath: real)
        }

        func file(_ rel: [UInt8], _ full: [UInt8], refusal: InputFile.Refusal?, openPath: [UInt8]? = nil) -> InputFile {
            let name = FileNameText(rel)
            return InputFile(path: display == "/" ? "/" + name.text : display + "/" + name.text, rawPath: full,
                             nameEncoding: name.encoding, refusal: refusal, openPath: openPath ?? full, followsSymlinks: false)
        }
    }
}
