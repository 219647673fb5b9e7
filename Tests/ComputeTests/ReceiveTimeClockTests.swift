import Accounting
import Foundation
import PEMSCore
import Reports
import TestSupport
import Testing

/// CLOCK by receive time (SPEC §8, §13.38) on the mini city's 2024-07-01: a steady offset
/// raises it, a minority of lines re-sent after an outage does not, a DataTime after its
/// receive time by more than the limit (10 minutes) does; lines without a receive time keep
/// the QN rule (§13.23).
@Suite struct ReceiveTimeClockTests {
    /// A bare CN 2011 segment of M1 (SPEC §3.1) at `dataTime` (`YYYY-MM-DD HH:MM:SS`), QN
    /// `qn` (DataTime when nil), after the receive time `received` and one space when given.
    static func line(_ code: String, _ dataTime: String, received: String?, qn: String? = nil) -> String {
        func compact(_ t: String) -> String { t.filter(\.isNumber) }
        let segment = "QN=\(compact(qn ?? dataTime))000;ST=32;CN=2011;PW=123456;MN=M1;Flag=5;CP=&&DataTime=\(compact(dataTime));\(code)-Pt=1&&"
        return received.map { $0 + " " + segment } ?? segment
    }

    /// `YYYY-MM-DD HH:MM:SS` on 2024-07-01.
    static func at(_ hour: Int, _ minute: Int, _ second: Int = 0) -> String {
        func p(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "2024-07-01 \(p(hour)):\(p(minute)):\(p(second))"
    }

    static func run(_ lines: [String]) throws -> ComputationResult {
        var r = ReadingsFile()
        r.normalDay("2024-07-01")
        return try MiniRun.compute(.standard, r, packets: lines, from: "2024-07-01", to: "2024-07-01")
    }

    @Test func aSteadyThirtyMinuteOffsetRaisesClockAndAMinorityResentLateDoesNot() throws {
        var lines: [String] = []
        // p1: four lines, each received 30 minutes (and some milliseconds) after its DataTime.
        for h in 1...4 { lines.append(Self.line("pg1001", Self.at(h, 10), received: Self.at(h, 40, 0) + ".250")) }
        // ta: seven lines on time (+2 s), three re-sent 50 minutes late after an outage, with
        // QN the re-send time — the QN rule alone would call that skew.
        for h in 1...7 { lines.append(Self.line("t10001", Self.at(h, 20), received: Self.at(h, 20, 2) + ".900")) }
        for h in 8...10 {
            lines.append(Self.line("t10001", Self.at(h, 20), received: Self.at(h + 1, 10, 0) + ".000", qn: Self.at(h + 1, 10)))
        }
        // tb: five lines on time (+1 s) and one whose DataTime is 11 minutes after its receive time.
        for h in 1...5 { lines.append(Self.line("t10002", Self.at(h, 30), received: Self.at(h, 30, 1) + ".000")) }
        lines.append(Self.line("t10002", Self.at(6, 41), received: Self.at(6, 30, 0) + ".000"))
        let result = try Self.run(lines)
        // p1: lags 1800 ×4 → median 1800 s > 600 s.
        #expect(result.dq(.clock, point: "p1").map(\.detail) == ["median receive time − DataTime 1800 s over 4 lines"])
        // ta: lags 2 ×7, 3000 ×3 → median 2 s; nothing ahead.
        #expect(result.dq(.clock, point: "ta").isEmpty)
        // tb: lags 1 ×5 and −660 → median 1 s, but a DataTime 660 s > 600 s after its receive time.
        #expect(result.dq(.clock, point: "tb").map(\.detail) == ["a DataTime 660 s after its receive time"])
        #expect(result.dq(.clock).count == 2)
    }

    @Test func withoutReceiveTimesTheResentLinesRaiseClockByQN() throws {
        var lines: [String] = []
        for h in 1...7 { lines.append(Self.line("t10001", Self.at(h, 20), received: nil, qn: Self.at(h, 20, 2))) }
        for h in 8...10 { lines.append(Self.line("t10001", Self.at(h, 20), received: nil, qn: Self.at(h + 1, 10))) }
        let result = try Self.run(lines)
        #expect(result.dq(.clock, point: "ta").map(\.detail) == [""])
    }

    @Test func aPointDayWithLinesWithAndWithoutReceiveTimesHasClockWhenEitherPartRaisesIt() throws {
        let result = try Self.run([
            // tot: two lines with receive times on time, one without whose QN is 20 minutes off.
            Self.line("100000", Self.at(1, 0), received: Self.at(1, 0, 1) + ".000"),
            Self.line("100000", Self.at(2, 0), received: Self.at(2, 0, 1) + ".000"),
            Self.line("100000", Self.at(3, 0), received: nil, qn: Self.at(3, 20)),
            // p1: lines without receive times on time; with receive times 12 minutes late.
            Self.line("pg1001", Self.at(1, 0), received: nil, qn: Self.at(1, 0, 1)),
            Self.line("pg1001", Self.at(2, 0), received: Self.at(2, 12, 0) + ".000", qn: Self.at(2, 0, 1)),
            // ta: both parts within the limit.
            Self.line("t10001", Self.at(1, 0), received: nil, qn: Self.at(1, 10)),
            Self.line("t10001", Self.at(2, 0), received: Self.at(2, 10, 0) + ".000"),
        ])
        #expect(result.dq(.clock, point: "tot").map(\.detail) == [""])
        #expect(result.dq(.clock, point: "p1").map(\.detail) == ["median receive time − DataTime 720 s over 1 line"])
        #expect(result.dq(.clock, point: "ta").isEmpty)
    }

    /// 传输情况 re-send lag (seed 001 §6.1 "补传滞后时间不超过1小时"): point-lines received more
    /// than an hour after their DataTime, and the largest lag, per district and the city.
    @Test func transmissionFiguresCountLinesResentMoreThanAnHourLateAndTheLargestLag() throws {
        var c = MiniCity.standard
        c.add("enterprises.csv", "E2,乙公司,,130606,橡胶,38.9,115.3,1.0,,")
        c.add("collectors.csv", "M2,E2")
        c.add("facilities.csv", "P2,E2,production,密炼,,,0.03,,,,,,,")
        c.add("points.csv", "q1,E2,M2,pg1001,production,P2,设备,,,,,")
        let lines = [
            // M1 (竞秀区) p1: lags 2 s, 3000 s, 3601 s, 7200 s → two late, largest 120 min.
            Self.line("pg1001", Self.at(1, 0), received: Self.at(1, 0, 2) + ".000"),
            Self.line("pg1001", Self.at(2, 0), received: Self.at(2, 50, 0) + ".000"),
            Self.line("pg1001", Self.at(3, 0), received: Self.at(4, 0, 1) + ".999"),
            Self.line("pg1001", Self.at(4, 0), received: Self.at(6, 0, 0) + ".000"),
            // M1 ta: 3700 s → one late.
            Self.line("t10001", Self.at(1, 0), received: Self.at(2, 1, 40) + ".000"),
            // M2 (莲池区) q1: 30 s → none late, largest 0.5 min.
            Self.line("pg1001", Self.at(1, 0), received: Self.at(1, 0, 30) + ".000").replacingOccurrences(of: "MN=M1", with: "MN=M2"),
        ]
        let ws = try StoreWorkspace()
        let registryDir = ws.dir.appendingPathComponent("registry")
        try c.write(to: registryDir)
        try ws.importRegistry(registryDir.path, from: "2024-06-01")
        let log = ws.dir.appendingPathComponent("received.log")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: log)
        try ws.load([log.path], registryDay: "2024-07-01")
        let outcome = try StoredComputation.run(store: ws.store, settings: MiniRun.hourly, from: Day("2024-07-01")!,
                                                to: Day("2024-07-01")!, engineVersion: "test", reuse: false)
        let data = try PeriodReportData(rows: outcome.rows, period: .day, store: ws.store)
        let (city, districts) = data.transmission
        #expect(districts.map(\.code) == ["130602", "130606"])
        #expect(city.resentLateLines == 3 && city.largestResendLagMinutes == 120)
        #expect(districts[0].resentLateLines == 3 && districts[0].largestResendLagMinutes == 120)
        #expect(districts[1].resentLateLines == 0 && districts[1].largestResendLagMinutes == 0.5)
        let sheet = data.transmissionRows().rows
        let late = Array(TransmissionField.allCases).firstIndex(of: .resentLateLines) ?? -1
        let largest = Array(TransmissionField.allCases).firstIndex(of: .maxResendLagMinutes) ?? -1
        #expect(sheet.map { $0[late] } == [ReportCell.integer(3), .integer(0), .integer(3)])
        #expect(sheet.map { $0[largest] } == [ReportCell.number(120), .number(0.5), .number(120)])
    }
}
