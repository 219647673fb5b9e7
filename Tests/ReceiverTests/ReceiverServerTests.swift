import Foundation
import HJ212
import Logging
@testable import Receiver
import Testing

/// `pems receive` over loopback (issue 19): lines into the inbox with their receive time,
/// answers only once a line is on disk and only when asked, the limits, and the crash handover.
@Suite(.serialized) struct ReceiverServerTests {
    static func packet(qn: String, mn: String = "MN1", flag: Int = 5, minute: Int = 0) -> String {
        let t = "20260601" + String(format: "%02d%02d00", 8 + minute / 60, minute % 60)
        return Frame.encode(segment: "QN=\(qn);ST=32;CN=2011;PW=123456;MN=\(mn);Flag=\(flag);CP=&&DataTime=\(t);e101-Rtd=\(minute).5&&")
    }

    static func inbox(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pems-receive-\(name)-\(getpid())", isDirectory: true)
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func server(_ inbox: URL, _ change: (inout ReceiverLimits) -> Void = { _ in }) throws -> ReceiverServer {
        var limits = ReceiverLimits()
        limits.commitInterval = 0.005
        change(&limits)
        let s = try ReceiverServer(inbox: inbox, limits: limits, logger: Logger(label: "test.receive"))
        try s.start(host: "127.0.0.1", port: 0)
        return s
    }

    /// Every `.log` file's lines, the receive time prefix checked and removed, in file order.
    static func received(_ inbox: URL) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: inbox.path).filter { $0.hasSuffix(".log") }.sorted()
        var out: [String] = []
        for n in names {
            let text = try String(contentsOf: inbox.appendingPathComponent(n), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let prefix = line.prefix(24)
                #expect(prefix.count == 24 && prefix.last == " ", "no receive time: \(line)")
                #expect(prefix.dropLast().range(of: #"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$"#, options: .regularExpression) != nil)
                out.append(String(line.dropFirst(24)))
            }
        }
        return out
    }

    @Test func packetsInOneWriteAndAcrossWritesAreStoredAndAnsweredInOrder() throws {
        let inbox = try Self.inbox("order")
        let server = try Self.server(inbox)
        let a = Self.packet(qn: "20260601080000001"), b = Self.packet(qn: "20260601080100002", minute: 1)
        let c = Self.packet(qn: "20260601080200003", minute: 2), noAnswer = Self.packet(qn: "20260601080300004", flag: 4, minute: 3)
        let client = try TestClient(port: server.port)
        let all = a + "\r\n" + b + "\r\n" + noAnswer + "\r\n" + c + "\r\n"
        let cut = all.utf8.count - 20
        try client.send(Array(all.utf8.prefix(cut)))
        Thread.sleep(forTimeInterval: 0.05)
        try client.send(Array(all.utf8.dropFirst(cut)))
        let answers = client.readLines(3)
        let expected = [a, b, c].compactMap { DataAnswer.frame(for: Array($0.utf8)) }.map { String(decoding: $0.dropLast(2), as: UTF8.self) }
        #expect(answers == expected)
        #expect(answers.count == 3)
        #expect(answers.first?.contains("QN=20260601080000001;ST=91;CN=9014;") == true)
        server.stop()
        #expect(try Self.received(inbox) == [a, b, noAnswer, c])
        // The hour's file was handed over under its final name, no .part left.
        let names = try FileManager.default.contentsOfDirectory(atPath: inbox.path).filter { !$0.hasPrefix(".") }
        #expect(names.count == 1 && names.first?.hasPrefix("hj212-") == true && names.first?.hasSuffix(".log") == true)
    }

    @Test func aDamagedPacketIsStoredButNotAnsweredAndAHalfSentLineIsNotStored() throws {
        let inbox = try Self.inbox("damaged")
        let server = try Self.server(inbox)
        let good = Self.packet(qn: "20260601080000001")
        var damaged = Self.packet(qn: "20260601080100002", minute: 1)
        damaged.removeLast()
        damaged += damaged.hasSuffix("0") ? "1" : "0"
        do {
            let client = try TestClient(port: server.port)
            try client.send(damaged + "\r\n" + good + "\r\n" + String(good.prefix(30)))
            let answers = client.readLines(1)
            #expect(answers.count == 1)
            #expect(answers.first?.contains("QN=20260601080000001;") == true)
        }
        Thread.sleep(forTimeInterval: 0.1)
        server.stop()
        #expect(try Self.received(inbox) == [damaged, good])
    }

    @Test func clientsThatSendTooMuchTooSlowlyOrGarbageAreDropped() throws {
        let inbox = try Self.inbox("limits")
        let server = try Self.server(inbox) {
            $0.maxLineBytes = 200
            $0.lineTimeout = 0.3
            $0.maxBadLinesInARow = 3
        }
        defer { server.stop() }
        // An over-long line is dropped when its end comes; the client keeps its connection.
        let long = try TestClient(port: server.port)
        try long.send(String(repeating: "x", count: 5000) + "\r\n" + Self.packet(qn: "20260601080000009") + "\r\n")
        #expect(long.readLines(1).first?.contains("QN=20260601080000009;") == true)
        let slow = try TestClient(port: server.port)
        try slow.send(String(Self.packet(qn: "20260601080000001").prefix(10)))
        let garbage = try TestClient(port: server.port)
        try garbage.send("junk\r\nmore junk\r\neven more\r\n")
        #expect(slow.closedByPeer())
        #expect(garbage.closedByPeer())
        // A well-behaved client is still served.
        let good = try TestClient(port: server.port)
        try good.send(Self.packet(qn: "20260601080000002") + "\r\n")
        #expect(good.readLines(1).first?.contains("QN=20260601080000002;") == true)
    }

    @Test func aFileLeftByACrashIsHandedOverWithoutItsUnfinishedLine() throws {
        let inbox = try Self.inbox("crash")
        let whole = "2026-06-01 08:00:00.123 " + Self.packet(qn: "20260601080000001") + "\n"
        let part = inbox.appendingPathComponent("hj212-20260601-08.log.part")
        try Data((whole + "2026-06-01 08:00:01.000 ##0101QN=2026").utf8).write(to: part)
        let server = try Self.server(inbox)
        server.stop()
        #expect(!FileManager.default.fileExists(atPath: part.path))
        let handed = inbox.appendingPathComponent("hj212-20260601-08.log")
        #expect(try String(contentsOf: handed, encoding: .utf8) == whole)
    }

    @Test func aPacketSentAgainIsAnsweredButWrittenOnceAlsoAfterARestart() throws {
        let inbox = try Self.inbox("again")
        let a = Self.packet(qn: "20260601080000001"), b = Self.packet(qn: "20260601080100002", minute: 1)
        let bad = "not a packet"
        var server = try Self.server(inbox)
        do {
            let client = try TestClient(port: server.port)
            try client.send(a + "\r\n" + bad + "\r\n" + a + "\r\n" + bad + "\r\n")
            #expect(client.readLines(2).count == 2)
        }
        server.stop()
        // A new run reads back what the last one wrote.
        server = try Self.server(inbox)
        do {
            let client = try TestClient(port: server.port)
            try client.send(a + "\r\n" + b + "\r\n")
            let answers = client.readLines(2)
            #expect(answers.count == 2)
            #expect(answers.last?.contains("QN=20260601080100002;") == true)
        }
        server.stop()
        // The packet once; a line that is no packet as often as it came.
        #expect(try Self.received(inbox) == [a, bad, bad, b])
    }

    /// The handover reads a crash file from its end only: the last line end is found also when
    /// it lies more than one 64 KB step back, and a file with none is cut to nothing.
    @Test func theLastLineEndIsFoundFromTheEndOfALargeFile() throws {
        let dir = try Self.inbox("tail")
        let url = dir.appendingPathComponent("x.log.part")
        let whole = Array(repeating: Array("2026-06-01 08:00:00.000 ##0010QN=1;CN=1;\n".utf8), count: 5_000).flatMap { $0 }
        let unfinished = [UInt8](repeating: UInt8(ascii: "A"), count: 150_000)
        try Data(whole + unfinished).write(to: url)
        let r = try #require(InboxWriter.lastLineEnd(url))
        #expect(r.size == UInt64(whole.count + unfinished.count) && r.keep == UInt64(whole.count))
        try Data(unfinished).write(to: url)
        #expect(InboxWriter.lastLineEnd(url)?.keep == 0)
        try Data(whole).write(to: url)
        #expect(InboxWriter.lastLineEnd(url)?.keep == UInt64(whole.count))
    }

    @Test func receiveTimesAreCSTWithMilliseconds() {
        // 2026-06-01 00:00:00.000 UTC is 08:00 CST.
        let t = ReceiveInstant(milliseconds: 1_780_272_000_000 + 45_123)
        #expect(t.text == "2026-06-01 08:00:45.123")
        #expect(ReceiveInstant.hourName(t.hour) == "20260601-08")
        let beforeMidnight = ReceiveInstant(milliseconds: 1_780_272_000_000 - 8 * 3_600_000 - 1)
        #expect(beforeMidnight.text == "2026-05-31 23:59:59.999")
    }
}
