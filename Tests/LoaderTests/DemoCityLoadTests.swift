import DemoCity
import Foundation
import Testing
@testable import Loader
@testable import PEMSCore
import TestSupport

/// The demo city's load-level ground truth, checked by an independent party: the generator
/// counts the faults it wrote; the loader must count exactly the same.
@Suite struct DemoCityLoadTests {
    @Test func everyInjectedLoadFaultOfASmallDemoCityIsCountedExactly() throws {
        // The shared small city: generated and loaded once per test process (`DemoStore`).
        let demo = try DemoStore.shared()
        let m = demo.manifest, city = demo.city
        let ws = try demo.workspace(label: "demo-load")
        let (version, registry) = try ws.store.registry(for: demo.firstDay)
        let loader = DataLoader(store: ws.store, directory: try ChannelDirectory.make(registry: registry, store: ws.store),
                                registryVersion: version.id)
        let files = try InputFiles.expand([city.appendingPathComponent("packets").path, city.appendingPathComponent("readings").path])
        let t = LoadSummary(files: demo.loaded, seconds: 0).total
        #expect(m.badCRC > 0 && m.badLength > 0 && m.conflictReadings > 0 && m.duplicateReadings > 0)
        #expect(t.rejected == ["bad_crc": m.badCRC, "bad_length": m.badLength])
        #expect(t.responses == m.responses)
        #expect(t.unknownMNPackets == m.unknownMNPackets.reduce(0) { $0 + $1.count })
        #expect(t.dropped.isEmpty && t.keptAsideReadings == m.unknownCodeValues)
        #expect(t.duplicates == m.duplicateReadings)
        #expect(t.conflicts == m.conflictReadings)
        #expect(t.packets == m.dataPackets + m.csvReadingRows)
        // The clock-fault packets (QN 30 min off) leave skews over 10 minutes on their day.
        let skewed = try ws.store.db.scalarInt("SELECT count(*) FROM clock_skew WHERE max_abs_skew_s > 600") ?? 0
        #expect((m.clockPackets > 0) == (skewed > 0))
        // Loading everything again changes nothing.
        let again = try loader.load(files: files)
        #expect(again.allSatisfy { $0.status == .skipped })
    }
}
