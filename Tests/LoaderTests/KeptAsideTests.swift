import Foundation
import Testing
@testable import Loader
@testable import PEMSCore

/// SPEC §13.37 and §3.1: readings the registry cannot place yet (an unknown code of a known
/// MN, or an MN not in the registry) are kept aside and counted, and come in when a registry
/// version that knows them is imported — as if loaded at that moment.
@Suite struct KeptAsideTests {
    /// E001's collector (conformance registry) and an MN the registry does not know.
    static let mn = Packet.mn, stranger = "13069999990180"
    static let newPoint = "E001-pg7001,E001,\(mn),pg7001,production,E001-P2,新设备,10.0,,,,"
    static let strangerCollector = "\(stranger),E004"
    static let strangerPoint = "E004-x1001,E004,\(stranger),pg1001,production,E004-P1,外来设备,30.0,,,,"

    static func keptAside(_ store: Store) throws -> [String] {
        try store.db.statement("SELECT line, format, mn, coalesce(codes, '*') FROM kept_aside ORDER BY file_id, line")
            .map { "\($0.int(0)) \($0.text(1)) \($0.text(2)) \($0.text(3))" }
    }

    @Test func valuesOfACodeNotInTheRegistryAreKeptAsideAndCountedNotDropped() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        let f = try ws.write("a.log", [
            Packet.frame(Packet.segment(time: "20240708090000", "pg1001-Pt=12.5;pg7001-Pt=3.0,pg7001-Ept=10.5,pg7001-Flag=N")),
            Packet.frame(Packet.segment(time: "20240708090100", "pg1001-Pt=12.0")),
        ])
        let results = try ws.loader().load(files: [f])
        let c = LoadSummary(files: results, seconds: 0).total
        #expect(c.keptAsideReadings == 2)
        #expect(c.dropped.isEmpty)
        #expect(c.readings == 2)
        #expect(try Self.keptAside(ws.store) == ["1 hj212 \(Self.mn) pg7001"])
        #expect(try ws.store.db.scalarInt("SELECT kept_aside_readings FROM files") == 2)
        let text = LoadSummary(files: results, seconds: 0).text()
        #expect(text.contains("2 readings kept aside (unknown code)"), "\(text)")
    }

    @Test func aNewRegistryVersionBringsTheKeptAsideValuesInAsANewLoad() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        let f = try ws.write("a.log", [
            Packet.frame(Packet.segment(time: "20240708090000", "pg1001-Pt=12.5;pg7001-Pt=3.0,pg7001-Ept=10.5,pg7001-Flag=D")),
            Packet.frame(Packet.segment(time: "20240709090000", "pg7001-Pt=4.0;zz0001-Pt=1")),
        ])
        _ = try ws.loader().load(files: [f])
        #expect(try ws.series(mn: Self.mn, code: "pg7001", day: "2024-07-08", param: "Pt") == nil)
        let days = (Day("2024-07-08")!, Day("2024-07-10")!)
        let before = try ws.store.dayInputFingerprints(from: days.0, to: days.1)
        let v2 = try RegistryVariant(in: ws.dir)
        try v2.append("points.csv", [Self.newPoint])
        let outcome = try ws.importRegistry(v2.path)
        // The days the replay brought data for read differently now (late data for the jobs).
        let after = try ws.store.dayInputFingerprints(from: days.0, to: days.1)
        #expect(after.keys.sorted().filter { after[$0] != before[$0] }.map(\.description) == ["2024-07-08", "2024-07-09"])
        let D = UInt8(ascii: "D")
        #expect(try ws.series(mn: Self.mn, code: "pg7001", day: "2024-07-08", param: "Pt")?.values == [3.0])
        #expect(try ws.series(mn: Self.mn, code: "pg7001", day: "2024-07-08", param: "Pt")?.flags == [D])
        #expect(try ws.series(mn: Self.mn, code: "pg7001", day: "2024-07-08", param: "Ept")?.values == [10.5])
        #expect(try ws.series(mn: Self.mn, code: "pg7001", day: "2024-07-09", param: "Pt")?.values == [4.0])
        // zz0001 is still unknown: line 2 stays aside with that code only.
        #expect(try Self.keptAside(ws.store) == ["2 hj212 \(Self.mn) zz0001"])
        // The replay is a load of its own in the file ledger, with the days it brought data for.
        let entries = try ws.store.db.statement("SELECT format, readings, registry_version FROM files ORDER BY file_id")
            .map { "\($0.text(0)) \($0.int(1)) \($0.int(2))" }
        #expect(entries == ["hj212 1 1", "kept_aside 3 \(outcome.version.id)"])
        let fileDays = try ws.store.db.statement("SELECT day, readings FROM file_days WHERE file_id = 2 ORDER BY day")
            .map { "\(Day(index: $0.int(0))) \($0.int(1))" }
        #expect(fileDays == ["2024-07-08 2", "2024-07-09 1"])
        let brought = try #require(outcome.broughtIn)
        #expect(brought.readings == 3 && brought.files == 1 && brought.lines == 2 && brought.stillAside == 1)
        #expect(brought.summary == "registry v\(outcome.version.id): 3 readings kept aside brought in from 1 file; 1 line still kept aside")
    }

    @Test func theReplayLoadsOnlyTheValuesSetAsideSoALaterCorrectionStays() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        let first = try ws.write("1.log", [Packet.frame(Packet.segment(time: "20240708090000", "pg1001-Pt=12.5;pg7001-Pt=3.0"))])
        let correction = try ws.write("2.log", [Packet.frame(Packet.segment(time: "20240708090000", "pg1001-Pt=13.75"))])
        _ = try ws.loader().load(files: [first])
        _ = try ws.loader().load(files: [correction])
        #expect(try ws.series(mn: Self.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.values == [13.75])
        let v2 = try RegistryVariant(in: ws.dir)
        try v2.append("points.csv", [Self.newPoint])
        try ws.importRegistry(v2.path)
        #expect(try ws.series(mn: Self.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.values == [13.75])
        #expect(try ws.series(mn: Self.mn, code: "pg7001", day: "2024-07-08", param: "Pt")?.values == [3.0])
        #expect(try ws.store.db.scalarInt("SELECT conflicts FROM files WHERE format = 'kept_aside'") == 0)
    }

    @Test func packetsOfAnUnknownMNComeInWhenARegistryAddsTheMNLikeAFreshLoad() throws {
        let lines = [
            Packet.frame(Packet.segment(mn: Self.stranger, time: "20240710100000", "pg1001-Pt=45.00,pg1001-Ept=5420.00,pg1001-Flag=N;zz0001-Pt=1")),
            Packet.frame(Packet.segment(time: "20240710100000", "pg1001-Pt=12.5")),
            Packet.frame(Packet.segment(mn: Self.stranger, time: "20240710100100", "pg1001-Pt=46.00,pg1001-Ept=5420.70")),
        ]
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        let f = try ws.write("a.log", lines)
        let c = LoadSummary(files: try ws.loader().load(files: [f]), seconds: 0).total
        #expect(c.unknownMNPackets == 2)
        #expect(try Self.keptAside(ws.store) == ["1 hj212 \(Self.stranger) *", "3 hj212 \(Self.stranger) *"])
        let v2 = try RegistryVariant(in: ws.dir)
        try v2.append("collectors.csv", [Self.strangerCollector])
        try v2.append("points.csv", [Self.strangerPoint])
        try ws.importRegistry(v2.path)
        #expect(try ws.series(mn: Self.stranger, code: "pg1001", day: "2024-07-10", param: "Pt")?.values == [45, 46])
        // The MN is known now; its packets no longer count as unknown, and the code the
        // registry still lacks stays aside.
        #expect(try Self.keptAside(ws.store) == ["1 hj212 \(Self.stranger) zz0001"])

        // Identical to a store that knew the MN before loading.
        let clean = try TestWorkspace()
        try clean.importRegistry(v2.path)
        _ = try clean.loader().load(files: [try clean.write("a.log", lines)])
        #expect(try StoreContents(ws.store) == StoreContents(clean.store))
        #expect(try Self.keptAside(clean.store) == ["1 hj212 \(Self.stranger) zz0001"])
    }

    @Test func csvRowsOfAnUnknownCodeOrMNAreKeptAsideAndComeInLikeAFreshLoad() throws {
        let rows = [
            "mn,time,code,param,value,flag",
            "\(Self.mn),2024-07-08 09:00,pg1001,Pt,12.5,N",
            "\(Self.mn),2024-07-08 09:00,pg7001,Pt,3.0,N",
            "\(Self.stranger),2024-07-08 09:00,pg1001,Pt,45,N",
            "\(Self.mn),2024-07-08 09:01,pg7001,Pt,3.5,D",
            "\(Self.stranger),2024-07-08 09:01,zz0001,Pt,1,N",
        ]
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        let c = LoadSummary(files: try ws.loader().load(files: [try ws.write("r.csv", rows)]), seconds: 0).total
        #expect(c.readings == 1 && c.keptAsideReadings == 2 && c.unknownMNPackets == 2)
        #expect(try Self.keptAside(ws.store) == ["3 csv \(Self.mn) pg7001", "4 csv \(Self.stranger) *",
                                               "5 csv \(Self.mn) pg7001", "6 csv \(Self.stranger) *"])
        let v2 = try RegistryVariant(in: ws.dir)
        try v2.append("points.csv", [Self.newPoint, Self.strangerPoint])
        try v2.append("collectors.csv", [Self.strangerCollector])
        try ws.importRegistry(v2.path)
        #expect(try ws.series(mn: Self.mn, code: "pg7001", day: "2024-07-08", param: "Pt")?.values == [3.0, 3.5])
        #expect(try ws.series(mn: Self.stranger, code: "pg1001", day: "2024-07-08", param: "Pt")?.values == [45])
        #expect(try Self.keptAside(ws.store) == ["6 csv \(Self.stranger) zz0001"])

        let clean = try TestWorkspace()
        try clean.importRegistry(v2.path)
        _ = try clean.loader().load(files: [try clean.write("r.csv", rows)])
        #expect(try StoreContents(ws.store) == StoreContents(clean.store))
        #expect(try Self.keptAside(clean.store) == ["6 csv \(Self.stranger) zz0001"])
    }

    @Test func keptAsideLinesComeInInLoadOrderSoTheLaterOfTwoResendsWins() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        let a = try ws.write("1.log", [Packet.frame(Packet.segment(time: "20240708090000", "pg7001-Pt=3.0"))])
        let b = try ws.write("2.log", [Packet.frame(Packet.segment(time: "20240708090000", "pg7001-Pt=4.0")),
                                       Packet.frame(Packet.segment(time: "20240708090000", "pg7001-Pt=5.0"))])
        _ = try ws.loader().load(files: [b])   // loaded first, although named later
        _ = try ws.loader().load(files: [a])
        let v2 = try RegistryVariant(in: ws.dir)
        try v2.append("points.csv", [Self.newPoint])
        try ws.importRegistry(v2.path)
        #expect(try ws.series(mn: Self.mn, code: "pg7001", day: "2024-07-08", param: "Pt")?.values == [3.0])
        #expect(try ws.store.db.scalarInt("SELECT conflicts FROM files WHERE format = 'kept_aside'") == 2)
    }

    @Test func aLoadBringsInWhatTheRegistryInForceTodayKnowsBeforeItsFiles() throws {
        // A version effective later than the data's load: the import brings the lines in at
        // once; a store upgraded from parked packets brings them in at its next load.
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        _ = try ws.loader().load(files: [try ws.write("a.log", [Packet.frame(Packet.segment(time: "20240708090000", "pg7001-Pt=3.0"))])])
        // Simulate a line kept aside whose code the current registry knows (an old store).
        try ws.store.db.run("UPDATE kept_aside SET codes = 'pg1001', raw = ?",
                            [Array(Packet.frame(Packet.segment(time: "20240708090500", "pg1001-Pt=9.5")).utf8)])
        let loader = try ws.loader()
        _ = try loader.load(files: [try ws.write("b.log", [Packet.frame(Packet.segment(time: "20240708091000", "pg1001-Pt=8.5"))])])
        #expect(try ws.series(mn: Self.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.values == [9.5, 8.5])
        #expect(loader.broughtIn?.readings == 1)
        #expect(try Self.keptAside(ws.store).isEmpty)
    }

    @Test func parkedPacketsOfAnOlderStoreAreKeptAsideAfterTheMigrationAndComeInWithTheRegistry() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pems-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("old.db").path
        let raw = Packet.frame(Packet.segment(mn: Self.stranger, time: "20240710100000", "pg1001-Pt=45.00"))
        do {   // a schema 6 store holding one parked packet
            let db = try Database(path: path)
            for m in Schema.migrations where m.version <= 6 { try db.execute(m.sql) }
            try db.execute("PRAGMA user_version = 6")
            try db.run("""
                INSERT INTO files(sha256, path, format, bytes, loaded_at, lines, packets, readings, rejected_lines, dropped_values,
                                  duplicates, conflicts, unknown_mn_packets, responses, crc_warnings, versions)
                VALUES ('x', 'a.log', 'hj212', 1, '2024-07-10 12:00:00', 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, '')
                """)
            try db.run("INSERT INTO parked_packets(file_id, line, mn, day, raw) VALUES (1, 7, ?, ?, ?)",
                       [Self.stranger, Day("2024-07-10")!.index, Array(raw.utf8)])
            try db.run("INSERT INTO unknown_mn(mn, day, packets) VALUES (?, ?, 1)", [Self.stranger, Day("2024-07-10")!.index])
        }
        let store = try Store(path: path)
        #expect(try store.schemaVersion() == Schema.currentVersion)   // migrated from 6 to the newest
        #expect(try Self.keptAside(store) == ["7 hj212 \(Self.stranger) *"])
        let v2 = try RegistryVariant(in: dir)
        try v2.append("collectors.csv", [Self.strangerCollector])
        try v2.append("points.csv", [Self.strangerPoint])
        guard case .success(let o) = try RegistryImporter.importDirectory(v2.path, into: store, effectiveFrom: Day("2024-07-01")!) else {
            Issue.record("registry refused"); return
        }
        #expect(o.broughtIn?.readings == 1)
        #expect(try Self.keptAside(store).isEmpty)
        #expect(try store.db.scalarInt("SELECT count(*) FROM unknown_mn") == 0)
    }
}
