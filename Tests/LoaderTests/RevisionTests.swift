import Foundation
import Testing
@testable import Loader
@testable import PEMSCore

/// SPEC §3.3, §13.35 (seed 001 §4.2 "原始数据暂不允许修约"): every reading a later load
/// replaces with another value leaves a `revisions` row, in load order, never deleted.
@Suite struct RevisionTests {
    static let header = "time,mn,code,param,value,flag"
    static let mn = Packet.mn   // E001's collector: pg1001 (production), 100000 (total), i33101 (sensor)

    func csv(_ ws: TestWorkspace, _ name: String, _ rows: [String]) throws -> String {
        try ws.write(name, [Self.header] + rows.map { "2024-07-08 09:00,\(Self.mn),\($0)" }, lineEnd: "\n")
    }

    func storedRevisions(_ ws: TestWorkspace) throws -> [RevisionRecord] {
        try ws.store.revisions(from: Day("2024-07-08")!, to: Day("2024-07-08")!)
    }

    @Test func aReadingReplacedTwiceLeavesTwoRevisions() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        let a = try csv(ws, "a.csv", ["pg1001,Pt,43.98,N"])
        let b = try csv(ws, "b.csv", ["pg1001,Pt,43.14,N"])
        let c = try csv(ws, "c.csv", ["pg1001,Pt,43.69,N"])
        for f in [a, b, c] { _ = try ws.loader().load(files: [f]) }
        let r = try storedRevisions(ws)
        #expect(r.map(\.oldValue) == [43.98, 43.14] && r.map(\.newValue) == [43.14, 43.69])
        #expect(r.map(\.filePath) == [b, c])
        #expect(r.allSatisfy { $0.time == Timestamp("2024-07-08 09:00:00")! && $0.mn == Self.mn && $0.code == "pg1001" && $0.param == "Pt" })
        #expect(r[0].loadOrder < r[1].loadOrder)
        #expect(try ws.series(mn: Self.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.values == [43.69])
    }

    @Test func aReadingReplacedTwiceInsideOneFileLeavesTwoRevisionsInLineOrder() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        let f = try csv(ws, "one.csv", ["pg1001,Pt,43.98,N", "pg1001,Pt,43.14,N", "pg1001,Pt,43.69,N"])
        _ = try ws.loader().load(files: [f])
        let r = try storedRevisions(ws)
        #expect(r.map(\.oldValue) == [43.98, 43.14] && r.map(\.newValue) == [43.14, 43.69])
    }

    @Test func aStoredReadingReplacedTwiceInOneLaterBatchLeavesThreeRevisions() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        _ = try ws.loader().load(files: [try csv(ws, "a.csv", ["pg1001,Pt,10,N"])])
        // One batch: 11 replaces the stored 10, then 12 replaces 11 (flag change on the way).
        _ = try ws.loader().load(files: [try csv(ws, "b.csv", ["pg1001,Pt,11,N", "pg1001,Pt,11,F", "pg1001,Pt,12,F"])])
        let r = try storedRevisions(ws)
        #expect(r.map(\.oldValue) == [10, 11] && r.map(\.newValue) == [11, 12])
        #expect(r.map(\.oldFlag) == ["N", "F"] && r.map(\.newFlag) == ["N", "F"])
    }

    @Test func aReloadWithTheSameValueAndAnotherFlagLeavesNoRevision() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        _ = try ws.loader().load(files: [try csv(ws, "a.csv", ["pg1001,Pt,41.50,N"])])
        _ = try ws.loader().load(files: [try csv(ws, "b.csv", ["pg1001,Pt,41.5,F"])])
        #expect(try storedRevisions(ws).isEmpty)
        // The flag is replaced all the same.
        #expect(try ws.series(mn: Self.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.flags == [UInt8(ascii: "F")])
    }

    @Test func anExactDuplicateLeavesNoRevision() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        let f = try csv(ws, "a.csv", ["pg1001,Pt,7.25,N", "pg1001,Pt,7.25,N"])
        let g = try csv(ws, "b.csv", ["pg1001,Pt,7.250,N", "pg1001,Ept,100,N"])
        let c = LoadSummary(files: try ws.loader().load(files: [f, g]), seconds: 0).total
        #expect(c.duplicates == 2 && c.conflicts == 0)
        #expect(try ws.store.revisionCount() == 0)
    }

    @Test func aLaterLoadNeverDeletesARevision() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        let a = try csv(ws, "a.csv", ["pg1001,Pt,1,N"])
        let b = try csv(ws, "b.csv", ["pg1001,Pt,2,N"])
        _ = try ws.loader().load(files: [a, b])
        #expect(try ws.store.revisionCount() == 1)
        // The same file again (skipped), a file that puts the old value back, another series.
        _ = try ws.loader().load(files: [b])
        _ = try ws.loader().load(files: [try csv(ws, "c.csv", ["pg1001,Pt,1,N", "pg2001,Pt,5,N"])])
        let r = try storedRevisions(ws)
        #expect(r.map(\.oldValue) == [1, 2] && r.map(\.newValue) == [2, 1])
        // No code path removes or rewrites a revision.
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        var found: [String] = []
        for case let url as URL in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8).uppercased()
            for bad in ["DELETE FROM REVISIONS", "UPDATE REVISIONS", "DROP TABLE REVISIONS", "INSERT OR REPLACE INTO REVISIONS"]
            where text.contains(bad) { found.append("\(url.lastPathComponent): \(bad)") }
        }
        #expect(found.isEmpty, "\(found)")
    }

    @Test func revisionsNameTheParameterAsTheSpecDoes() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        let t = "20240708090000"
        let first = try ws.write("a.log", [
            Packet.frame(Packet.segment(time: t, "i33101-Rtd=1.5,i33101-Flag=N;100000-Pa=10,100000-Flag=N")),
            Packet.frame(Packet.segment(cn: 2061, time: t, "pg1001-Avg=44.5")),
        ])
        let second = try ws.write("b.log", [
            Packet.frame(Packet.segment(time: t, "i33101-Rtd=1.75,i33101-Flag=N;100000-Pa=10.5,100000-Flag=N")),
            Packet.frame(Packet.segment(cn: 2061, time: t, "pg1001-Avg=45")),
        ])
        _ = try ws.loader().load(files: [first])
        _ = try ws.loader().load(files: [second])
        let r = try storedRevisions(ws)
        // SPEC §12 key order: mn, code, param, time, then load order.
        #expect(r.map { "\($0.code) \($0.param) \($0.oldValue)→\($0.newValue)" }
                == ["100000 Pa 10.0→10.5", "i33101 Rtd 1.5→1.75", "pg1001 Pt-Hour 44.5→45.0"])
        #expect(r.allSatisfy { $0.filePath == second && $0.loadedAt.day == Store.now().day })
    }

    @Test func keptAsideLinesBroughtInLeaveRevisionsInTheOrderTheyWereLoaded() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        // pg7001 is not in the registry yet: both files keep its value aside (SPEC §13.37).
        let a = try ws.write("a.log", [Packet.frame(Packet.segment(time: "20240708090000", "pg7001-Pt=3.0,pg7001-Flag=N"))])
        let b = try ws.write("b.log", [Packet.frame(Packet.segment(time: "20240708090000", "pg7001-Pt=3.5,pg7001-Flag=N"))])
        _ = try ws.loader().load(files: [a])
        _ = try ws.loader().load(files: [b])
        #expect(try ws.store.revisionCount() == 0)
        let v2 = try RegistryVariant(in: ws.dir)
        try v2.append("points.csv", ["E001-pg7001,E001,\(Self.mn),pg7001,production,E001-P2,新设备,10.0,,,,"])
        try ws.importRegistry(v2.path)
        let r = try storedRevisions(ws)
        #expect(r.map { "\($0.code) \($0.oldValue)→\($0.newValue)" } == ["pg7001 3.0→3.5"])
        #expect(r.first?.filePath.hasPrefix("(kept aside: 2 lines") == true, "\(r)")
        #expect(try ws.series(mn: Self.mn, code: "pg7001", day: "2024-07-08", param: "Pt")?.values == [3.5])
    }
}
