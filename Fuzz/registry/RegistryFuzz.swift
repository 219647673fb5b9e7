import FuzzSupport
import PEMSCore

/// One input of `fuzz-registry`: a registry folder's files (`RegistryInput`) read by
/// `CSVTable` and validated by `Registry.parse(files:)`, what `Registry.load(directory:)`
/// and `pems registry import` run on the files they read.
///
/// - Every table's records and problems name lines of the file, in order.
/// - The verdict does not depend on the order the files were handed over.
/// - A rejection names at least one issue and renders; an accepted registry finds each of
///   its rows by key, passes its own shrink check and the header-only check.
enum RegistryFuzz {
    static func one(_ input: UnsafeBufferPointer<UInt8>) {
        let files = RegistryInput.files(input)
        for file in files { checkTable(file.bytes, file.name) }
        var forward: [String: [UInt8]] = [:], backward: [String: [UInt8]] = [:]
        for f in files { forward[f.name] = f.bytes }
        for f in files.reversed() { backward[f.name] = f.bytes }
        let result = Registry.parse(files: forward)
        invariant(result == Registry.parse(files: backward), "the verdict does not depend on the order of the files")
        switch result {
        case .failure(let rejection):
            invariant(!rejection.issues.isEmpty, "a rejection names an issue")
            invariant(rejection.issues.allSatisfy { $0.line >= 0 }, "issues name lines ≥ 0")
            invariant(!rejection.report.isEmpty && !rejection.summary.isEmpty, "a rejection renders")
        case .success(let registry):
            for p in registry.points { invariant(registry.point(id: p.id) != nil && registry.point(mn: p.mn, code: p.code) != nil, "point \(p.id) is found") }
            for f in registry.facilities { invariant(registry.facility(id: f.id) != nil, "facility \(f.id) is found") }
            for e in registry.enterprises { invariant(registry.enterprise(id: e.id) != nil, "enterprise \(e.id) is found") }
            invariant(RegistryImportChecks.shrink(old: registry, oldVersion: 1, inForceOn: Day(index: 0), new: registry) == nil,
                      "a registry does not shrink against itself")
            _ = RegistryImportChecks.headerOnly(files: forward)
        }
    }

    /// `CSVTable`'s promises about line numbers: the header before every record, records in
    /// file order, problems sorted, all within the file's physical lines.
    static func checkTable(_ bytes: [UInt8], _ name: String) {
        let table = CSVTable(bytes: bytes)
        var breaks = 0, i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A { breaks += 1 } else if bytes[i] == 0x0D {
                breaks += 1
                if i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
            }
            i += 1
        }
        let lastLine = breaks + 1
        invariant(table.header.isEmpty == (table.headerLine == 0), "\(name): a header has a line")
        var previous = table.headerLine
        for r in table.records {
            invariant(r.line > previous && r.line <= lastLine, "\(name): record line \(r.line) after \(previous), within \(lastLine)")
            previous = r.line
        }
        invariant(table.problems.map(\.line) == table.problems.map(\.line).sorted(), "\(name): problems in line order")
        invariant(table.problems.allSatisfy { $0.line >= 1 && $0.line <= lastLine }, "\(name): problems within \(lastLine) lines")
    }
}
