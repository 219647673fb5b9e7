import Foundation

/// Expands the paths given to `pems load` into the files to read, in the order that decides
/// which re-sent reading wins (SPEC §13.4: files in name order).
public enum InputFiles {
    /// Extensions taken from folders; a file named explicitly is always taken.
    public static let extensions: Set<String> = ["log", "txt", "dat", "hj212", "csv"]

    public enum Problem: Error, CustomStringConvertible, Equatable {
        case missing(String)
        public var description: String {
            switch self {
            case .missing(let p): return "\(p): no such file or folder"
            }
        }
    }

    /// Files and folders → sorted file list (folders recursively; hidden files skipped).
    public static func expand(_ paths: [String]) throws -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for p in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else { throw Problem.missing(p) }
            if !isDir.boolValue { out.append(p); continue }
            var found: [String] = []
            if let e = fm.enumerator(atPath: p) {
                while let rel = e.nextObject() as? String {
                    let name = (rel as NSString).lastPathComponent
                    if name.hasPrefix(".") { continue }
                    let full = (p as NSString).appendingPathComponent(rel)
                    var d: ObjCBool = false
                    if fm.fileExists(atPath: full, isDirectory: &d), !d.boolValue,
                       extensions.contains((name as NSString).pathExtension.lowercased()) {
                        found.append(full)
                    }
                }
            }
            out.append(contentsOf: found.sorted())
        }
        return out
    }

    /// CSV readings by extension, else packets.
    public static func format(of path: String) -> InputFormat {
        (path as NSString).pathExtension.lowercased() == "csv" ? .csv : .hj212
    }
}
