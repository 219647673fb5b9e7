import Foundation
import HJ212
@testable import Loader
@testable import PEMSCore
import TestSupport

/// A temporary folder with a fresh store, removed when the test ends.
final class TestWorkspace {
    let dir: URL
    let store: Store

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pems-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        store = try Store(path: dir.appendingPathComponent("pems.db").path)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    /// Imports a registry folder effective from `from`.
    @discardableResult
    func importRegistry(_ path: String, from: String = "2024-07-01") throws -> RegistryImporter.Outcome {
        switch try RegistryImporter.importDirectory(path, into: store, effectiveFrom: Day(from)!) {
        case .success(let o): return o
        case .failure(let r): throw r
        }
    }

    /// Imports the conformance registry.
    @discardableResult
    func importConformanceRegistry() throws -> RegistryImporter.Outcome {
        try importRegistry(SharedFixture.path("conformance/registry"))
    }

    func loader(crcPolicy: CRCPolicy = .reject, workers: Int = 2) throws -> DataLoader {
        let (version, registry) = try store.registry(for: Day("2024-07-01")!)
        var options = LoadOptions()
        options.crcPolicy = crcPolicy
        options.workers = workers
        return DataLoader(store: store, directory: try ChannelDirectory.make(registry: registry, store: store),
                          registryVersion: version.id, options: options)
    }

    /// Writes `lines` (joined with CR LF) to a file in the workspace.
    func write(_ name: String, _ lines: [String], lineEnd: String = "\r\n") throws -> String {
        let url = dir.appendingPathComponent(name)
        try (lines.joined(separator: lineEnd) + lineEnd).data(using: .utf8)!.write(to: url)
        return url.path
    }

    func writeBytes(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// The stored series of (mn, code) on a day for a parameter name and CN.
    func series(mn: String, code: String, day: String, param: String, cn: Int = 2011) throws -> SeriesData? {
        guard let channel = try store.channelIDs()[ChannelKey(mn: mn, code: code)],
              let pid = try store.paramNames().first(where: { $0.value == param })?.key else { return nil }
        return try store.series(day: Day(day)!, channel: channel, cn: cn, param: pid)
    }
}

/// Builds framed HJ 212 packets for tests.
enum Packet {
    static let mn = "13060200010180"   // E001's collector in the conformance registry

    /// A CN 2011 segment for `mn` at `time` (YYYYMMDDhhmmss) with CP fields.
    static func segment(cn: Int = 2011, mn: String = mn, time: String, qn: String? = nil, flag: String = "5", _ fields: String) -> String {
        "QN=\(qn ?? time + "000");ST=80;CN=\(cn);PW=123456;MN=\(mn);Flag=\(flag);CP=&&DataTime=\(time);\(fields)&&"
    }

    static func frame(_ segment: String) -> String { Frame.encode(segment: segment) }
}
