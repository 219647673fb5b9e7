import Foundation
@testable import JobRunner
import Logging
import PEMSCore
import Testing
import TestSupport

/// The alarm feed (`alarms/alarms_D.jsonl`, Jobs/README.md "The alarm feed"; seed 001 §4.2)
/// over three nightly runs of the SPEC 2 conformance city, 2024-07-10 … 07-12. Its expected
/// `events.csv` gives the events; one change makes an event end: a registry version effective
/// 07-12 records that E001-T2's activated carbon was replaced on 07-12 06:00, so its
/// CARBON_OVERDUE (due since 07-10, SPEC §13.17: status at each day's end) ends at 07-12 00:00.
@Suite(.serialized) struct AlarmFeedTests {
    static let days = ["2024-07-10", "2024-07-11", "2024-07-12"].map { Day($0)! }

    /// The three nights, a rerun of the last into another folder, told once.
    final class Story: @unchecked Sendable {
        let ws: StoreWorkspace
        var runs: [JobOutcome] = []
        /// The outbox's files after the three nights (path → text).
        var feeds: [String: String] = [:]
        var rerunFeed: String?
        var rerunRunID = 0

        static func shared() throws -> Story { try instance.get() }
        private static let instance: Result<Story, Error> = Result { try Story() }

        private init() throws {
            ws = try ConformanceStore.workspace(.packets, label: "alarms")
            var settings = try SettingsFile.load(path: ConformanceStore.fixture + "/pems.yaml")
            settings.districtEditions = false
            let registry2 = ws.dir.appendingPathComponent("registry2")
            try FileManager.default.copyItem(atPath: ConformanceStore.fixture + "/registry", toPath: registry2.path)
            let carbon = registry2.appendingPathComponent("carbon.csv")
            var text = try String(contentsOf: carbon, encoding: .utf8)
            if !text.hasSuffix("\n") { text += "\n" }
            try (text + "E001-T2,2024-07-12 06:00,500\n").write(to: carbon, atomically: true, encoding: .utf8)
            try ws.importRegistry(registry2.path, from: "2024-07-12")

            for d in AlarmFeedTests.days {
                let (_, registry) = try ws.store.registry(for: d)
                runs.append(try run(JobPlan.nightly(d, registry: registry), out: "out", settings: settings))
            }
            for d in AlarmFeedTests.days {
                feeds[d.description] = try String(contentsOf: ws.dir.appendingPathComponent("out/alarms/alarms_\(d).jsonl"), encoding: .utf8)
            }
            let last = AlarmFeedTests.days[2]
            let (_, registry) = try ws.store.registry(for: last)
            let rerun = try run(JobPlan.rerun(from: last, to: last, registry: registry), out: "audit", settings: settings)
            rerunRunID = rerun.runID
            rerunFeed = try? String(contentsOf: ws.dir.appendingPathComponent("audit/alarms/alarms_\(last).jsonl"), encoding: .utf8)
        }

        func run(_ plan: JobPlan, out: String, settings: Settings) throws -> JobOutcome {
            let context = JobContext(store: ws.store, settings: settings,
                                     templates: SharedFixture.repositoryRoot.appendingPathComponent("ReportTemplates"),
                                     out: ws.dir.appendingPathComponent(out, isDirectory: true), inbox: nil,
                                     engineVersion: "test", logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
                                     command: plan.kind.rawValue)
            return try JobRunner(context: context).run(plan)
        }
    }

    /// "state key start end ongoing duration minutes violating" of each line of a feed.
    static func summary(_ text: String) throws -> [String] {
        try text.split(separator: "\n").map { line in
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return ["state", "key", "start", "end", "ongoing", "duration_minutes", "minutes", "violating_minutes"]
                .map { "\(o[$0] ?? "-")" }.joined(separator: " ")
        }
    }

    /// By hand from `expected/events.csv`: the events overlapping each day, in its order (rule,
    /// enterprise, facility, start); CARBON_OVERDUE covers whole days (1440 minutes inside each)
    /// and runs to 24:00 of the day computed (ongoing, 1 = true); E001-T2's ends at 07-12 00:00.
    static let expected: [String: [String]] = [
        "2024-07-10": [
            "open CARBON_OVERDUE.E001-T1.20240706T0000 2024-07-06 00:00 2024-07-11 00:00 1 7200 1440 1440",
            "new CARBON_OVERDUE.E001-T2.20240710T0000 2024-07-10 00:00 2024-07-11 00:00 1 1440 1440 1440",
            "new LIMIT_VIOLATION.E002.20240710T0800 2024-07-10 08:00 2024-07-10 17:45 0 585 585 585",
            "new SHIFT_VIOLATION.E003-P1.20240710T1000 2024-07-10 10:00 2024-07-10 16:00 0 360 360 360",
            "new STOP_VIOLATION.E001-P1.20240710T0800 2024-07-10 08:00 2024-07-10 18:15 0 615 615 615",
            "new STOP_VIOLATION.E001-P2.20240710T0800 2024-07-10 08:00 2024-07-10 18:15 0 615 615 615",
            "new TREATMENT_STOPPED.E002-T2.20240710T0900 2024-07-10 09:00 2024-07-10 11:00 0 120 120 120",
        ],
        "2024-07-11": [
            "open CARBON_OVERDUE.E001-T1.20240706T0000 2024-07-06 00:00 2024-07-12 00:00 1 8640 1440 1440",
            "open CARBON_OVERDUE.E001-T2.20240710T0000 2024-07-10 00:00 2024-07-12 00:00 1 2880 1440 1440",
            "new CARBON_OVERDUE.E004-T1.20240711T0000 2024-07-11 00:00 2024-07-12 00:00 1 1440 1440 1440",
            "new SHIFT_VIOLATION.E002-P1.20240711T1100 2024-07-11 11:00 2024-07-11 15:00 0 240 240 240",
            "new SHIFT_VIOLATION.E002-P2.20240711T1100 2024-07-11 11:00 2024-07-11 15:00 0 240 240 240",
            "new TREATMENT_INEFFECTIVE.E003-T1.20240711T0830 2024-07-11 08:30 2024-07-11 10:30 0 120 120 120",
            "new TREATMENT_STOPPED.E001-T1.20240711T0830 2024-07-11 08:30 2024-07-11 10:00 0 90 90 90",
        ],
        "2024-07-12": [
            "open CARBON_OVERDUE.E001-T1.20240706T0000 2024-07-06 00:00 2024-07-13 00:00 1 10080 1440 1440",
            "closed CARBON_OVERDUE.E001-T2.20240710T0000 2024-07-10 00:00 2024-07-12 00:00 0 2880 1440 1440",
            "open CARBON_OVERDUE.E004-T1.20240711T0000 2024-07-11 00:00 2024-07-13 00:00 1 2880 1440 1440",
            "new OFFLINE.E002.20240712T1400 2024-07-12 14:00 2024-07-12 17:00 0 180 180 180",
            "new TREATMENT_INEFFECTIVE.E001-T1.20240712T0900 2024-07-12 09:00 2024-07-12 09:45 0 45 45 45",
            "new TREATMENT_LOW.E004-T1.20240712T0830 2024-07-12 08:30 2024-07-12 11:00 0 150 150 150",
            "new TREATMENT_STOPPED.E001-T2.20240712T0900 2024-07-12 09:00 2024-07-12 10:00 0 60 60 60",
        ],
    ]

    @Test func eachNightsFeedListsTheDaysEventsAsNewOpenOrClosedAgainstTheNightBefore() throws {
        let s = try Story.shared()
        for d in Self.days {
            let text = try #require(s.feeds[d.description])
            #expect(try Self.summary(text) == Self.expected[d.description], "\(d)")
        }
    }

    /// E001-T2's CARBON_OVERDUE line on each night, whole: new (and still running), open, then
    /// closed with the 07-11 record and its page (2nd of 07-11's pack, by event number). By
    /// hand: its carbon was replaced 2024-04-11 10:00 (registry carbon.csv), so at the end of
    /// 07-10 it has been in use 90.583333333333 days (≥ its 90-day cycle), 91.583333333333 at
    /// the end of 07-11; the event's violating slots are its whole days of 15-minute slots (96, 192).
    @Test func anEventThatStartsContinuesAndEndsReadsNewThenOpenThenClosed() throws {
        let s = try Story.shared()
        func line(_ day: String) throws -> String {
            try #require(s.feeds[day]?.split(separator: "\n").map(String.init).first { $0.contains("\"key\":\"CARBON_OVERDUE.E001-T2.") })
        }
        let head = "\"key\":\"CARBON_OVERDUE.E001-T2.20240710T0000\",\"rule\":\"CARBON_OVERDUE\",\"rule_name\":\"活性炭更换超期\",\"enterprise_id\":\"E001\",\"enterprise\":\"保定华通1有限公司\",\"district_code\":\"130602\",\"district\":\"竞秀区\",\"facility_id\":\"E001-T2\",\"facility\":\"AC治理设施2\",\"start\":\"2024-07-10 00:00\""
        let l10 = try line("2024-07-10")
        #expect(l10 == "{\"day\":\"2024-07-10\",\"state\":\"new\"," + head
            + ",\"end\":\"2024-07-11 00:00\",\"ongoing\":true,\"duration_minutes\":1440,\"minutes\":1440,\"violating_minutes\":1440,"
            + "\"facts\":{\"violating_slots\":96,\"gap_slots\":0,\"carbon\":{\"days\":90.583333333333}},\"evidence\":\"daily/2024-07-10/evidence-2024-07-10.pdf\",\"evidence_page\":2,"
            + "\"evidence_png\":\"daily/2024-07-10/evidence-CARBON_OVERDUE.E001-T2.20240710T0000.png\","
            + "\"message\":\"新告警：竞秀区 保定华通1有限公司 AC治理设施2 活性炭更换超期 07-10 00:00起，持续中，已1天\"}", "\(l10)")
        let l11 = try line("2024-07-11")
        #expect(l11 == "{\"day\":\"2024-07-11\",\"state\":\"open\"," + head
            + ",\"end\":\"2024-07-12 00:00\",\"ongoing\":true,\"duration_minutes\":2880,\"minutes\":1440,\"violating_minutes\":1440,"
            + "\"facts\":{\"violating_slots\":192,\"gap_slots\":0,\"carbon\":{\"days\":91.583333333333}},\"evidence\":\"daily/2024-07-11/evidence-2024-07-11.pdf\",\"evidence_page\":2,"
            + "\"evidence_png\":\"daily/2024-07-11/evidence-CARBON_OVERDUE.E001-T2.20240710T0000.png\","
            + "\"message\":\"告警持续：竞秀区 保定华通1有限公司 AC治理设施2 活性炭更换超期 07-10 00:00起，已2天\"}", "\(l11)")
        let l12 = try line("2024-07-12")
        #expect(l12 == "{\"day\":\"2024-07-12\",\"state\":\"closed\"," + head
            + ",\"end\":\"2024-07-12 00:00\",\"ongoing\":false,\"duration_minutes\":2880,\"minutes\":1440,\"violating_minutes\":1440,"
            + "\"facts\":{\"violating_slots\":192,\"gap_slots\":0,\"carbon\":{\"days\":91.583333333333}},\"evidence\":\"daily/2024-07-11/evidence-2024-07-11.pdf\",\"evidence_page\":2,"
            + "\"evidence_png\":\"daily/2024-07-11/evidence-CARBON_OVERDUE.E001-T2.20240710T0000.png\","
            + "\"message\":\"告警结束：竞秀区 保定华通1有限公司 AC治理设施2 活性炭更换超期 07-10 00:00至07-12 00:00，共2天\"}", "\(l12)")
    }

    @Test func everyMessageFitsAnSMS() throws {
        let s = try Story.shared()
        for (day, text) in s.feeds {
            for line in text.split(separator: "\n") {
                let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                let message = try #require(o["message"] as? String)
                #expect(message.count <= 70, "\(day): \(message)")
            }
        }
    }

    @Test func theRunsPublishEachDaysFileBesideTheEarlierOnesAndRecordItInTheLedger() throws {
        let s = try Story.shared()
        let names = try FileManager.default.contentsOfDirectory(atPath: s.ws.dir.appendingPathComponent("out/alarms").path).sorted()
        #expect(names == ["alarms_2024-07-10.jsonl", "alarms_2024-07-11.jsonl", "alarms_2024-07-12.jsonl"])
        for (run, d) in zip(s.runs, Self.days) {
            let outputs = try s.ws.store.runOutputs(RunID(run.runID)).filter { $0.path.hasPrefix("alarms/") }
            let bytes = Data(try #require(s.feeds[d.description]).utf8)
            #expect(outputs.map(\.path) == ["alarms/alarms_\(d).jsonl"])
            #expect(outputs.first?.sha256 == ContentHash.sha256(Array(bytes)))
        }
    }

    @Test func aRerunOfTheDayWritesTheSameBytes() throws {
        let s = try Story.shared()
        #expect(s.rerunFeed != nil)
        #expect(s.rerunFeed == s.feeds["2024-07-12"])
    }

    /// `pems alarms --since RUN` prints what `AlarmFeed.since` returns.
    @Test func sinceARunGivesTheFeedsOfTheLaterNightlyRunsAndRefusesOtherRuns() throws {
        let s = try Story.shared()
        let first = try AlarmFeed.since(RunID(s.runs[0].runID), store: s.ws.store)
        #expect(first.days == Array(Self.days.dropFirst()))
        #expect(AlarmFeed.text(first.lines) == (s.feeds["2024-07-11"] ?? "") + (s.feeds["2024-07-12"] ?? ""))
        #expect(first.newestRun == s.runs[2].runID)
        let last = try AlarmFeed.since(RunID(s.runs[2].runID), store: s.ws.store)
        #expect(last.lines.isEmpty && last.newestRun == nil)
        #expect(throws: JobError.self) { try AlarmFeed.since(RunID(s.rerunRunID), store: s.ws.store) }
        do {
            _ = try AlarmFeed.since(RunID(s.rerunRunID), store: s.ws.store)
        } catch {
            #expect("\(error)" == "--since \(s.rerunRunID): run \(s.rerunRunID) is a rerun run, not a nightly one; give the id of a nightly run (`pems runs`)")
        }
        do {
            _ = try AlarmFeed.since(RunID(999), store: s.ws.store)
            Issue.record("run 999 accepted")
        } catch {
            #expect("\(error)".hasPrefix("--since 999: no run 999 in "))
        }
    }
}

/// The SMS text of an alarm (`AlarmMessage`): at most 70 characters however long the names.
@Suite struct AlarmMessageTests {
    static let start = Timestamp("2026-07-05 09:00:00")!

    @Test func shortNamesAreKeptWhole() {
        let m = AlarmMessage.text(state: .new, ongoing: false, district: "竞秀区", enterprise: "保定华通1有限公司", facility: "AC治理设施2",
                                  ruleName: "治理设施停运", start: Self.start, end: Timestamp("2026-07-05 11:30:00")!)
        #expect(m == "新告警：竞秀区 保定华通1有限公司 AC治理设施2 治理设施停运 07-05 09:00至11:30，共2小时30分钟")
    }

    @Test func longNamesLoseTheFacilityFirstThenTheEndOfTheEnterpriseName() {
        let longest = "内蒙古自治区呼和浩特市赛罕区金桥开发区新型环保包装材料印刷与复合制品有限责任公司第二分公司"
        for state in AlarmState.allCases {
            for ongoing in [true, false] {
                let m = AlarmMessage.text(state: state, ongoing: ongoing, district: "土默特左旗", enterprise: longest,
                                          facility: "活性炭吸附脱附+催化燃烧治理设施3号线", ruleName: "未按规定错峰生产",
                                          start: Self.start, end: Timestamp("2026-07-07 16:45:00")!)
                #expect(m.count <= AlarmMessage.limit, "\(m.count): \(m)")
                #expect(m.hasPrefix(state.word + "：土默特左旗 内蒙古自治区呼和浩特市"))
                #expect(m.contains("…") && !m.contains("治理设施3号线") && m.contains("未按规定错峰生产 07-05 09:00"))
            }
        }
        let mid = "保定市满城区恒达橡胶制品与密封件有限公司"
        let m = AlarmMessage.text(state: .open, ongoing: true, district: "满城区", enterprise: mid, facility: "活性炭吸附脱附+催化燃烧治理设施3号线",
                                  ruleName: "治理设施无效运行", start: Self.start, end: Timestamp("2026-07-06 00:00:00")!)
        #expect(m == "告警持续：满城区 保定市满城区恒达橡胶制品与密封件有限公司 治理设施无效运行 07-05 09:00起，已15小时")
    }

    @Test func durationsReadInMinutesHoursAndDays() {
        #expect(AlarmMessage.duration(45) == "45分钟")
        #expect(AlarmMessage.duration(60) == "1小时")
        #expect(AlarmMessage.duration(150) == "2小时30分钟")
        #expect(AlarmMessage.duration(2880) == "2天")
        #expect(AlarmMessage.duration(1440 + 360 + 15) == "1天6小时")
    }
}
