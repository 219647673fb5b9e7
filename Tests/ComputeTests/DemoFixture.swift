import Accounting
import Charts
import DemoCity
import Foundation
import PEMSCore
import TestSupport

/// The small demo city's computed period (`DemoStore`: 57 enterprises, 14 days, generated,
/// loaded and computed once per test process), shared by the suites that check it
/// (`DemoRecallTests`, `DemoAccountingTests`). Only the result, its evidence and the ground
/// truth are kept: the copy of the store goes once they are read.
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
        // The shared small city, loaded and computed once per test process (`DemoStore`); the
        // 14 days' stored computation is reused here.
        let demo = try DemoStore.shared()
        let ws = try demo.workspace(label: "demo-fixture")
        result = try StoredComputation.run(store: ws.store, settings: Settings(), from: demo.firstDay, to: demo.lastDay,
                                           engineVersion: "test", reuse: true).result()
        let city = demo.city
        // The slot values the charts show are read here, as the jobs and `pems evidence` read them.
        let days = try EvidenceDay.read(store: ws.store, registry: result.registry, settings: result.settings,
                                        wanted: EvidencePack.wanted(result.events, result: result))
        evidence = EvidencePack(result: result, events: result.events, days: days)
        truthCSV = try String(contentsOf: city.appendingPathComponent("ground_truth.csv"), encoding: .utf8)
        pointsCSV = try String(contentsOf: city.appendingPathComponent("registry/points.csv"), encoding: .utf8)
    }
}
