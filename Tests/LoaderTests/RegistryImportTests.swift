import Foundation
import TestSupport
import Testing
@testable import Loader
@testable import PEMSCore

@Suite struct RegistryImportTests {
    func copyRegistry(to dir: URL) throws -> URL {
        let target = dir.appendingPathComponent("registry-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: SharedFixture.path("conformance-spec2/registry"), toPath: target.path)
        for f in try FileManager.default.contentsOfDirectory(atPath: target.path) {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: target.appendingPathComponent(f).path)
        }
        return target
    }

    @Test func aRegistryWithADanglingReferenceIsRejectedWholeAndThePreviousStaysInForce() throws {
        let ws = try TestWorkspace()
        let first = try ws.importConformanceRegistry()
        let bad = try copyRegistry(to: ws.dir)
        let points = bad.appendingPathComponent("points.csv")
        var text = try String(contentsOf: points, encoding: .utf8)
        text += "E001-new,E001,13060200010180,pg7001,production,E001-P7,dangling,10,,,,\n"
        try text.write(to: points, atomically: true, encoding: .utf8)
        let result = try RegistryImporter.importDirectory(bad.path, into: ws.store, effectiveFrom: Day("2024-07-05")!)
        guard case .failure(let rejection) = result else { Issue.record("accepted a dangling reference"); return }
        #expect(rejection.issues.map(\.file) == ["points.csv"])
        #expect(rejection.issues.first?.line == 33)
        #expect(try ws.store.registryVersions().map(\.id) == [first.version.id])
        #expect(try ws.store.registryVersion(for: Day("2024-07-10")!)?.id == first.version.id)
        #expect(try ws.store.db.scalarInt("SELECT count(*) FROM registry_rejections") == 1)
    }

    @Test func theVersionInForceOnADateIsTheLatestEffectiveOnOrBeforeIt() throws {
        let ws = try TestWorkspace()
        let v1 = try ws.importRegistry(SharedFixture.path("conformance-spec2/registry"), from: "2024-07-01")
        let changed = try copyRegistry(to: ws.dir)
        let districts = changed.appendingPathComponent("districts.csv")
        try (try String(contentsOf: districts, encoding: .utf8) + "130609,徐水区,0\n").write(to: districts, atomically: true, encoding: .utf8)
        let v2 = try ws.importRegistry(changed.path, from: "2024-07-10")
        #expect(v2.isNew && v2.version.id != v1.version.id)
        #expect(try ws.store.registryVersion(for: Day("2024-06-01")!)?.id == v1.version.id) // before all: the oldest
        #expect(try ws.store.registryVersion(for: Day("2024-07-09")!)?.id == v1.version.id)
        #expect(try ws.store.registryVersion(for: Day("2024-07-10")!)?.id == v2.version.id)
        #expect(try ws.store.registry(for: Day("2024-07-11")!).1.districts.count == 5)
        #expect(try ws.store.registry(for: Day("2024-07-02")!).1.districts.count == 4)
        // The same files again: no new version.
        let again = try ws.importRegistry(changed.path, from: "2024-07-10")
        #expect(!again.isNew && again.version.id == v2.version.id)
    }
}
