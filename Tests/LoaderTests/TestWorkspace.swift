import Foundation
import HJ212
@testable import Loader
@testable import PEMSCore
import TestSupport

/// The loader tests' workspace: `StoreWorkspace` (TestSupport) with files and series.
typealias TestWorkspace = StoreWorkspace

extension StoreWorkspace {
    /// Imports the conformance registry.
    @discardableResult
    func importConformanceRegistry() throws -> RegistryImporter.Outcome {
        try importRegistry(SharedFixture.path("conformance-spec2/registry"))
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
