import PEMSCore

/// The index of a run's published files that the job commands print: one line per folder,
/// naming the documents people open (workbooks, JSON, the brief and evidence PDFs) and
/// counting the chart files beside them.
public enum OutputIndex {
    public static func lines(_ files: [RunOutput]) -> [String] {
        var folders: [String: [String]] = [:]
        for f in files {
            let parts = f.path.split(separator: "/", omittingEmptySubsequences: false)
            let folder = parts.dropLast().joined(separator: "/")
            folders[folder, default: []].append(String(parts.last ?? ""))
        }
        return folders.keys.sorted().map { folder in
            let names = folders[folder] ?? []
            let documents = names.filter(isDocument)
            let charts = names.count - documents.count
            return "\(folder)/: " + (documents + (charts > 0 ? ["+\(charts) chart files (PNG/PDF)"] : [])).joined(separator: ", ")
        }
    }

    static func isDocument(_ name: String) -> Bool {
        name.hasSuffix(".xlsx") || name.hasSuffix(".json") || name == "brief.pdf"
            || (name.hasPrefix("evidence-") && name.hasSuffix(".pdf"))
    }
}
