import Accounting
import Charts
import DemoCity
import Foundation
import PEMSCore

/// One small demo city (57 enterprises, 14 days — the smallest `pems demo` accepts, still
/// hosting every injected situation), generated, imported, loaded and computed once per test
/// process and shared by the suites that check it (`DemoRecallTests`, `DemoAccountingTests`).
/// Only the computed result and the ground truth are kept: the workspace (city files and
/// store) is removed once the period is computed.
final class DemoFixture: Sendable {
    let result: ComputationResult
    let truthCSV: String
    /// The registry's `points.csv` (the ground-truth check finds a revised point's MN and code in it).
    let pointsCSV: String
    /// Every event's evidence (SPEC §10), with the day slot values read from the store before
    /// it is removed (`ChartTests`).
    let evidence: EvidencePack

    /// The shared fixture (built on first use; a failure is rethrown to every user).
    static func shared() throws -> DemoFixture { try instance.get() }

    private static let instance: Result<DemoFixture, Error> = Result { try DemoFixture() }

    private init() throws {
        let ws = try ComputeWorkspace()
        var options = DemoOptions()
        options.enterprises = 57
        options.days = 14
        let city = ws.dir.appendingPathComponent("city")
        let m = try DemoCity.generate(options, to: city)
        let first = String(m.periodStart.prefix(10))
        guard let end = Day(String(m.periodEnd.prefix(10))) else { throw CocoaError(.coderInvalidValue) }
        let last = end.adding(days: -1).description
        try ws.importRegistry(city.appendingPathComponent("registry").path, from: first)
        try ws.load([city.appendingPathComponent("packets").path, city.appendingPathComponent("readings").path],
                    registryDay: first)
        result = try ws.compute(from: first, to: last)
        // The slot values the charts show are read here, as the jobs and `pems evidence` read them.
        let days = try EvidenceDay.read(store: ws.store, registry: result.registry, settings: result.settings,
                                        wanted: EvidencePack.wanted(result.events, result: result))
        evidence = EvidencePack(result: result, events: result.events, days: days)
        truthCSV = try String(contentsOf: city.appendingPathComponent("ground_truth.csv"), encoding: .utf8)
        pointsCSV = try String(contentsOf: city.appendingPathComponent("registry/points.csv"), encoding: .utf8)
    }
}
