import PEMSCore

/// The index of a run's published files that the job commands print: one line per folder,
/// naming the documents people open (workbooks, JSON, the brief and evidence PDFs) and
/// counting the chart files beside them, and the enterprise files of a month's `dossiers/`.
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
            // A month's enterprise files are one per enterprise: counted, not named.
            if folder.hasSuffix("/" + OutputLayout.dossiers) {
                return "\(folder)/: \(names.filter { $0.hasSuffix(".xlsx") }.count) enterprise files (一企一档, workbook + PDF each)"
            }
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
