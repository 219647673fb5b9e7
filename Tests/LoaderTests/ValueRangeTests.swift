import Foundation
import Testing
@testable import Loader
@testable import PEMSCore

/// SPEC §13.36: a value that is not finite, or whose magnitude exceeds `load.max_abs_value`
/// (default 1e10), is rejected on its own as `value_out_of_range`, counted with its file and
/// line; the packet's other values load as usual.
@Suite struct ValueRangeTests {
    let ws: TestWorkspace
    init() throws {
        ws = try TestWorkspace()
        try ws.importConformanceRegistry()
    }

    @Test func aHugePacketValueIsRejectedAloneWithItsLineAndThePacketsOtherValueLoads() throws {
        let f = try ws.write("huge.log", [
            Packet.frame(Packet.segment(time: "20240708090000", "pg1001-Pt=12.5,pg1001-Flag=N")),
            Packet.frame(Packet.segment(time: "20240708090100", "pg1001-Pt=1e300,pg1001-Flag=N;pg2001-Pt=3.25,pg2001-Flag=N")),
        ])
        let result = try #require(try ws.loader().load(files: [f]).first)
        let c = result.counters
        #expect(c.dropped == ["value_out_of_range": 1])
        // The line was read and its other value loaded: it is a packet, not a rejected line.
        #expect(c.rejected.isEmpty && c.rejectedLines == 0)
        #expect(c.packets == 2 && c.readings == 2)
        #expect(c.packets + c.rejectedLines + c.responses + c.unknownMNPackets == c.lines)
        let example = try #require(result.examples.first { $0.reason == "dropped:value_out_of_range" })
        #expect(example.line == 2)
        #expect(example.detail.contains("pg1001-Pt") && example.detail.contains("1e300"), "\(example.detail)")
        #expect(try ws.series(mn: Packet.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.values == [12.5])
        #expect(try ws.series(mn: Packet.mn, code: "pg2001", day: "2024-07-08", param: "Pt")?.values == [3.25])
        // The ledger keeps the count and the example with the file's line.
        #expect(try ws.store.db.scalarInt("SELECT sum(count) FROM rejects WHERE reason = 'dropped:value_out_of_range'") == 1)
        #expect(try ws.store.db.scalarInt("SELECT line FROM reject_examples WHERE reason = 'dropped:value_out_of_range'") == 2)
    }

    @Test func aPlainDecimalAboveTheLimitIsRejectedAndOneAtTheLimitLoads() throws {
        // Plain decimals take the exact fast path (no exponent), which must check the limit too.
        let f = try ws.write("limit.log", [
            Packet.frame(Packet.segment(time: "20240708090000", "pg1001-Pt=10000000000;pg2001-Pt=-10000000000")),
            Packet.frame(Packet.segment(time: "20240708090100", "pg1001-Pt=10000000000.5;pg2001-Pt=-12345678901")),
        ])
        let c = try #require(try ws.loader().load(files: [f]).first).counters
        #expect(c.dropped == ["value_out_of_range": 2])
        #expect(c.readings == 2 && c.rejectedLines == 0)
        #expect(try ws.series(mn: Packet.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.values == [1e10])
        #expect(try ws.series(mn: Packet.mn, code: "pg2001", day: "2024-07-08", param: "Pt")?.values == [-1e10])
    }

    @Test func csvRowsWithHugeInfiniteOrNaNValuesAreRejectedWithTheirLines() throws {
        let f = try ws.write("r.csv", [
            "time,mn,code,param,value,flag",
            "2024-07-08 09:00,13060200010180,pg1001,Pt,1e300,N",
            "2024-07-08 09:01,13060200010180,pg1001,Pt,inf,N",
            "2024-07-08 09:02,13060200010180,pg1001,Pt,nan,N",
            "2024-07-08 09:03,13060200010180,pg1001,Pt,-1e11,N",
            "2024-07-08 09:04,13060200010180,pg1001,Pt,1e400,N",
            "2024-07-08 09:05,13060200010180,pg1001,Pt,12.5,N",
            "2024-07-08 09:06,13060200010180,pg1001,Pt,x,N",
        ])
        let result = try #require(try ws.loader().load(files: [f]).first)
        let c = result.counters
        // A CSV row is one value: the row is rejected.
        #expect(c.rejected == ["value_out_of_range": 5, "bad_value": 1])
        #expect(c.readings == 1 && c.dropped.isEmpty)
        #expect(result.examples.filter { $0.reason == "value_out_of_range" }.map(\.line) == [2, 3, 4, 5, 6])
        #expect(result.examples.first { $0.line == 3 }?.detail.contains("'inf'") == true)
        #expect(try ws.series(mn: Packet.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.values == [12.5])
    }
}

/// The limit comes from the settings into every loader the tool builds.
@Suite struct ValueRangeSettingTests {
    @Test func aLowerLimitFromTheSettingsRejectsWhatTheDefaultWouldLoad() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        var settings = Settings()
        settings.loadMaxAbsValue = 100
        settings.crcPolicy = .warn
        let options = LoadOptions(settings: settings)
        #expect(options.maxAbsValue == 100 && options.crcPolicy == .warn)
        #expect(LoadOptions().maxAbsValue == 1e10)
        let (version, registry) = try ws.store.registry(for: Day("2024-07-01")!)
        let loader = DataLoader(store: ws.store, directory: try ChannelDirectory.make(registry: registry, store: ws.store),
                                registryVersion: version.id, options: options)
        let f = try ws.write("r.csv", [
            "time,mn,code,param,value",
            "2024-07-08 09:00,13060200010180,pg1001,Pt,150",
            "2024-07-08 09:01,13060200010180,pg1001,Pt,-100",
            "2024-07-08 09:02,13060200010180,pg1001,Pt,100.01",
        ])
        let result = try #require(try loader.load(files: [f]).first)
        #expect(result.counters.rejected == ["value_out_of_range": 2])
        #expect(result.examples.map(\.line) == [2, 4])
        #expect(result.examples.first?.detail == "pg1001-Pt = '150' is not finite or beyond ±100 (load.max_abs_value)")
        #expect(try ws.series(mn: Packet.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.values == [-100])
    }
}
