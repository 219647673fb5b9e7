import Foundation
import HJ212
import Testing
@testable import Loader
@testable import PEMSCore

/// SPEC §13.38 in the loader: packet lines that start with their receive time load as the
/// packets they carry, a malformed receive time is a rejected line, and the receive lags of
/// CN 2011 lines add up per channel-day over files loaded separately.
@Suite struct ReceiveTimeLoadingTests {
    let ws: TestWorkspace
    init() throws {
        ws = try TestWorkspace()
        try ws.importConformanceRegistry()
    }

    /// A framed packet of E001 at `time`, after `received` and one space when given.
    static func line(_ received: String?, _ time: String, qn: String? = nil, cn: Int = 2011, _ fields: String) -> String {
        let packet = Packet.frame(Packet.segment(cn: cn, time: time, qn: qn, fields))
        return received.map { $0 + " " + packet } ?? packet
    }

    func lags(_ code: String, _ day: String = "2024-07-08") throws -> ReceiveLags? {
        try ws.store.receiveLags(on: Day(day)!).first { $0.channel == ChannelKey(mn: Packet.mn, code: code) }?.lags
    }

    func bins(_ code: String) throws -> [Int: Int] {
        Dictionary(uniqueKeysWithValues: try lags(code)?.bins.map { ($0.lagSeconds, $0.lines) } ?? [])
    }

    @Test func aPrefixedLineLoadsTheSameReadingsAsTheUnprefixedOne() throws {
        let packets = [("20240708090000", "pg1001-Pt=12.5,pg1001-Ept=100.25,pg1001-Flag=N;411011-Pt=3.0"),
                       ("20240708090100", "pg1001-Pt=13.75,pg1001-Ept=100.5,pg1001-Flag=D;411011-Pt=3.5")]
        let other = try TestWorkspace()
        try other.importConformanceRegistry()
        let plain = try other.write("plain.log", packets.map { Self.line(nil, $0.0, $0.1) })
        let prefixed = try ws.write("prefixed.log", packets.map { Self.line("2024-07-08 09:00:02.500", $0.0, $0.1) })
        let a = try other.loader().load(files: [plain])[0].counters
        let b = try ws.loader().load(files: [prefixed])[0].counters
        #expect(a.readings == 6 && b.readings == 6)
        #expect(a.packets == 2 && b.packets == 2)
        #expect(a.rejected.isEmpty && b.rejected.isEmpty)
        for (code, param) in [("pg1001", "Pt"), ("pg1001", "Ept"), ("411011", "Pt")] {
            let x = try other.series(mn: Packet.mn, code: code, day: "2024-07-08", param: param)
            let y = try ws.series(mn: Packet.mn, code: code, day: "2024-07-08", param: param)
            #expect(x != nil && x == y, "\(code)-\(param)")
        }
        #expect(try ws.series(mn: Packet.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.values == [12.5, 13.75])
    }

    @Test func aMalformedReceiveTimeIsRejectedWithItsLineAndTheOtherLinesLoad() throws {
        let f = try ws.write("bad.log", [
            Self.line("2024-07-08 09:00:02.500", "20240708090000", "pg1001-Pt=12.5"),
            Self.line("2024-07-08 09:01:02", "20240708090100", "pg1001-Pt=13.0"),   // no milliseconds
            Self.line(nil, "20240708090200", "pg1001-Pt=14.0"),
        ])
        let r = try ws.loader().load(files: [f])[0]
        #expect(r.counters.rejected == ["bad_receive_time": 1])
        #expect(r.counters.readings == 2)
        let example = try #require(r.examples.first)
        #expect(example.reason == "bad_receive_time" && example.line == 2)
        #expect(example.detail.hasPrefix("the line starts with '2024-07-08 09:01:02 ##0"))
        #expect(try ws.series(mn: Packet.mn, code: "pg1001", day: "2024-07-08", param: "Pt")?.values == [12.5, 14.0])
    }

    @Test func receiveLagsAddUpOverFilesLoadedSeparatelyAndLinesWithAReceiveTimeLeaveQNAside() throws {
        // File 1: three lines received about 30 minutes late; QN is the (re-)send time, 30 min
        // after DataTime, which the QN rule would call skew — lines with a receive time skip it.
        let first = try ws.write("h09.log", [
            Self.line("2024-07-08 09:30:00.400", "20240708090000", qn: "20240708093000000", "pg1001-Pt=1,pg1001-Ept=10;411011-Pt=2"),
            Self.line("2024-07-08 09:31:00.999", "20240708090100", qn: "20240708093100000", "pg1001-Pt=1,pg1001-Ept=11;411011-Pt=2"),
            Self.line("2024-07-08 09:32:01.000", "20240708090200", qn: "20240708093201000", "pg1001-Pt=1,pg1001-Ept=12;411011-Pt=2"),
        ])
        _ = try ws.loader().load(files: [first])
        // Lags 1800, 1800 (milliseconds dropped), 1801; one count per line and channel.
        #expect(try bins("pg1001") == [1800: 2, 1801: 1])
        #expect(try bins("411011") == [1800: 2, 1801: 1])
        #expect(try lags("pg1001")?.doubledMedianSeconds == 3600)
        #expect(try ws.store.db.scalarInt("SELECT count(*) FROM clock_skew") == 0)

        // File 2, loaded on its own: a line re-sent 90 minutes late, one whose DataTime is 14
        // minutes after its receive time, a CN 2051 line (not counted) and a line without a
        // receive time whose QN is 20 minutes off (the QN rule, as before).
        let second = try ws.write("h10.log", [
            Self.line("2024-07-08 10:33:00.000", "20240708090300", "pg1001-Pt=1"),
            Self.line("2024-07-08 08:50:00.000", "20240708090400", "pg1001-Pt=1"),
            Self.line("2024-07-08 09:06:00.000", "20240708090500", cn: 2051, "pg1001-Pt-Avg=1"),
            Self.line(nil, "20240708090600", qn: "20240708092600000", "pg1001-Pt=1"),
        ])
        _ = try ws.loader().load(files: [second])
        let l = try #require(try lags("pg1001"))
        #expect(try bins("pg1001") == [-840: 1, 1800: 2, 1801: 1, 5400: 1])
        #expect(l.lines == 5)
        // Sorted: −840, 1800, 1800, 1801, 5400 → median 1800.
        #expect(l.doubledMedianSeconds == 3600)
        #expect(l.largestAheadSeconds == 840)
        #expect(l.largestLagSeconds == 5400)
        #expect(l.lines(laterThan: 3600) == 1)
        #expect(try bins("411011") == [1800: 2, 1801: 1])
        #expect(try ws.store.db.scalarInt("SELECT max_abs_skew_s FROM clock_skew") == 1200)

        // The first file again under another name: recognised by content, not counted twice.
        let again = try ws.write("h09-resent.log", [String(decoding: try Data(contentsOf: URL(fileURLWithPath: first)), as: UTF8.self)], lineEnd: "")
        #expect(try ws.loader().load(files: [again])[0].status == .skipped)
        #expect(try lags("pg1001")?.lines == 5)
    }

    @Test func receiveLagsAreDatedByDataTime() throws {
        let f = try ws.write("midnight.log", [
            Self.line("2024-07-09 00:00:05.000", "20240708235900", "pg1001-Pt=1"),
            Self.line("2024-07-09 00:00:06.000", "20240709000000", "pg1001-Pt=1"),
        ])
        _ = try ws.loader().load(files: [f])
        #expect(try lags("pg1001", "2024-07-08")?.bins == [ReceiveLags.Bin(lagSeconds: 65, lines: 1)])
        #expect(try lags("pg1001", "2024-07-09")?.bins == [ReceiveLags.Bin(lagSeconds: 6, lines: 1)])
    }
}
