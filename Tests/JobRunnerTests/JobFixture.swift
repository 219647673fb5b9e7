import DemoCity
import Foundation
import JobRunner
@testable import Loader
import Logging
import PEMSCore
import TestSupport

/// A small demo city (57 enterprises, 14 days from Monday 2026-06-01; its files shared by the
/// test process, `DemoStore`): its registry imported into a fresh store, its day files kept aside so a test can drop
/// them into an inbox night by night, as the meters' data would arrive.
final class JobFixture {
    let dir: URL
    let storePath: String
    let store: Store
    let city: URL
    let inbox: URL
    let templates: URL

    static let first = Day("2026-06-01")!

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pems-jobs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        storePath = dir.appendingPathComponent("pems.db").path
        store = try Store(path: storePath)
        // The shared small city's files (`DemoStore`, generated once per test process; read only).
        let demo = try DemoStore.shared()
        city = demo.city
        inbox = dir.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        templates = SharedFixture.repositoryRoot.appendingPathComponent("ReportTemplates")
        guard demo.firstDay == Self.first else { throw CocoaError(.coderInvalidValue) }
        switch try RegistryImporter.importDirectory(city.appendingPathComponent("registry").path, into: store,
                                                    effectiveFrom: Self.first) {
        case .success: break
        case .failure(let r): throw r
        }
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    /// Copies the packet log and CSV readings of `[from, to]` into the inbox.
    func deliver(from: Day, to: Day) throws {
        var d = from
        while d <= to {
            for (sub, ext) in [("packets", "log"), ("readings", "csv")] {
                let src = city.appendingPathComponent("\(sub)/\(d).\(ext)")
                let dst = inbox.appendingPathComponent("\(d).\(ext)")
                if FileManager.default.fileExists(atPath: src.path), !FileManager.default.fileExists(atPath: dst.path) {
                    try FileManager.default.copyItem(at: src, to: dst)
                }
            }
            d = d.adding(days: 1)
        }
    }

    /// Runs a plan with a quiet logger into `out` (a folder under the fixture).
    func run(_ plan: JobPlan, out: String, settings: Settings = Settings()) throws -> JobOutcome {
        let context = JobContext(store: store, settings: settings, templates: templates,
                                 out: dir.appendingPathComponent(out, isDirectory: true), inbox: inbox,
                                 engineVersion: "test", logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
                                 command: plan.kind.rawValue)
        return try JobRunner(context: context).run(plan)
    }

    /// Every file under `out` (relative path → bytes), the staging folder excluded, and the
    /// portal's root pages unless `rootPages` (`PortalRootPages`: not a run's outputs).
    func files(_ out: String, rootPages: Bool = false) throws -> [String: Data] {
        let base = dir.appendingPathComponent(out).path
        var result: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [:] }
        while let rel = walker.nextObject() as? String {
            var isDir: ObjCBool = false
            guard !rel.hasPrefix(".staging"), FileManager.default.fileExists(atPath: base + "/" + rel, isDirectory: &isDir),
                  !isDir.boolValue else { continue }
            result[rel] = try Data(contentsOf: URL(fileURLWithPath: base + "/" + rel))
        }
        return rootPages ? result : PortalRootPages.without(result)
    }

    /// A registry with only responses (for plan tests): id, start, end in CST.
    static func registry(responses: [(String, String, String)]) throws -> Registry {
        Registry(responses: try responses.map { id, s, e in
            guard let start = Timestamp(s), let end = Timestamp(e) else { throw CocoaError(.coderInvalidValue) }
            return Response(id: id, level: "orange", start: start, end: end)
        })
    }
}
