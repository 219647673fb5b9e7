import Foundation
import TestSupport
import Testing
@testable import Loader
@testable import PEMSCore

/// A registry that would make meters unknown wholesale is refused, and the version in force
/// stays in force: one with no enterprise, facility or point, and one that drops more than
/// 20 % of the points in force unless the shrink is asked for.
@Suite struct RegistryRefusalTests {
    func refusal(_ ws: TestWorkspace, _ dir: String, allowShrink: Bool = false) throws -> RegistryRejection? {
        switch try RegistryImporter.importDirectory(dir, into: ws.store, effectiveFrom: Day("2024-07-01")!, allowShrink: allowShrink) {
        case .success: return nil
        case .failure(let r): return r
        }
    }

    @Test(arguments: [("points.csv", "point"), ("enterprises.csv", "enterprise"), ("facilities.csv", "facility")])
    func aRegistryFileWithAHeaderButNoRowsIsRefusedNamingTheFile(_ file: String, _ what: String) throws {
        let ws = try TestWorkspace()
        let r = try RegistryVariant(in: ws.dir)
        try r.keep(file, rows: 0)
        let rejection = try #require(try refusal(ws, r.path))
        #expect(rejection.issues.map(\.description).contains("\(file):0: \(file) has a header but no rows: a registry needs at least one \(what)"),
                "\(rejection.report)")
        #expect(try ws.store.registryVersions().isEmpty)
        #expect(try ws.store.db.scalarInt("SELECT count(*) FROM registry_rejections") == 1)
    }

    @Test func aVersionDroppingMoreThanAFifthOfThePointsInForceIsRefusedUnlessAllowed() throws {
        let ws = try TestWorkspace()
        let v1 = try ws.importConformanceRegistry()
        #expect(v1.registry.points.count == 31)
        let r = try RegistryVariant(in: ws.dir)
        let points = try r.lines("points.csv")
        // 7 of 31 (22.6 %): refused. The sensors go, so no other file refers to them.
        let sensors = points.filter { $0.contains(",sensor,") }.map { String($0.prefix { $0 != "," }) }
        #expect(sensors.count >= 7)
        try r.remove("points.csv", keys: Set(sensors.prefix(7)))
        let rejection = try #require(try refusal(ws, r.path))
        #expect(rejection.issues.map(\.description) == [
            "points.csv:0: points.csv drops 7 of the 31 points of registry version \(v1.version.id), in force on 2024-07-01 (22.6 %, more than 20 %); if that is intended, import it with --allow-shrink",
        ])
        #expect(try ws.store.registryVersions().count == 1)
        #expect(try ws.store.db.scalarInt("SELECT count(*) FROM registry_rejections") == 1)
        // With the flag it is imported.
        #expect(try refusal(ws, r.path, allowShrink: true) == nil)
        #expect(try ws.store.registryVersions().count == 2)
    }

    @Test func droppingAFifthOfThePointsOrFewerIsAccepted() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        let r = try RegistryVariant(in: ws.dir)
        let sensors = try r.lines("points.csv").filter { $0.contains(",sensor,") }.map { String($0.prefix { $0 != "," }) }
        try r.remove("points.csv", keys: Set(sensors.prefix(6)))   // 6 of 31 = 19.4 %
        #expect(try refusal(ws, r.path) == nil)
    }

    @Test func theDemoCityAndConformanceRegistriesStillImport() throws {
        let ws = try TestWorkspace()
        #expect(try refusal(ws, SharedFixture.path("conformance-spec2/registry")) == nil)
    }
}
