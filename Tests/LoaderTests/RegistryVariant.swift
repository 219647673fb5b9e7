import Foundation
import TestSupport

/// A copy of the conformance registry in a test's folder, edited line by line, for tests
/// that import one registry version after another.
struct RegistryVariant {
    let url: URL
    var path: String { url.path }

    init(in dir: URL, _ name: String = "registry-\(UUID().uuidString)") throws {
        url = dir.appendingPathComponent(name)
        try FileManager.default.copyItem(atPath: SharedFixture.path("conformance-spec2/registry"), toPath: url.path)
        for f in try FileManager.default.contentsOfDirectory(atPath: url.path) {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: url.appendingPathComponent(f).path)
        }
    }

    func lines(_ file: String) throws -> [String] {
        try String(contentsOf: url.appendingPathComponent(file), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    func write(_ file: String, _ lines: [String]) throws {
        try (lines.joined(separator: "\n") + "\n").write(to: url.appendingPathComponent(file), atomically: true, encoding: .utf8)
    }

    /// Appends rows to a file.
    func append(_ file: String, _ rows: [String]) throws { try write(file, try lines(file) + rows) }

    /// Removes the rows whose first cell is one of `keys`.
    func remove(_ file: String, keys: Set<String>) throws {
        try write(file, try lines(file).filter { !keys.contains(String($0.prefix { $0 != "," })) })
    }

    /// Keeps the header and the first `n` rows.
    func keep(_ file: String, rows n: Int) throws { try write(file, Array(try lines(file).prefix(1 + n))) }
}
