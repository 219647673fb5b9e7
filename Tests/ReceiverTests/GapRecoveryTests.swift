import Foundation
import HJ212
import Logging
import PEMSCore
@testable import Receiver
import Testing

/// 补采 (seed 001 §5.5.2; issue 19): the receiver reads the nightly's gap list, asks a
/// connected collector for the missing minute data with CN 2051, matches its CN 9011, data and
/// CN 9012 by QN, logs all of it, and does not ask again for what was answered. The collector
/// here is a plain socket driven by hand (`TestClient`), not the simulator.
@Suite(.serialized) struct GapRecoveryTests {
    static let day = "2026-06-01"

    /// A job out folder holding the day's gap list `csv`.
    static func out(_ name: String, csv: String) throws -> URL {
        let out = try ReceiverServerTests.inbox("gaps-out-\(name)")
        let file = out.appendingPathComponent(GapList.relativePath(day: day))
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(csv.utf8).write(to: file)
        return out
    }

    static func server(_ inbox: URL, out: URL, retryAfter: Double = 600) throws -> ReceiverServer {
        var limits = ReceiverLimits()
        limits.commitInterval = 0.005
        var gaps = GapRecoverySettings(out: out)
        gaps.rescan = 0.1
        gaps.retryAfter = retryAfter
        let s = try ReceiverServer(inbox: inbox, limits: limits, gaps: gaps, logger: Logger(label: "test.gaps"))
        try s.start(host: "127.0.0.1", port: 0)
        return s
    }

    /// The recovery log's events, in order, as dictionaries.
    static func log(_ inbox: URL) throws -> [[String: Any]] {
        let names = try FileManager.default.contentsOfDirectory(atPath: inbox.path).filter { $0.hasPrefix("recovery-") }.sorted()
        return try names.flatMap { n in
            try String(contentsOf: inbox.appendingPathComponent(n), encoding: .utf8).split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
        }
    }

    static func minutePacket(_ hhmm: String, qn: String = "20260602100000000") -> String {
        Frame.encode(segment: "QN=\(qn);ST=32;CN=2051;PW=123456;MN=MN1;Flag=4;CP=&&DataTime=20260601\(hhmm)00;e101-Avg=1.5&&")
    }

    static func reply(_ cn: Int, qn: String, _ cp: String) -> String {
        Frame.encode(segment: "QN=\(qn);ST=91;CN=\(cn);PW=123456;MN=MN1;Flag=4;CP=&&\(cp)&&")
    }

    /// Two points' overlapping runs of MN1 become one window; MN2 is never connected.
    static let list = """
        mn,point_id,enterprise_id,from,to,missing_slots
        MN1,P1,E1,2026-06-01 08:00,2026-06-01 08:30,2
        MN1,P2,E1,2026-06-01 08:15,2026-06-01 08:45,2
        MN2,P9,E2,2026-06-01 09:00,2026-06-01 09:15,1

        """

    @Test func aConnectedCollectorIsAskedForItsWindowAndItsRepliesAreLoggedByQN() throws {
        let inbox = try ReceiverServerTests.inbox("gaps-ask")
        let out = try Self.out("ask", csv: Self.list)
        let server = try Self.server(inbox, out: out)
        let client = try TestClient(port: server.port)
        let live = ReceiverServerTests.packet(qn: "20260602100000001", minute: 200)
        try client.send(live + "\r\n")
        let lines = client.readLines(2)
        try #require(lines.count == 2)
        #expect(lines[0].contains(";CN=9014;"))
        let request = lines[1]
        let parsed = try #require(HistoryRequest.parse(Array(request.utf8)))
        // BeginTime and EndTime both included: 08:00:00 … 08:44:59 (the window ends at 08:45).
        #expect(request == Frame.encode(segment: "QN=\(parsed.qn);ST=32;CN=2051;PW=123456;MN=MN1;Flag=5;CP=&&BeginTime=20260601080000;EndTime=20260601084459&&"))
        #expect(parsed.qn.count == 17)
        let data = [Self.minutePacket("0800"), Self.minutePacket("0844"), Self.minutePacket("0845")]
        try client.send(([Self.reply(9011, qn: parsed.qn, "QnRtn=1")] + data + [Self.reply(9012, qn: parsed.qn, "ExeRtn=1")])
            .map { $0 + "\r\n" }.joined())
        Thread.sleep(forTimeInterval: 0.4)
        server.stop()
        let events = try Self.log(inbox)
        #expect(events.map { $0["event"] as? String } == ["request", "accepted", "done"])
        #expect(events.allSatisfy { $0["mn"] as? String == "MN1" && $0["qn"] as? String == parsed.qn })
        #expect(events.allSatisfy { $0["from"] as? String == "2026-06-01 08:00" && $0["to"] as? String == "2026-06-01 08:45" })
        #expect(events.allSatisfy { $0["list"] as? String == "daily/2026-06-01/gaps-2026-06-01.csv" })
        // 08:00 and 08:44 are in the window; 08:45 is not.
        #expect(events.last?["lines"] as? Int == 2)
        #expect(events.last?["exe_rtn"] as? Int == 1)
        // Every line the collector sent is in the inbox for the nightly, the replies included.
        let received = try ReceiverServerTests.received(inbox)
        #expect(received.filter { $0.contains(";CN=2051;") } == data)
        #expect(received.filter { $0.contains(";CN=901") }.count == 2)
    }

    @Test func aWindowAnsweredBeforeARestartIsNotAskedAgain() throws {
        let inbox = try ReceiverServerTests.inbox("gaps-restart")
        let out = try Self.out("restart", csv: Self.list)
        var server = try Self.server(inbox, out: out)
        var client = try TestClient(port: server.port)
        try client.send(ReceiverServerTests.packet(qn: "20260602100000001", minute: 200) + "\r\n")
        let lines = client.readLines(2)
        let qn = try #require(lines.count == 2 ? HistoryRequest.parse(Array(lines[1].utf8))?.qn : nil)
        try client.send(Self.reply(9011, qn: qn, "QnRtn=1") + "\r\n" + Self.reply(9012, qn: qn, "ExeRtn=100") + "\r\n")
        Thread.sleep(forTimeInterval: 0.3)
        server.stop()
        #expect(try Self.log(inbox).last?["exe_rtn"] as? Int == 100)
        server = try Self.server(inbox, out: out)
        client = try TestClient(port: server.port)
        try client.send(ReceiverServerTests.packet(qn: "20260602100100002", minute: 201) + "\r\n")
        // Only the data answer comes: the window was answered (no data) before the restart.
        #expect(client.readLines(2).count == 1)
        server.stop()
        #expect(try Self.log(inbox).map { $0["event"] as? String } == ["request", "accepted", "done"])
    }

    @Test func aRefusedRequestIsAskedAgainAfterTheWait() throws {
        let inbox = try ReceiverServerTests.inbox("gaps-retry")
        let out = try Self.out("retry", csv: Self.list)
        let server = try Self.server(inbox, out: out, retryAfter: 0.5)
        let client = try TestClient(port: server.port)
        try client.send(ReceiverServerTests.packet(qn: "20260602100000001", minute: 200) + "\r\n")
        let first = client.readLines(2)
        let qn1 = try #require(first.count == 2 ? HistoryRequest.parse(Array(first[1].utf8))?.qn : nil)
        try client.send(Self.reply(9011, qn: qn1, "QnRtn=5") + "\r\n")
        let again = client.readLines(1)
        let second = try #require(again.first.flatMap { HistoryRequest.parse(Array($0.utf8)) })
        #expect(second.qn != qn1)
        #expect(second.cn == 2051 && second.begin == "20260601080000" && second.end == "20260601084459")
        server.stop()
        let events = try Self.log(inbox)
        #expect(events.map { $0["event"] as? String } == ["request", "refused", "request"])
        #expect(events[1]["qn_rtn"] as? Int == 5)
        #expect(events.map { $0["attempt"] as? Int } == [1, nil, 2])
    }

    @Test func theListJoinsEachMNsRunsAndReportsLinesItCannotRead() throws {
        let csv = """
            mn,point_id,enterprise_id,from,to,missing_slots
            MN1,P1,E1,2026-06-01 08:00,2026-06-01 08:30,2
            MN1,P2,E1,2026-06-01 08:30,2026-06-01 09:00,2
            MN1,P1,E1,2026-06-01 10:00,2026-06-01 10:15,1
            MN2,P9,E2,2026-06-01 23:45,2026-06-02 00:15,2
            MN3,P7,E3,yesterday,2026-06-01 09:00,1

            """
        let list = try GapList(name: "x.csv", bytes: Array(csv.utf8))
        func t(_ s: String) throws -> Timestamp { try #require(Timestamp(s)) }
        #expect(list.windows == [
            GapList.Window(mn: "MN1", from: try t("2026-06-01 08:00"), to: try t("2026-06-01 09:00")),
            GapList.Window(mn: "MN1", from: try t("2026-06-01 10:00"), to: try t("2026-06-01 10:15")),
            GapList.Window(mn: "MN2", from: try t("2026-06-01 23:45"), to: try t("2026-06-02 00:15")),
        ])
        #expect(list.windows[2].begin == "20260601234500" && list.windows[2].end == "20260602001459")
        #expect(list.problems.count == 1 && list.problems[0].hasPrefix("x.csv:6: "))
        #expect(throws: GapListError.self) { try GapList(name: "y.csv", bytes: Array("a,b\n1,2\n".utf8)) }
    }

    @Test func theNewestDaysListIsTaken() throws {
        let out = try Self.out("newest", csv: Self.list)
        let later = out.appendingPathComponent(GapList.relativePath(day: "2026-06-02"))
        try FileManager.default.createDirectory(at: later.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("mn,point_id,enterprise_id,from,to,missing_slots\n".utf8).write(to: later)
        // A day folder without a list (a failed run's leftovers would not be there; a stray one).
        try FileManager.default.createDirectory(at: out.appendingPathComponent("daily/2026-06-03"), withIntermediateDirectories: true)
        #expect(GapList.newest(in: out)?.name == "daily/2026-06-02/gaps-2026-06-02.csv")
        #expect(GapList.newest(in: out.appendingPathComponent("missing")) == nil)
    }

    @Test func aRealtimePacketBecomesMinuteDataWithTheNamesTheLoaderReads() throws {
        let realtime = Frame.encode(segment: "QN=20240701000017000;ST=80;CN=2011;PW=123456;MN=M1;Flag=5;CP=&&DataTime=20240701000000;"
                                    + "pg1001-Pt=0.72,pg1001-Ept=474087.42,pg1001-RS=0,pg1001-Flag=N;a00000-Rtd=0.0,a00000-Flag=N&&")
        let minute = try #require(SimulatedCity.minuteData(Array(realtime.utf8)))
        #expect(String(decoding: minute, as: UTF8.self) == Frame.encode(segment:
            "QN=20240701000017000;ST=80;CN=2051;PW=123456;MN=M1;Flag=5;CP=&&DataTime=20240701000000;"
            + "pg1001-Pt-Avg=0.72,pg1001-Ept=474087.42,pg1001-RS=0,pg1001-Flag=N;a00000-Avg=0.0,a00000-Flag=N&&"))
    }

    @Test func theCollectorOfAPacketAndTheRepliesAreRead() throws {
        let line = Array(ReceiverServerTests.packet(qn: "20260602100000001").utf8)
        #expect(HistoryRequest.Collector.of(line) == HistoryRequest.Collector(mn: "MN1", st: "32", pw: "123456", flag: 5))
        let request = try #require(HistoryRequest.parse(Array(Frame.encode(segment:
            "QN=20260602100000009;ST=32;CN=2051;PW=123456;MN=MN1;Flag=5;CP=&&BeginTime=20260601080000;EndTime=20260601084459&&").utf8)))
        let answer = HistoryRequest.reply(to: request, cn: 9011, code: 1)
        #expect(String(decoding: answer, as: UTF8.self)
                == Frame.encode(segment: "QN=20260602100000009;ST=91;CN=9011;PW=123456;MN=MN1;Flag=4;CP=&&QnRtn=1&&") + "\r\n")
        let done = try #require(HistoryRequest.parse(Array(HistoryRequest.reply(to: request, cn: 9012, code: 100).dropLast(2))))
        #expect(done.cn == 9012 && done.returnCode == 100 && done.qn == request.qn)
    }
}
