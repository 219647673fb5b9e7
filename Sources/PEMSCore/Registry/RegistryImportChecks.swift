import Foundation

/// The checks an import makes beyond the rows themselves (SPEC §2), against registries that
/// would silently make meters unknown wholesale: a file of enterprises, facilities or points
/// with a header and no rows (an export cut short), and a new version that drops more than a
/// fifth of the points in force (a truncated `points.csv`). Made at import only: versions
/// already stored are read as they were accepted.
public enum RegistryImportChecks {
    /// The files a registry cannot be without a row of, and what a row of each is.
    static let needed: [(RegistryFile, String)] = [(.enterprises, "enterprise"), (.facilities, "facility"), (.points, "point")]

    /// Largest share of the points in force a new version may drop without `--allow-shrink`.
    public static let maxDroppedShare = 0.2

    /// `points.csv has a header but no rows: a registry needs at least one point` for each of
    /// enterprises, facilities and points whose file has a header and no data row. A missing or
    /// empty file is already the parser's issue.
    public static func headerOnly(files: [String: [UInt8]]) -> [RegistryIssue] {
        needed.compactMap { file, what in
            guard let bytes = files[file.name] else { return nil }
            let table = CSVTable(bytes: bytes)
            guard !table.header.isEmpty, table.records.isEmpty, table.problems.isEmpty else { return nil }
            return RegistryIssue(file: file.name, line: 0,
                                 reason: "\(file.name) has a header but no rows: a registry needs at least one \(what)")
        }
    }

    /// An issue when `new` drops more than `maxDroppedShare` of the points (by `point_id`) of
    /// `old`, the version in force on the new version's first date.
    public static func shrink(old: Registry, oldVersion: Int, inForceOn day: Day, new: Registry) -> RegistryIssue? {
        let kept = Set(new.points.map(\.id))
        let oldIDs = Set(old.points.map(\.id))
        let dropped = oldIDs.subtracting(kept).count
        guard !oldIDs.isEmpty, Double(dropped) > maxDroppedShare * Double(oldIDs.count) else { return nil }
        let share = String(format: "%.1f", Double(dropped) / Double(oldIDs.count) * 100)
        let file = RegistryFile.points.name
        return RegistryIssue(file: file, line: 0, reason: "\(file) drops \(dropped) of the \(oldIDs.count) points of registry version "
                             + "\(oldVersion), in force on \(day) (\(share) %, more than \(Int(maxDroppedShare * 100)) %); "
                             + "if that is intended, import it with --allow-shrink")
    }
}
