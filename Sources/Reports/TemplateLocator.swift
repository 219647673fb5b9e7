import Foundation

/// Where report templates are read from: `--templates DIR` when given; else
/// `./ReportTemplates` in the current directory; else the first `ReportTemplates/` found
/// walking up from the executable's folder (a build in `.build/<config>/` finds the
/// repository's own).
public enum TemplateLocator {
    public static func directory(explicit: String?, executable: String = runningExecutable) -> URL? {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if let explicit {
            return URL(fileURLWithPath: explicit, isDirectory: true)
        }
        let cwd = URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent("ReportTemplates", isDirectory: true)
        if fm.fileExists(atPath: cwd.path, isDirectory: &isDir), isDir.boolValue { return cwd }
        var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("ReportTemplates", isDirectory: true)
            if fm.fileExists(atPath: candidate.path, isDirectory: &isDir), isDir.boolValue { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    /// The running binary's real path (`/proc/self/exe`), so a `pems` found through `PATH`
    /// (argv[0] is then just "pems") still finds the templates installed above it.
    public static var runningExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
    }
}
