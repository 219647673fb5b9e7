import Foundation

/// The portal's root pages of an out folder (`index.html`, `districts/<code>/index.html`):
/// rewritten by every job after it publishes, from what the folder then holds, and not among
/// a run's recorded outputs. Tests comparing a run's files leave them out.
public enum PortalRootPages {
    /// Whether `path` (relative to an out folder) is one of its root pages.
    public static func contains(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return path == "index.html" || (parts.count == 3 && parts[0] == "districts" && parts[2] == "index.html")
    }

    /// `files` (path relative to the out folder → bytes) without the root pages.
    public static func without(_ files: [String: Data]) -> [String: Data] {
        files.filter { !contains($0.key) }
    }
}
