import PEMSCore

/// The index of a run's published files that the job commands print: one line per folder,
/// naming the documents people open (workbooks, JSON, the brief and evidence PDFs) and
/// counting the chart files beside them. The county editions of a step
/// (`districts/<code>/<step folder>/`) share one line, their names shown with `<code>` for
/// the district code and the number of districts counted; a month's enterprise files
/// (`dossiers/`) are counted, not named.
public enum OutputIndex {
    public static func lines(_ files: [RunOutput]) -> [String] {
        var folders: [String: [String]] = [:]
        var districts: [String: Set<String>] = [:]
        for f in files {
            var parts = f.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            if parts.count > 3, parts[0] == OutputLayout.districtsRoot {
                let code = parts[1]
                parts[1] = "<code>"
                if let last = parts.last { parts[parts.count - 1] = last.replacingOccurrences(of: "_" + code, with: "_<code>") }
                districts[parts.dropLast().joined(separator: "/"), default: []].insert(code)
            }
            let folder = parts.dropLast().joined(separator: "/")
            folders[folder, default: []].append(parts.last ?? "")
        }
        return folders.keys.sorted().map { folder in
            let names = Array(Set(folders[folder] ?? [])).sorted()
            // A month's enterprise files are one per enterprise: counted, not named.
            if folder.hasSuffix("/" + OutputLayout.dossiers) {
                return "\(folder)/: \(names.filter { $0.hasSuffix(".xlsx") }.count) enterprise files (一企一档, workbook + PDF each)"
            }
            let documents = names.filter(isDocument)
            let charts = names.count - documents.count
            let editions = districts[folder].map { " (\($0.count) district\($0.count == 1 ? "" : "s"))" } ?? ""
            return "\(folder)/: " + (documents + (charts > 0 ? ["+\(charts) chart files (PNG/PDF)"] : [])).joined(separator: ", ") + editions
        }
    }

    static func isDocument(_ name: String) -> Bool {
        name.hasSuffix(".xlsx") || name.hasSuffix(".json") || name.hasSuffix(".jsonl") || name == "brief.pdf" || (name.hasPrefix("brief_") && name.hasSuffix(".pdf"))
            || (name.hasPrefix("evidence-") && name.hasSuffix(".pdf"))
    }
}
